"""Chapters 2, 3, 6, 7: norms and their unit balls, dot products, parallelograms, bases."""

from __future__ import annotations

import math
from dataclasses import dataclass


# ---- chapter 2: norms -----------------------------------------------------------------------

@dataclass(frozen=True)
class Norms:
    l1: float
    l2: float
    linf: float


def norms(x: float, y: float) -> Norms:
    """L1 = |x| + |y|, L2 = √(x² + y²), L∞ = max(|x|, |y|)."""
    return Norms(abs(x) + abs(y), math.hypot(x, y), max(abs(x), abs(y)))


def ball_outline(kind: str, radius: float = 1.0, points: int = 120) -> tuple[list[float], list[float]]:
    """The closed outline of the ball ‖v‖ = radius for ``kind`` in {"l1", "l2", "linf"}."""
    r = radius
    if kind == "l1":
        xs, ys = [r, 0, -r, 0, r], [0, r, 0, -r, 0]
    elif kind == "linf":
        xs, ys = [r, -r, -r, r, r], [r, r, -r, -r, r]
    elif kind == "l2":
        angles = [2 * math.pi * i / points for i in range(points + 1)]
        xs, ys = [r * math.cos(t) for t in angles], [r * math.sin(t) for t in angles]
    else:
        raise ValueError(f"unknown norm {kind!r}")
    return [float(v) for v in xs], [float(v) for v in ys]


def densify(xs: list[float], ys: list[float], per_edge: int = 30) -> tuple[list[float], list[float]]:
    """Extra points along each straight edge, so a polygon drawn as dots looks solid."""
    out_x, out_y = [], []
    for (x0, y0), (x1, y1) in zip(zip(xs, ys), zip(xs[1:], ys[1:])):
        for i in range(per_edge):
            t = i / per_edge
            out_x.append(x0 + t * (x1 - x0))
            out_y.append(y0 + t * (y1 - y0))
    out_x.append(xs[-1])
    out_y.append(ys[-1])
    return out_x, out_y


# ---- chapter 3: dot product -----------------------------------------------------------------

@dataclass(frozen=True)
class DotReport:
    dot: float
    norm_a: float
    norm_b: float
    cosine: float | None     # None when either vector is zero
    angle_deg: float | None
    projection: tuple[float, float] | None  # the projection of a on b
    scalar_projection: float | None          # signed length of that projection


def dot_report(a: tuple[float, float], b: tuple[float, float]) -> DotReport:
    """Dot, norms, cosine, angle and the projection of ``a`` onto ``b``."""
    dot = a[0] * b[0] + a[1] * b[1]
    na, nb = math.hypot(*a), math.hypot(*b)
    if na == 0 or nb == 0:
        proj = (0.0, 0.0) if nb else None
        return DotReport(dot, na, nb, None, None, proj, 0.0 if nb else None)
    cos = max(-1.0, min(1.0, dot / (na * nb)))
    scale = dot / (nb * nb)
    return DotReport(dot, na, nb, cos, math.degrees(math.acos(cos)), (scale * b[0], scale * b[1]), dot / nb)


def sign_word(dot: float, tol: float = 1e-12) -> str:
    if dot > tol:
        return "positive: angle under 90°"
    if dot < -tol:
        return "negative: angle over 90°"
    return "zero: perpendicular"


# ---- chapter 6: parallelogram ---------------------------------------------------------------

@dataclass(frozen=True)
class Parallelogram:
    det: float
    area: float
    rank: int
    corners: tuple[tuple[float, float], ...]  # 0, u, u+v, v, 0


def parallelogram(u: tuple[float, float], v: tuple[float, float], tol: float = 1e-12) -> Parallelogram:
    """det[u v] = u₁v₂ − u₂v₁; area |det|; rank 2, 1 (parallel) or 0 (both zero)."""
    det = u[0] * v[1] - u[1] * v[0]
    if abs(det) > tol:
        rank = 2
    elif any(abs(c) > tol for c in (*u, *v)):
        rank = 1
    else:
        rank = 0
    corners = ((0.0, 0.0), u, (u[0] + v[0], u[1] + v[1]), v, (0.0, 0.0))
    return Parallelogram(det, abs(det), rank, corners)


# ---- chapter 7: change of basis -------------------------------------------------------------

def coordinates(point: tuple[float, float], b1: tuple[float, float], b2: tuple[float, float],
                tol: float = 1e-12) -> tuple[float, float] | None:
    """c with c₁·b1 + c₂·b2 = point (Cramer's rule), or None when b1, b2 are not a basis."""
    det = b1[0] * b2[1] - b1[1] * b2[0]
    if abs(det) <= tol:
        return None
    c1 = (point[0] * b2[1] - point[1] * b2[0]) / det
    c2 = (b1[0] * point[1] - b1[1] * point[0]) / det
    return c1, c2


def basis_grid(b1: tuple[float, float], b2: tuple[float, float], span: int = 4
               ) -> list[tuple[tuple[float, float], tuple[float, float]]]:
    """Segments of the grid i·b1 + t·b2 and t·b1 + j·b2 for integers i, j in [−span, span]."""
    segments = []
    for i in range(-span, span + 1):
        segments.append(((i * b1[0] - span * b2[0], i * b1[1] - span * b2[1]),
                         (i * b1[0] + span * b2[0], i * b1[1] + span * b2[1])))
        segments.append(((i * b2[0] - span * b1[0], i * b2[1] - span * b1[1]),
                         (i * b2[0] + span * b1[0], i * b2[1] + span * b1[1])))
    return segments
