"""Chapter 9: a small procedural image, its SVD and its rank-k reconstructions."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

SIZE = 24


@lru_cache(maxsize=1)
def image():
    """A 24×24 picture with a ring, a bar and a soft gradient: values in [0, 1]."""
    import numpy as np

    y, x = np.mgrid[0:SIZE, 0:SIZE] / (SIZE - 1)
    ring = np.exp(-((np.hypot(x - 0.35, y - 0.4) - 0.22) ** 2) / 0.004)
    bar = ((x > 0.65) & (x < 0.85) & (y > 0.15) & (y < 0.9)).astype(float) * 0.8
    img = 0.25 * x + 0.15 * y + ring + bar
    img = (img - img.min()) / (img.max() - img.min())
    img.setflags(write=False)
    return img


@lru_cache(maxsize=1)
def decomposition():
    import numpy as np

    return np.linalg.svd(image(), full_matrices=False)


@dataclass(frozen=True)
class RankK:
    k: int
    approx: object                 # NumPy array, rank k
    singular_values: tuple[float, ...]
    storage: int                   # k·(m + n + 1) numbers
    full_storage: int              # m·n
    error: float                   # ‖A − A_k‖_F / ‖A‖_F
    energy: float                  # (σ₁² + … + σ_k²) / Σσ²


def rank_k(k: int) -> RankK:
    import numpy as np

    u, s, vt = decomposition()
    k = max(1, min(k, len(s)))
    approx = (u[:, :k] * s[:k]) @ vt[:k, :]
    m, n = image().shape
    sq = s ** 2
    error = float(np.sqrt(sq[k:].sum() / sq.sum()))
    return RankK(k, approx, tuple(float(v) for v in s), k * (m + n + 1), m * n, error,
                 float(sq[:k].sum() / sq.sum()))
