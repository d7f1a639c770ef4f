"""Chapter 9: a small image and its rank-k reconstruction, singular values as bars."""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text

from linalg_tutor.tui.panels.base import Number, Panel, lines
from linalg_tutor.viz import svd
from linalg_tutor.viz.fmt import num


class SVDPanel(Panel):
    CHAPTER = 9
    TITLE = "SVD: rank-k image"
    CAPTION = ("Left: a 24×24 image. Right: its best rank-k copy, σ₁u₁v₁ᵀ + … + σₖuₖvₖᵀ. "
               "← → or + − change k; s adds one more term, space plays k up to 24.")
    FIGURE = "grid"
    ANIMATES = True
    NUMBERS_WIDTH = 28

    def make_controls(self):
        return [Number("k", 1, step=1, lo=1, hi=svd.SIZE, places=0)]

    def tick(self) -> bool:
        k = self.control("k")
        if k.value < k.hi:
            k.value += 1
            return True
        return False

    def _heatmap(self, values) -> Text:
        """Two pixel rows per text row: the top pixel as foreground of ▀, the bottom as background."""
        out = Text()
        rows, cols = values.shape
        for r in range(0, rows, 2):
            for c in range(cols):
                top = self.blend("surface", "foreground", float(values[r, c]))
                bottom = self.blend("surface", "foreground", float(values[r + 1, c]) if r + 1 < rows else 0)
                out.append("▀", style=f"{top} on {bottom}")
            if r + 2 < rows:
                out.append("\n")
        return out

    def draw_grid(self):
        rk = svd.rank_k(int(self.control("k").value))
        pair = Table.grid(padding=(0, 2))
        pair.add_row(Text("original", style="bold"), Text(f"rank {rk.k}", style="bold"))
        pair.add_row(self._heatmap(svd.image()), self._heatmap(rk.approx.clip(0, 1)))
        return Group(pair)

    def numbers(self):
        rk = svd.rank_k(int(self.control("k").value))
        top = rk.singular_values[0]
        bars = Text()
        for i, s in enumerate(rk.singular_values[:8]):
            width = max(1, round(14 * s / top)) if s > 1e-9 else 0
            colour = self.colour("accent") if i < rk.k else self.dim_hex()
            bars.append(f"σ{i + 1:<2}{num(s, 2):>6} ", style="bold" if i < rk.k else "")
            bars.append("█" * width, style=colour)
            bars.append("\n")
        bars.append(f"… {len(rk.singular_values)} in all", style="dim")
        return lines(bars, "",
                     Text(f"k = {rk.k}", style="bold"),
                     f"storage k(m+n+1) = {rk.storage}",
                     f"  of {rk.full_storage} ({num(100 * rk.storage / rk.full_storage, 1)} %)",
                     f"error ‖A−Aₖ‖/‖A‖ = {num(100 * rk.error, 1)} %",
                     f"energy kept = {num(100 * rk.energy, 1)} %")

    def dim_hex(self) -> str:
        return self.blend("foreground", "surface", 0.6)


PANEL = SVDPanel
