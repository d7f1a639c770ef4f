"""The activity calendar of the progress screen: days laid out in weeks, like a wall calendar."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta


@dataclass(frozen=True)
class Day:
    day: date
    count: int          # attempts (or correct answers) that day
    level: int          # 0 (none) … 4 (the busiest days), for shading
    future: bool


def calendar_weeks(counts: dict[date, int], today: date, weeks: int = 12) -> list[list[Day]]:
    """``weeks`` columns ending with this week, Monday first; each column holds 7 days.

    ``level`` splits the non-zero counts into quarters of the largest count shown.
    """
    start = today - timedelta(days=today.weekday()) - timedelta(weeks=weeks - 1)
    shown = [start + timedelta(days=k) for k in range(7 * weeks)]
    top = max([counts.get(d, 0) for d in shown if d <= today] + [0])
    columns = []
    for w in range(weeks):
        column = []
        for d in shown[7 * w: 7 * w + 7]:
            n = counts.get(d, 0) if d <= today else 0
            level = 0 if n <= 0 or top == 0 else min(4, 1 + (4 * (n - 1)) // max(top, 1))
            column.append(Day(d, n, level, d > today))
        columns.append(column)
    return columns


def streak_days(days: set[date], today: date) -> set[date]:
    """The run of consecutive active days ending today (or yesterday, if today is still empty)."""
    end = today if today in days else today - timedelta(days=1)
    run = set()
    while end in days:
        run.add(end)
        end -= timedelta(days=1)
    return run
