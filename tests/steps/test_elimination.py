"""Elimination (solve, rref, rank, nullspace, colspace) against SymPy."""

from __future__ import annotations

import random

import pytest
import sympy
from sympy import Matrix

from support.cases import n_cases
from support.render import assert_renders

from linalg_tutor.steps import BadInput
from tests.steps.test_basics import matrix, run, size, vector


def _system(rng: random.Random) -> tuple[Matrix, Matrix]:
    """A random A·x = b; half the time b = A·x so that a solution exists."""
    m, n = size(rng), size(rng)
    A = matrix(rng, m, n)
    b = A * vector(rng, n) if rng.random() < 0.5 else vector(rng, m)
    return A, b


def test_solve_matches_sympy() -> None:
    rng = random.Random(301)
    kinds = {"unique": 0, "none": 0, "infinite": 0}
    for _ in range(n_cases(1000)):
        A, b = _system(rng)
        d = run("solve", A, b)
        assert d.verified, (A, b, d.checks)
        try:
            reference, params = A.gauss_jordan_solve(b)
        except ValueError:
            assert d.result == sympy.S.EmptySet, (A, b)
            assert d.summary.startswith("no solution")
            kinds["none"] += 1
            continue
        if params.rows == 0:
            assert d.result == reference, (A, b)
            kinds["unique"] += 1
            continue
        x = d.result
        free = sorted(x.free_symbols, key=str)
        assert len(free) == params.rows, (A, b, x)
        values = {t: sympy.Rational(rng.randint(-9, 9), rng.randint(1, 3)) for t in free}
        assert A * x.subs(values) == b, (A, b, x)
        kinds["infinite"] += 1
    assert min(kinds.values()) >= n_cases(100), kinds  # every outcome is exercised


def test_rref_matches_sympy() -> None:
    rng = random.Random(302)
    for _ in range(n_cases(1000)):
        A = matrix(rng, size(rng), size(rng))
        d = run("rref", A)
        R, pivots = A.rref()
        assert d.result == (R, pivots), A
        assert d.verified, (A, d.checks)


def test_rank_matches_sympy() -> None:
    rng = random.Random(303)
    for _ in range(n_cases(1000)):
        A = matrix(rng, size(rng), size(rng))
        d = run("rank", A)
        assert d.result == A.rank(), A
        assert d.verified, (A, d.checks)


def _rank(vectors: list[Matrix]) -> int:
    return Matrix.hstack(*vectors).rank() if vectors else 0


def test_nullspace_spans_sympys() -> None:
    rng = random.Random(304)
    for _ in range(n_cases(1000)):
        A = matrix(rng, size(rng), size(rng))
        d = run("nullspace", A)
        basis, reference = d.result, A.nullspace()
        assert len(basis) == len(reference), A
        assert _rank(basis) == _rank(reference) == _rank(basis + reference), A
        assert all(A * v == sympy.zeros(A.rows, 1) for v in basis), A
        assert d.verified, (A, d.checks)


def test_colspace_spans_sympys() -> None:
    rng = random.Random(305)
    for _ in range(n_cases(1000)):
        A = matrix(rng, size(rng), size(rng))
        d = run("colspace", A)
        basis, reference = d.result, A.columnspace()
        assert basis == reference, A  # both are the pivot columns of A itself
        assert _rank(basis) == len(basis) == A.rank(), A
        assert d.verified, (A, d.checks)


# ---- wording ----------------------------------------------------------------------------------


def test_solve_unique_wording() -> None:
    d = run("solve", Matrix([[0, 2, 1], [1, 1, 1], [2, 1, 3]]), Matrix([3, 2, 5]))
    text = d.to_text()
    assert "The entry in row 1 is 0, so we swap in row 2" in text
    assert "after R1 ↔ R2" in text
    assert "after R3 ← R3 − 2·R1" in text
    assert "after R3 ← R3 + (1/2)·R2" in text
    assert "2·x₂ = 3 − x₃ = 3 − 5/3 = 4/3" in text
    assert "x₂ = (4/3)/2 = 2/3" in text
    assert d.result == Matrix([sympy.Rational(-1, 3), sympy.Rational(2, 3), sympy.Rational(5, 3)])
    assert d.summary == "unique solution x = [−1/3, 2/3, 5/3]"


def test_solve_no_solution_names_the_row() -> None:
    d = run("solve", Matrix([[1, 2], [2, 4], [1, 1]]), Matrix([1, 5, 1]))
    assert "Row 3 reads 0·x₁ + 0·x₂ = 3, i.e. 0 = 3, which is impossible." in d.to_text()
    assert d.result == sympy.S.EmptySet
    assert d.summary == "no solution: row 3 of the echelon form reads 0 = 3"


def test_solve_infinite_parametric() -> None:
    d = run("solve", Matrix([[1, 2, 1], [2, 4, 2], [1, 1, 1]]), Matrix([4, 8, 3]))
    t1 = sympy.Symbol("t₁")
    assert d.result == Matrix([2 - t1, 1, t1])
    assert "x₃ is free: x₃ = t₁" in d.to_text()
    assert d.summary == "infinitely many solutions: x = [2, 1, 0] + t₁·[−1, 0, 1]"


def test_rref_wording() -> None:
    d = run("rref", Matrix([[1, 2, 1, 0], [2, 4, 0, 2], [1, 2, 3, -2]]))
    text = d.to_text()
    assert "Column 2: no pivot" in text
    assert "after R2 ← (−1/2)·R2" in text
    assert "Pivots in columns 1 and 3 (at (1, 1), (2, 3)); rank 2." in text
    assert d.result[1] == (0, 2)


def test_nullspace_and_colspace_wording() -> None:
    A = Matrix([[1, 2, 1, 0], [2, 4, 0, 2], [1, 2, 3, -2]])
    text = run("nullspace", A).to_text()
    assert "Row 1: x₁ = −2·x₂ − x₄" in text
    assert "x₂ = 1, x₄ = 0: v₁ = [−2, 1, 0, 0]" in text
    text = run("colspace", A).to_text()
    assert "column 3 of A: [1, 0, 3]" in text


def test_full_rank_nullspace_is_zero() -> None:
    d = run("nullspace", sympy.eye(3))
    assert d.result == [] and d.verified


def test_one_kind_of_root_is_exact() -> None:
    r2 = sympy.sqrt(2)
    A, b = Matrix([[1, r2], [r2, 3]]), Matrix([1, 0])
    d = run("solve", A, b)
    assert d.result == Matrix([3, -r2]) and d.verified
    d = run("solve", Matrix([[1, sympy.I], [sympy.I, 2]]), Matrix([1, 1]))
    assert d.verified


@pytest.mark.parametrize("name, args, message", [
    ("solve", (Matrix([[1, sympy.sqrt(2)], [sympy.I, 3]]), Matrix([1, 0])), "A mixes i and √2"),
    ("rref", (Matrix([[sympy.pi, 1]]),), "fractions and square roots"),
    ("solve", (Matrix([[1, 2], [3, 4]]), Matrix([1, 2, 3])), "A is 2×2, so b needs 2 entries"),
    ("solve", (Matrix([[1, 2]]), Matrix([[1, 2], [3, 4]])), "needs a vector for b"),
    ("rref", (Matrix([[sympy.Symbol("a"), 1]]),), "needs numbers"),
    ("rank", (sympy.ones(7, 1),), "up to 6×6"),
])
def test_bad_input(name: str, args: tuple, message: str) -> None:
    with pytest.raises(BadInput, match=message):
        run(name, *args)


@pytest.mark.parametrize("name, args", [
    ("solve", (Matrix([[1, 2], [3, 4]]), Matrix([5, 6]))),
    ("solve", (Matrix([[1, 2], [2, 4]]), Matrix([1, 3]))),
    ("rref", (Matrix([[1, 2], [3, 4]]),)),
    ("rank", (Matrix([[1, 2], [2, 4]]),)),
    ("nullspace", (Matrix([[1, 2], [2, 4]]),)),
    ("colspace", (Matrix([[1, 2], [2, 4]]),)),
])
def test_renderers(name: str, args: tuple) -> None:
    assert_renders(run(name, *args))
