"""Level curves of a function on a grid, as points: plotext has no contour plot, so we draw dots."""

from __future__ import annotations

from typing import Callable


def grid(xlim: tuple[float, float], ylim: tuple[float, float], nx: int = 81, ny: int = 61):
    import numpy as np

    xs = np.linspace(xlim[0], xlim[1], nx)
    ys = np.linspace(ylim[0], ylim[1], ny)
    return np.meshgrid(xs, ys)


def level_points(f: Callable, levels, xlim, ylim, nx: int = 81, ny: int = 61
                 ) -> list[tuple[float, list[float], list[float]]]:
    """For each level c, the points where f = c crosses a grid edge (linear interpolation).

    ``f`` takes NumPy arrays X, Y and returns an array. Returns ``[(c, xs, ys), …]``.
    """
    import numpy as np

    X, Y = grid(xlim, ylim, nx, ny)
    F = f(X, Y)
    result = []
    for c in levels:
        G = F - c
        xs_out, ys_out = [], []
        # Horizontal edges: between columns j and j+1.
        a, b = G[:, :-1], G[:, 1:]
        mask = (a * b <= 0) & (a != b)
        t = np.where(mask, a / np.where(a == b, 1, a - b), 0)
        xs_out.append((X[:, :-1] + t * (X[:, 1:] - X[:, :-1]))[mask])
        ys_out.append(Y[:, :-1][mask])
        # Vertical edges: between rows i and i+1.
        a, b = G[:-1, :], G[1:, :]
        mask = (a * b <= 0) & (a != b)
        t = np.where(mask, a / np.where(a == b, 1, a - b), 0)
        xs_out.append(X[:-1, :][mask])
        ys_out.append((Y[:-1, :] + t * (Y[1:, :] - Y[:-1, :]))[mask])
        result.append((float(c), np.concatenate(xs_out).tolist(), np.concatenate(ys_out).tolist()))
    return result
