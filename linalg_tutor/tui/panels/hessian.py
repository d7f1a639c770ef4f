"""Chapter 13: the Hessian at a chosen point of a contour plot; eigen-directions; the point classified."""

from __future__ import annotations

from typing import Any

from rich.text import Text

from linalg_tutor.tui.panels.base import Choice, Panel, Point, lines
from linalg_tutor.tui.panels.square import matrix_text
from linalg_tutor.viz.fmt import num, vec
from linalg_tutor.viz.optim import SURFACES, hessian_report


class HessianPanel(Panel):
    CHAPTER = 13
    TITLE = "The Hessian at a point"
    CAPTION = ("Contours of f (bright > 0, blue < 0), the Hessian's eigen-directions at the point: "
               "green curves up, red down, longer = sharper. Arrows or a click move it.")

    def make_controls(self):
        return [Point("point", 1, 0, step=0.25, limit=2),
                Choice("f", list(range(len(SURFACES))), show=lambda k: SURFACES[k].name)]

    @property
    def surface(self):
        return SURFACES[self.control("f").value]

    def draw_plot(self, plt: Any) -> None:
        s = self.surface
        p = self.control("point").xy
        xlim, ylim = self.equal_limits(0, 0, 2.2)
        levels = (-2, -1, 0, 1, 2)
        self.contours(plt, s.f, levels, xlim, ylim, colours=("primary", "primary", "foreground", "accent", "accent"),
                      fade=0.55, key=s.name)
        rep = hessian_report(s, *p)
        biggest = max(abs(rep.eigenvalues[0]), abs(rep.eigenvalues[1]), 1e-9)
        for lam, v in zip(rep.eigenvalues, rep.eigenvectors):
            length = 0.2 + 0.8 * abs(lam) / biggest
            colour = "success" if lam > 1e-9 else "error" if lam < -1e-9 else "warning"
            for sign in (1, -1):
                self.arrow(plt, p, (p[0] + sign * length * v[0], p[1] + sign * length * v[1]), colour, tip=False)
        plt.scatter([p[0]], [p[1]], marker="●", color=self.rgb("accent"))
        self.frame(plt, xlim, ylim)

    def numbers(self):
        s = self.surface
        p = self.control("point").xy
        rep = hessian_report(s, *p)
        tone = "success" if rep.critical else "warning"
        return lines(f"f = {s.name}", f"at {vec(p)}", "",
                     f"∇f = {vec(rep.gradient)}", "H =", matrix_text(rep.hessian), "",
                     f"λ₁ = {num(rep.eigenvalues[0])}   λ₂ = {num(rep.eigenvalues[1])}",
                     *(f"v = {vec(v)}" for v in rep.eigenvectors), "",
                     Text(rep.verdict, style=f"bold {self.colour(tone)}"))


PANEL = HessianPanel
