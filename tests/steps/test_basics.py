"""Matrix arithmetic (matmul, transpose, trace, dot, add, scale) against SymPy.

This module also holds the random exact-matrix generators that the other step-family tests
import, so every family is exercised on the same kinds of input: small integers, fractions
with denominators ≤ 4, sparse matrices, singular ones and ones whose first pivot is zero.
"""

from __future__ import annotations

import random

import pytest
import sympy
from sympy import Integer, Matrix, Rational

from support.cases import n_cases
from support.render import assert_renders

from linalg_tutor.steps import BadInput
from linalg_tutor.steps.registry import get

# ---- shared generators (imported by the other test_*.py of the step engine) ------------------

#: Sizes 1…5, biased small so a thousand cases stay fast.
SIZE_WEIGHTS = ((1, 14), (2, 34), (3, 32), (4, 13), (5, 7))
STYLES = ("plain", "plain", "rational", "sparse", "singular", "zero_pivot")


def entry(rng: random.Random, zero_p: float = 0.12, rational_p: float = 0.2) -> sympy.Expr:
    roll = rng.random()
    if roll < zero_p:
        return Integer(0)
    if roll < zero_p + rational_p:
        return Rational(rng.randint(-5, 5), rng.randint(2, 4))
    return Integer(rng.randint(-5, 5))


def size(rng: random.Random, largest: int = 5) -> int:
    sizes = [s for s, _ in SIZE_WEIGHTS if s <= largest]
    weights = [w for s, w in SIZE_WEIGHTS if s <= largest]
    return rng.choices(sizes, weights)[0]


def matrix(rng: random.Random, rows: int, cols: int, style: str | None = None) -> Matrix:
    """A random exact matrix in one of several styles that stress different code paths."""
    style = style or rng.choice(STYLES)
    zero_p = {"sparse": 0.5}.get(style, 0.12)
    rational_p = {"rational": 0.6, "plain": 0.0}.get(style, 0.2)
    M = Matrix(rows, cols, lambda i, j: entry(rng, zero_p, rational_p))
    if style == "singular" and rows >= 2:
        # Row j becomes a combination of two other rows, so the rows are dependent.
        i, j = rng.sample(range(rows), 2)
        k = rng.choice([r for r in range(rows) if r != j])
        M[j, :] = rng.choice([0, 1, -1, 2, Rational(1, 2)]) * M[i, :] + rng.choice([0, 1]) * M[k, :]
    if style == "zero_pivot":
        M[0, 0] = 0
    return M


def square(rng: random.Random, largest: int = 5, style: str | None = None) -> Matrix:
    n = size(rng, largest)
    return matrix(rng, n, n, style)


def vector(rng: random.Random, n: int) -> Matrix:
    return Matrix(n, 1, lambda i, j: entry(rng))


def run(name: str, *args):
    return get(name).func(*args)


# ---- property tests ---------------------------------------------------------------------------


def test_matmul_matches_sympy() -> None:
    rng = random.Random(101)
    for _ in range(n_cases(1000)):
        m, n, p = size(rng), size(rng), size(rng)
        A, B = matrix(rng, m, n), matrix(rng, n, p)
        d = run("matmul", A, B)
        assert d.result == A * B, (A, B)
        assert d.verified, (A, B, d.checks)


def test_transpose_trace_dot_add_scale_match_sympy() -> None:
    rng = random.Random(102)
    for _ in range(n_cases(1000)):
        m, n = size(rng), size(rng)
        A = matrix(rng, m, n)
        B = matrix(rng, m, n)
        S = square(rng)
        u, v = vector(rng, n), vector(rng, n)
        c = entry(rng)
        cases = [
            (run("transpose", A), A.T),
            (run("trace", S), S.trace()),
            (run("dot", u, v), u.dot(v)),
            (run("add", A, B), A + B),
            (run("scale", c, A), c * A),
        ]
        for d, expected in cases:
            assert d.result == expected, (d.operation, A, B, S, u, v, c)
            assert d.verified, (d.operation, d.checks)


# ---- wording and errors -----------------------------------------------------------------------


def test_matmul_entry_wording() -> None:
    d = run("matmul", Matrix([[1, 2], [3, 4]]), Matrix([[5, 6], [7, 8]]))
    text = d.to_text()
    assert "C₁₂ = 1·6 + 2·8 = 6 + 16 = 22" in text
    assert "[2×2]·[2×2] → [2×2]" in text
    assert d.result == Matrix([[19, 22], [43, 50]])


def test_matmul_negative_entries_are_bracketed() -> None:
    d = run("matmul", Matrix([[1, -2]]), Matrix([[3], [-4]]))
    assert "C₁₁ = 1·3 + (−2)·(−4) = 3 + 8 = 11" in d.to_text()


def test_matmul_shape_mismatch_names_inner_dimensions() -> None:
    with pytest.raises(BadInput, match=r"A is 2×3 and B is 2×2, but 3 ≠ 2"):
        run("matmul", Matrix([[1, 2, 3], [4, 5, 6]]), Matrix([[1, 2], [3, 4]]))


def test_dot_wording_and_length_mismatch() -> None:
    d = run("dot", Matrix([1, 2, 3]), Matrix([4, -5, 6]))
    assert "u·v = 1·4 + 2·(−5) + 3·6 = 4 − 10 + 18 = 12" in d.to_text()
    with pytest.raises(BadInput, match="same length"):
        run("dot", Matrix([1, 2]), Matrix([1, 2, 3]))


def test_dot_accepts_row_vectors() -> None:
    assert run("dot", Matrix([[1, 2]]), Matrix([3, 4])).result == 11


def test_trace_wording_and_not_square() -> None:
    d = run("trace", Matrix([[1, 2], [3, 4]]))
    assert "tr(A) = a₁₁ + a₂₂ = 1 + 4 = 5" in d.to_text()
    with pytest.raises(BadInput, match="square"):
        run("trace", Matrix([[1, 2, 3]]))


def test_add_shape_mismatch() -> None:
    with pytest.raises(BadInput, match="same shape"):
        run("add", Matrix([[1, 2]]), Matrix([[1], [2]]))


def test_symbols_are_allowed_in_arithmetic() -> None:
    a, b = sympy.symbols("a b")
    d = run("matmul", Matrix([[a, 1]]), Matrix([[b], [2]]))
    assert d.result == Matrix([[a * b + 2]])
    assert d.verified


def test_too_large_is_bad_input() -> None:
    with pytest.raises(BadInput, match="up to 6×6"):
        run("transpose", sympy.ones(7, 2))


def test_floats_become_exact() -> None:
    d = run("scale", Integer(2), Matrix([[sympy.Float("0.5")]]))
    assert d.result == Matrix([[1]])


@pytest.mark.parametrize("name, args", [
    ("matmul", (Matrix([[1, 2], [3, 4]]), Matrix([[5, 6], [7, 8]]))),
    ("transpose", (Matrix([[1, 2, 3], [4, 5, 6]]),)),
    ("trace", (Matrix([[1, 2], [3, 4]]),)),
    ("dot", (Matrix([1, 2]), Matrix([3, 4]))),
    ("add", (Matrix([[1, 2]]), Matrix([[3, Rational(1, 2)]]))),
    ("scale", (Rational(-1, 2), Matrix([[1, 2]]))),
])
def test_renderers(name: str, args: tuple) -> None:
    assert_renders(run(name, *args))
