"""Factorisations (lu, qr, cholesky): defining properties, and SymPy's own factors where they agree."""

from __future__ import annotations

import random

import pytest
import sympy
from sympy import Matrix

from support.cases import n_cases
from support.render import assert_renders

from linalg_tutor.steps import BadInput, NotPossible
from tests.steps.test_basics import matrix, run, size, square


def _zero(M: Matrix) -> bool:
    return all(x == 0 or sympy.simplify(x) == 0 for x in M.expand())


def _is_permutation(P: Matrix) -> bool:
    return sorted(P) == sorted([0] * (P.rows * P.cols - P.rows) + [1] * P.rows) and all(
        sum(P.row(i)) == 1 and sum(P.col(i)) == 1 for i in range(P.rows))


def test_lu_properties_and_sympy() -> None:
    rng = random.Random(501)
    compared = 0
    for k in range(n_cases(1000)):
        A = square(rng) if k % 3 else matrix(rng, size(rng), size(rng))
        d = run("lu", A)
        P, L, U = d.result["P"], d.result["L"], d.result["U"]
        assert P * A == L * U, A
        assert L.is_lower and all(L[i, i] == 1 for i in range(L.rows)), A
        assert U.is_upper and U.shape == A.shape, A
        assert _is_permutation(P), A
        assert all(abs(x) <= 1 for x in L), A  # partial pivoting bounds the multipliers
        assert d.verified, (A, d.checks)
        # On P·A our pivots are already in place, so SymPy's LU (first nonzero pivot) makes the
        # same choices — as long as no column was skipped, where SymPy's convention differs.
        skipped = any(U[k, k] == 0 for k in range(min(A.rows - 1, A.cols)))
        L_ref, U_ref, perm = (P * A).LUdecomposition()
        if not perm and not skipped:
            assert (L, U) == (L_ref, U_ref), A
            compared += 1
    assert compared >= n_cases(800)


def test_qr_properties() -> None:
    rng = random.Random(502)
    dependent = 0
    for k in range(n_cases(1000)):
        n = size(rng, largest=3 if k % 20 else 4)
        m = n + rng.choice([0, 0, 1, 2]) if k % 25 else max(1, n - 1)
        A = matrix(rng, min(m, 5), n)
        if A.rank() < A.cols:
            dependent += 1
            with pytest.raises(NotPossible) as caught:
                run("qr", A)
            assert caught.value.derivation.verified, A
            continue
        d = run("qr", A)
        Q, R = d.result["Q"], d.result["R"]
        assert _zero(Q * R - A), A
        assert _zero(Q.T * Q - sympy.eye(A.cols)), A
        assert R.is_upper and all(R[i, i] > 0 for i in range(R.rows)), A
        assert d.verified, (A, d.checks)
        if k % 10 == 0:  # SymPy's QR is the same unique factorisation (positive diagonal)
            Q_ref, R_ref = A.QRdecomposition()
            assert _zero(Q - Q_ref) and _zero(R - R_ref), A
    assert dependent >= n_cases(100)


def test_cholesky_matches_sympy() -> None:
    rng = random.Random(503)
    refused = 0
    for k in range(n_cases(1000)):
        n = size(rng, largest=4)
        B = matrix(rng, n, n)
        kind = k % 4
        if kind < 2:
            A = B.T * B + sympy.eye(n)  # symmetric positive definite
        elif kind == 2:
            A = B + B.T  # symmetric, often indefinite
        else:
            A = B  # usually not symmetric
        if A.is_symmetric() and A.is_positive_definite:
            d = run("cholesky", A)
            assert _zero(d.result - A.cholesky()), A
            assert d.verified, (A, d.checks)
        else:
            refused += 1
            with pytest.raises(NotPossible) as caught:
                run("cholesky", A)
            assert caught.value.derivation.verified, A
    assert refused >= n_cases(300)


# ---- wording ----------------------------------------------------------------------------------


def test_lu_wording() -> None:
    d = run("lu", Matrix([[1, 2, 0], [3, 4, 4], [5, 6, 3]]))
    text = d.to_text()
    assert "Largest |entry| in column 1 (rows 1–3) is |5| = 5 in row 3 → R1 ↔ R3." in text
    assert "Multipliers into L: ℓ₂₁ = 3/5, ℓ₃₁ = 1/5" in text
    assert "P records it: rows 1 and 3 of P swap too" in text
    assert "rows 2 and 3 of P, and the multipliers already in L, swap too" in text
    half, fifth = sympy.Rational(1, 2), sympy.Rational(1, 5)
    assert d.result["L"] == Matrix([[1, 0, 0], [fifth, 1, 0], [3 * fifth, half, 1]])


def test_lu_singular_skips_zero_column() -> None:
    d = run("lu", Matrix([[0, 1], [0, 2]]))
    assert "Nothing to eliminate" in d.to_text()
    assert d.verified


def test_qr_wording_with_surds() -> None:
    d = run("qr", Matrix([[1, 1], [1, 0], [0, 1]]))
    text = d.to_text()
    assert "r₁₁ = ‖v₁‖ = √(1² + 1² + 0²) = √(1 + 1 + 0) = √2" in text
    assert "r₁₂ = q₁·a₂ = (√2/2)·1 + (√2/2)·0 + 0·1 = √2/2 + 0 + 0 = √2/2" in text
    assert "r₂₂ = ‖v₂‖ = √((1/2)² + (−1/2)² + 1²) = √(1/4 + 1/4 + 1) = √(3/2) = √6/2" in text
    assert "classical Gram–Schmidt" in text


def test_qr_dependent_column_is_named() -> None:
    with pytest.raises(NotPossible, match=r"column 2 is a combination of column 1 \(a₂ = 2·a₁\)"):
        run("qr", Matrix([[1, 2, 3], [1, 2, 4], [0, 0, 1]]))


def test_cholesky_wording() -> None:
    d = run("cholesky", Matrix([[4, 2, 2], [2, 3, 1], [2, 1, 5]]))
    text = d.to_text()
    assert "ℓ₁₁ = √a₁₁ = √4 = 2" in text
    assert "ℓ₂₂ = √(a₂₂ − ℓ₂₁²) = √(3 − 1²) = √2" in text
    assert "ℓ₃₂ = (a₃₂ − ℓ₃₁·ℓ₂₁)/ℓ₂₂ = (1 − 1·1)/√2 = 0/√2 = 0" in text


def test_cholesky_not_symmetric() -> None:
    with pytest.raises(NotPossible, match="A is not symmetric: a₁₂ = 2 but a₂₁ = 3"):
        run("cholesky", Matrix([[1, 2], [3, 1]]))


def test_cholesky_not_positive_definite_gives_witness() -> None:
    with pytest.raises(NotPossible) as caught:
        run("cholesky", Matrix([[1, 2, 0], [2, 1, 0], [0, 0, 1]]))
    assert caught.value.message.startswith("a pivot of −3 ≤ 0: A is not positive definite")
    text = caught.value.derivation.to_text()
    assert "For example x = [−2, 1, 0] gives xᵀAx = −3 ≤ 0" in text


@pytest.mark.parametrize("name, args, message", [
    ("cholesky", (Matrix([[1, 2, 3]]),), "square matrix"),
    ("cholesky", (Matrix([[1, sympy.I], [-sympy.I, 2]]),), "fractions here"),
    ("lu", (sympy.ones(7, 7),), "up to 6×6"),
])
def test_bad_input(name: str, args: tuple, message: str) -> None:
    with pytest.raises(BadInput, match=message):
        run(name, *args)


@pytest.mark.parametrize("name, A", [
    ("lu", Matrix([[1, 2], [3, 4]])),
    ("qr", Matrix([[3, 1], [4, 2]])),
    ("cholesky", Matrix([[4, 2], [2, 3]])),
])
def test_renderers(name: str, A: Matrix) -> None:
    assert_renders(run(name, A))
