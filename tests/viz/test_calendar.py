"""The activity calendar's layout, without a terminal."""

from __future__ import annotations

from datetime import date, timedelta

from linalg_tutor.viz.calendar import calendar_weeks, streak_days

TODAY = date(2026, 12, 5)  # a Saturday


def test_weeks_end_with_this_week_and_start_on_monday():
    columns = calendar_weeks({}, TODAY, weeks=4)
    assert len(columns) == 4 and all(len(c) == 7 for c in columns)
    assert columns[0][0].day.weekday() == 0
    assert columns[-1][5].day == TODAY and not columns[-1][5].future
    assert columns[-1][6].future


def test_levels_shade_the_busiest_day_darkest():
    counts = {TODAY: 8, TODAY - timedelta(days=1): 1, TODAY - timedelta(days=2): 4}
    days = {d.day: d for c in calendar_weeks(counts, TODAY) for d in c}
    assert days[TODAY].level == 4
    assert days[TODAY - timedelta(days=1)].level == 1
    assert 1 < days[TODAY - timedelta(days=2)].level < 4
    assert days[TODAY - timedelta(days=3)].level == 0


def test_streak_runs_back_from_today_or_yesterday():
    active = {TODAY - timedelta(days=k) for k in (0, 1, 2, 5)}
    assert len(streak_days(active, TODAY)) == 3
    assert len(streak_days(active - {TODAY}, TODAY)) == 2
    assert streak_days(set(), TODAY) == set()
