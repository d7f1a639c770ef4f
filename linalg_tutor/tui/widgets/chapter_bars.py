"""Mastery by chapter as horizontal bars, for the progress screen (not wired in yet).

``show([(chapter, title, solved, total), …])``: one row per chapter, the bar's length the
share solved, its colour from the theme (done chapters in the success colour).
"""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.widgets import Static

BAR = 20


class ChapterMasteryBars(Static):
    """``ch 3 Dot product …  ██████████░░░░  5/8`` for every chapter."""

    DEFAULT_CSS = """
    ChapterMasteryBars { height: auto; }
    """

    def show(self, rows: list[tuple[int, str, int, int]]) -> None:
        self.update(self.picture(rows))

    def picture(self, rows: list[tuple[int, str, int, int]]) -> Table:
        v = self.app.theme_variables
        table = Table.grid(padding=(0, 1))
        table.add_column(justify="right")
        table.add_column(no_wrap=True, overflow="ellipsis", max_width=30)
        table.add_column(no_wrap=True)
        table.add_column(justify="right")
        for chapter, title, solved, total in rows:
            bar = Text()
            if total <= 0:
                bar.append("░" * BAR, style="dim")
                share = "  —"
            else:
                filled = round(BAR * solved / total)
                colour = v["success"] if solved >= total else v["accent"]
                bar.append("█" * filled, style=colour)
                bar.append("░" * (BAR - filled), style="dim")
                share = f"{solved}/{total}"
            table.add_row(Text(str(chapter), style="dim"), title, bar, share)
        return table
