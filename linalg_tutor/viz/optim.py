"""Chapters 12, 13, 16: gradient descent on a quadratic, the Hessian test, quadratic forms."""

from __future__ import annotations

import math
from dataclasses import dataclass

from linalg_tutor.viz.matrices import eigen2

# ---- chapter 12: gradient descent on f(x, y) = x² + 3y² -----------------------------------

#: Curvatures of f along x and y: the Hessian is diag(2, 6).
CURVATURES = (2.0, 6.0)


def gd_f(x, y):
    return x * x + 3 * y * y


def gd_grad(x: float, y: float) -> tuple[float, float]:
    return 2 * x, 6 * y


def gd_path(start: tuple[float, float], lr: float, steps: int) -> list[tuple[float, float]]:
    """Points x₀, x₁, … with x_{t+1} = x_t − lr·∇f(x_t); stops early once it has blown up."""
    path = [start]
    x, y = start
    for _ in range(steps):
        gx, gy = gd_grad(x, y)
        x, y = x - lr * gx, y - lr * gy
        path.append((x, y))
        if abs(x) > 1e6 or abs(y) > 1e6:
            break
    return path


def gd_limit() -> float:
    """Largest stable rate: 2 / λ_max = 2/6 = 1/3."""
    return 2 / max(CURVATURES)


def gd_status(lr: float) -> str:
    factors = [abs(1 - lr * lam) for lam in CURVATURES]
    worst = max(factors)
    if lr <= 0:
        return "stuck: the rate must be positive"
    if worst > 1 + 1e-12:
        return "diverges: a step overshoots and grows"
    if abs(worst - 1) <= 1e-12:
        return "oscillates forever at the edge"
    if any(1 - lr * lam < 0 for lam in CURVATURES):
        return "converges, zig-zagging"
    return "converges"


# ---- chapter 13: the Hessian at a point -----------------------------------------------------

@dataclass(frozen=True)
class Surface:
    name: str
    f: object        # (X, Y) -> value, NumPy-friendly
    grad: object     # (x, y) -> (fx, fy)
    hessian: object  # (x, y) -> ((fxx, fxy), (fxy, fyy))


SURFACES = (
    Surface("x³ − 3x + y²", lambda x, y: x ** 3 - 3 * x + y ** 2,
            lambda x, y: (3 * x * x - 3, 2 * y),
            lambda x, y: ((6 * x, 0.0), (0.0, 2.0))),
    Surface("x³ − 3xy² + y³", lambda x, y: x ** 3 - 3 * x * y ** 2 + y ** 3,
            lambda x, y: (3 * x * x - 3 * y * y, -6 * x * y + 3 * y * y),
            lambda x, y: ((6 * x, -6 * y), (-6 * y, 6 * y - 6 * x))),
    Surface("x² + y² (bowl)", lambda x, y: x ** 2 + y ** 2,
            lambda x, y: (2 * x, 2 * y),
            lambda x, y: ((2.0, 0.0), (0.0, 2.0))),
)


@dataclass(frozen=True)
class HessianReport:
    gradient: tuple[float, float]
    hessian: tuple[tuple[float, float], tuple[float, float]]
    eigenvalues: tuple[float, float]
    eigenvectors: tuple[tuple[float, float], ...]
    critical: bool
    shape: str          # "bowl", "dome", "saddle", "flat in one direction"
    verdict: str


def shape_of(l1: float, l2: float, tol: float = 1e-9) -> str:
    if abs(l1) <= tol or abs(l2) <= tol:
        return "flat in one direction"
    if l1 > 0 and l2 > 0:
        return "bowl"
    if l1 < 0 and l2 < 0:
        return "dome"
    return "saddle"


def hessian_report(surface: Surface, x: float, y: float, tol: float = 1e-9) -> HessianReport:
    g = tuple(float(v) for v in surface.grad(x, y))
    h = tuple(tuple(float(v) for v in row) for row in surface.hessian(x, y))
    values, vectors = eigen2(h)
    l1, l2 = values[0].real, values[1].real
    shape = shape_of(l1, l2, tol)
    critical = math.hypot(*g) <= tol
    if critical:
        verdict = {"bowl": "local minimum", "dome": "local maximum", "saddle": "saddle point",
                   "flat in one direction": "test inconclusive (an eigenvalue is 0)"}[shape]
    else:
        verdict = f"not a critical point (∇f ≠ 0); {shape}-shaped here"
    return HessianReport(g, h, (l1, l2), vectors, critical, shape, verdict)


# ---- chapter 16: quadratic forms ------------------------------------------------------------

@dataclass(frozen=True)
class QuadForm:
    eigenvalues: tuple[float, float]
    eigenvectors: tuple[tuple[float, float], ...]
    minors: tuple[float, float]
    kind: str      # positive definite, …
    curves: str    # what the level sets xᵀAx = c look like


def quad_form(a: float, b: float, c: float, tol: float = 1e-9) -> QuadForm:
    """A = [[a, b], [b, c]]; classify by eigenvalues (and the leading minors a, ac − b²)."""
    values, vectors = eigen2(((a, b), (b, c)))
    l1, l2 = values[0].real, values[1].real
    if l1 > tol and l2 > tol:
        kind, curves = "positive definite", "ellipses (a bowl)"
    elif l1 < -tol and l2 < -tol:
        kind, curves = "negative definite", "ellipses (a dome)"
    elif l1 > tol and l2 < -tol:
        kind, curves = "indefinite", "hyperbolas (a saddle)"
    elif abs(l1) <= tol and abs(l2) <= tol:
        kind, curves = "zero", "nothing: xᵀAx = 0 everywhere"
    elif l1 > tol or l2 > tol:
        kind, curves = "positive semidefinite", "pairs of parallel lines (a valley)"
    else:
        kind, curves = "negative semidefinite", "pairs of parallel lines (a ridge)"
    return QuadForm((l1, l2), vectors, (a, a * c - b * b), kind, curves)


def quad_value(a: float, b: float, c: float, x, y):
    return a * x * x + 2 * b * x * y + c * y * y
