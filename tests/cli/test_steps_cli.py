"""``linalg-tutor steps``: the hand-calculation engine on the command line."""

from __future__ import annotations

import json

import pytest

from linalg_tutor.cli import main


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_det_cofactor_expansion_ends_in_22(capsys):
    code, out, _ = run(capsys, "steps", "det", "[[1,2,3],[0,4,5],[1,0,6]]")
    assert code == 0
    assert "cofactor" in out.lower()
    for minor in ("24", "−5", "−4"):
        assert minor in out or minor.replace("−", "-") in out
    assert out.rstrip().splitlines()[-1].endswith("22")


def test_det_json(capsys):
    code, out, _ = run(capsys, "steps", "det", "[[1,2,3],[0,4,5],[1,0,6]]", "--json")
    data = json.loads(out)
    assert code == 0 and data["operation"] == "det" and data["result"] == "22"
    assert all({"title", "lines"} <= set(step) for step in data["steps"])


def test_eigen_of_a_rotation_finds_i_and_explains(capsys):
    code, out, _ = run(capsys, "steps", "eigen", "[[0,-1],[1,0]]")
    assert code == 0
    assert "λ² + 1" in out
    assert "i" in out and "real eigenvector" in out.lower()


def test_inverse_json_result_as_sympy_prints_it(capsys):
    code, out, _ = run(capsys, "steps", "inverse", "[[2,1],[5,3]]", "--json")
    data = json.loads(out)
    assert code == 0 and data["result"] == "Matrix([[3, -1], [-5, 2]])"
    assert data["verified"] is True


def test_singular_inverse_exits_2_with_the_reason(capsys):
    code, out, err = run(capsys, "steps", "inverse", "[[1,2],[2,4]]")
    assert code == 2 and "singular" in (out + err).lower()


def test_indefinite_cholesky_exits_2(capsys):
    code, _, err = run(capsys, "steps", "cholesky", "[[1,2],[2,1]]")
    assert code == 2 and "positive definite" in err


@pytest.mark.parametrize("argv", [
    ["det", "[[1,2,3],[4,5,6]]"],          # not square
    ["det", "[[1,2],[3]]"],                # ragged
    ["det", "__import__('os')"],           # hostile
    ["det"],                               # missing input
    ["dett", "[[1]]"],                     # unknown operation
])
def test_bad_input_exits_2_with_a_message(capsys, argv):
    code, _, err = run(capsys, "steps", *argv)
    assert code == 2 and err.startswith("error: ")


@pytest.mark.parametrize("fmt", ["--markdown", "--latex"])
def test_other_formats(capsys, fmt):
    code, out, _ = run(capsys, "steps", "det", "[[1,2],[3,4]]", fmt)
    assert code == 0
    if fmt == "--latex":  # plain ASCII LaTeX: a minus is math, not a hyphen
        assert r"\ensuremath{-}2" in out and out.isascii()
    else:
        assert "-2" in out.replace("−", "-")


def test_gradient_of_a_typed_expression(capsys):
    code, out, _ = run(capsys, "steps", "gradient", "x^2*y + 3y", "[1, 2]", "--json")
    data = json.loads(out)
    assert code == 0
    assert "4" in json.dumps(data["result"])  # ∂/∂x = 2xy = 4 at (1, 2)
