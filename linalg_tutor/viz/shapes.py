"""Chapter 15: broadcasting two shapes, aligned from the right."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Axis:
    a: int | None      # None where the shorter shape has no axis (treated as 1)
    b: int | None
    result: int | None  # None where the sizes clash
    note: str


@dataclass(frozen=True)
class Broadcast:
    axes: tuple[Axis, ...]       # leftmost axis first
    result: tuple[int, ...] | None
    error: str | None


PRESETS: tuple[tuple[tuple[int, ...], tuple[int, ...], str], ...] = (
    ((3, 1), (1, 4), "a column plus a row: an addition table"),
    ((3, 4), (4,), "one row added to every row"),
    ((2, 3, 4), (3, 1), "b becomes [1, 3, 1]: stretched over batch and columns"),
    ((32, 128), (128,), "a bias added to every sample of a batch"),
    ((3, 4), (5, 4), "3 against 5, neither is 1: an error"),
    ((3, 4), (3,), "a common slip: [3] is aligned with the 4, not the 3"),
)


def broadcast(a: tuple[int, ...], b: tuple[int, ...]) -> Broadcast:
    """NumPy's rule: pad the shorter shape with 1s on the left; sizes must match or be 1."""
    n = max(len(a), len(b))
    pa = (None,) * (n - len(a)) + tuple(a)
    pb = (None,) * (n - len(b)) + tuple(b)
    axes, error = [], None
    for k, (x, y) in enumerate(zip(pa, pb)):
        xs, ys = 1 if x is None else x, 1 if y is None else y
        if x is None or y is None:
            result, note = max(xs, ys), "missing axis counts as 1"
        elif xs == ys:
            result, note = xs, "equal"
        elif xs == 1:
            result, note = ys, f"A stretched 1 → {ys}"
        elif ys == 1:
            result, note = xs, f"B stretched 1 → {xs}"
        else:
            result, note = None, f"{xs} ≠ {ys} and neither is 1"
            error = error or f"axis {k - n} (from the right): {xs} ≠ {ys}, neither is 1".replace("-", "−")
        axes.append(Axis(x, y, result, note))
    shape = None if error else tuple(ax.result for ax in axes)
    return Broadcast(tuple(axes), shape, error)


def addition_table(a: tuple[int, ...], b: tuple[int, ...]):
    """For 2-D results, small example values: A = 10·row index pattern, B = column pattern, A + B."""
    import numpy as np

    res = broadcast(a, b)
    if res.error or res.result is None or len(res.result) > 2 or max(res.result) > 6:
        return None
    left = np.arange(1, int(np.prod(a)) + 1).reshape(a) * 10
    right = np.arange(1, int(np.prod(b)) + 1).reshape(b)
    return left, right, left + right
