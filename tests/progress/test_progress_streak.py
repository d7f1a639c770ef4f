"""Streaks: consecutive local days with at least one correct answer."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from linalg_tutor.progress import Attempt, Progress
from linalg_tutor.progress.streak import current_streak, longest_streak

#: A fixed, non-UTC zone so local-date conversion is exercised and results do not depend
#: on the machine running the tests.
TZ = timezone(timedelta(hours=2))
D = date(2025, 3, 10)


def at(day: date, hour: int = 12, minute: int = 0, tz: timezone = TZ) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=tz)


def attempt(day: date, correct: bool = True, *, hour: int = 12, minute: int = 0, ex: str = "e1") -> Attempt:
    return Attempt(exercise_id=ex, at=at(day, hour, minute), answer="1", correct=correct)


def progress_with(*attempts: Attempt) -> Progress:
    progress = Progress()
    for item in attempts:
        progress.record(item, tz=TZ)
    return progress


def test_pure_current_streak_rules() -> None:
    days = {D - timedelta(days=2), D - timedelta(days=1), D}
    assert current_streak(days, D) == 3
    assert current_streak(days, D + timedelta(days=1)) == 3  # alive: yesterday counted
    assert current_streak(days, D + timedelta(days=2)) == 0  # broken
    assert current_streak(set(), D) == 0
    assert current_streak({D + timedelta(days=5)}, D) == 0  # future days ignored


def test_pure_longest_streak() -> None:
    assert longest_streak([]) == 0
    assert longest_streak([D, D, D]) == 1
    days = [D + timedelta(days=n) for n in (7, 0, 1, 2, 5, 6)]
    assert longest_streak(days) == 3


def test_several_correct_answers_on_one_day_count_once() -> None:
    progress = progress_with(attempt(D, hour=9), attempt(D, hour=10), attempt(D, hour=22, ex="e2"))
    assert progress.current_streak(D, tz=TZ) == 1
    assert progress.best_streak == 1


def test_wrong_answer_does_not_extend_the_streak() -> None:
    progress = progress_with(attempt(D))
    result = progress.record(attempt(D + timedelta(days=1), correct=False), tz=TZ)
    assert (result.streak_before, result.streak_after) == (1, 1)
    assert not result.streak_extended
    assert progress.current_streak(D + timedelta(days=1), tz=TZ) == 1  # still alive
    assert progress.current_streak(D + timedelta(days=2), tz=TZ) == 0  # the wrong day did not count


def test_correct_answer_extends_and_reports_it() -> None:
    progress = progress_with(attempt(D))
    result = progress.record(attempt(D + timedelta(days=1)), tz=TZ)
    assert (result.streak_before, result.streak_after) == (1, 2)
    assert result.streak_extended and result.new_best_streak
    second_today = progress.record(attempt(D + timedelta(days=1), ex="e2"), tz=TZ)
    assert not second_today.streak_extended and not second_today.new_best_streak


def test_gap_breaks_the_streak() -> None:
    progress = progress_with(attempt(D), attempt(D + timedelta(days=1)), attempt(D + timedelta(days=3)))
    assert progress.current_streak(D + timedelta(days=3), tz=TZ) == 1
    assert progress.current_streak(D + timedelta(days=2), tz=TZ) == 2  # as seen on the gap day


def test_crossing_midnight_counts_two_days() -> None:
    progress = progress_with(attempt(D, hour=23, minute=59), attempt(D + timedelta(days=1), hour=0, minute=1))
    assert progress.current_streak(D + timedelta(days=1), tz=TZ) == 2


def test_local_date_uses_the_given_zone() -> None:
    late_utc = Attempt(
        exercise_id="e1", at=datetime(2025, 3, 10, 23, 30, tzinfo=timezone.utc), answer="1", correct=True
    )
    assert late_utc.local_date(timezone.utc) == date(2025, 3, 10)
    assert late_utc.local_date(TZ) == date(2025, 3, 11)  # already tomorrow at UTC+2
    progress = progress_with(attempt(date(2025, 3, 10), hour=10))
    progress.record(late_utc, tz=TZ)
    assert progress.current_streak(date(2025, 3, 11), tz=TZ) == 2
    assert progress.current_streak(date(2025, 3, 11), tz=timezone.utc) == 1


def test_best_streak_survives_a_break() -> None:
    run = [attempt(D + timedelta(days=n)) for n in range(3)]
    progress = progress_with(*run, attempt(D + timedelta(days=10)))
    assert progress.best_streak == 3
    assert progress.current_streak(D + timedelta(days=10), tz=TZ) == 1
    assert Progress.from_attempts(progress.attempts, tz=TZ).best_streak == 3


def test_current_streak_defaults_to_today() -> None:
    progress = Progress()
    progress.record(Attempt(exercise_id="e1", answer="1", correct=True))  # at = now, local zone
    assert progress.current_streak() == 1
