"""Chapter 14: the worked layer's forward and backward pass, every number shown."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text

from linalg_tutor.tui.panels.base import StagedPanel, lines
from linalg_tutor.viz.fmt import num, vec
from linalg_tutor.viz.network import B, LR, TARGET, W, X, layer_stages

STAGES = layer_stages()


def _show(value) -> str:
    if len(value) == 2 and isinstance(value[0], tuple) and isinstance(value[0][0], tuple):
        w, b = value
        return "W = " + "\n    ".join(vec(r, 4) for r in w) + f"\nb = {vec(b, 4)}"
    if value and isinstance(value[0], tuple):
        return "\n".join(vec(r, 4) for r in value)
    if len(value) == 1:
        return num(value[0], 4)
    return vec(value, 4)


class BackpropPanel(StagedPanel):
    CHAPTER = 14
    TITLE = "Forward and backward pass"
    CAPTION = ("One training step of the worked ReLU layer: forward to the loss, then gradients "
               "flow back. s or → goes one stage on, ← back; space plays through.")
    STAGE_COUNT = len(STAGES)
    NUMBERS_WIDTH = 29

    def draw_grid(self):
        current = self.controls[0].value
        table = Table.grid(padding=(0, 1))
        table.add_column(width=1)
        table.add_column(width=21, no_wrap=True)
        table.add_column(no_wrap=True)
        table.add_row("", Text("x, target t", style="bold"), f"{vec(X)}, {vec(TARGET)}")
        table.add_row("", Text("W, b", style="bold"), "\n".join(f"{vec(r)}  {num(bi)}" for r, bi in zip(W, B)))
        for k, stage in enumerate(STAGES):
            arrow = {"forward": "→", "backward": "←", "update": "↻"}[stage.direction]
            if k < current:
                style = ""
            elif k == current:
                style = f"bold {self.colour('accent')}"
            else:
                style = "dim"
            value = _show(stage.value) if k <= current else "?"
            name = stage.name if len(stage.name) <= 21 else stage.name.split(",")[0].replace(" = ", "=")
            table.add_row(Text(arrow, style=style), Text(name, style=style), Text(value, style=style))
        return table

    def numbers(self):
        stage = STAGES[self.controls[0].value]
        where = {"forward": "forward: data flows on", "backward": "backward: gradients flow back",
                 "update": f"update with rate {LR:g}"}[stage.direction]
        return lines(Text(stage.name, style="bold"), where, "", stage.formula, "",
                     Text(_show(stage.value), style=f"bold {self.colour('accent')}"))


PANEL = BackpropPanel
