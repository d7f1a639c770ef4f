"""Property and example tests for PCA.

Small integer data sets (2–6 samples, 1–3 features): the engine's eigenvalues must match numpy's
eigenvalues of the sample covariance (allclose), the explained ratios must sum to exactly 1, the
directions must be unit eigenvectors, and the projection must equal X_c·W.

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
from linalg_tutor.steps.eigen import numeric_value
from linalg_tutor.steps.pca import pca

def num(x: sympy.Expr) -> float:
    return numeric_value(x).real if not isinstance(x, sympy.Float) else float(x)


def to_numpy(M: Matrix) -> np.ndarray:
    return np.array([[num(x) for x in M.row(i)] for i in range(M.rows)], dtype=float).reshape(M.shape)


def data(rng: random.Random, n: int, p: int) -> Matrix:
    X = Matrix(n, p, lambda i, j: rng.randint(-4, 6))
    if rng.random() < 0.2 and p >= 2:  # a perfectly correlated pair of features
        X[:, 1] = 2 * X[:, 0]
    return X


def assert_pca(X: Matrix, k: int) -> None:
    n, p = X.shape
    Xn = np.array(X.tolist(), dtype=float)
    if np.allclose(Xn, Xn[0]):
        with pytest.raises(NotPossible):
            pca(X, k)
        return
    d = pca(X, k)
    assert d.verified, (X, d.checks)
    r = d.result
    C = np.cov(Xn, rowvar=False).reshape(p, p)
    expected = np.sort(np.linalg.eigvalsh(C))[::-1]
    ours = np.array([num(v) for v in r["eigenvalues"]])
    assert np.allclose(ours, expected, atol=1e-9), (X, ours, expected)
    ratios = r["explained_ratio"]
    if all(x.is_Rational for x in ratios):
        assert sum(ratios) == 1
    elif not any(x.has(sympy.CRootOf) for x in ratios):
        assert sympy.expand(sum(ratios) - 1) == 0, ratios  # surds cancel exactly
    else:
        assert abs(sum(num(x) for x in ratios) - 1) < 1e-12
    assert np.allclose(to_numpy(r["covariance"]), C)
    W = to_numpy(r["components"])
    assert W.shape == (p, k)
    assert np.allclose(W.T @ W, np.eye(k), atol=1e-9), X
    assert np.allclose(C @ W, W * ours[:k], atol=1e-8), X
    Xc = Xn - Xn.mean(axis=0)
    assert np.allclose(to_numpy(r["projection"]), Xc @ W, atol=1e-6), X
    assert np.allclose(to_numpy(r["mean"]).ravel(), Xn.mean(axis=0))


def test_pca_one_and_two_features() -> None:
    rng = random.Random(801)
    cases = []
    for j in range(n_cases(880)):
        p = 1 + j % 2
        cases.append((data(rng, rng.randint(2, 5), p), rng.randint(1, p)))
    run_cases(assert_pca, cases)


def test_pca_three_features() -> None:
    rng = random.Random(802)
    cases = []
    for j in range(n_cases(120)):
        n = rng.randint(2, 5)
        X = data(rng, n, 3)
        if j % 2:  # a block structure with an easy spectrum
            X[:, 2] = Matrix([rng.choice([0, 0, 1]) for _ in range(n)])
        cases.append((X, rng.randint(1, 3)))
    run_cases(assert_pca, cases)


def test_pca_example_wording() -> None:
    d = pca(Matrix([[1, 2], [3, 3], [5, 7]]))
    text = d.to_text()
    assert "x̄₁ = (1 + 3 + 5)/3 = 3" in text
    assert "Bessel's correction" in text
    assert "C₁₂ = ((−2)·(−2) + 0·(−1) + 2·3)/2 = 10/2 = 5" in text
    assert "λ₁/Σλ = (√109/2 + 11/2)/11 = √109/22 + 1/2 ≈ 0.97456 = 97.46%" in text
    assert "The first component keeps 97.46% of the variance." in text
    assert d.verified


def test_pca_rational_example() -> None:
    d = pca(Matrix([[2, 0], [0, 2], [-2, 0], [0, -2]]), 2)
    assert d.result["eigenvalues"] == [Rational(8, 3), Rational(8, 3)]
    assert d.result["explained_ratio"] == [Rational(1, 2), Rational(1, 2)]
    assert "Gram–Schmidt" in d.to_text() or d.verified


def test_pca_three_features_numeric_directions_are_labelled() -> None:
    d = pca(Matrix([[1, 2, 0], [3, 3, 1], [5, 7, 2], [0, 1, 5]]), 2)
    text = d.to_text()
    assert "(numeric)" in text
    assert d.verified


def test_pca_bad_inputs() -> None:
    with pytest.raises(BadInput, match="at least 2 samples"):
        pca(Matrix([[1, 2]]))
    with pytest.raises(BadInput, match="between 1 and"):
        pca(Matrix([[1, 2], [3, 4]]), 3)
    with pytest.raises(BadInput):
        pca(Matrix([[sympy.Symbol("x"), 1], [2, 3]]))
    with pytest.raises(NotPossible, match="identical"):
        pca(Matrix([[1, 2], [1, 2]]))


def test_registry_names() -> None:
    assert registry.get("pca").func is pca
    assert registry.get("principal-components").func is pca


@pytest.mark.parametrize("args", [
    (Matrix([[1, 2], [3, 3], [5, 7]]), None),
    (Matrix([[1, 2, 0], [3, 3, 1], [5, 7, 2], [0, 1, 5]]), sympy.Integer(2)),
])
def test_renderers(args) -> None:
    assert_renders(pca(*args))


def test_text_inputs_through_the_runner() -> None:
    from linalg_tutor.course.scratchpad import run

    d = run("pca", ["[[1,2],[3,3],[5,7]]"])  # k defaults to 1
    assert d.result["components"].shape == (2, 1)
