"""Chapter 8: principal axes of a small 2-D data set (PCA mode of the ellipse panel)."""

from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass(frozen=True)
class PCA:
    points: tuple[tuple[float, float], ...]
    mean: tuple[float, float]
    covariance: tuple[tuple[float, float], tuple[float, float]]  # 1/(n − 1), as NumPy's cov
    eigenvalues: tuple[float, float]   # largest first
    eigenvectors: tuple[tuple[float, float], tuple[float, float]]
    explained: float                   # share of the variance along the first axis


def sample(angle_deg: float, spread: float = 3.0, n: int = 40, seed: int = 0
           ) -> tuple[tuple[float, float], ...]:
    """``n`` points stretched ``spread``× along the direction ``angle_deg`` (seeded, repeatable)."""
    import numpy as np

    rng = np.random.default_rng(seed)
    raw = rng.standard_normal((n, 2)) * np.array([spread, 1.0])
    t = math.radians(angle_deg)
    rot = np.array([[math.cos(t), -math.sin(t)], [math.sin(t), math.cos(t)]])
    pts = raw @ rot.T + np.array([1.0, 0.5])
    return tuple((float(x), float(y)) for x, y in pts)


def pca(points) -> PCA:
    import numpy as np

    data = np.array(points, dtype=float)
    mean = data.mean(axis=0)
    cov = np.cov(data, rowvar=False)
    values, vectors = np.linalg.eigh(cov)
    order = np.argsort(values)[::-1]
    values, vectors = values[order], vectors[:, order]
    vecs = []
    for k in range(2):
        v = vectors[:, k]
        if v[0] < 0 or (v[0] == 0 and v[1] < 0):
            v = -v
        vecs.append((float(v[0]), float(v[1])))
    total = float(values.sum())
    return PCA(tuple(map(tuple, data.tolist())), (float(mean[0]), float(mean[1])),
               ((float(cov[0, 0]), float(cov[0, 1])), (float(cov[1, 0]), float(cov[1, 1]))),
               (float(values[0]), float(values[1])), (vecs[0], vecs[1]),
               float(values[0]) / total if total else 0.0)
