"""Chapter 6: two vectors and their parallelogram; area = |det|, rank 2 or 1."""

from __future__ import annotations

from typing import Any

from rich.text import Text

from linalg_tutor.tui.panels.base import Panel, Point, lines
from linalg_tutor.tui.panels.square import matrix_text
from linalg_tutor.viz.fmt import num, vec
from linalg_tutor.viz.vectors import densify, parallelogram


class ParallelogramPanel(Panel):
    CHAPTER = 6
    TITLE = "Parallelogram, determinant, rank"
    CAPTION = ("The parallelogram spanned by u and v. Make them parallel and it flattens: area 0, "
               "rank 1. tab picks u or v; arrows move it by 0.5; + − double/halve it.")

    def make_controls(self):
        return [Point("u", 3, 1, step=0.5, limit=6), Point("v", 1, 2, step=0.5, limit=6)]

    def draw_plot(self, plt: Any) -> None:
        u, v = self.control("u").xy, self.control("v").xy
        p = parallelogram(u, v)
        reach = max([1.5] + [abs(c) * 1.1 for corner in p.corners for c in corner])
        xlim, ylim = self.equal_limits(0, 0, reach)
        colour = "success" if p.rank == 2 else "error"
        plt.plot(*densify([c[0] for c in p.corners], [c[1] for c in p.corners]),
                 marker=self.LINE_MARKER, color=self.dim(colour, 0.3))
        self.arrow(plt, (0, 0), u, "accent", "u")
        self.arrow(plt, (0, 0), v, "primary", "v")
        self.frame(plt, xlim, ylim)

    def numbers(self):
        u, v = self.control("u").xy, self.control("v").xy
        p = parallelogram(u, v)
        verdict = (Text("independent: rank 2", style=f"bold {self.colour('success')}") if p.rank == 2 else
                   Text(f"dependent: rank {p.rank}", style=f"bold {self.colour('error')}"))
        note = ("They span the whole plane." if p.rank == 2 else
                "Both on one line: area 0." if p.rank == 1 else "Both are zero.")
        return lines(f"u = {vec(u)}", f"v = {vec(v)}", "", "[u v] =",
                     matrix_text(((u[0], v[0]), (u[1], v[1]))), "",
                     "det = u₁v₂ − u₂v₁", f"    = {num(u[0])}·{num(v[1])} − {num(u[1])}·{num(v[0])}",
                     Text(f"    = {num(p.det)}", style="bold"),
                     Text(f"area = |det| = {num(p.area)}", style="bold"), "", verdict, note)


PANEL = ParallelogramPanel
