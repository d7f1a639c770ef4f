"""Chapter 2: a vector you move, with the L1, L2 and L∞ balls and its three norms."""

from __future__ import annotations

from typing import Any

from rich.text import Text

from linalg_tutor.tui.panels.base import Choice, Panel, Point, lines
from linalg_tutor.viz.fmt import num
from linalg_tutor.viz.vectors import ball_outline, densify, norms

BALLS = (("l1", "L1", "accent"), ("l2", "L2", "primary"), ("linf", "L∞", "success"))


class NormsPanel(Panel):
    CHAPTER = 2
    TITLE = "Norm balls"
    CAPTION = ("The vector v and the L1 diamond, L2 circle and L∞ square. Arrows move v; + − "
               "double/halve it; tab picks the size: through v, or unit balls (norm 1).")

    def make_controls(self):
        return [Point("v", 3, -4, step=0.5, limit=8),
                Choice("balls", ["through v", "unit (norm 1)"])]

    def draw_plot(self, plt: Any) -> None:
        v = self.control("v")
        n = norms(v.x, v.y)
        through = self.control("balls").value == "through v"
        radii = {"l1": n.l1, "l2": n.l2, "linf": n.linf} if through else dict.fromkeys(("l1", "l2", "linf"), 1.0)
        reach = max(max(radii.values()), abs(v.x), abs(v.y), 1.0) * 1.1
        xlim, ylim = self.equal_limits(0, 0, reach)
        for kind, _name, colour in BALLS:
            xs, ys = ball_outline(kind, radii[kind])
            if kind != "l2":
                xs, ys = densify(xs, ys)
            plt.plot(xs, ys, marker=self.LINE_MARKER, color=self.rgb(colour))
        self.arrow(plt, (0, 0), v.xy, "foreground", "v")
        self.frame(plt, xlim, ylim)

    def numbers(self):
        v = self.control("v")
        n = norms(v.x, v.y)
        ax, ay = num(abs(v.x)), num(abs(v.y))

        def row(label: str, value: float, colour: str, how: str) -> Text:
            text = Text()
            text.append(f"{label:<3}", style=f"bold {self.colour(colour)}")
            text.append(f"= {num(value)}", style="bold")
            text.append(f"\n  {how}")
            return text

        return lines(
            f"v = ({num(v.x)}, {num(v.y)})", "",
            row("L1", n.l1, "accent", f"|x| + |y| = {ax} + {ay}"), "",
            row("L2", n.l2, "primary", f"√(x² + y²) = √{num(v.x * v.x + v.y * v.y)}"), "",
            row("L∞", n.linf, "success", f"max(|x|,|y|) = max({ax}, {ay})"), "",
            "Always L∞ ≤ L2 ≤ L1.",
        )


PANEL = NormsPanel
