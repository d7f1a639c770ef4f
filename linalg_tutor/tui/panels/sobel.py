"""Chapter 0: a 3×3 Sobel kernel sliding over an 8×8 image, the output filling dot by dot."""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text

from linalg_tutor.tui.panels.base import Choice, Panel, lines
from linalg_tutor.viz import conv
from linalg_tutor.viz.fmt import num


class SobelPanel(Panel):
    CHAPTER = 0
    TITLE = "Sobel kernel sliding over an image"
    CAPTION = ("A 3×3 kernel slides over the image (bright patch); each output pixel is the dot "
               "product of kernel and patch. s step · space play · ← → move · tab: kernel")
    FIGURE = "grid"
    ANIMATES = True
    NUMBERS_WIDTH = 32

    def make_controls(self):
        n = conv.out_size()
        return [Choice("position", list(range(n * n)), show=lambda p: f"row {p // n + 1}, col {p % n + 1}"),
                Choice("kernel", list(conv.KERNELS), show=lambda k: k)]

    @property
    def kernel(self):
        return conv.KERNELS[self.controls[1].value]

    def tick(self) -> bool:
        pos = self.controls[0]
        if pos.index + 1 < len(pos.options):
            pos.index += 1
            return True
        return False

    def draw_grid(self):
        st = conv.conv_step(self.controls[0].value, self.kernel)
        image = Table.grid(padding=(0, 0))
        for _ in range(conv.SIZE):
            image.add_column(justify="right", width=4)
        for r, row in enumerate(conv.IMAGE):
            cells = []
            for c, value in enumerate(row):
                inside = st.row <= r < st.row + 3 and st.col <= c < st.col + 3
                shade = self.blend("surface", "foreground", value / 255 * 0.6)
                text = Text(f"{value:>4}", style=f"on {shade}")
                if inside:
                    text.stylize(f"bold {self.colour('surface')} on {self.colour('accent')}")
                cells.append(text)
            image.add_row(*cells)
        n = conv.out_size()
        biggest = max(abs(v) for row in st.output for v in row if v is not None) or 1
        out = Table.grid(padding=(0, 0))
        for _ in range(n):
            out.add_column(justify="right", width=5)
        for r, row in enumerate(st.output):
            cells = []
            for c, value in enumerate(row):
                if value is None:
                    cells.append(Text("    ·", style="dim"))
                    continue
                tone = "success" if value > 0 else "error" if value < 0 else "surface"
                text = Text(f"{num(value):>5}",
                            style=f"on {self.blend('surface', tone, 0.25 + 0.6 * abs(value) / biggest)}")
                if (r, c) == (st.row, st.col):
                    text.stylize("bold reverse")
                cells.append(text)
            out.add_row(*cells)
        return Group(Text("image (brightness 0–255)", style="bold"), image,
                     Text("output: one dot product per position", style="bold"), out)

    def numbers(self):
        st = conv.conv_step(self.controls[0].value, self.kernel)
        k = self.kernel
        kern = "\n".join("  " + " ".join(f"{num(v):>3}" for v in row) for row in k)
        nonzero = [(kv, pv) for kv, pv in zip((v for row in k for v in row), (v for row in st.patch for v in row))
                   if kv != 0]
        terms = " + ".join(f"{kv}·{pv}" for kv, pv in nonzero).replace("+ -", "− ").replace("-", "−")
        sign = ("0: flat, no edge" if st.value == 0 else
                "> 0: brighter on the " + ("right" if k is conv.SOBEL_X else "bottom") if st.value > 0 else
                "< 0: brighter on the " + ("left" if k is conv.SOBEL_X else "top"))
        return lines(Text("kernel", style="bold"), kern, "",
                     Text(f"patch at row {st.row + 1}, col {st.col + 1}", style="bold"),
                     *("  " + " ".join(f"{v:>3}" for v in row) for row in st.patch), "",
                     "sum of kernel × patch:", terms,
                     Text(f"= {num(st.value)}", style="bold"), sign)


PANEL = SobelPanel
