"""Chapter 7: change of basis; one fixed point, two editable basis vectors, two sets of coordinates."""

from __future__ import annotations

from typing import Any

from rich.text import Text

from linalg_tutor.tui.panels.base import Panel, Point, lines
from linalg_tutor.viz.fmt import num, vec
from linalg_tutor.viz.vectors import coordinates

POINT = (3.0, 2.0)


class BasisPanel(Panel):
    CHAPTER = 7
    TITLE = "Change of basis"
    CAPTION = ("The point p never moves; its coordinates c change with the basis b₁, b₂ (dots: "
               "c₁·b₁ then c₂·b₂). tab picks b₁ or b₂; arrows move it; + − double/halve.")

    def make_controls(self):
        return [Point("b₁", 1, 1, step=0.5, limit=4), Point("b₂", -1, 1, step=0.5, limit=4)]

    def draw_plot(self, plt: Any) -> None:
        b1, b2 = self.control("b₁").xy, self.control("b₂").xy
        xlim, ylim = self.equal_limits(1, 1, 4)
        c = coordinates(POINT, b1, b2)
        if c is not None:
            # The walk c₁·b₁ then c₂·b₂ that reaches p: the new coordinates, drawn.
            corner = (c[0] * b1[0], c[0] * b1[1])
            for start, end, colour in (((0, 0), corner, "accent"), (corner, POINT, "primary")):
                xs = [start[0] + (end[0] - start[0]) * k / 30 for k in range(31)]
                ys = [start[1] + (end[1] - start[1]) * k / 30 for k in range(31)]
                plt.scatter(xs, ys, marker="·", color=self.dim(colour, 0.25))
        self.arrow(plt, (0, 0), b1, "accent", "b₁")
        self.arrow(plt, (0, 0), b2, "primary", "b₂")
        plt.scatter([POINT[0]], [POINT[1]], marker="◆", color=self.rgb("success"))
        plt.text(" p", POINT[0], POINT[1], color=self.rgb("success"), background=self.rgb("surface"),
                 alignment="left")
        self.frame(plt, xlim, ylim)

    def numbers(self):
        b1, b2 = self.control("b₁").xy, self.control("b₂").xy
        c = coordinates(POINT, b1, b2)
        rows = [f"p = {vec(POINT)} (standard)", "", f"b₁ = {vec(b1)}", f"b₂ = {vec(b2)}", ""]
        if c is None:
            rows += [Text("b₁ and b₂ are parallel:", style=f"bold {self.colour('error')}"),
                     "not a basis; most points have", "no coordinates in it."]
        else:
            rows += ["coordinates in b₁, b₂:", Text(f"c = {vec(c)}", style="bold"), "",
                     "check c₁·b₁ + c₂·b₂:",
                     f"{num(c[0])}·{vec(b1)} + {num(c[1])}·{vec(b2)}",
                     f"= {vec((c[0] * b1[0] + c[1] * b2[0], c[0] * b1[1] + c[1] * b2[1]))} = p ✓"]
        return lines(*rows)


PANEL = BasisPanel
