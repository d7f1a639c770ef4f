"""Chapter 1: scalar → vector → matrix → 3-D → 4-D tensor; shape and element count at each level."""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text

from linalg_tutor.tui.panels.base import Choice, Number, Panel, lines
from linalg_tutor.viz.matrices import LEVELS, element_count


class TensorsPanel(Panel):
    CHAPTER = 1
    TITLE = "Scalar to 4-D tensor"
    CAPTION = ("Each level adds one axis. ← → change the level; tab then ← → changes the size of the "
               "first axis. The shape and the count of numbers update.")
    FIGURE = "grid"
    NUMBERS_WIDTH = 34

    def make_controls(self):
        return [Choice("level", list(range(len(LEVELS))), index=2, show=lambda k: LEVELS[k][0]),
                Number("first axis", 3, step=1, lo=1, hi=4, places=0)]

    def changed(self) -> None:
        level = self.control("level").value
        if level != getattr(self, "_level", 2):  # a new level starts from its own sizes
            base = LEVELS[level][1]
            if base:
                self.control("first axis").value = base[0]
        self._level = level
        self.redraw()

    def on_reset(self) -> None:
        self._level = 2

    def shape(self) -> tuple[int, ...]:
        base = LEVELS[self.control("level").value][1]
        if not base:
            return ()
        return (int(self.control("first axis").value),) + base[1:]

    def shown(self, control) -> bool:
        return control.name == "level" or bool(LEVELS[self.control("level").value][1])

    def _matrix(self, rows: int, cols: int, start: int, colour: str) -> Table:
        table = Table.grid(padding=(0, 1))
        for _ in range(cols):
            table.add_column(justify="right")
        for r in range(rows):
            table.add_row(*(Text(str(start + r * cols + c), style=colour) for c in range(cols)))
        return table

    def draw_grid(self):
        shape = self.shape()
        tones = [self.colour(n) for n in ("accent", "primary", "success", "warning")]
        if len(shape) == 0:
            return Group(Text("a single number:", style="bold"), Text(""), Text("  7", style=f"bold {tones[0]}"))
        if len(shape) == 1:
            return Group(Text(f"{shape[0]} numbers in a row:", style="bold"), Text(""),
                         Text("  [ " + "  ".join(str(k) for k in range(shape[0])) + " ]", style=tones[0]))
        if len(shape) == 2:
            return Group(Text(f"{shape[0]} rows × {shape[1]} columns:", style="bold"), Text(""),
                         self._matrix(shape[0], shape[1], 0, tones[0]))
        per = shape[-2] * shape[-1]
        outer = shape[0] if len(shape) == 4 else 1
        inner = shape[-3]
        rows = []
        for b in range(outer):
            row = Table.grid(padding=(0, 2))
            cells = []
            for ch in range(inner):
                start = (b * inner + ch) * per
                title = (f"[{b}, {ch}]" if len(shape) == 4 else f"[{ch}]")
                box = Table.grid()
                box.add_row(Text(title, style="dim"))
                box.add_row(self._matrix(shape[-2], shape[-1], start, tones[ch % len(tones)]))
                cells.append(box)
            row.add_row(*cells)
            rows.append(row)
        what = "a stack of matrices" if len(shape) == 3 else "a batch of stacks"
        return Group(Text(what + ":", style="bold"), *rows)

    def numbers(self):
        level = LEVELS[self.control("level").value]
        shape = self.shape()
        count = element_count(shape)
        sizes = " × ".join(str(s) for s in shape) if shape else "(empty product)"
        return lines(Text(level[0], style="bold"), level[2], "",
                     f"axes (ndim): {len(shape)}", Text(f"shape: [{', '.join(map(str, shape))}]", style="bold"),
                     f"elements: {sizes}", Text(f"  = {count}", style="bold"), "",
                     "A real image batch:", "[32, 3, 224, 224]", f"= {element_count((32, 3, 224, 224)):,} numbers")


PANEL = TensorsPanel
