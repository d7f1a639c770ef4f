"""Chapter 4: the matrix product stepper; row i of A and column j of B make C[i, j]."""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text

from linalg_tutor.tui.panels.base import Choice, Panel, bracketed, lines
from linalg_tutor.viz.fmt import num
from linalg_tutor.viz.matrices import product_shape, product_step

EXAMPLES = (
    ("2×3 · 3×2", ((1, 0, 2), (-1, 3, 1)), ((3, 1), (2, 1), (1, 0))),
    ("2×2 · 2×2", ((1, 2), (3, 4)), ((5, 6), (7, 8))),
    ("3×2 · 2×3", ((1, 2), (0, 1), (2, -1)), ((1, 0, 2), (3, 1, 0))),
)


class MatmulPanel(Panel):
    CHAPTER = 4
    TITLE = "Matrix product stepper"
    CAPTION = ("C = A·B, one entry at a time: row i of A (bright) meets column j of B (blue). "
               "s steps, space plays, ← → move the entry; tab then ← → picks the example.")
    FIGURE = "grid"
    ANIMATES = True
    NUMBERS_WIDTH = 32

    def make_controls(self):
        return [Choice("entry", list(range(self._cells(0))), show=self._entry_name),
                Choice("example", list(range(len(EXAMPLES))), show=lambda k: EXAMPLES[k][0])]

    def _cells(self, example: int) -> int:
        rows, cols = product_shape(EXAMPLES[example][1], EXAMPLES[example][2])
        return rows * cols

    def _entry_name(self, step: int) -> str:
        cols = len(self.example[2][0]) if hasattr(self, "controls") else 2
        i, j = divmod(step, cols)
        return f"C[{i + 1},{j + 1}]"

    @property
    def example(self):
        return EXAMPLES[self.controls[1].value] if hasattr(self, "controls") else EXAMPLES[0]

    def changed(self) -> None:
        entry, example = self.controls
        cells = self._cells(example.value)
        if len(entry.options) != cells:
            entry.options, entry.index = list(range(cells)), 0
        self.redraw()

    def tick(self) -> bool:
        entry = self.controls[0]
        if entry.index + 1 < len(entry.options):
            entry.index += 1
            return True
        return False

    def _grid(self, title: str, rows, hi_row=None, hi_col=None, hi_cell=None) -> Text:
        first, second = self.colour("accent"), self.colour("primary")
        cells = []
        for r, row in enumerate(rows):
            line = []
            for c, value in enumerate(row):
                text = Text("·" if value is None else num(value))
                if hi_cell == (r, c):
                    text.stylize(f"bold {self.colour('surface')} on {self.colour('success')}")
                elif r == hi_row:
                    text.stylize(f"bold {first}")
                elif c == hi_col:
                    text.stylize(f"bold {second}")
                elif value is None:
                    text.stylize("dim")
                line.append(text)
            cells.append(line)
        return Text(title + "\n", style="bold") + bracketed(cells)

    def draw_grid(self):
        _, a, b = self.example
        st = product_step(a, b, self.controls[0].value)
        layout = Table.grid(padding=(0, 3))
        layout.add_row(self._grid("A", a, hi_row=st.i), self._grid("B", b, hi_col=st.j),
                       self._grid("C = A·B", st.filled, hi_cell=(st.i, st.j)))
        sums = " + ".join(f"{num(x)}·{num(y)}" for x, y in st.terms)
        shapes = (f"shapes: {len(a)}×{len(a[0])} · {len(b)}×{len(b[0])} → {len(a)}×{len(b[0])}"
                  "  (inner sizes match)")
        return Group(Text(shapes), Text(""), layout, Text(""),
                     Text(f"C[{st.i + 1},{st.j + 1}] = {sums} = {num(st.value)}", style="bold"))

    def numbers(self):
        _, a, b = self.example
        st = product_step(a, b, self.controls[0].value)
        return lines(Text(f"entry C[{st.i + 1},{st.j + 1}]", style="bold"), "",
                     f"row {st.i + 1} of A: ({', '.join(num(x) for x, _ in st.terms)})",
                     f"col {st.j + 1} of B: ({', '.join(num(y) for _, y in st.terms)})", "",
                     "dot product:",
                     " + ".join(num(x * y) for x, y in st.terms),
                     Text(f"= {num(st.value)}", style="bold"), "",
                     f"filled: {self.controls[0].index + 1} of {len(self.controls[0].options)}")


PANEL = MatmulPanel
