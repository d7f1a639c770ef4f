"""A list of exercises with their status mark, shared by the reader and the workbook screens."""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

from rich.table import Table
from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

if TYPE_CHECKING:
    from linalg_tutor.content.models import Exercise

#: Mark shown before an exercise for each of the five levels (see progress.model).
LEVEL_MARKS = {
    "not_started": ("·", "dim"),
    "attempted": ("○", "yellow"),
    "familiar": ("◐", "green"),
    "proficient": ("●", "green"),
    "mastered": ("★", "bold green"),
}
#: The legend under every exercise list, in the same words as the exercise screen's header.
LEGEND = "Marks: · new  ○ attempted  ◐ familiar  ● proficient  ★ mastered."


class ExerciseList(OptionList):
    """Exercises as rows ``✓ 0.1  derive  2×2 matrix multiply``; option ids are exercise ids."""

    def show(self, exercises: Iterable["Exercise"], levels: dict[str, str]) -> None:
        """Fill the list; ``levels`` maps exercise id to its mastery level."""
        highlighted = self.highlighted
        self.clear_options()
        for ex in exercises:
            mark, style = LEVEL_MARKS.get(levels.get(ex.id, "not_started"), LEVEL_MARKS["not_started"])
            row = Table.grid(padding=(0, 1), expand=True)
            row.add_column(width=1)
            row.add_column(width=8, no_wrap=True)
            row.add_column(width=7, no_wrap=True)
            row.add_column(ratio=1, no_wrap=True, overflow="ellipsis")
            row.add_row(Text(mark, style=style), Text(ex.id, style="bold"), Text(ex.type, style="italic"), ex.title)
            self.add_option(Option(row, id=ex.id))
        if self.option_count:
            self.highlighted = highlighted if highlighted is not None and highlighted < self.option_count else 0

    @property
    def ids(self) -> list[str]:
        return [self.get_option_at_index(i).id or "" for i in range(self.option_count)]
