"""Chapter 11: matrix norms on the ellipse; spectral, nuclear and Frobenius."""

from __future__ import annotations

from typing import Any

from rich.text import Text

from linalg_tutor.tui.panels.base import Number, Panel, lines
from linalg_tutor.tui.panels.square import matrix_text
from linalg_tutor.viz.fmt import num
from linalg_tutor.viz.matrices import circle, mapped_circle, matrix_norms


class MatrixNormsPanel(Panel):
    CHAPTER = 11
    TITLE = "Matrix norms on the ellipse"
    CAPTION = ("A maps the unit circle (dim) to an ellipse; its semi-axes are σ₁ and σ₂. "
               "tab picks an entry of A; arrows or + − step it by 0.5.")

    def make_controls(self):
        return [Number(n, v, step=0.5, lo=-5, hi=5) for n, v in zip("abcd", (1, 2, 3, 4))]

    @property
    def matrix(self):
        a, b, c, d = (ctrl.value for ctrl in self.controls)
        return ((a, b), (c, d))

    def draw_plot(self, plt: Any) -> None:
        m = self.matrix
        norms = matrix_norms(m)
        reach = max(1.3, norms.spectral * 1.1)
        xlim, ylim = self.equal_limits(0, 0, reach)
        plt.plot(*circle(), marker=self.LINE_MARKER, color=self.dim("foreground"))
        plt.plot(*mapped_circle(m), marker=self.LINE_MARKER, color=self.dim("accent", 0.3))
        self.arrow(plt, (0, 0), norms.axes[0], "success", "σ₁")
        self.arrow(plt, (0, 0), norms.axes[1], "primary", "σ₂")
        self.frame(plt, xlim, ylim)

    def numbers(self):
        m = self.matrix
        n = matrix_norms(m)
        s1, s2 = n.sigma
        return lines("A =", matrix_text(m), "",
                     f"σ₁ = {num(s1)}   σ₂ = {num(s2)}", "",
                     Text(f"spectral ‖A‖₂ = {num(n.spectral)}", style="bold"),
                     "  σ₁: the longest stretch", "",
                     Text(f"nuclear ‖A‖* = {num(n.nuclear)}", style="bold"),
                     "  σ₁ + σ₂: both semi-axes", "",
                     Text(f"Frobenius ‖A‖_F = {num(n.frobenius)}", style="bold"),
                     f"  √(Σ aᵢⱼ²) = √{num(sum(v * v for r in m for v in r))}",
                     "  = √(σ₁² + σ₂²)")


PANEL = MatrixNormsPanel
