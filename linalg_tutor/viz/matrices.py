"""Chapters 1, 4, 5, 11: tensor shapes, the matrix-product stepper, 2×2 maps, matrix norms."""

from __future__ import annotations

import cmath
import math
from dataclasses import dataclass
from functools import reduce


# ---- chapter 1: tensors ---------------------------------------------------------------------

LEVELS: tuple[tuple[str, tuple[int, ...], str], ...] = (
    ("scalar", (), "one number: a temperature, a loss value"),
    ("vector", (4,), "a list: one embedding, one row of features"),
    ("matrix", (3, 4), "rows × columns: a weight matrix, a grey image"),
    ("3-D tensor", (2, 3, 4), "channels × rows × columns: a colour image"),
    ("4-D tensor", (2, 2, 3, 4), "batch × channels × rows × columns"),
)


def element_count(shape: tuple[int, ...]) -> int:
    """The product of the sizes; 1 for a scalar (the empty product)."""
    return reduce(lambda a, b: a * b, shape, 1)


# ---- chapter 4: matrix product stepper ------------------------------------------------------

@dataclass(frozen=True)
class ProductStep:
    i: int
    j: int
    terms: tuple[tuple[float, float], ...]  # (A[i,k], B[k,j]) for each k
    value: float
    filled: tuple[tuple[float | None, ...], ...]  # C with entries not yet computed as None


def product_shape(a: list[list[float]], b: list[list[float]]) -> tuple[int, int] | None:
    """(rows of A, columns of B), or None when the inner sizes differ."""
    if len(a[0]) != len(b):
        return None
    return len(a), len(b[0])


def product_step(a: list[list[float]], b: list[list[float]], step: int) -> ProductStep:
    """Entry number ``step`` (row by row, 0-based) of C = A·B and C filled up to it."""
    shape = product_shape(a, b)
    if shape is None:
        raise ValueError("inner sizes differ")
    rows, cols = shape
    step = max(0, min(step, rows * cols - 1))
    i, j = divmod(step, cols)
    filled = []
    for r in range(rows):
        filled.append(tuple(
            sum(a[r][k] * b[k][c] for k in range(len(b))) if r * cols + c <= step else None
            for c in range(cols)))
    terms = tuple((a[i][k], b[k][j]) for k in range(len(b)))
    return ProductStep(i, j, terms, sum(x * y for x, y in terms), tuple(filled))


# ---- chapter 5 and 8: a 2×2 matrix ----------------------------------------------------------

Matrix2 = tuple[tuple[float, float], tuple[float, float]]


@dataclass(frozen=True)
class Map2:
    det: float
    trace: float
    inverse: Matrix2 | None
    eigenvalues: tuple[complex, complex]
    eigenvectors: tuple[tuple[float, float], ...]  # real unit eigenvectors (0, 1 or 2)
    square: tuple[tuple[float, float], ...]        # the image of the unit square, closed


def eigen2(m: Matrix2) -> tuple[tuple[complex, complex], tuple[tuple[float, float], ...]]:
    """Eigenvalues from λ² − tr·λ + det = 0 (largest real part first) and real unit eigenvectors."""
    (a, b), (c, d) = m
    tr, det = a + d, a * d - b * c
    root = cmath.sqrt(tr * tr / 4 - det)
    l1, l2 = tr / 2 + root, tr / 2 - root
    if abs(root.imag) < 1e-12:
        l1, l2 = complex(l1.real, 0), complex(l2.real, 0)
    vectors: list[tuple[float, float]] = []
    if l1.imag == 0:
        for lam in ([l1.real] if abs(l1 - l2) < 1e-12 else [l1.real, l2.real]):
            # (A − λI)v = 0: take v ⟂ a non-zero row of A − λI.
            rows = [(a - lam, b), (c, d - lam)]
            row = max(rows, key=lambda r: math.hypot(*r))
            if math.hypot(*row) < 1e-12:  # A = λI: every direction is an eigenvector
                vectors += [(1.0, 0.0), (0.0, 1.0)]
                break
            v = (-row[1], row[0])
            n = math.hypot(*v)
            v = (v[0] / n, v[1] / n)
            if v[0] < 0 or (v[0] == 0 and v[1] < 0):
                v = (-v[0], -v[1])
            vectors.append(v)
    return (l1, l2), tuple(vectors)


def apply(m: Matrix2, x: float, y: float) -> tuple[float, float]:
    return m[0][0] * x + m[0][1] * y, m[1][0] * x + m[1][1] * y


def map2(m: Matrix2, tol: float = 1e-12) -> Map2:
    """Everything the unit-square panel shows about ``m``."""
    (a, b), (c, d) = m
    det = a * d - b * c
    inverse = None if abs(det) <= tol else ((d / det, -b / det), (-c / det, a / det))
    values, vectors = eigen2(m)
    corners = [(0, 0), (1, 0), (1, 1), (0, 1), (0, 0)]
    return Map2(det, a + d, inverse, values, vectors, tuple(apply(m, x, y) for x, y in corners))


def circle(points: int = 90) -> tuple[list[float], list[float]]:
    angles = [2 * math.pi * i / points for i in range(points + 1)]
    return [math.cos(t) for t in angles], [math.sin(t) for t in angles]


def mapped_circle(m: Matrix2, points: int = 90) -> tuple[list[float], list[float]]:
    xs, ys = circle(points)
    pts = [apply(m, x, y) for x, y in zip(xs, ys)]
    return [p[0] for p in pts], [p[1] for p in pts]


# ---- chapter 11: matrix norms ---------------------------------------------------------------

@dataclass(frozen=True)
class MatrixNorms:
    sigma: tuple[float, float]
    spectral: float
    nuclear: float
    frobenius: float
    axes: tuple[tuple[float, float], tuple[float, float]]  # σ₁u₁ and σ₂u₂, the semi-axes


def matrix_norms(m: Matrix2) -> MatrixNorms:
    """Singular values from the eigenvalues of AᵀA; the three norms built from them."""
    import numpy as np

    u, s, _ = np.linalg.svd(np.array(m, dtype=float))
    s1, s2 = float(s[0]), float(s[1])
    axes = ((s1 * float(u[0, 0]), s1 * float(u[1, 0])), (s2 * float(u[0, 1]), s2 * float(u[1, 1])))
    return MatrixNorms((s1, s2), s1, s1 + s2, math.sqrt(s1 * s1 + s2 * s2), axes)
