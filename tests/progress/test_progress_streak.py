"""Streaks on the learner's local calendar day, with an injected clock and zones that change."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from hypothesis import given, settings
from hypothesis import strategies as st

from linalg_tutor.progress import Attempt, Progress
from linalg_tutor.progress.streak import StreakState, current_streak, longest_streak

PARIS = timezone(timedelta(hours=1))
HONOLULU = timezone(timedelta(hours=-10))
TOKYO = timezone(timedelta(hours=9))
NEW_YORK = timezone(timedelta(hours=-5))


def at(day: int, hour: int, minute: int = 0, tz: timezone = PARIS) -> datetime:
    return datetime(2025, 3, day, hour, minute, tzinfo=tz)


def right(when: datetime, ex: str = "e1") -> Attempt:
    return Attempt(exercise_id=ex, at=when, answer="1", correct=True)


def wrong(when: datetime, ex: str = "e1") -> Attempt:
    return Attempt(exercise_id=ex, at=when, answer="0", correct=False)


def progress_of(*attempts: Attempt) -> Progress:
    return Progress.from_attempts(attempts)


def test_pure_set_rules() -> None:
    days = {date(2025, 3, 1), date(2025, 3, 2), date(2025, 3, 4)}
    assert current_streak(days, date(2025, 3, 4)) == 1
    assert current_streak(days, date(2025, 3, 3)) == 2   # yesterday counts: still alive
    assert current_streak(days, date(2025, 3, 6)) == 0
    assert longest_streak(days) == 2 and longest_streak([]) == 0


def test_several_right_answers_on_one_day_count_once() -> None:
    p = progress_of(right(at(1, 9)), right(at(1, 12)), right(at(1, 23, 59)))
    assert p.current_streak(at(1, 23, 59)) == 1 and p.best_streak == 1


def test_wrong_answers_do_not_count() -> None:
    p = progress_of(right(at(1, 9)), wrong(at(2, 9)))
    assert p.current_streak(at(2, 10)) == 1
    assert not p.done_today(at(2, 10))
    assert p.current_streak(at(3, 10)) == 0


def test_crossing_midnight_counts_two_days() -> None:
    p = progress_of(right(at(1, 23, 59)), right(at(2, 0, 1)))
    assert p.current_streak(at(2, 0, 2)) == 2


def test_yesterday_keeps_it_alive_until_midnight_and_today_is_open() -> None:
    p = progress_of(right(at(1, 20)), right(at(2, 20)))
    assert p.current_streak(at(3, 23, 59)) == 2
    assert not p.done_today(at(3, 23, 59))    # home says: today's step is still open
    assert p.done_today(at(2, 21))
    assert p.current_streak(at(4, 0, 0)) == 0  # a missed day ends it


def test_a_missed_day_breaks_and_best_survives() -> None:
    p = progress_of(right(at(1, 9)), right(at(2, 9)), right(at(3, 9)), right(at(5, 9)))
    assert p.current_streak(at(5, 10)) == 1
    assert p.best_streak == 3
    record = Progress.from_attempts([right(at(1, 9)), right(at(2, 9)), right(at(3, 9))])
    result = record.record(right(at(4, 9)))
    assert result.streak_before == 3 and result.streak_after == 4
    assert result.streak_extended and result.new_best_streak


def test_the_day_is_the_local_day_when_answered() -> None:
    # 23:30 in New York is already the next day in UTC: it still counts for the New York day.
    late = datetime(2025, 3, 1, 23, 30, tzinfo=NEW_YORK)
    nxt = datetime(2025, 3, 2, 20, 0, tzinfo=NEW_YORK)
    p = progress_of(right(late), right(nxt))
    assert p.current_streak(nxt) == 2


def test_flying_west_over_the_date_line_does_not_break_it() -> None:
    # Monday 10:00 in Honolulu, then Wednesday 09:00 in Tokyo: Tuesday never happened there.
    monday = datetime(2025, 3, 3, 10, 0, tzinfo=HONOLULU)
    wednesday = datetime(2025, 3, 5, 9, 0, tzinfo=TOKYO)
    p = progress_of(right(monday), right(wednesday))
    assert p.current_streak(wednesday) == 2
    # And looking at it from Tokyo on Wednesday before answering, it is still alive.
    q = progress_of(right(monday))
    assert q.current_streak(datetime(2025, 3, 5, 8, 0, tzinfo=TOKYO)) == 1


def test_flying_east_repeats_a_day_without_breaking_or_double_counting() -> None:
    tokyo_monday = datetime(2025, 3, 3, 20, 0, tzinfo=TOKYO)
    honolulu_sunday = datetime(2025, 3, 2, 18, 0, tzinfo=HONOLULU)  # a few hours later
    honolulu_monday = datetime(2025, 3, 3, 18, 0, tzinfo=HONOLULU)
    honolulu_tuesday = datetime(2025, 3, 4, 18, 0, tzinfo=HONOLULU)
    p = progress_of(right(tokyo_monday), right(honolulu_sunday), right(honolulu_monday))
    assert p.current_streak(honolulu_monday) == 1
    p.record(right(honolulu_tuesday))
    assert p.current_streak(honolulu_tuesday) == 2


def test_a_real_gap_is_still_a_gap_when_travelling() -> None:
    paris = at(1, 9)
    new_york_three_days_later = datetime(2025, 3, 4, 9, 0, tzinfo=NEW_YORK)
    p = progress_of(right(paris), right(new_york_three_days_later))
    assert p.current_streak(new_york_three_days_later) == 1


def test_streak_state_round_trips_in_json() -> None:
    state = StreakState().with_correct(at(1, 9)).with_correct(at(2, 9))
    again = StreakState.model_validate_json(state.model_dump_json())
    assert again == state and again.last_at.utcoffset() == timedelta(hours=1)



@settings(max_examples=150, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=60 * 24 * 30), min_size=1, max_size=40),
       st.integers(min_value=-12, max_value=14), st.integers(min_value=0, max_value=60 * 24 * 32))
def test_in_one_zone_the_fold_agrees_with_the_simple_day_rules(minutes: list[int], hours: int, now_at: int) -> None:
    """Without travel, the fold is exactly "runs of consecutive local days"."""
    zone = timezone(timedelta(hours=hours))
    start = datetime(2025, 1, 1, tzinfo=zone)
    times = sorted(start + timedelta(minutes=m) for m in minutes)
    progress = Progress.from_attempts(right(t) for t in times)
    days = {t.date() for t in times}
    now = max(start + timedelta(minutes=now_at), times[-1])
    assert progress.best_streak == longest_streak(days)
    assert progress.current_streak(now) == current_streak(days, now.date())
    assert progress.done_today(now) == (now.date() in days)
