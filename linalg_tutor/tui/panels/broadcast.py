"""Chapter 15: broadcasting; two shapes aligned from the right, axis by axis, and the error case."""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text

from linalg_tutor.tui.panels.base import Choice, Panel, lines
from linalg_tutor.viz.shapes import PRESETS, addition_table, broadcast


def shape_text(shape) -> str:
    return "[" + ", ".join(str(s) for s in shape) + "]"


class BroadcastPanel(Panel):
    CHAPTER = 15
    TITLE = "Broadcasting shapes"
    CAPTION = ("A + B for two shapes, written right-aligned: each axis must match or be 1 (a 1 is "
               "stretched). ← → pick the example; the last ones fail.")
    FIGURE = "grid"
    NUMBERS_WIDTH = 32

    def make_controls(self):
        return [Choice("example", list(range(len(PRESETS))),
                       show=lambda k: f"{shape_text(PRESETS[k][0])} + {shape_text(PRESETS[k][1])}")]

    def draw_grid(self):
        a, b, story = PRESETS[self.controls[0].value]
        res = broadcast(a, b)
        table = Table(box=None, padding=(0, 2), show_header=True, header_style="bold")
        table.add_column("")
        for k in range(len(res.axes)):
            table.add_column(f"axis {k - len(res.axes)}".replace("-", "−"), justify="right")
        good, bad = self.colour("success"), self.colour("error")
        table.add_row("A", *("" if ax.a is None else str(ax.a) for ax in res.axes))
        table.add_row("B", *("" if ax.b is None else str(ax.b) for ax in res.axes))
        table.add_row(Text("A+B", style="bold"),
                      *(Text("✗" if ax.result is None else str(ax.result),
                             style=f"bold {bad if ax.result is None else good}") for ax in res.axes))
        notes = Text("\n".join(f"axis {k - len(res.axes)}: {ax.note}".replace("-", "−")
                                for k, ax in enumerate(res.axes)))
        parts = [Text(story, style="italic"), Text(""), table, Text(""), notes]
        example = addition_table(a, b)
        if example is not None:
            left, right, total = example
            grids = Table.grid(padding=(0, 3))
            for _ in range(3):
                grids.add_column(no_wrap=True)
            grids.add_row(*(Text(title, style="bold") for title in ("A", "B", "A + B")))
            grids.add_row(*(Text("\n".join(" ".join(f"{v:>3}" for v in row) for row in m.reshape(-1, m.shape[-1])))
                            for m in (left, right, total)))
            parts += [Text(""), grids]
        return Group(*parts)

    def numbers(self):
        a, b, _ = PRESETS[self.controls[0].value]
        res = broadcast(a, b)
        rows = [f"A: {shape_text(a)}", f"B: {shape_text(b)}", ""]
        if res.error:
            rows += [Text("error: shapes do not broadcast", style=f"bold {self.colour('error')}"), res.error,
                     "", "NumPy raises ValueError:", "operands could not be", "broadcast together"]
        else:
            rows += [Text(f"result: {shape_text(res.result)}", style=f"bold {self.colour('success')}"),
                     "", "Rule: pad the shorter shape", "with 1s on the left; then each",
                     "axis must be equal or 1."]
        return lines(*rows)


PANEL = BroadcastPanel
