"""Streaks: runs of consecutive calendar days with at least one correct answer.

Kept apart from the model because the rules are easy to get subtly wrong and deserve
their own tests: these functions only see a set of *local* dates (the caller converts
timestamps with the learner's time zone), so several answers on one day count once and a
wrong answer never appears here at all.
"""

from __future__ import annotations

from collections.abc import Iterable, Set
from datetime import date, timedelta

ONE_DAY = timedelta(days=1)


def current_streak(days: Set[date], today: date) -> int:
    """Length of the streak that is still alive on ``today``.

    A streak survives until the end of the day after its last correct answer: if ``today``
    has no correct answer yet but yesterday had, the learner can still extend it, so it is
    counted back from yesterday. Otherwise it is broken and the result is 0. Days after
    ``today`` (clock changes, travel) are ignored.
    """
    if today in days:
        day = today
    elif today - ONE_DAY in days:
        day = today - ONE_DAY
    else:
        return 0
    length = 0
    while day in days:
        length += 1
        day -= ONE_DAY
    return length


def longest_streak(days: Iterable[date]) -> int:
    """Length of the longest run of consecutive days ever (0 for no days)."""
    best = run = 0
    previous: date | None = None
    for day in sorted(set(days)):
        run = run + 1 if previous is not None and day - previous == ONE_DAY else 1
        best = max(best, run)
        previous = day
    return best
