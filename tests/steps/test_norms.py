"""Property and example tests for the norms family: norms, matrix-norms, cosine, quadform, cond.

Oracles: SymPy's ``Matrix.norm`` (1, 2, ∞, 'fro'), singular values via numpy, numpy.linalg.cond,
and the direct products u·v and xᵀ(Ax). Inputs are small integers and fractions.

Case counts and worker processes: see ``tests/support/cases.py``.
"""

from __future__ import annotations

import math
import random

import numpy as np
import pytest
import sympy
from sympy import Matrix, Rational, oo

from support.render import assert_renders
from support.cases import n_cases, run_cases

from linalg_tutor.steps import registry
from linalg_tutor.steps.derivation import BadInput, NotPossible
from linalg_tutor.steps.eigen import numeric_value
from linalg_tutor.steps.norms import cond, cosine, matrix_norms, norms, quadform

def entry(rng: random.Random) -> sympy.Rational:
    if rng.random() < 0.2:
        return Rational(rng.randint(-6, 6), rng.randint(2, 4))
    return sympy.Integer(rng.randint(-6, 6))


def vector(rng: random.Random, n: int) -> Matrix:
    return Matrix([entry(rng) for _ in range(n)])


def matrix(rng: random.Random, m: int, n: int) -> Matrix:
    return Matrix(m, n, lambda i, j: entry(rng))


def num(x: sympy.Expr) -> float:
    """Real value of an exact number; CRootOf atoms replaced by their fast numeric values."""
    roots = x.atoms(sympy.CRootOf)
    if roots:
        x = x.xreplace({r: sympy.Float(numeric_value(r).real, 30) for r in roots})
    return float(sympy.N(x, 20))


def to_numpy(M: Matrix) -> np.ndarray:
    return np.array(M.tolist(), dtype=float).reshape(M.shape)


# ---- norms -------------------------------------------------------------------------------------

def assert_norms(v: Matrix) -> None:
    d = norms(v)
    assert d.verified, (v, d.checks)
    assert d.result["L1"] == v.norm(1), v
    assert sympy.expand(d.result["L2"] - v.norm(2)) == 0, v
    assert d.result["Linf"] == v.norm(oo), v


def test_norms_match_sympy() -> None:
    rng = random.Random(601)
    run_cases(assert_norms, [(vector(rng, 1 + k % 5),) for k in range(n_cases(1000))])


def test_norms_example() -> None:
    d = norms(Matrix([3, -4, 12]))
    text = d.to_text()
    assert "‖v‖₁ = |3| + |−4| + |12| = 3 + 4 + 12 = 19" in text
    assert "‖v‖₂ = √(3² + (−4)² + 12²) = √(9 + 16 + 144) = √169 = 13" in text
    assert "‖v‖∞ = max(3, 4, 12) = 12" in text
    assert "12 ≤ 13 ≤ 19" in text
    d2 = norms(Matrix([[1, 1]]))  # a row is accepted as a vector
    assert d2.result["L2"] == sympy.sqrt(2)
    assert "√2 ≈ 1.4142" in d2.to_text()


# ---- matrix norms ------------------------------------------------------------------------------

def assert_matrix_norms(A: Matrix, ask_sympy_spectral: bool) -> None:
    m, n = A.shape
    d = matrix_norms(A)
    assert d.verified, (A, d.checks)
    r = d.result
    if m > 1 and n > 1:  # SymPy treats a single row or column as a vector
        assert sympy.expand(r["frobenius"] - A.norm("fro")) == 0, A
        assert r["max_column_sum"] == A.norm(1), A
        assert r["max_row_sum"] == A.norm(oo), A
    else:
        assert sympy.expand(r["frobenius"] - A.norm(2)) == 0, A
        assert r["max_column_sum"] == max(sum(abs(x) for x in A.col(j)) for j in range(n))
        assert r["max_row_sum"] == max(sum(abs(x) for x in A.row(i)) for i in range(m))
    s = np.linalg.svd(to_numpy(A), compute_uv=False)
    assert abs(num(r["spectral"]) - s[0]) < 1e-8 * max(1.0, s[0]), A
    assert abs(num(r["nuclear"]) - s.sum()) < 1e-8 * max(1.0, s.sum()), A
    if ask_sympy_spectral:  # SymPy's norm(2) cannot compare roots of cubics: 2×2 only
        assert abs(num(r["spectral"]) - num(A.norm(2))) < 1e-8, A


def test_matrix_norms_match_sympy_and_numpy() -> None:
    rng = random.Random(602)
    shapes = [(1, 1), (1, 2), (2, 1), (1, 3), (2, 2), (2, 2), (2, 2), (2, 2), (2, 3), (3, 2), (3, 3)]
    cases = []
    for k in range(n_cases(1000)):
        m, n = shapes[k % len(shapes)]
        cases.append((matrix(rng, m, n), m == n == 2 and k % 25 == 0))
    run_cases(assert_matrix_norms, cases)


def test_matrix_norms_example() -> None:
    d = matrix_norms(Matrix([[3, 0], [4, 5]]))
    assert d.result["frobenius"] == 5 * sympy.sqrt(2)
    assert d.result["spectral"] == 3 * sympy.sqrt(5)
    assert d.result["nuclear"] == 4 * sympy.sqrt(5)
    text = d.to_text()
    assert "‖A‖_* = 3√5 + √5 = 4√5 ≈ 8.9443" in text
    assert "Σσᵢ² = trace(AᵀA)" in text


def test_matrix_norms_cubic_is_labelled_numeric() -> None:
    d = matrix_norms(Matrix([[1, 2, 3], [4, 5, 6], [7, 8, 10]]))
    assert "‖A‖₂ = σ₁ ≈ 17.413" in d.to_text()
    assert d.verified


# ---- cosine ------------------------------------------------------------------------------------

def assert_cosine(u: Matrix, v: Matrix) -> None:
    if u.norm() == 0 or v.norm() == 0:
        with pytest.raises(NotPossible):
            cosine(u, v)
        return
    d = cosine(u, v)
    assert d.verified, (u, v, d.checks)
    expected = u.dot(v) / (u.norm() * v.norm())
    assert sympy.expand(sympy.radsimp(d.result["cos"] - expected)) == 0 or \
        abs(num(d.result["cos"] - expected)) < 1e-12, (u, v)
    degrees = math.degrees(math.acos(max(-1.0, min(1.0, num(expected)))))
    assert abs(num(d.result["degrees"]) - degrees) < 1e-6, (u, v)


def test_cosine_matches_direct_formula() -> None:
    rng = random.Random(603)
    cases = []
    for k in range(n_cases(1000)):
        n = 1 + k % 4
        u, v = vector(rng, n), vector(rng, n)
        if k % 10 == 0:
            v = rng.choice([2, 3, Rational(1, 2), -1]) * u  # parallel and anti-parallel
        if k % 17 == 0 and n >= 2:
            v = Matrix([-u[1], u[0]] + [0] * (n - 2))  # perpendicular
        cases.append((u, v))
    run_cases(assert_cosine, cases)


def test_cosine_examples() -> None:
    d = cosine(Matrix([1, 0]), Matrix([1, 1]))
    assert d.result == {"cos": sympy.sqrt(2) / 2, "degrees": 45}
    assert "θ = arccos(√2/2) = 45°" in d.to_text()
    d = cosine(Matrix([1, 0]), Matrix([1, sympy.sqrt(3)]))
    assert d.result["degrees"] == 60
    d = cosine(Matrix([1, 2]), Matrix([-2, 1]))
    assert d.result["degrees"] == 90 and "orthogonal" in d.to_text()
    d = cosine(Matrix([1, 2]), Matrix([3, 1]))
    assert d.result["degrees"] == 45
    d = cosine(Matrix([1, 2]), Matrix([2, 1]))
    assert "θ = arccos(4/5) ≈ 36.87°" in d.to_text()


def test_cosine_zero_vector_and_bad_lengths() -> None:
    with pytest.raises(NotPossible) as info:
        cosine(Matrix([0, 0]), Matrix([1, 2]))
    assert "zero vector" in info.value.message
    assert "‖u‖ = √(0² + 0²) = 0" in info.value.derivation.to_text()
    with pytest.raises(BadInput, match="same length"):
        cosine(Matrix([1, 2]), Matrix([1, 2, 3]))


# ---- quadratic form ----------------------------------------------------------------------------

def assert_quadform(A: Matrix, x: Matrix | None) -> None:
    n = A.rows
    d = quadform(A, x)
    assert d.verified, (A, x, d.checks)
    xs = x if x is not None else Matrix([sympy.Symbol(f"x{'₁₂₃₄'[i]}") for i in range(n)])
    assert sympy.expand(d.result - (xs.T * A * xs)[0, 0]) == 0, (A, x)


def test_quadform_matches_direct_product() -> None:
    rng = random.Random(604)
    cases = []
    for k in range(n_cases(1000)):
        n = 1 + k % 4
        cases.append((matrix(rng, n, n), None if k % 5 == 0 else vector(rng, n)))
    run_cases(assert_quadform, cases)


def test_quadform_examples() -> None:
    d = quadform(Matrix([[2, 1], [1, 3]]), Matrix([1, -1]))
    text = d.to_text()
    assert "a₁₂·x₁·x₂ = 1·1·(−1) = −1" in text
    assert d.result == 3
    d = quadform(Matrix([[2, 1], [0, 3]]))
    assert "symmetric part" in d.to_text()
    x1, x2 = sympy.Symbol("x₁"), sympy.Symbol("x₂")
    assert sympy.expand(d.result - (2 * x1 ** 2 + x1 * x2 + 3 * x2 ** 2)) == 0
    with pytest.raises(BadInput):
        quadform(Matrix([[1, 2, 3]]), Matrix([1]))
    with pytest.raises(BadInput):
        quadform(Matrix([[1, 2], [3, 4]]), Matrix([1, 2, 3]))


# ---- condition number --------------------------------------------------------------------------

def assert_cond(A: Matrix, ask_sympy: bool) -> None:
    m, n = A.shape
    d = cond(A)
    assert d.verified, (A, d.checks)
    s = np.linalg.svd(to_numpy(A), compute_uv=False)
    if s[-1] < 1e-12 * max(1.0, s[0]):
        assert d.result == oo, A
        assert A.rank() < min(m, n)
    else:
        assert abs(num(d.result) - s[0] / s[-1]) < 1e-7 * (s[0] / s[-1]), A
        if ask_sympy:
            assert abs(num(d.result) - num(A.condition_number())) < 1e-7 * num(d.result)


def test_cond_matches_numpy() -> None:
    rng = random.Random(605)
    shapes = [(1, 1), (1, 2), (3, 1), (2, 2), (2, 2), (2, 2), (2, 2), (3, 2), (2, 3), (3, 3)]
    cases = []
    for k in range(n_cases(1000)):
        m, n = shapes[k % len(shapes)]
        A = matrix(rng, m, n)
        if k % 9 == 0 and m == n == 2:
            A = Matrix([[A[0, 0], A[0, 1]], [2 * A[0, 0], 2 * A[0, 1]]])  # singular
        cases.append((A, m == n == 2 and k % 20 == 1))
    run_cases(assert_cond, cases)


def test_cond_examples() -> None:
    d = cond(Matrix([[1, 2], [2, 4]]))
    assert d.result == oo
    assert "κ₂ = ∞" in d.to_text() and "singular" in d.to_text()
    d = cond(Matrix([[2, 0], [0, 2]]))
    assert d.result == 1 and "perfectly conditioned" in d.to_text()
    d = cond(Matrix([[1, 2], [3, 4]]))
    assert sympy.expand(d.result - (Rational(15, 2) + sympy.sqrt(221) / 2)) == 0
    assert "lose about 1 decimal digit" in d.to_text()


def test_bad_inputs() -> None:
    with pytest.raises(BadInput, match="matrix-norms"):
        norms(Matrix([[1, 2], [3, 4]]))
    with pytest.raises(BadInput):
        norms(Matrix([sympy.Symbol("x"), 1]))
    with pytest.raises(BadInput):
        matrix_norms(sympy.zeros(7, 7))
    with pytest.raises(BadInput):
        cond(Matrix([[sympy.sqrt(2)]]))


def test_registry_names() -> None:
    assert registry.get("norms").func is norms
    assert registry.get("angle").func is cosine
    assert registry.get("matrix-norms").func is matrix_norms
    assert registry.get("quadform").func is quadform
    assert registry.get("cond").func is cond


@pytest.mark.parametrize("name, args", [
    ("norms", (Matrix([3, -4]),)),
    ("matrix-norms", (Matrix([[1, 2], [3, 4]]),)),
    ("cosine", (Matrix([1, 0]), Matrix([1, 1]))),
    ("quadform", (Matrix([[2, 1], [1, 3]]), Matrix([1, -1]))),
    ("quadform", (Matrix([[2, 1], [1, 3]]), None)),
    ("cond", (Matrix([[1, 2], [3, 4]]),)),
    ("cond", (Matrix([[1, 2], [2, 4]]),)),
])
def test_renderers(name, args) -> None:
    assert_renders(registry.get(name).func(*args))


def test_text_inputs_through_the_runner() -> None:
    from linalg_tutor.course.scratchpad import run

    x1, x2 = sympy.Symbol("x₁"), sympy.Symbol("x₂")
    assert sympy.expand(run("quadform", ["[[2,1],[1,3]]"]).result - (2 * x1 ** 2 + 2 * x1 * x2 + 3 * x2 ** 2)) == 0
    assert run("angle", ["[1,0]", "[1,1]"]).result["degrees"] == 45
    assert run("cond", ["[[1,2],[2,4]]"]).result == oo
