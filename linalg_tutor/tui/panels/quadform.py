"""Chapter 16: the contours of xᵀAx for a symmetric 2×2 A; ellipses, lines or hyperbolas."""

from __future__ import annotations

from typing import Any

from rich.text import Text

from linalg_tutor.tui.panels.base import Number, Panel, lines
from linalg_tutor.tui.panels.square import matrix_text
from linalg_tutor.viz.fmt import num, vec
from linalg_tutor.viz.optim import quad_form, quad_value

LEVELS = (-4, -1, 1, 4)


class QuadFormPanel(Panel):
    CHAPTER = 16
    TITLE = "Quadratic-form contours"
    CAPTION = ("Curves xᵀAx = c for A = [[a, b], [b, c]]: bright c > 0, blue c < 0, dotted "
               "eigenvector lines. tab picks a, b or c; arrows or + − step by 0.5.")

    def make_controls(self):
        return [Number("a", 2, step=0.5, lo=-4, hi=4), Number("b", 1, step=0.5, lo=-4, hi=4),
                Number("c", 2, step=0.5, lo=-4, hi=4)]

    def _abc(self):
        return tuple(ctrl.value for ctrl in self.controls)

    def draw_plot(self, plt: Any) -> None:
        a, b, c = self._abc()
        xlim, ylim = self.equal_limits(0, 0, 3)
        self.contours(plt, lambda x, y: quad_value(a, b, c, x, y), LEVELS, xlim, ylim,
                      colours=("primary", "primary", "accent", "accent"), fade=0.1)
        q = quad_form(a, b, c)
        for v in q.eigenvectors:
            plt.plot([-9 * v[0], 9 * v[0]], [-9 * v[1], 9 * v[1]], marker="·", color=self.dim("success", 0.3))
        self.frame(plt, xlim, ylim)

    def numbers(self):
        a, b, c = self._abc()
        q = quad_form(a, b, c)
        tone = "success" if q.kind == "positive definite" else "error" if q.kind == "indefinite" else "warning"
        value = quad_value(a, b, c, 1, -1)
        return lines("A =", matrix_text(((a, b), (b, c))),
                     f"xᵀAx = {num(a)}x² + {num(2 * b)}xy + {num(c)}y²", "",
                     f"λ = {num(q.eigenvalues[0])} and {num(q.eigenvalues[1])}",
                     *(f"v = {vec(v)}" for v in q.eigenvectors),
                     f"minors: {num(q.minors[0])}, {num(q.minors[1])}", "",
                     Text(q.kind, style=f"bold {self.colour(tone)}"), f"level sets: {q.curves}", "",
                     f"x = (1, −1) gives xᵀAx = {num(value)}")


PANEL = QuadFormPanel
