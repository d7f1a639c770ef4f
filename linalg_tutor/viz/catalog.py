"""The list of visual panels, one per lesson chapter: number, title and what it shows.

Kept free of NumPy, Textual and plotext so the command palette can list the panels without
loading any of them.
"""

from __future__ import annotations

from typing import NamedTuple


class PanelInfo(NamedTuple):
    """One chapter's picture: ``chapter`` number, short ``title``, one-line ``summary``."""

    chapter: int
    title: str
    summary: str


PANELS: tuple[PanelInfo, ...] = (
    PanelInfo(0, "Sobel kernel sliding over an image", "Each output pixel is one dot product"),
    PanelInfo(1, "Scalar to 4-D tensor", "Shape and element count at each level"),
    PanelInfo(2, "Norm balls", "L1, L2 and L∞ of a vector you move"),
    PanelInfo(3, "Dot product and projection", "Two vectors: dot, cosine, angle, projection"),
    PanelInfo(4, "Matrix product stepper", "Row of A times column of B, entry by entry"),
    PanelInfo(5, "A 2×2 matrix maps the unit square", "Determinant, inverse, eigenvalues live"),
    PanelInfo(6, "Parallelogram, determinant, rank", "Area = |det|; rank 2 or 1"),
    PanelInfo(7, "Change of basis", "One fixed point, its coordinates in two bases"),
    PanelInfo(8, "Eigenvectors and PCA", "Unit circle to ellipse; principal axes of data"),
    PanelInfo(9, "SVD: rank-k image", "Rank-k reconstruction, singular values, storage"),
    PanelInfo(10, "Matrix factorization", "Ratings with gaps filled by U·Vᵀ; training loss"),
    PanelInfo(11, "Matrix norms on the ellipse", "Spectral, nuclear and Frobenius norms"),
    PanelInfo(12, "Gradient descent on contours", "Start point and learning rate; divergence"),
    PanelInfo(13, "The Hessian at a point", "Curvature directions; the point classified"),
    PanelInfo(14, "Forward and backward pass", "Every number of the worked layer"),
    PanelInfo(15, "Broadcasting shapes", "Shapes aligned from the right; the error case"),
    PanelInfo(16, "Quadratic-form contours", "Ellipses, lines or hyperbolas from a symmetric A"),
    PanelInfo(17, "Conditioning", "Two nearby systems, κ, digits lost in float32/64"),
    PanelInfo(18, "A training step, stage by stage", "The pipeline and the operations it uses"),
)


def panel_info(chapter: int) -> PanelInfo | None:
    """The panel of ``chapter``, or None when that chapter has none."""
    for info in PANELS:
        if info.chapter == chapter:
            return info
    return None
