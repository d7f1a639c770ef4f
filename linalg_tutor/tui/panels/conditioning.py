"""Chapter 17: two nearby systems and their solutions; the condition number; digits lost."""

from __future__ import annotations

from typing import Any

from rich.text import Text

from linalg_tutor.tui.panels.base import Panel, Values, lines
from linalg_tutor.tui.panels.square import matrix_text
from linalg_tutor.viz.conditioning import D_VALUES, EPSILONS, condition
from linalg_tutor.viz.fmt import num, vec


class ConditioningPanel(Panel):
    CHAPTER = 17
    TITLE = "Conditioning"
    CAPTION = ("Lines of A·x = b (dim) and the solutions of b (o) and of b + ε in b₂ (●). As d → 1 "
               "the lines turn parallel and x jumps. tab picks d or ε; ← → change it.")
    NUMBERS_WIDTH = 32

    def make_controls(self):
        return [Values("d", D_VALUES, index=5), Values("ε", EPSILONS, index=2)]

    def _state(self):
        return condition(self.control("d").value, self.control("ε").value)

    def draw_plot(self, plt: Any) -> None:
        c = self._state()
        (a11, a12), (a21, a22) = c.a
        far = max(abs(c.x2[0] - 1), abs(c.x2[1] - 1))
        xlim, ylim = self.equal_limits(1, 1, max(2.2, far * 1.2))
        xs = [xlim[0] + (xlim[1] - xlim[0]) * k / 200 for k in range(201)]
        for (p, q), rhs, colour in (((a11, a12), c.b[0], "primary"), ((a21, a22), c.b[1], "primary"),
                                    ((a21, a22), c.b2[1], "accent")):
            pts = [(x, (rhs - p * x) / q) for x in xs]
            pts = [pt for pt in pts if ylim[0] <= pt[1] <= ylim[1]]
            plt.plot([pt[0] for pt in pts], [pt[1] for pt in pts], marker=self.LINE_MARKER, color=self.dim(colour, 0.45))
        plt.scatter([c.x[0]], [c.x[1]], marker="o", color=self.rgb("success"))
        if xlim[0] <= c.x2[0] <= xlim[1] and ylim[0] <= c.x2[1] <= ylim[1]:
            plt.scatter([c.x2[0]], [c.x2[1]], marker="●", color=self.rgb("accent"))
        self.frame(plt, xlim, ylim, "x₁", "x₂")

    def numbers(self):
        c = self._state()
        tone = "success" if c.kappa < 100 else "warning" if c.kappa < 1e4 else "error"
        return lines("A =", matrix_text(c.a, 7, places=6),
                     f"b  = {vec(c.b, 6)}", f"  → x  = {vec(c.x, 4)}",
                     f"b' = {vec(c.b2, 6)}", Text(f"  → x' = {vec(c.x2, 4)}", style="bold"), "",
                     Text(f"κ(A) = σ₁/σ₂ = {num(c.kappa, 1)}", style=f"bold {self.colour(tone)}"),
                     f"b moved {num(100 * c.input_change, 4)} %",
                     f"x moved {num(100 * c.output_change, 2)} %", "",
                     "digits left ≈ p − log₁₀ κ",
                     f"float32: {num(c.digits32, 1)} of 7.2",
                     f"float64: {num(c.digits64, 1)} of 15.9",
                     "x solved in float32:", f"  {vec(c.x32, 6)}")


PANEL = ConditioningPanel
