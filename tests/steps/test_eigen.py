"""Property and example tests for the eigen family: charpoly, eigen, diagonalize.

Every property test draws seeded random matrices (sizes biased to 1×1–3×3, a few 4×4/5×5 built so
that their eigenvalues are cheap: triangular, or P·D·P⁻¹ with a unimodular P) and compares the
engine's result with SymPy's own ``charpoly``, ``eigenvals`` and ``is_diagonalizable``.

Case counts and worker processes: see ``tests/support/cases.py``.
"""

from __future__ import annotations

import random

import pytest
import sympy
from sympy import Matrix, Rational

from support.render import assert_renders
from support.cases import n_cases, run_cases

from linalg_tutor.steps import registry
from linalg_tutor.steps.derivation import BadInput, NotPossible
from linalg_tutor.steps.eigen import LAM, charpoly, diagonalize, eigen, numeric_value

# ---- generators --------------------------------------------------------------------------------

def entry(rng: random.Random, fractions: float = 0.2) -> sympy.Rational:
    if rng.random() < fractions:
        return Rational(rng.randint(-5, 5), rng.randint(2, 4))
    return sympy.Integer(rng.randint(-5, 5))


def rand_matrix(rng: random.Random, n: int, m: int | None = None, fractions: float = 0.2) -> Matrix:
    return Matrix(n, m or n, lambda i, j: entry(rng, fractions))


def unimodular(rng: random.Random, n: int) -> Matrix:
    """An integer matrix with determinant ±1 (so its inverse is an integer matrix too)."""
    L = Matrix(n, n, lambda i, j: 1 if i == j else (rng.randint(-2, 2) if i > j else 0))
    U = Matrix(n, n, lambda i, j: 1 if i == j else (rng.randint(-1, 1) if i < j else 0))
    P = L * U
    perm = list(range(n))
    rng.shuffle(perm)
    return P.extract(perm, list(range(n)))


def similar_diagonal(rng: random.Random, n: int) -> Matrix:
    """P·D·P⁻¹ with small integer eigenvalues (repeats likely): diagonalizable, rational spectrum."""
    P = unimodular(rng, n)
    D = sympy.diag(*[rng.randint(-3, 3) for _ in range(n)])
    return P * D * P.inv()


def jordan_like(rng: random.Random, n: int) -> Matrix:
    """P·J·P⁻¹ with a 2×2 Jordan block: never diagonalizable."""
    P = unimodular(rng, n)
    vals = [rng.randint(-3, 3) for _ in range(n)]
    J = sympy.diag(*vals)
    vals[1] = vals[0]
    J = sympy.diag(*vals)
    J[0, 1] = 1
    return P * J * P.inv()


def triangular(rng: random.Random, n: int) -> Matrix:
    M = rand_matrix(rng, n, fractions=0.1)
    return M.upper_triangular() if rng.random() < 0.5 else M.lower_triangular()


def complex_2x2(rng: random.Random) -> Matrix:
    """a·I + b·(rotation by 90°): eigenvalues a ± bi."""
    a, b = rng.randint(-4, 4), rng.choice([-3, -2, -1, 1, 2, 3])
    return Matrix([[a, -b], [b, a]])


# ---- oracles -----------------------------------------------------------------------------------

def _numeric(x: sympy.Expr) -> complex:
    """Value of an exact number; CRootOf atoms are replaced by their (fast) numeric values first."""
    roots = x.atoms(sympy.CRootOf)
    if roots:
        x = x.xreplace({r: sympy.Float(numeric_value(r).real, 30) + sympy.I * sympy.Float(numeric_value(r).imag, 30)
                        for r in roots})
    return complex(sympy.N(x, 30))


def same_multiset(ours: list[tuple[sympy.Expr, int]], theirs: dict[sympy.Expr, int]) -> bool:
    """Eigenvalue multisets equal: exact match first, numeric (1e-9) for radical forms."""
    left = list(ours)
    for value, mult in theirs.items():
        match = next((k for k, (v, m) in enumerate(left) if m == mult and sympy.expand(v - value) == 0), None)
        if match is None:
            target = _numeric(value)
            match = next((k for k, (v, m) in enumerate(left) if m == mult and abs(_numeric(v) - target) < 1e-9),
                         None)
        if match is None:
            return False
        left.pop(match)
    return not left


def assert_eigen(M: Matrix) -> None:
    d = eigen(M)
    assert d.verified, (M, d.checks)
    ours = [(lam, mult) for lam, mult, _ in d.result]
    assert same_multiset(ours, M.eigenvals()), (M, ours, M.eigenvals())
    assert sum(m for _, m in ours) == M.rows
    for lam, mult, vecs in d.result:
        assert 1 <= len(vecs) <= mult, (M, lam, vecs)
        for v in vecs:
            assert any(x != 0 for x in v)
            if not lam.atoms(sympy.CRootOf) and all(p.exp.is_Integer or abs(p.exp) == Rational(1, 2)
                                                   for p in lam.atoms(sympy.Pow)):
                assert all(sympy.expand(x) == 0 for x in M * v - lam * v), (M, lam, v)
            else:
                lam_n = _numeric(lam)
                v_n = [_numeric(x) for x in v]
                for i in range(M.rows):
                    lhs = sum(complex(M[i, j]) * v_n[j] for j in range(M.cols))
                    assert abs(lhs - lam_n * v_n[i]) < 1e-8 * max(1.0, abs(lam_n)) * max(1.0, max(map(abs, v_n)))
        if lam.is_Rational:
            assert len(vecs) == M.rows - (M - lam * sympy.eye(M.rows)).rank()


# ---- property tests: eigen ---------------------------------------------------------------------

def test_eigen_random_small() -> None:
    rng = random.Random(101)
    run_cases(assert_eigen, [(rand_matrix(rng, 1 if k % 4 == 0 else 2),) for k in range(n_cases(350))])


def test_eigen_random_3x3() -> None:
    rng = random.Random(102)
    run_cases(assert_eigen, [(rand_matrix(rng, 3, fractions=0.1),) for _ in range(n_cases(100))])


def test_eigen_similar_diagonal() -> None:
    rng = random.Random(103)
    run_cases(assert_eigen, [(similar_diagonal(rng, [2, 2, 3, 3, 4][k % 5]),) for k in range(n_cases(250))])


def test_eigen_triangular_4_5() -> None:
    rng = random.Random(104)
    run_cases(assert_eigen, [(triangular(rng, 4 + k % 2),) for k in range(n_cases(120))])


def test_eigen_defective_and_complex() -> None:
    rng = random.Random(105)
    run_cases(assert_eigen, [(jordan_like(rng, 2 + k % 2) if k % 2 else complex_2x2(rng),)
                             for k in range(n_cases(200))])


# ---- property tests: charpoly ------------------------------------------------------------------

def assert_charpoly(M: Matrix) -> None:
    d = charpoly(M)
    assert d.verified, (M, d.checks)
    expected = sympy.expand((-1) ** M.rows * M.charpoly(LAM).as_expr())
    assert sympy.expand(d.result - expected) == 0, (M, d.result, expected)


def test_charpoly_matches_sympy() -> None:
    rng = random.Random(201)
    sizes = [1, 2, 2, 2, 3, 3, 4, 5]
    cases = []
    for k in range(n_cases(1000)):
        n = sizes[k % len(sizes)]
        cases.append((triangular(rng, n) if n >= 4 and k % 3 else rand_matrix(rng, n),))
    run_cases(assert_charpoly, cases)


# ---- property tests: diagonalize ---------------------------------------------------------------

def assert_diagonalize(M: Matrix, expected: bool | None = None) -> None:
    if expected is None:
        expected = M.is_diagonalizable()
    try:
        d = diagonalize(M)
    except NotPossible as exc:
        assert not expected, (M, exc.message)
        assert exc.derivation is not None and "not diagonalizable" in exc.message
        return
    assert expected, M
    assert d.verified, (M, d.checks)
    P, D = d.result["P"], d.result["D"]
    assert D.is_diagonal()
    if all(x.is_Rational for x in P) and all(x.is_Rational for x in D):
        assert P * D * P.inv() == M
        assert d.result["P_inv"] == P.inv()
    else:
        Pn = [[_numeric(x) for x in P.row(i)] for i in range(P.rows)]
        Dn = [_numeric(D[i, i]) for i in range(D.rows)]
        for i in range(M.rows):
            for j in range(M.cols):
                lhs = sum(complex(M[i, k]) * Pn[k][j] for k in range(M.cols))
                assert abs(lhs - Pn[i][j] * Dn[j]) < 1e-7 * max(1.0, abs(Dn[j])), M


def test_diagonalize_similar_and_jordan() -> None:
    rng = random.Random(301)
    cases = []
    for k in range(n_cases(600)):
        n = [1, 2, 2, 3, 3, 4][k % 6]
        if k % 3 == 2 and n >= 2:
            cases.append((jordan_like(rng, n), False))
        else:
            cases.append((similar_diagonal(rng, n), True))
    run_cases(assert_diagonalize, cases)


def diagonalizable_2x2(M: Matrix) -> bool:
    """Theory for 2×2: diagonalizable over ℂ iff the eigenvalues differ or A is already a multiple of I."""
    tr, det = M.trace(), M.det()
    return tr ** 2 - 4 * det != 0 or M == M[0, 0] * sympy.eye(2)


def check_diagonalize_2x2(M: Matrix, ask_sympy: bool) -> None:
    # SymPy's is_diagonalizable is the oracle for a third of the cases, 2×2 theory for the rest
    # (the two are compared, so the theory is checked too).
    if ask_sympy:
        assert M.is_diagonalizable() == diagonalizable_2x2(M), M
    assert_diagonalize(M, expected=diagonalizable_2x2(M))


def test_diagonalize_random() -> None:
    rng = random.Random(302)
    run_cases(check_diagonalize_2x2, [(rand_matrix(rng, 2) if k % 7 else complex_2x2(rng), k % 3 == 0)
                                      for k in range(n_cases(350))])


def check_diagonalize_3x3(M: Matrix) -> None:
    """Random 3×3: usually an irreducible cubic — distinct roots, so diagonalizable over ℂ."""
    p = M.charpoly(LAM).as_expr()
    squarefree = sympy.gcd(p, sympy.diff(p, LAM)).is_number
    assert_diagonalize(M, expected=True if squarefree else None)


def test_diagonalize_random_3x3() -> None:
    rng = random.Random(303)
    run_cases(check_diagonalize_3x3, [(rand_matrix(rng, 3, fractions=0.0),) for _ in range(n_cases(50))])


# ---- examples: wording -------------------------------------------------------------------------

def test_rotation_has_no_real_eigenvector() -> None:
    d = eigen(Matrix([[0, -1], [1, 0]]))
    text = d.to_text()
    assert "λ² + 1" in text
    assert "λ₁ = i, λ₂ = −i" in text
    assert "Δ = b² − 4ac = 0² − 4·1·1 = −4" in text
    assert "rotation by 90°" in text
    assert "no REAL eigenvector" in text
    assert "no real direction is left unchanged" in text
    assert [lam for lam, _, _ in d.result] == [sympy.I, -sympy.I]
    assert d.verified


def test_eigen_repeated_root_and_row_ops() -> None:
    d = eigen(Matrix([[2, 1, 1], [1, 2, 1], [1, 1, 2]]))
    text = d.to_text()
    assert "(λ − 1)²·(λ − 4)" in text
    assert "algebraic multiplicity 2" in text
    assert "geometric multiplicity 2" in text
    assert "R2 ← R2 − R1" in text
    assert "trace = Σλ" in [c for c, _ in d.checks]
    assert d.verified


def test_eigen_quadratic_surds() -> None:
    d = eigen(Matrix([[1, 1], [1, 0]]))
    text = d.to_text()
    assert "Δ = b² − 4ac = (−1)² − 4·1·(−1) = 5" in text
    assert "1/2 + √5/2 ≈ 1.618" in text
    assert "replace √5 by −√5" in text


def test_eigen_quintic_is_numeric_but_vectors_exact() -> None:
    companion = Matrix([[0, 0, 0, 0, 1], [1, 0, 0, 0, 1], [0, 1, 0, 0, 0], [0, 0, 1, 0, 0], [0, 0, 0, 1, 0]])
    d = eigen(companion)
    text = d.to_text()
    assert "Abel–Ruffini" in text
    assert "(numeric)" in text
    assert "λ⁴ − 1" in text  # the exact eigenvector formula v(λ)
    assert d.verified


def test_eigen_cubic_shows_decimals() -> None:
    d = eigen(Matrix([[1, 2, 3], [4, 5, 6], [7, 8, 10]]))
    text = d.to_text()
    assert "rational root test" in text
    assert "casus irreducibilis" in text
    assert "λ₃ ≈ 16.707" in text
    assert d.verified


def test_charpoly_wording() -> None:
    d = charpoly(Matrix([[1, 2], [3, 4]]))
    text = d.to_text()
    assert "det(A − λI) = (1 − λ)·(4 − λ) − 2·3 = λ² − 5·λ − 2" in text
    assert "tr(A) = 1 + 4 = 5" in text
    assert d.result == LAM ** 2 - 5 * LAM - 2
    d3 = charpoly(Matrix([[2, 0, 1], [1, 3, 0], [0, 1, 1]]))
    assert "Cofactor expansion" in d3.to_text()
    assert "Cayley–Hamilton" in d3.to_text()


def test_diagonalize_shear_not_possible() -> None:
    with pytest.raises(NotPossible) as info:
        diagonalize(Matrix([[1, 1], [0, 1]]))
    exc = info.value
    assert "not diagonalizable" in exc.message
    assert "algebraic multiplicity 2 but only 1 independent eigenvector" in exc.message
    text = exc.derivation.to_text()
    assert "1 eigenvector is missing" in text
    assert "algebraic 2, geometric 1 ✗" in text


def test_diagonalize_example() -> None:
    d = diagonalize(Matrix([[4, 1], [2, 3]]))
    assert d.verified
    assert d.result["D"] == sympy.diag(2, 5)
    assert "P·D·P⁻¹ = A" in [c for c, _ in d.checks]


def test_diagonalize_complex_is_over_C() -> None:
    d = diagonalize(Matrix([[0, -1], [1, 0]]))
    assert "diagonalization over ℂ" in d.to_text()
    assert d.verified


# ---- bad input ---------------------------------------------------------------------------------

@pytest.mark.parametrize("func", [charpoly, eigen, diagonalize])
def test_bad_inputs(func) -> None:
    with pytest.raises(BadInput, match="square"):
        func(Matrix([[1, 2, 3], [4, 5, 6]]))
    with pytest.raises(BadInput, match="6×6"):
        func(sympy.eye(7))
    with pytest.raises(BadInput, match="variable"):
        func(Matrix([[sympy.Symbol("x"), 1], [0, 1]]))
    with pytest.raises(BadInput, match="irrational"):
        func(Matrix([[sympy.sqrt(2), 1], [0, 1]]))
    with pytest.raises(BadInput):
        func(sympy.Integer(3))


# ---- registry and renderers --------------------------------------------------------------------

def test_registry_names() -> None:
    assert registry.get("eig").func is eigen
    assert registry.get("eigenvalues").func is eigen
    assert registry.get("charpoly").func is charpoly
    assert registry.get("diagonalize").func is diagonalize
    assert registry.get("eigen").family == "eigen"


@pytest.mark.parametrize("name, args", [
    ("charpoly", (Matrix([[2, 1], [1, 2]]),)),
    ("eigen", (Matrix([[0, -1], [1, 0]]),)),
    ("diagonalize", (Matrix([[2, 1], [1, 2]]),)),
])
def test_renderers(name, args) -> None:
    assert_renders(registry.get(name).func(*args))


def test_text_inputs_through_the_runner() -> None:
    from linalg_tutor.course.scratchpad import run

    assert [lam for lam, _, _ in run("eig", ["[[0,-1],[1,0]]"]).result] == [sympy.I, -sympy.I]
    assert run("charpoly", ["[[1,2],[3,4]]"]).result == LAM ** 2 - 5 * LAM - 2


def test_cached_formatting_matches_fmt_for_long_and_negative_numbers():
    from linalg_tutor.mathtext import fmt as fmt_module
    from linalg_tutor.steps import eigen

    for value in (sympy.Integer(-3), sympy.Rational(-7, 2), sympy.Integer(10) ** 5000, -sympy.Integer(7) ** 6000 / 3):
        assert eigen.fmt(value) == fmt_module.fmt(value)
        assert eigen.fmt_approx(value) == fmt_module.fmt_approx(value)
    assert eigen.fmt(sympy.Integer(-3)) == "−3"
    assert eigen.paren(-3) == "(−3)" and eigen.squared(-3) == "(−3)²" and eigen.root_of(-3) == "√(−3)"
    assert eigen.term(sympy.Rational(1, 2)) == "1/2" and eigen.paren(sympy.Rational(1, 2)) == "(1/2)"
