"""Spaced review with FSRS: ratings, scheduling, the due count, restarts and rebuilds."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path
from types import SimpleNamespace

import fsrs

from linalg_tutor.progress import Attempt, Progress, ProgressStore
from linalg_tutor.progress.review import rating_of, review, scheduler
from linalg_tutor.progress.session import ProgressSession

TZ = timezone(timedelta(hours=-3))
T0 = datetime(2026, 1, 10, 18, 0, tzinfo=TZ)
DAY = timedelta(days=1)
RIGHT = SimpleNamespace(correct=True)
WRONG = SimpleNamespace(correct=False)


def test_ratings() -> None:
    assert rating_of(True, 0, False) == "G"
    assert rating_of(True, 2, False) == "H"
    assert rating_of(True, 0, True) == "A" and rating_of(False, 0, False) == "A"


def test_scheduler_settings() -> None:
    s = scheduler()
    assert s.enable_fuzzing is False and tuple(s.learning_steps) == () and tuple(s.relearning_steps) == ()


def test_card_matches_fsrs_directly_and_is_utc() -> None:
    card = review(None, "G", T0)
    expected, _ = fsrs.Scheduler(learning_steps=(), relearning_steps=(), enable_fuzzing=False).review_card(
        fsrs.Card(card_id=1, due=T0.astimezone(timezone.utc)), fsrs.Rating.Good, T0.astimezone(timezone.utc))
    assert card == expected.to_dict()
    assert card["due"].endswith("+00:00")


def test_first_try_decides_the_first_interval() -> None:
    good = Progress.from_attempts([Attempt(exercise_id="e", at=T0, answer="1", correct=True)])
    hard = Progress.from_attempts([Attempt(exercise_id="e", at=T0, answer="1", correct=True, hints_used=1)])
    missed = Progress.from_attempts([Attempt(exercise_id="e", at=T0, answer="0", correct=False),
                                     Attempt(exercise_id="e", at=T0 + timedelta(minutes=1), answer="1",
                                             correct=True)])
    assert good.state("e").due == T0 + 2 * DAY
    assert hard.state("e").due == T0 + DAY
    assert missed.state("e").due == T0 + timedelta(minutes=1) + DAY
    assert (good.state("e").ratings, hard.state("e").ratings, missed.state("e").ratings) == ("G", "H", "A")
    never = Progress.from_attempts([Attempt(exercise_id="e", at=T0, answer="0", correct=False)])
    assert never.state("e").card is None and never.due(T0 + 30 * DAY) == []


class Clock:
    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now


def test_due_count_restart_and_rebuild(tmp_path: Path) -> None:
    clock = Clock(T0)
    with ProgressSession.open(tmp_path, clock=clock) as session:
        session.record("0.1", "19", RIGHT)                 # Good: due in 2 days
        session.record("0.2", "5", WRONG)
        session.record("0.2", "6", RIGHT)                  # after a miss: Again, due in 1 day
        session.record("0.3", "1", WRONG)                  # never solved: no card
        assert session.due() == []
        clock.now = T0 + DAY + timedelta(minutes=1)
        assert session.due() == ["0.2"]
        clock.now = T0 + 2 * DAY
        assert session.due() == ["0.2", "0.1"]
        assert session.next_due() == T0 + DAY
        cards = {k: v.card for k, v in session.progress.exercises.items()}

    with ProgressSession.open(tmp_path, clock=clock) as again:   # survives a restart
        assert again.due() == ["0.2", "0.1"]
        assert {k: v.card for k, v in again.progress.exercises.items()} == cards

    (tmp_path / "progress.json").unlink()                          # lost: rebuilt from attempts
    rebuilt = ProgressStore(tmp_path).load().progress
    assert {k: v.card for k, v in rebuilt.exercises.items()} == cards


def test_reviewing_a_due_card_reschedules_it(tmp_path: Path) -> None:
    clock = Clock(T0)
    with ProgressSession.open(tmp_path, clock=clock) as session:
        session.record("0.1", "19", RIGHT)
        clock.now = T0 + timedelta(hours=5)
        session.record("0.1", "19", RIGHT)                 # practice: not due, card unchanged
        assert session.progress.state("0.1").due == T0 + 2 * DAY
        clock.now = T0 + 2 * DAY + timedelta(hours=1)
        assert session.due() == ["0.1"]
        result = session.record("0.1", "19", RIGHT)        # the review: Good again
        assert result.due == clock.now + 11 * DAY and session.due() == []
        assert session.stage("0.1") == "mastered" and result.newly_mastered
        clock.now = result.due
        session.record("0.1", "20", WRONG)                 # a miss in review
        assert session.stage("0.1") == "familiar"
        assert clock.now < session.progress.state("0.1").due <= clock.now + 2 * DAY  # soon again
