"""Chapter 10: fill in a ratings matrix with missing entries as U·Vᵀ, trained by gradient descent."""

from __future__ import annotations

from dataclasses import dataclass, field

#: 5 users × 5 films; None = not rated. Users 1–2 like the first films, users 4–5 the last.
RATINGS: tuple[tuple[int | None, ...], ...] = (
    (5, 4, None, 1, 1),
    (4, None, 4, 1, None),
    (None, 3, 3, 3, 2),
    (1, 1, None, 4, 5),
    (2, None, 1, 5, None),
)


@dataclass
class Factorizer:
    """Full-batch gradient descent on the observed entries of R ≈ U·Vᵀ (U, V: 5×k).

    The loss shown is the mean of (U_i·V_j − R_ij)² over the observed entries; the step follows
    the gradient of ½·Σ(error²) + ½·``reg``·(‖U‖² + ‖V‖²).
    Seeded, so the same k and the same number of epochs give the same numbers.
    """

    k: int = 2
    lr: float = 0.05
    reg: float = 0.02
    seed: int = 0
    epoch: int = 0
    history: list[float] = field(default_factory=list)

    def __post_init__(self) -> None:
        import numpy as np

        rng = np.random.default_rng(self.seed)
        r = np.array([[v if v is not None else 0 for v in row] for row in RATINGS], dtype=float)
        self._r = r
        self._mask = np.array([[v is not None for v in row] for row in RATINGS])
        self._u = rng.normal(0, 0.5, (r.shape[0], self.k)) + 1.0 / self.k
        self._v = rng.normal(0, 0.5, (r.shape[1], self.k)) + 1.0 / self.k
        self.history = [self.loss()]

    @property
    def observed(self) -> int:
        return int(self._mask.sum())

    @property
    def parameters(self) -> int:
        return self._u.size + self._v.size

    def predictions(self):
        return self._u @ self._v.T

    def loss(self) -> float:
        err = (self.predictions() - self._r)[self._mask]
        return float((err ** 2).mean())

    def rmse(self) -> float:
        return self.loss() ** 0.5

    def train(self, epochs: int) -> None:
        for _ in range(epochs):
            err = (self.predictions() - self._r) * self._mask
            # Gradients of ½·Σ err² + ½·reg·(‖U‖² + ‖V‖²), both taken before either moves.
            grad_u = err @ self._v + self.reg * self._u
            grad_v = err.T @ self._u + self.reg * self._v
            self._u -= self.lr * grad_u
            self._v -= self.lr * grad_v
            self.epoch += 1
            self.history.append(self.loss())
