"""An activity calendar: one cell per day for the last weeks, shaded by how much was done.

Shown on the progress screen. Give it ``{date: attempts}`` and today's date with
``show``; the current streak is marked. Colours come from the theme.
"""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual.color import Color
from textual.widgets import Static

from linalg_tutor.viz.calendar import calendar_weeks, streak_days

DAY_NAMES = ("Mon", "", "Wed", "", "Fri", "", "Sun")
CELL = "■ "


class ActivityCalendar(Static):
    """Weeks as columns, Monday to Sunday as rows; ``■`` shaded by the day's attempts."""

    DEFAULT_CSS = """
    ActivityCalendar { height: auto; width: auto; }
    """

    def __init__(self, weeks: int = 12, **kwargs) -> None:
        super().__init__(**kwargs)
        self.weeks = weeks
        self._counts: dict[date, int] = {}
        self._today: date | None = None

    def show(self, counts: dict[date, int], today: date) -> None:
        self._counts, self._today = dict(counts), today
        self.update(self.picture())

    def _shade(self, level: int) -> str:
        v = self.app.theme_variables
        base, full = Color.parse(v["surface"]).lighten(0.08), Color.parse(v["success"])
        return base.blend(full, level / 4).hex6 if level else base.hex6

    def picture(self) -> Text:
        today = self._today or date.today()
        columns = calendar_weeks(self._counts, today, self.weeks)
        streak = streak_days({d for d, n in self._counts.items() if n > 0}, today)
        out = Text()
        months = [" "] * (4 + 2 * len(columns) + 2)
        for k, column in enumerate(columns):
            first = column[0].day
            if first.day <= 7:  # the week holding a month's first Monday is labelled
                months[4 + 2 * k: 4 + 2 * k + 3] = first.strftime("%b")
        out.append("".join(months).rstrip() + "\n", style="dim")
        for row in range(7):
            out.append(f"{DAY_NAMES[row]:<4}", style="dim")
            for column in columns:
                day = column[row]
                if day.future:
                    out.append("  ")
                    continue
                style = self._shade(day.level)
                if day.day in streak:
                    style += " bold"
                out.append("■" if day.day != today else "□", style=style)
                out.append(" ")
            out.append("\n")
        total = sum(n for d, n in self._counts.items() if columns[0][0].day <= d <= today)
        days = len(streak)
        out.append(f"{total} attempts in {self.weeks} weeks · streak {days} day{'' if days == 1 else 's'}", style="dim")
        return out
