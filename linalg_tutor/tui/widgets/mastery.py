"""Mastery bars: how much of a chapter the learner has solved, drawn in one line of text."""

from __future__ import annotations

from rich.text import Text

#: Width of a bar in cells; fits a chapter row at 80 columns.
BAR_WIDTH = 10
FULL, EMPTY = "█", "░"


def mastery_bar(solved: int, total: int, width: int = BAR_WIDTH) -> Text:
    """``███░░░░░░░  3/10``; an empty chapter shows a dim "no exercises yet" bar."""
    if total <= 0:
        return Text(EMPTY * width + "   —  ", style="dim")
    filled = round(width * solved / total)
    bar = Text()
    bar.append(FULL * filled, style="green" if solved == total else "cyan")
    bar.append(EMPTY * (width - filled), style="dim")
    bar.append(f" {solved:>2}/{total:<2}")
    return bar
