"""Inverses (inverse, inverse-gj) against SymPy, including singular matrices."""

from __future__ import annotations

import random

import pytest
import sympy
from sympy import Matrix

from support.cases import n_cases
from support.render import assert_renders

from linalg_tutor.steps import BadInput, NotPossible
from tests.steps.test_basics import run, square


@pytest.mark.parametrize("name, seed", [("inverse", 401), ("inverse-gj", 402)])
def test_inverse_matches_sympy(name: str, seed: int) -> None:
    rng = random.Random(seed)
    singular = 0
    for _ in range(n_cases(1000)):
        A = square(rng)
        if A.det() == 0:
            singular += 1
            with pytest.raises(NotPossible) as caught:
                run(name, A)
            d = caught.value.derivation
            assert d is not None and d.verified, (A, d and d.checks)
            continue
        d = run(name, A)
        assert d.result == A.inv(), A
        assert d.verified, (A, d.checks)
    assert singular >= n_cases(100)


def test_two_by_two_formula_wording() -> None:
    d = run("inverse", Matrix([[2, 1], [5, 3]]))
    text = d.to_text()
    assert d.title == "Inverse of a 2×2 matrix by the formula"
    assert "det(A) = a·d − b·c = 2·3 − 1·5 = 6 − 5 = 1" in text
    assert d.result == Matrix([[3, -1], [-5, 2]])
    assert [c for c, _ in d.checks] == ["A·A⁻¹ = I", "A⁻¹·A = I"]


def test_gauss_jordan_wording() -> None:
    d = run("inverse", Matrix([[0, 2, 1], [1, 1, 1], [2, 1, 3]]))
    text = d.to_text()
    assert "[A | I] =" in text
    assert "after R1 ↔ R2" in text
    assert "make the pivot 1" in text
    assert "[I | A⁻¹] =" in text
    assert d.result == Matrix([[0, 2, 1], [1, 1, 1], [2, 1, 3]]).inv()


def test_inverse_gj_forces_elimination_for_2x2() -> None:
    d = run("inverse-gj", Matrix([[2, 1], [5, 3]]))
    assert "Gauss–Jordan" in d.title
    text = d.to_text()
    assert "after R1 ← (1/2)·R1" in text
    assert "after R2 ← R2 − 5·R1" in text


def test_singular_formula_explains() -> None:
    with pytest.raises(NotPossible) as caught:
        run("inverse", Matrix([[1, 2], [2, 4]]))
    assert "det(A) = 0" in caught.value.message
    text = caught.value.derivation.to_text()
    assert "det(A) = a·d − b·c = 1·4 − 2·2 = 4 − 4 = 0" in text
    assert "for example A·v = 0 with v = [−2, 1]" in text
    assert "A·x = b has no unique solution" in text


def test_singular_gauss_jordan_stops_at_zero_pivot() -> None:
    with pytest.raises(NotPossible) as caught:
        run("inverse", Matrix([[1, 2, 3], [2, 4, 6], [1, 0, 1]]))
    d = caught.value.derivation
    assert d.steps[-1].title == "Column 3: no pivot"
    assert "the columns are dependent" in caught.value.message
    assert_renders(d)


@pytest.mark.parametrize("args, message", [
    ((Matrix([[1, 2, 3]]),), "square matrix; A is 1×3"),
    ((Matrix([[sympy.Symbol("a")]]),), "needs numbers"),
])
def test_bad_input(args: tuple, message: str) -> None:
    with pytest.raises(BadInput, match=message):
        run("inverse", *args)


@pytest.mark.parametrize("name, A", [
    ("inverse", Matrix([[2, 1], [5, 3]])),
    ("inverse", Matrix([[1, 2, 0], [0, 1, 0], [1, 0, 1]])),
    ("inverse-gj", Matrix([[2, 1], [5, 3]])),
])
def test_renderers(name: str, A: Matrix) -> None:
    assert_renders(run(name, A))
