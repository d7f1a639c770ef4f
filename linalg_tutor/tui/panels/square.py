"""Chapter 5: a 2×2 matrix maps the unit square; determinant, inverse and eigenvalues live."""

from __future__ import annotations

from typing import Any

from rich.text import Text

from linalg_tutor.tui.panels.base import Number, Panel, lines
from linalg_tutor.viz.fmt import num
from linalg_tutor.viz.matrices import map2
from linalg_tutor.viz.vectors import densify


def eigen_text(values) -> str:
    l1, l2 = values
    if l1.imag == 0:
        return f"λ = {num(l1.real)} and {num(l2.real)}"
    return f"λ = {num(l1.real)} ± {num(abs(l1.imag))}i (complex: a turn)"


def matrix_text(m, width: int = 6, places: int = 3) -> str:
    (a, b), (c, d) = m
    a, b, c, d = (num(v, places) for v in (a, b, c, d))
    return (f"⎡{a:>{width}} {b:>{width}}⎤\n"
            f"⎣{c:>{width}} {d:>{width}}⎦")


class SquarePanel(Panel):
    CHAPTER = 5
    TITLE = "A 2×2 matrix maps the unit square"
    CAPTION = ("The unit square (dim) and its image under A = [[a, b], [c, d]] (bright), with the "
               "eigenvector lines. tab picks an entry; arrows or + − step it by 0.5.")

    def make_controls(self):
        return [Number(n, v, step=0.5, lo=-5, hi=5) for n, v in zip("abcd", (2, 1, 1, 2))]

    @property
    def matrix(self):
        a, b, c, d = (ctrl.value for ctrl in self.controls)
        return ((a, b), (c, d))

    def draw_plot(self, plt: Any) -> None:
        m = map2(self.matrix)
        reach = max([1.5] + [abs(v) * 1.15 for p in m.square for v in p])
        xlim, ylim = self.equal_limits(0, 0, reach)
        unit = densify([0, 1, 1, 0, 0], [0, 0, 1, 1, 0])
        plt.plot(*unit, marker=self.LINE_MARKER, color=self.dim("foreground"))
        for v in m.eigenvectors:
            plt.plot([-reach * 3 * v[0], reach * 3 * v[0]], [-reach * 3 * v[1], reach * 3 * v[1]],
                     marker="·", color=self.rgb("success"))
        image = densify([p[0] for p in m.square], [p[1] for p in m.square])
        plt.plot(*image, marker=self.LINE_MARKER, color=self.rgb("accent"))
        self.arrow(plt, (0, 0), m.square[1], "accent", "Ae₁")
        self.arrow(plt, (0, 0), m.square[3], "primary", "Ae₂")
        self.frame(plt, xlim, ylim)

    def numbers(self):
        m = map2(self.matrix)
        det = Text(f"det A = {num(m.det)}", style="bold")
        if abs(m.det) < 1e-12:
            note = Text("det 0: the square collapses onto a line (or a point). No inverse.",
                        style=self.colour("error"))
        elif m.det < 0:
            note = Text(f"Area × {num(abs(m.det))}, orientation flipped.", style=self.colour("warning"))
        else:
            note = Text(f"Area × {num(m.det)}.")
        inverse = ("A⁻¹ =\n" + matrix_text(m.inverse)) if m.inverse else "A⁻¹: none (det = 0)"
        return lines("A =", matrix_text(self.matrix), det, note, "",
                     Text(eigen_text(m.eigenvalues), style="bold"), "", inverse)


PANEL = SquarePanel
