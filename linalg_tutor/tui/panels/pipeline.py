"""Chapter 18: the pipeline of one training step and the operations each stage uses."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text

from linalg_tutor.tui.panels.base import StagedPanel, lines
from linalg_tutor.viz.network import PIPELINE


class PipelinePanel(StagedPanel):
    CHAPTER = 18
    TITLE = "A training step, stage by stage"
    CAPTION = ("One training step of a 784 → 128 → 10 network on a batch of 32, stage by stage, "
               "with shapes and operations. s or → next stage, ← back, space plays.")
    STAGE_COUNT = len(PIPELINE)
    NUMBERS_WIDTH = 32

    def draw_grid(self):
        current = self.controls[0].value
        table = Table.grid(padding=(0, 1))
        table.add_column(width=2)
        table.add_column()
        for k, stage in enumerate(PIPELINE):
            if k == current:
                style, mark = f"bold {self.colour('accent')}", "▶"
            elif k < current:
                style, mark = "", "✓"
            else:
                style, mark = "dim", "·"
            table.add_row(Text(mark, style=style), Text(stage.name, style=style))
            table.add_row("", Text(stage.shape, style="dim" if k != current else self.colour("primary")))
        return table

    def numbers(self):
        stage = PIPELINE[self.controls[0].value]
        return lines(Text(stage.name, style=f"bold {self.colour('accent')}"), "",
                     Text("shapes", style="bold"), stage.shape, "",
                     Text("operations", style="bold"), stage.operations, "",
                     Text("chapters", style="bold"), stage.chapters)


PANEL = PipelinePanel
