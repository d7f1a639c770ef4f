"""Property and example tests for the SVD family: svd and lowrank.

Singular values are checked against the square roots of SymPy's eigenvalues of AᵀA, and U·Σ·Vᵀ,
UᵀU, VᵀV against A and I — exactly when the entries are plain surds, in floating point (numpy)
when they are nested radicals. Low-rank approximations are checked against numpy's truncated SVD
and the Eckart–Young error formulas. Matrices are small (1×1 to 3×3) and many are built to have
nice singular values (diagonal, rank one, signed permutations times Pythagorean rotations), with
plenty of plain random 2×2 ones.

Case counts and worker processes: see ``tests/support/cases.py``.
"""

from __future__ import annotations

import random

import numpy as np
import pytest
import sympy
from sympy import Matrix, Rational

from support.render import assert_renders
from support.cases import n_cases, run_cases

from linalg_tutor.steps import registry
from linalg_tutor.steps.derivation import BadInput, NotPossible
from linalg_tutor.steps.eigen import has_nested_root
from linalg_tutor.steps.svd import lowrank, svd

# ---- generators --------------------------------------------------------------------------------

def rand_matrix(rng: random.Random, m: int, n: int) -> Matrix:
    return Matrix(m, n, lambda i, j: rng.randint(-4, 4) if rng.random() > 0.15 else Rational(rng.randint(-3, 3), 2))


def signed_permutation(rng: random.Random, n: int) -> Matrix:
    perm = list(range(n))
    rng.shuffle(perm)
    return Matrix(n, n, lambda i, j: rng.choice([-1, 1]) if perm[i] == j else 0)


def pythagorean(rng: random.Random, n: int) -> Matrix:
    """An orthogonal matrix with rational entries: a 3-4-5 (or 5-12-13) rotation in two coordinates."""
    Q = sympy.eye(n)
    if n >= 2:
        a, b, c = rng.choice([(3, 4, 5), (5, 12, 13), (8, 15, 17)])
        i, j = rng.sample(range(n), 2)
        Q[i, i], Q[i, j], Q[j, i], Q[j, j] = Rational(a, c), Rational(-b, c), Rational(b, c), Rational(a, c)
    return Q


def nice_matrix(rng: random.Random) -> Matrix:
    """Q₁·D·Q₂ with rational orthogonal Qᵢ: rational singular values |dᵢ|, often repeated or zero."""
    m, n = rng.choice([(1, 1), (1, 2), (2, 1), (2, 2), (2, 2), (3, 2), (2, 3), (3, 3)])
    D = sympy.zeros(m, n)
    for i in range(min(m, n)):
        D[i, i] = rng.choice([0, 1, 2, 2, 3, 5, -1, -4])
    left = signed_permutation(rng, m) * pythagorean(rng, m)
    right = pythagorean(rng, n) * signed_permutation(rng, n)
    return left * D * right


def rank_one(rng: random.Random) -> Matrix:
    m, n = rng.randint(1, 3), rng.randint(1, 3)
    u = Matrix([rng.randint(-3, 3) for _ in range(m)])
    v = Matrix([rng.randint(-3, 3) for _ in range(n)])
    return u * v.T


def cheap_matrix(rng: random.Random, k: int) -> Matrix:
    """Nice, rank-one and diagonal matrices in turn (the random ones have tests of their own)."""
    kind = k % 3
    if kind == 0:
        return nice_matrix(rng)
    if kind == 1:
        return rank_one(rng)
    m, n = rng.choice([(1, 1), (1, 3), (3, 1), (2, 2), (2, 3)])
    D = sympy.zeros(m, n)
    for i in range(min(m, n)):
        D[i, i] = rng.randint(-4, 4)
    return D


# ---- oracles -----------------------------------------------------------------------------------

def _num(x: sympy.Expr) -> complex:
    return complex(sympy.N(x, 20))


def to_numpy(M: Matrix) -> np.ndarray:
    return np.array([[_num(x).real for x in M.row(i)] for i in range(M.rows)], dtype=float).reshape(M.shape)


def expected_sigma_squares(A: Matrix) -> list[sympy.Expr]:
    """SymPy's eigenvalues of AᵀA, largest first, the first min(m, n) of them."""
    eig = (A.T * A).eigenvals()
    values = [v for v, m in eig.items() for _ in range(m)]
    values.sort(key=lambda v: -_num(v).real)
    return values[: min(A.shape)]


def same_number(a: sympy.Expr, b: sympy.Expr) -> bool:
    diff = sympy.expand(a - b)
    if diff == 0:
        return True
    return abs(_num(diff)) < 1e-9


def assert_svd(A: Matrix) -> None:
    try:
        d = svd(A)
    except NotPossible as exc:
        # Only when AᵀA has an irreducible factor of degree ≥ 3.
        factors = sympy.factor_list((A.T * A).charpoly().as_expr())[1]
        assert any(sympy.degree(f) >= 3 for f, _ in factors), A
        assert "numeric" in exc.message
        return
    assert d.verified, (A, d.checks)
    U, S, V = d.result["U"], d.result["Sigma"], d.result["V"]
    sigmas = d.result["singular_values"]
    m, n = A.shape
    assert U.shape == (m, m) and S.shape == (m, n) and V.shape == (n, n)
    expected = expected_sigma_squares(A)
    assert len(sigmas) == len(expected)
    for s, lam in zip(sigmas, expected):
        assert same_number(s ** 2, lam), (A, sigmas, expected)
        assert _num(s).real >= -1e-12
    assert all(_num(sigmas[i]).real >= _num(sigmas[i + 1]).real - 1e-12 for i in range(len(sigmas) - 1))
    if any(has_nested_root(x) for F in (U, S, V) for x in F):
        Un, Sn, Vn = to_numpy(U), to_numpy(S), to_numpy(V)
        assert np.allclose(Un @ Sn @ Vn.T, to_numpy(A), atol=1e-9), A
        assert np.allclose(Un.T @ Un, np.eye(m), atol=1e-9)
        assert np.allclose(Vn.T @ Vn, np.eye(n), atol=1e-9)
    else:
        assert (U * S * V.T).applyfunc(sympy.expand) == A, A
        assert (U.T * U).applyfunc(sympy.expand) == sympy.eye(m), A
        assert (V.T * V).applyfunc(sympy.expand) == sympy.eye(n), A


# ---- property tests: svd -----------------------------------------------------------------------

def test_svd_structured() -> None:
    rng = random.Random(401)
    run_cases(assert_svd, [(cheap_matrix(rng, k),) for k in range(n_cases(700))])


def test_svd_random_2x2() -> None:
    rng = random.Random(402)
    run_cases(assert_svd, [(rand_matrix(rng, 2, 2),) for _ in range(n_cases(200))])


def test_svd_random_rectangular() -> None:
    rng = random.Random(403)
    run_cases(assert_svd, [(rand_matrix(rng, *[(3, 2), (2, 3), (1, 3), (3, 1)][k % 4]),)
                           for k in range(n_cases(100))])


# ---- property tests: lowrank -------------------------------------------------------------------

def assert_lowrank(A: Matrix, k: int) -> None:
    d = lowrank(A, k)
    assert d.verified, (A, k, d.checks)
    Ak = d.result["A_k"]
    An = to_numpy(A)
    U, s, Vt = np.linalg.svd(An)
    expected = (U[:, :k] * s[:k]) @ Vt[:k, :]
    assert np.allclose(to_numpy(Ak), expected, atol=1e-8) or _tied(s, k), (A, k)
    tail = s[k:]
    assert abs(_num(d.result["frobenius_error"]).real - float(np.sqrt(np.sum(tail ** 2)))) < 1e-8
    assert abs(_num(d.result["spectral_error"]).real - (float(tail[0]) if len(tail) else 0.0)) < 1e-8
    assert np.linalg.matrix_rank(to_numpy(Ak), tol=1e-8) <= k


def _tied(s: np.ndarray, k: int) -> bool:
    """With σ_k = σ_{k+1} the best rank-k approximation is not unique; only the errors are checked."""
    return k < len(s) and abs(s[k - 1] - s[k]) < 1e-9


def test_lowrank_structured() -> None:
    rng = random.Random(501)
    cases = []
    for j in range(n_cases(850)):
        A = cheap_matrix(rng, j)
        cases.append((A, rng.randint(1, min(A.shape))))
    run_cases(assert_lowrank, cases)


def test_lowrank_random() -> None:
    rng = random.Random(502)
    cases = []
    for j in range(n_cases(150)):
        m, n = [(2, 2), (2, 2), (3, 2), (2, 3)][j % 4]
        cases.append((rand_matrix(rng, m, n), rng.randint(1, min(m, n))))
    run_cases(assert_lowrank, cases)


# ---- examples ----------------------------------------------------------------------------------

def test_svd_example_wording() -> None:
    d = svd(Matrix([[3, 0], [4, 5]]))
    text = d.to_text()
    assert "(AᵀA)₁₂ = 3·0 + 4·5 = 20" in text
    assert "(λ − 5)·(λ − 45)" in text
    assert "σ₁ = √λ₁ = √45 = 3√5 ≈ 6.7082" in text
    assert "full SVD" in text and "compact SVD" in text
    assert d.result["singular_values"] == [3 * sympy.sqrt(5), sympy.sqrt(5)]
    assert d.verified


def test_svd_completes_U_from_left_null_space() -> None:
    d = svd(Matrix([[1, 2], [2, 4]]))
    text = d.to_text()
    assert "Complete U" in text and "N(Aᵀ)" in text
    assert d.result["singular_values"] == [5, 0]
    assert d.verified


def test_svd_denests_golden_ratio() -> None:
    d = svd(Matrix([[1, 1], [0, 1]]))
    assert d.result["singular_values"][0] == sympy.Rational(1, 2) + sympy.sqrt(5) / 2
    assert "denested" in d.to_text()


def test_svd_wide_matrix_mentions_zero_eigenvalues() -> None:
    d = svd(Matrix([[1, 2, 3]]))
    assert "only min(m, n) = 1 are squared singular values" in d.to_text()
    assert d.result["singular_values"] == [sympy.sqrt(14)]


def test_svd_cubic_not_possible() -> None:
    with pytest.raises(NotPossible) as info:
        svd(Matrix([[1, 2, 3], [4, 5, 6], [7, 8, 10]]))
    assert "numpy.linalg.svd" in info.value.message
    text = info.value.derivation.to_text()
    assert "Numeric singular values" in text and "σ₁ ≈ 17.413" in text


def test_lowrank_example() -> None:
    d = lowrank(Matrix([[3, 0], [4, 5]]), 1)
    text = d.to_text()
    assert "Eckart–Young" in text
    assert d.result["frobenius_error"] == sympy.sqrt(5)
    assert d.result["spectral_error"] == sympy.sqrt(5)
    assert d.result["A_k"] == Matrix([[Rational(3, 2), Rational(3, 2)], [Rational(9, 2), Rational(9, 2)]])
    assert d.verified


def test_lowrank_full_rank_k_is_exact() -> None:
    d = lowrank(Matrix([[2, 0], [0, 1]]), 2)
    assert d.result["A_k"] == Matrix([[2, 0], [0, 1]])
    assert d.result["frobenius_error"] == 0
    assert "nothing is dropped" in d.to_text()


def test_bad_inputs() -> None:
    with pytest.raises(BadInput):
        svd(sympy.zeros(7, 2))
    with pytest.raises(BadInput):
        svd(Matrix([[sympy.Symbol("x")]]))
    with pytest.raises(BadInput, match="between 1 and"):
        lowrank(Matrix([[1, 2], [3, 4]]), 3)
    with pytest.raises(BadInput, match="between 1 and"):
        lowrank(Matrix([[1, 2], [3, 4]]), 0)
    with pytest.raises(BadInput, match="whole number"):
        lowrank(Matrix([[1, 2], [3, 4]]), "two")


def test_registry_names() -> None:
    assert registry.get("svd").func is svd
    assert registry.get("low-rank").func is lowrank
    assert registry.get("lowrank").family == "svd"


@pytest.mark.parametrize("name, args", [
    ("svd", (Matrix([[3, 0], [4, 5]]),)),
    ("svd", (Matrix([[1, 1], [0, 1]]),)),
    ("lowrank", (Matrix([[3, 0], [4, 5]]), sympy.Integer(1))),
])
def test_renderers(name, args) -> None:
    assert_renders(registry.get(name).func(*args))


def test_text_inputs_through_the_runner() -> None:
    from linalg_tutor.course.scratchpad import run

    assert run("lowrank", ["[[3,0],[4,5]]", "1"]).result["spectral_error"] == sympy.sqrt(5)
