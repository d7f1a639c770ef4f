"""Chapter 3: two vectors you move; dot product, cosine, angle and the projection of a on b."""

from __future__ import annotations

from typing import Any

from rich.text import Text

from linalg_tutor.tui.panels.base import Panel, Point, lines
from linalg_tutor.viz.fmt import num, vec
from linalg_tutor.viz.vectors import dot_report, sign_word


class DotPanel(Panel):
    CHAPTER = 3
    TITLE = "Dot product and projection"
    CAPTION = ("Vectors a and b; the projection of a onto b is green, with a dotted drop from a. "
               "tab picks a or b; arrows move it by 0.5; + − double/halve it.")

    def make_controls(self):
        return [Point("a", 1, 3, step=0.5, limit=6), Point("b", 3, 1, step=0.5, limit=6)]

    def draw_plot(self, plt: Any) -> None:
        a, b = self.control("a").xy, self.control("b").xy
        rep = dot_report(a, b)
        reach = max(1.5, *(abs(v) * 1.15 for v in (*a, *b)))
        xlim, ylim = self.equal_limits(0, 0, reach)
        self.arrow(plt, (0, 0), b, "primary", "b")
        self.arrow(plt, (0, 0), a, "accent", "a")
        if rep.projection is not None:
            p = rep.projection
            plt.plot([0, p[0]], [0, p[1]], marker=self.LINE_MARKER, color=self.rgb("success"))
            steps = 20
            plt.scatter([a[0] + (p[0] - a[0]) * k / steps for k in range(steps + 1)],
                        [a[1] + (p[1] - a[1]) * k / steps for k in range(steps + 1)],
                        marker="·", color=self.dim("foreground", 0.3))
        self.frame(plt, xlim, ylim)

    def numbers(self):
        a, b = self.control("a").xy, self.control("b").xy
        rep = dot_report(a, b)
        tone = "success" if rep.dot > 1e-12 else "error" if rep.dot < -1e-12 else "foreground"
        dot = Text(f"a·b = {num(a[0])}·{num(b[0])} + {num(a[1])}·{num(b[1])}\n    = {num(rep.dot)}",
                   style=f"bold {self.colour(tone)}")
        rows = [f"a = {vec(a)}", f"b = {vec(b)}", "", dot, sign_word(rep.dot), "",
                f"‖a‖ = {num(rep.norm_a)}   ‖b‖ = {num(rep.norm_b)}"]
        if rep.cosine is None:
            rows += ["cos θ: undefined (a zero vector)"]
        else:
            rows += ["cos θ = a·b / (‖a‖‖b‖)", f"      = {num(rep.cosine)}", f"θ = {num(rep.angle_deg, 2)}°"]
        if rep.projection is not None:
            rows += ["", "projection of a on b:", "(a·b / ‖b‖²)·b", f"  = {vec(rep.projection)}"]
        return lines(*rows)


PANEL = DotPanel
