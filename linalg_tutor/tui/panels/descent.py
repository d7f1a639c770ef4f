"""Chapter 12: gradient descent on the contours of f(x, y) = x² + 3y²; divergence at a high rate."""

from __future__ import annotations

from typing import Any

from rich.text import Text

from linalg_tutor.tui.panels.base import Number, Panel, Point, lines
from linalg_tutor.viz import optim
from linalg_tutor.viz.fmt import num, vec

LEVELS = (1, 4, 9, 16, 25)
MAX_STEPS = 60


class DescentPanel(Panel):
    CHAPTER = 12
    TITLE = "Gradient descent on contours"
    CAPTION = ("Contours of f = x² + 3y² and the path x ← x − η·∇f. s takes a step, space plays; "
               "tab picks the start or the rate η; arrows or + − change it; r resets.")
    ANIMATES = True
    NUMBERS_WIDTH = 31

    def __init__(self, **kwargs) -> None:
        self.steps = 0
        super().__init__(**kwargs)

    def make_controls(self):
        return [Point("start", -4, 2, step=0.5, limit=5), Number("η", 0.1, step=0.02, lo=0.02, hi=0.5)]

    def changed(self) -> None:
        self.steps = 0  # a new start or rate starts a new path
        self.redraw()

    def on_reset(self) -> None:
        self.steps = 0

    def path(self):
        return optim.gd_path(self.control("start").xy, self.control("η").value, self.steps)

    def tick(self) -> bool:
        if self.steps >= MAX_STEPS:
            return False
        self.steps += 1
        x, y = self.path()[-1]
        return abs(x) < 1e4 and abs(y) < 1e4 and optim.gd_f(x, y) > 1e-8

    def draw_plot(self, plt: Any) -> None:
        xlim, ylim = self.equal_limits(0, 0, 3.6)
        self.contours(plt, optim.gd_f, LEVELS, xlim, ylim, key="gd")
        pts = [p for p in self.path() if abs(p[0]) < 1e3 and abs(p[1]) < 1e3]
        plt.plot([p[0] for p in pts], [p[1] for p in pts], marker=self.LINE_MARKER, color=self.rgb("accent"))
        plt.scatter([pts[0][0]], [pts[0][1]], marker="o", color=self.rgb("warning"))
        plt.scatter([pts[-1][0]], [pts[-1][1]], marker="●", color=self.rgb("accent"))
        plt.scatter([0], [0], marker="+", color=self.rgb("success"))
        self.frame(plt, xlim, ylim)

    def numbers(self):
        lr = self.control("η").value
        x, y = self.path()[-1]
        g = optim.gd_grad(x, y)
        status = optim.gd_status(lr)
        tone = "error" if status.startswith("diverges") else "warning" if "zig" in status or "edge" in status else "success"
        return lines("f(x, y) = x² + 3y²", "∇f = (2x, 6y)", "",
                     Text(f"step {self.steps}", style="bold"),
                     f"x = {vec((x, y))}", f"f = {num(optim.gd_f(x, y))}",
                     f"∇f = {vec(g)}", "",
                     f"η = {num(lr)}", f"stable while η < 2/6 = {num(optim.gd_limit())}",
                     f"per step: x × {num(1 - 2 * lr)}, y × {num(1 - 6 * lr)}",
                     Text(status, style=f"bold {self.colour(tone)}"))


PANEL = DescentPanel
