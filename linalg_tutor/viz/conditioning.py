"""Chapter 17: two nearby systems A·x = b and A·x = b + ε·e₂, the condition number, digits lost."""

from __future__ import annotations

import math
from dataclasses import dataclass

#: The bottom-right entry d of A = [[1, 1], [1, d]]: from well- to ill-conditioned.
D_VALUES = (3.0, 2.0, 1.5, 1.1, 1.01, 1.001, 1.0001)
EPSILONS = (0.1, 0.01, 0.001, 0.0001)
FLOAT32_DIGITS, FLOAT64_DIGITS = 7.2, 15.9


@dataclass(frozen=True)
class Conditioning:
    a: tuple[tuple[float, float], tuple[float, float]]
    b: tuple[float, float]
    b2: tuple[float, float]
    x: tuple[float, float]
    x2: tuple[float, float]
    kappa: float
    input_change: float    # ‖b' − b‖ / ‖b‖
    output_change: float   # ‖x' − x‖ / ‖x‖
    digits32: float
    digits64: float
    x32: tuple[float, float]  # the first system solved in float32


def condition(d: float, eps: float) -> Conditioning:
    """A = [[1, 1], [1, d]] with b chosen so that x = (1, 1); b' adds ``eps`` to b₂."""
    import numpy as np

    a = np.array([[1.0, 1.0], [1.0, d]])
    b = a @ np.array([1.0, 1.0])
    b2 = b + np.array([0.0, eps])
    x = np.linalg.solve(a, b)
    x2 = np.linalg.solve(a, b2)
    kappa = float(np.linalg.cond(a))
    x32 = np.linalg.solve(a.astype(np.float32), b.astype(np.float32))
    lost = math.log10(kappa)
    return Conditioning(
        ((1.0, 1.0), (1.0, d)), (float(b[0]), float(b[1])), (float(b2[0]), float(b2[1])),
        (float(x[0]), float(x[1])), (float(x2[0]), float(x2[1])), kappa,
        float(np.linalg.norm(b2 - b) / np.linalg.norm(b)),
        float(np.linalg.norm(x2 - x) / np.linalg.norm(x)),
        max(0.0, FLOAT32_DIGITS - lost), max(0.0, FLOAT64_DIGITS - lost),
        (float(x32[0]), float(x32[1])))
