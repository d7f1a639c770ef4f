"""Least squares and projection against the closed forms (AᵀA)⁻¹Aᵀb and A(AᵀA)⁻¹Aᵀb."""

from __future__ import annotations

import random

import pytest
import sympy
from sympy import Matrix

from support.cases import n_cases
from support.render import assert_renders

from linalg_tutor.steps import BadInput, NotPossible
from tests.steps.test_basics import matrix, run, size, vector


def _tall(rng: random.Random) -> Matrix:
    """Mostly tall matrices (the least-squares case), sometimes square or wide."""
    n = size(rng, largest=4)
    m = min(6, n + rng.choice([0, 1, 1, 2, 2, 3])) if rng.random() < 0.9 else size(rng)
    return matrix(rng, m, n)


def test_lstsq_matches_normal_equations() -> None:
    rng = random.Random(601)
    refused = 0
    for _ in range(n_cases(1000)):
        A = _tall(rng)
        b = vector(rng, A.rows)
        if A.rank() < A.cols:
            refused += 1
            with pytest.raises(NotPossible) as caught:
                run("lstsq", A, b)
            assert caught.value.derivation.verified, (A, b)
            continue
        d = run("lstsq", A, b)
        assert d.result == (A.T * A).inv() * A.T * b, (A, b)
        assert d.verified, (A, b, d.checks)
    assert refused >= n_cases(100)


def _projector(A: Matrix) -> Matrix:
    basis = A.columnspace()
    if not basis:
        return sympy.zeros(A.rows, A.rows)
    B = Matrix.hstack(*basis)
    return B * (B.T * B).inv() * B.T


def test_project_matches_closed_form() -> None:
    rng = random.Random(602)
    for _ in range(n_cases(1000)):
        A = _tall(rng)
        b = vector(rng, A.rows)
        d = run("project", b, A)
        assert d.result == _projector(A) * b, (A, b)
        assert d.verified, (A, b, d.checks)


# ---- wording ----------------------------------------------------------------------------------


def test_lstsq_wording() -> None:
    d = run("lstsq", Matrix([[1, 0], [1, 1], [1, 2]]), Matrix([6, 0, 0]))
    text = d.to_text()
    assert "(AᵀA)₁₂ = a₁·a₂ = 1·0 + 1·1 + 1·2 = 0 + 1 + 2 = 3" in text
    assert "(Aᵀb)₁ = a₁·b = 1·6 + 1·0 + 1·0 = 6 + 0 + 0 = 6" in text
    assert "3·x̂₁ = 6 − 3·x̂₂ = 6 − 3·(−3) = 15" in text
    assert "‖r‖² = r·r = 1·1 + (−2)·(−2) + 1·1 = 1 + 4 + 1 = 6" in text
    assert d.result == Matrix([5, -3])
    assert "Aᵀr = 0 (the residual is perpendicular to every column)" in [c for c, _ in d.checks]


def test_lstsq_rank_deficient() -> None:
    with pytest.raises(NotPossible, match=r"rank 1 < 2 columns"):
        run("lstsq", Matrix([[1, 2], [1, 2], [1, 2]]), Matrix([1, 2, 4]))


def test_project_onto_a_line() -> None:
    d = run("project", Matrix([1, 2, 3]), Matrix([1, 1, 1]))
    text = d.to_text()
    assert "p = (a·b / a·a)·a" in text
    assert "a·b / a·a = 6/3 = 2" in text
    assert d.result == Matrix([2, 2, 2])


def test_project_with_dependent_columns_uses_pivot_columns() -> None:
    d = run("project", Matrix([1, 2, 3]), Matrix([[1, 2, 0], [1, 2, 1], [1, 2, 0]]))
    assert "pivot columns (columns 1 and 3)" in d.to_text()
    assert d.result == Matrix([2, 2, 2])


def test_project_accepts_a_row_vector() -> None:
    assert run("project", Matrix([1, 2, 3]), Matrix([[1, 1, 1]])).result == Matrix([2, 2, 2])


@pytest.mark.parametrize("name, args, message", [
    ("lstsq", (Matrix([[1, 0], [1, 1]]), Matrix([1, 2, 3])), "A is 2×2, so b needs 2 entries"),
    ("project", (Matrix([1, 2]), Matrix([[1, 0], [0, 1], [1, 1]])), "b needs 3 entries"),
])
def test_bad_input(name: str, args: tuple, message: str) -> None:
    with pytest.raises(BadInput, match=message):
        run(name, *args)


@pytest.mark.parametrize("name, args", [
    ("lstsq", (Matrix([[1, 0], [1, 1], [1, 2]]), Matrix([6, 0, 0]))),
    ("project", (Matrix([6, 0, 0]), Matrix([[1, 0], [1, 1], [1, 2]]))),
    ("project", (Matrix([1, 2]), Matrix([3, 4]))),
])
def test_renderers(name: str, args: tuple) -> None:
    assert_renders(run(name, *args))
