"""Streaks: runs of consecutive calendar days with at least one correct answer.

A day is the learner's *local* calendar day **as it was when they answered**: every
attempt keeps the UTC offset of the machine that recorded it, so its day never changes
later, whatever zone the learner is in when they look.

Travel across time zones must never break a streak by itself. Flying west over the date
line can skip a calendar day, flying east can repeat one. So two days are *linked* (the
streak goes on) when they are consecutive in the zone of either answer:

- Monday 10:00 in Honolulu, then Wednesday 09:00 in Tokyo (Tuesday never happened there):
  Wednesday 09:00 Tokyo is Tuesday 14:00 in Honolulu, consecutive: linked.
- A day that repeats (Monday in Tokyo, then Monday again in Honolulu) adds nothing and
  breaks nothing.

:class:`StreakState` folds correct answers one at a time (in the order they were made), so the
store keeps it in its snapshot and never has to re-read the history to answer "how long is
the streak". The pure set functions at the end are the simple rules for one fixed zone.
"""

from __future__ import annotations

from collections.abc import Iterable, Set
from datetime import date, datetime, timedelta

from pydantic import BaseModel, ConfigDict, NonNegativeInt

ONE_DAY = timedelta(days=1)


def _days_between(earlier: datetime, later: datetime) -> int:
    """Calendar days from ``earlier`` to ``later``, the smaller of the two zones' counts."""
    own = (later.date() - earlier.date()).days
    in_earlier_zone = (later.astimezone(earlier.tzinfo).date() - earlier.date()).days
    in_later_zone = (later.date() - earlier.astimezone(later.tzinfo).date()).days
    return min(own, in_earlier_zone, in_later_zone)


class StreakState(BaseModel):
    """The streak folded over correct answers; stored in the progress snapshot.

    Attributes:
        run: Length in days of the latest run (alive or not; see :meth:`current`).
        best: Longest run ever.
        last_day: The latest local day counted in the run.
        last_at: The latest correct answer (with its own UTC offset).
    """

    model_config = ConfigDict(frozen=True, extra="ignore")

    run: NonNegativeInt = 0
    best: NonNegativeInt = 0
    last_day: date | None = None
    last_at: datetime | None = None

    def with_correct(self, at: datetime) -> StreakState:
        """The state after one more correct answer at ``at`` (aware)."""
        day = at.date()
        if self.last_at is None or self.last_day is None:
            return StreakState(run=1, best=max(self.best, 1), last_day=day, last_at=at)
        run = self.run
        if day > self.last_day:
            gap = min((day - self.last_day).days, _days_between(self.last_at, at))
            if gap <= 0:
                pass  # the same day, seen from another zone
            elif gap == 1:
                run += 1
            else:
                run = 1
        return StreakState(run=run, best=max(self.best, run), last_day=max(day, self.last_day),
                           last_at=max(at, self.last_at))

    def current(self, now: datetime) -> int:
        """The streak still alive at ``now`` (aware, in the learner's zone now).

        Alive means the last counted day is today or yesterday, in the zone of ``now`` or
        in the zone of the last answer (so a flight does not end it).
        """
        if self.last_at is None or self.last_day is None:
            return 0
        gap = min((now.date() - self.last_day).days, _days_between(self.last_at, now))
        return self.run if gap <= 1 else 0

    def done_today(self, now: datetime) -> bool:
        """True if a correct answer already counts for the learner's day at ``now``."""
        if self.last_at is None or self.last_day is None:
            return False
        return self.last_day >= now.date() or _days_between(self.last_at, now) <= 0


def current_streak(days: Set[date], today: date) -> int:
    """Length of the streak still alive on ``today`` for a set of days in one zone.

    A streak survives until the end of the day after its last correct answer. Days after
    ``today`` are ignored.
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
