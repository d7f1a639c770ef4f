"""Chapter 10: a ratings matrix with missing entries, filled in by U·Vᵀ; the training loss curve."""

from __future__ import annotations

from typing import Any

from rich.table import Table
from rich.text import Text

from linalg_tutor.tui.panels.base import Number, Panel, lines
from linalg_tutor.viz.factorization import RATINGS, Factorizer
from linalg_tutor.viz.fmt import num

EPOCHS_PER_STEP = 25
MAX_EPOCHS = 1000


class FactorizationPanel(Panel):
    CHAPTER = 10
    TITLE = "Matrix factorization"
    CAPTION = ("Ratings R (· = missing) ≈ U·Vᵀ with k hidden factors; predictions fill the gaps. "
               "s trains 25 epochs, space plays; ← → change k (restarts training).")
    ANIMATES = True
    NUMBERS_WIDTH = 34

    def __init__(self, **kwargs) -> None:
        self.model = Factorizer(k=2)
        super().__init__(**kwargs)

    def make_controls(self):
        return [Number("k", 2, step=1, lo=1, hi=4, places=0)]

    def changed(self) -> None:
        self.model = Factorizer(k=int(self.control("k").value))
        self.redraw()

    def on_reset(self) -> None:
        self.model = Factorizer(k=int(self.control("k").value))

    def tick(self) -> bool:
        if self.model.epoch >= MAX_EPOCHS:
            return False
        self.model.train(EPOCHS_PER_STEP)
        return True

    def draw_plot(self, plt: Any) -> None:
        history = self.model.history
        plt.plot(list(range(len(history))), history, marker=self.LINE_MARKER, color=self.rgb("accent"))
        plt.title("training loss (mean squared error on rated entries)")
        plt.xlim(0, max(len(history) - 1, 50))
        plt.ylim(0, max(history) * 1.05)
        plt.xlabel("epoch")
        plt.ylabel("loss")

    def numbers(self):
        pred = self.model.predictions()
        table = Table.grid(padding=(0, 1))
        for _ in range(len(RATINGS[0])):
            table.add_column(justify="right", width=4)
        for i, row in enumerate(RATINGS):
            cells = []
            for j, value in enumerate(row):
                if value is None:
                    cells.append(Text(f"{pred[i, j]:.1f}".replace("-", "−"), style=f"bold {self.colour('accent')}"))
                else:
                    cells.append(Text(f"{value}", style="dim"))
            table.add_row(*cells)
        m = self.model
        return lines(Text("R with predictions (bright):", style="bold"), _render(table), "",
                     f"k = {m.k}   epoch {m.epoch}",
                     Text(f"loss = {num(m.loss(), 4)}", style="bold"),
                     f"RMSE = {num(m.rmse(), 3)} stars",
                     f"parameters: 2·5·k = {m.parameters}", f"rated entries: {m.observed} of 25")


def _render(table: Table) -> Text:
    """A small table as Text, so it joins the other readout lines."""
    import io

    from rich.console import Console

    console = Console(width=40, file=io.StringIO(), record=True, color_system="truecolor")
    console.print(table)
    return Text.from_ansi(console.export_text(styles=True).rstrip("\n"))


PANEL = FactorizationPanel
