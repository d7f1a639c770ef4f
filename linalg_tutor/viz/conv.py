"""Chapter 0: a 3×3 kernel sliding over an 8×8 image; each output pixel is one dot product."""

from __future__ import annotations

from dataclasses import dataclass

SIZE = 8
#: A dark image (20) with a bright block (200) in rows 2–5, columns 3–6: four edges to find.
IMAGE: tuple[tuple[int, ...], ...] = tuple(
    tuple(200 if 2 <= r <= 5 and 3 <= c <= 6 else 20 for c in range(SIZE)) for r in range(SIZE))

#: Right column minus left column, the middle row counted twice: finds vertical edges.
SOBEL_X = ((-1, 0, 1), (-2, 0, 2), (-1, 0, 1))
#: Bottom row minus top row: finds horizontal edges.
SOBEL_Y = ((-1, -2, -1), (0, 0, 0), (1, 2, 1))
KERNELS = {"Sobel x (vertical edges)": SOBEL_X, "Sobel y (horizontal edges)": SOBEL_Y}


@dataclass(frozen=True)
class ConvStep:
    row: int                  # top-left corner of the patch = the output position
    col: int
    patch: tuple[tuple[int, ...], ...]
    products: tuple[int, ...]  # kernel × patch, entry by entry, rows laid end to end
    value: int                 # their sum: the dot product
    output: tuple[tuple[int | None, ...], ...]  # output filled up to this position


def out_size(image=IMAGE) -> int:
    return len(image) - 2


def dot_at(image, kernel, row: int, col: int) -> int:
    return sum(kernel[i][j] * image[row + i][col + j] for i in range(3) for j in range(3))


def conv_step(position: int, kernel=SOBEL_X, image=IMAGE) -> ConvStep:
    """The ``position``-th placement of the kernel (row by row) and the output so far."""
    n = out_size(image)
    position = max(0, min(position, n * n - 1))
    row, col = divmod(position, n)
    patch = tuple(tuple(image[row + i][col + j] for j in range(3)) for i in range(3))
    products = tuple(kernel[i][j] * patch[i][j] for i in range(3) for j in range(3))
    output = tuple(tuple(dot_at(image, kernel, r, c) if r * n + c <= position else None
                         for c in range(n)) for r in range(n))
    return ConvStep(row, col, patch, products, sum(products), output)
