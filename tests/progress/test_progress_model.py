"""The progress model: validation, mastery levels, summaries, and derived-state consistency."""

from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from linalg_tutor.progress import (
    MAX_ANSWER_CHARS,
    Attempt,
    ExerciseState,
    MasterySummary,
    Progress,
    mastery_level_of,
)

TZ = timezone(timedelta(hours=-5))
T0 = datetime(2025, 1, 6, 8, 0, tzinfo=TZ)


def attempt(ex: str = "e1", correct: bool = True, *, minutes: int = 0, **fields: object) -> Attempt:
    return Attempt(exercise_id=ex, at=T0 + timedelta(minutes=minutes), answer="42", correct=correct, **fields)


# --- Attempt -------------------------------------------------------------------------


def test_attempt_refuses_naive_datetimes() -> None:
    with pytest.raises(ValidationError, match="timezone"):
        Attempt(exercise_id="e1", at=datetime(2025, 1, 1, 12, 0), answer="1", correct=True)


def test_attempt_refuses_negative_hints_and_unknown_source() -> None:
    with pytest.raises(ValidationError):
        attempt(hints_used=-1)
    with pytest.raises(ValidationError):
        attempt(source="web")


def test_attempt_defaults_to_now_in_local_zone() -> None:
    made = Attempt(exercise_id="e1", answer="1", correct=False)
    assert made.at.tzinfo is not None
    assert abs(datetime.now(timezone.utc) - made.at) < timedelta(minutes=1)
    assert made.source == "tui"


def test_long_answers_are_truncated() -> None:
    made = Attempt(exercise_id="e1", at=T0, answer="x" * 5000, correct=False, interpreted_as="y" * 501)
    assert len(made.answer) == MAX_ANSWER_CHARS and made.answer.endswith("…")
    assert len(made.interpreted_as) == MAX_ANSWER_CHARS
    assert attempt().answer == "42"


def test_timestamps_keep_their_offset_in_json() -> None:
    progress = Progress()
    progress.record(attempt(), tz=TZ)
    text = progress.model_dump_json()
    assert '"at":"2025-01-06T08:00:00-05:00"' in text
    utc = Attempt(exercise_id="e1", at=T0.astimezone(timezone.utc), answer="1", correct=True)
    assert '"2025-01-06T13:00:00+00:00"' in utc.model_dump_json()


def test_json_round_trip() -> None:
    progress = Progress()
    progress.record(attempt("e1", False), tz=TZ)
    progress.record(attempt("e1", True, minutes=1, hints_used=2, interpreted_as="42"), tz=TZ)
    progress.record(attempt("e2", True, minutes=2, source="cli", derivation_revealed=True), tz=TZ)
    again = Progress.model_validate_json(progress.model_dump_json())
    assert again == progress
    assert again.attempts[0].at.utcoffset() == timedelta(hours=-5)


# --- Mastery ---------------------------------------------------------------------------


def test_mastery_levels() -> None:
    progress = Progress()
    assert progress.mastery_level("e1") == "new"
    progress.record(attempt("e1", False), tz=TZ)
    assert progress.mastery_level("e1") == "tried" and not progress.is_solved("e1")
    progress.record(attempt("e1", True, minutes=1, hints_used=1), tz=TZ)
    assert progress.mastery_level("e1") == "solved" and progress.is_solved("e1")
    progress.record(attempt("e1", True, minutes=2, derivation_revealed=True), tz=TZ)
    assert progress.mastery_level("e1") == "solved"  # revealing the derivation is help too
    progress.record(attempt("e1", True, minutes=3), tz=TZ)
    assert progress.mastery_level("e1") == "mastered"
    progress.record(attempt("e1", False, minutes=4), tz=TZ)
    progress.record(attempt("e1", True, minutes=5, hints_used=3), tz=TZ)
    assert progress.mastery_level("e1") == "mastered"  # later slips do not demote


def test_mastery_rule_lives_in_one_function() -> None:
    assert mastery_level_of(None) == "new"
    assert mastery_level_of(ExerciseState()) == "new"
    assert mastery_level_of(ExerciseState(attempts=2)) == "tried"
    assert mastery_level_of(ExerciseState(attempts=2, correct=1, best_hints=1, first_correct_at=T0)) == "solved"
    assert ExerciseState(attempts=1, correct=1, best_hints=0, first_correct_at=T0, mastered_at=T0).level == "mastered"


def test_record_result_reports_new_solves_and_mastery() -> None:
    progress = Progress()
    wrong = progress.record(attempt("e1", False), tz=TZ)
    assert not wrong.newly_solved and (wrong.level_before, wrong.level_after) == ("new", "tried")
    helped = progress.record(attempt("e1", True, minutes=1, hints_used=1), tz=TZ)
    assert helped.newly_solved and not helped.newly_mastered
    clean = progress.record(attempt("e1", True, minutes=2), tz=TZ)
    assert not clean.newly_solved and clean.newly_mastered
    again = progress.record(attempt("e1", True, minutes=3), tz=TZ)
    assert not again.newly_solved and not again.newly_mastered
    first_try = progress.record(attempt("e2", True, minutes=4), tz=TZ)
    assert first_try.newly_solved and first_try.newly_mastered


def test_exercise_state_tracks_counts_and_times() -> None:
    progress = Progress()
    progress.record(attempt("e1", False, minutes=0), tz=TZ)
    progress.record(attempt("e1", True, minutes=5, hints_used=2), tz=TZ)
    progress.record(attempt("e1", True, minutes=9, hints_used=1, derivation_revealed=True), tz=TZ)
    state = progress.state("e1")
    assert (state.attempts, state.correct, state.best_hints) == (3, 2, 1)
    assert state.first_correct_at == T0 + timedelta(minutes=5)
    assert state.last_attempt_at == T0 + timedelta(minutes=9)
    assert state.mastered_at is None
    assert progress.state("never") == ExerciseState()


def test_mastery_summary() -> None:
    progress = Progress()
    for n in range(3):
        progress.record(attempt(f"e{n}", True, minutes=n), tz=TZ)
    progress.record(attempt("e3", False), tz=TZ)
    ids = [f"e{n}" for n in range(59)]
    summary = progress.mastery(ids)
    assert (summary.solved, summary.total) == (3, 59)
    assert str(summary) == "3 / 59 exercises (5%)"
    assert progress.mastery(["e0", "e0", "e1"]).total == 2  # duplicates once
    assert str(MasterySummary(0, 0)) == "0 / 0 exercises (0%)"
    assert str(MasterySummary(1, 1)) == "1 / 1 exercise (100%)"
    assert str(MasterySummary(199, 200)) == "199 / 200 exercises (99%)"  # never rounds up to 100
    assert MasterySummary(1, 4).percent == 25.0


def test_recent_attempts_newest_first() -> None:
    progress = Progress()
    for n in range(30):
        progress.record(attempt(f"e{n}", n % 2 == 0, minutes=n), tz=TZ)
    recent = progress.recent_attempts()
    assert len(recent) == 20
    assert [a.exercise_id for a in recent[:2]] == ["e29", "e28"]
    assert [a.exercise_id for a in progress.recent_attempts(3)] == ["e29", "e28", "e27"]
    assert progress.recent_attempts(0) == []
    assert len(progress.recent_attempts(100)) == 30


# --- Derived state is consistent with the attempts ---------------------------------------

OFFSETS = [timezone.utc, TZ, timezone(timedelta(hours=9, minutes=30))]

attempts_strategy = st.lists(
    st.builds(
        Attempt,
        exercise_id=st.sampled_from(["a", "b", "c"]),
        at=st.builds(
            lambda minutes, tz: (T0 + timedelta(minutes=minutes)).astimezone(tz),
            st.integers(0, 60 * 24 * 12),
            st.sampled_from(OFFSETS),
        ),
        answer=st.text(max_size=5),
        correct=st.booleans(),
        hints_used=st.integers(0, 2),
        derivation_revealed=st.booleans(),
    ),
    max_size=25,
)


@settings(max_examples=60, deadline=None)
@given(attempts_strategy, st.randoms(use_true_random=False))
def test_recorded_state_equals_state_rebuilt_from_attempts(attempts: list[Attempt], rng: random.Random) -> None:
    progress = Progress()
    for item in attempts:
        progress.record(item, tz=TZ)

    rebuilt = Progress.from_attempts(attempts, tz=TZ)
    assert rebuilt.exercises == progress.exercises
    assert rebuilt.best_streak == progress.best_streak

    shuffled = list(attempts)
    rng.shuffle(shuffled)
    assert Progress.derive_exercises(shuffled) == progress.exercises  # order does not matter

    reloaded = Progress.model_validate_json(progress.model_dump_json())
    assert reloaded == progress


def test_stale_derived_state_is_rebuilt_on_validation() -> None:
    progress = Progress()
    progress.record(attempt("e1", True), tz=TZ)
    document = progress.model_dump(mode="json")
    document["exercises"] = {"e1": {"attempts": 99}, "ghost": {"attempts": 1}}
    fixed = Progress.model_validate(document)
    assert fixed.exercises == progress.exercises
