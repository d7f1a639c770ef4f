"""Determinants (det, det-rows, det-cofactor) against SymPy's own determinant."""

from __future__ import annotations

import random

import pytest
import sympy
from sympy import Matrix

from support.cases import n_cases
from support.render import assert_renders

from linalg_tutor.steps import BadInput
from tests.steps.test_basics import run, square

WORKBOOK = Matrix([[1, 2, 3], [0, 4, 5], [1, 0, 6]])


@pytest.mark.parametrize("name, seed", [("det", 201), ("det-rows", 202)])
def test_det_matches_sympy(name: str, seed: int) -> None:
    rng = random.Random(seed)
    for k in range(n_cases(1000)):
        A = square(rng, largest=6 if k % 50 == 0 else 5)
        d = run(name, A)
        assert d.result == A.det(), A
        assert d.verified, (A, d.checks)


def test_det_cofactor_any_row_matches_sympy() -> None:
    rng = random.Random(203)
    for _ in range(n_cases(1000)):
        A = square(rng)
        row = rng.choice([None, rng.randint(1, A.rows)])
        d = run("det-cofactor", A, None if row is None else sympy.Integer(row))
        assert d.result == A.det(), (A, row)
        assert d.verified, (A, row, d.checks)


def test_workbook_example_expands_row_one() -> None:
    d = run("det", WORKBOOK)
    text = d.to_text()
    assert d.result == 22
    assert d.title == "Determinant by cofactor expansion along row 1"
    assert "M₁₁ = 4·6 − 5·0 = 24 − 0 = 24" in text
    assert "M₁₂ = 0·6 − 5·1 = 0 − 5 = −5" in text
    assert "M₁₃ = 0·0 − 4·1 = 0 − 4 = −4" in text
    assert "det(A) = 1·24 − 2·(−5) + 3·(−4) = 24 + 10 − 12 = 22" in text
    assert "in a 3×3 that saves only a single 2×2 minor" in text  # the row choice is explained
    assert d.summary == "det(A) = 22"


def test_row_with_most_zeros_is_chosen_and_explained() -> None:
    A = Matrix([[1, 2, 3, 4], [0, 4, 0, 5], [1, 0, 6, 0], [2, 1, 1, 1]])
    d = run("det", A)
    text = d.to_text()
    assert d.title.endswith("along row 2")
    assert "Row 2 has the most zeros (2)" in text
    assert "a₂₁ = 0, so its term is 0 and M₂₁ is not needed." in text
    assert "M₂₂ = 6 − 3 − 44 = −41" in text
    assert d.result == A.det() == -69


def test_forced_row() -> None:
    d = run("det-cofactor", WORKBOOK, sympy.Integer(3))
    assert d.title.endswith("along row 3")
    assert "det(A) = 1·(−2) + 6·4 = −2 + 24 = 22" in d.to_text()


def test_two_by_two_formula() -> None:
    d = run("det", Matrix([[1, 2], [3, 4]]))
    assert "det(A) = a·d − b·c = 1·4 − 2·3 = 4 − 6 = −2" in d.to_text()


def test_symbolic_cofactor() -> None:
    a, b, c, e = sympy.symbols("a b c e")
    d = run("det", Matrix([[a, b, 0], [c, e, 0], [0, 0, 1]]))
    assert sympy.expand(d.result - (a * e - b * c)) == 0
    assert d.verified


def test_det_rows_counts_swaps() -> None:
    d = run("det-rows", Matrix([[0, 2, 3], [1, 4, 5], [1, 0, 6]]))
    text = d.to_text()
    assert "det changes sign (swaps so far: 1)" in text
    assert "det(A) = (−1)¹·1·2·7 = −14" in text
    assert d.result == -14


def test_det_rows_stops_at_missing_pivot() -> None:
    d = run("det-rows", Matrix([[1, 2, 3], [2, 4, 5], [3, 6, 6]]))
    assert d.result == 0
    assert "Column 2: no pivot" in d.to_text()
    assert "so det(A) = 0 as well" in d.to_text()


def test_large_det_uses_rows() -> None:
    A = Matrix(5, 5, lambda i, j: (i + 1) ** j)  # Vandermonde, det 288
    d = run("det", A)
    assert d.title.startswith("Determinant by row reduction")
    assert d.result == 288


@pytest.mark.parametrize("name, args, message", [
    ("det", (Matrix([[1, 2, 3], [4, 5, 6]]),), "det needs a square matrix; A is 2×3"),
    ("det-rows", (Matrix([[1, 2]]),), "square matrix; A is 1×2"),
    ("det-cofactor", (sympy.ones(6, 6),), "use det-rows"),
    ("det-cofactor", (WORKBOOK, sympy.Integer(4)), "between 1 and 3"),
    ("det", (sympy.ones(7, 7),), "up to 6×6"),
    ("det-rows", (Matrix([[sympy.Symbol("a"), 1], [1, 1]]),), "needs numbers"),
])
def test_bad_input(name: str, args: tuple, message: str) -> None:
    with pytest.raises(BadInput, match=message.replace("(", r"\(")):
        run(name, *args)


@pytest.mark.parametrize("name", ["det", "det-rows", "det-cofactor"])
def test_renderers(name: str) -> None:
    assert_renders(run(name, WORKBOOK))
