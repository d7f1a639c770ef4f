"""The progress model: attempts, the fold into per-exercise state, levels and mastery."""

from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone

import pytest
from pydantic import ValidationError

from linalg_tutor.progress import (
    MAX_ANSWER_CHARS,
    Attempt,
    ExerciseState,
    MasterySummary,
    Progress,
    level_of,
    mastery_level_of,
    percent_label,
)

TZ = timezone(timedelta(hours=-5))
T0 = datetime(2025, 1, 6, 8, 0, tzinfo=TZ)
DAY = timedelta(days=1)


def attempt(ex: str = "e1", correct: bool = True, *, at: datetime | None = None, minutes: int = 0,
            **fields: object) -> Attempt:
    when = at or T0 + timedelta(minutes=minutes)
    return Attempt(exercise_id=ex, at=when, answer="42", correct=correct, **fields)


# --- Attempt -------------------------------------------------------------------------


def test_attempt_refuses_naive_datetimes_and_bad_values() -> None:
    with pytest.raises(ValidationError, match="timezone"):
        Attempt(exercise_id="e1", at=datetime(2025, 1, 1, 12, 0), answer="1", correct=True)
    with pytest.raises(ValidationError):
        attempt(hints_used=-1)
    with pytest.raises(ValidationError):
        attempt(score=1.5)
    with pytest.raises(ValidationError):
        attempt(ex="")


def test_attempt_defaults_to_now_in_local_zone() -> None:
    made = Attempt(exercise_id="e1", answer="1", correct=False)
    assert made.at.tzinfo is not None
    assert abs(datetime.now(timezone.utc) - made.at) < timedelta(minutes=1)
    assert made.source == "tui" and made.seed is None and made.score is None


def test_code_answers_are_kept_whole() -> None:
    code = "def f(x):\n" + "    x = x + 1\n" * 400  # about 5,600 characters
    made = Attempt(exercise_id="0.7", at=T0, answer=code, correct=False)
    assert made.answer == code
    huge = Attempt(exercise_id="e", at=T0, answer="x" * (MAX_ANSWER_CHARS + 10), correct=False)
    assert len(huge.answer) == MAX_ANSWER_CHARS and huge.answer.endswith("…")


def test_unknown_fields_from_a_newer_tutor_are_ignored_not_refused() -> None:
    line = ('{"exercise_id": "e1", "at": "2025-01-06T08:00:00-05:00", "answer": "1", '
            '"correct": true, "source": "web", "mood": "happy", "seed": 7, "score": 0.5}')
    made = Attempt.model_validate_json(line)
    assert made.seed == 7 and made.score == 0.5 and made.source == "web"


def test_timestamps_keep_their_offset_in_json() -> None:
    assert '"at":"2025-01-06T08:00:00-05:00"' in attempt().model_dump_json()


# --- the fold ------------------------------------------------------------------------


def test_exercise_state_counts() -> None:
    state = ExerciseState()
    state = state.with_attempt(attempt(correct=False, minutes=0))
    state = state.with_attempt(attempt(correct=True, minutes=5, hints_used=2, score=0.5))
    state = state.with_attempt(attempt(correct=True, minutes=9))
    assert (state.attempts, state.correct, state.unaided, state.best_hints) == (3, 2, 1, 0)
    assert state.first_at == T0 and state.first_correct_at == T0 + timedelta(minutes=5)
    assert state.mastered_at == T0 + timedelta(minutes=9)
    assert state.best_score == 0.5


def test_incremental_fold_equals_rebuild() -> None:
    rng = random.Random(7)
    attempts = [
        attempt(f"e{rng.randrange(4)}", rng.random() < 0.6, at=T0 + timedelta(hours=7 * i),
                hints_used=rng.randrange(3), derivation_revealed=rng.random() < 0.1)
        for i in range(300)
    ]
    live = Progress()
    for item in attempts:
        live.record(item)
    assert Progress.from_attempts(attempts) == live
    assert live.attempt_count == 300
    assert live.correct_count == sum(a.correct for a in attempts)


# --- levels --------------------------------------------------------------------------


def levels_after(*steps: tuple[bool, int, bool, timedelta]) -> list[str]:
    """Record (correct, hints, revealed, time since start) attempts at e1; level after each."""
    progress, seen = Progress(), []
    for correct, hints, revealed, offset in steps:
        progress.record(attempt(correct=correct, at=T0 + offset, hints_used=hints,
                                derivation_revealed=revealed))
        seen.append(progress.level("e1"))
    return seen


def test_level_not_started() -> None:
    assert Progress().level("e1") == "not_started"
    assert level_of(None) == "not_started" and mastery_level_of(None) == "new"


def test_unaided_path_to_mastered() -> None:
    # wrong, then right unaided at once (first try was a miss: familiar), then two reviews.
    assert levels_after(
        (False, 0, False, timedelta(0)),
        (True, 0, False, timedelta(minutes=2)),
        (True, 0, False, 1 * DAY + timedelta(minutes=2)),   # due after Again: Good
        (True, 0, False, 4 * DAY),                           # due again: Good
    ) == ["attempted", "familiar", "proficient", "mastered"]


def test_first_try_right_is_proficient_and_one_review_masters() -> None:
    assert levels_after((True, 0, False, timedelta(0)),
                        (True, 0, False, 2 * DAY)) == ["proficient", "mastered"]


def test_practice_before_due_does_not_level_up() -> None:
    assert levels_after((True, 0, False, timedelta(0)),
                        (True, 0, False, timedelta(hours=3)),
                        (True, 0, False, timedelta(hours=20))) == ["proficient"] * 3


def test_hints_slow_it_and_revealing_counts_as_a_miss() -> None:
    assert levels_after((True, 1, False, timedelta(0)),        # Hard
                        (True, 2, False, 1 * DAY),             # Hard
                        (True, 0, False, 3 * DAY)) == ["familiar", "proficient", "proficient"]
    assert levels_after((True, 0, True, timedelta(0))) == ["familiar"]


def test_a_miss_in_review_moves_it_down() -> None:
    levels = levels_after((True, 0, False, timedelta(0)),
                          (True, 0, False, 2 * DAY),           # mastered
                          (False, 0, False, 14 * DAY),         # a miss when due
                          (True, 0, False, 14 * DAY + timedelta(minutes=1)))  # practice
    assert levels == ["proficient", "mastered", "familiar", "familiar"]


def test_four_mark_view() -> None:
    progress = Progress()
    progress.record(attempt("a", False))
    progress.record(attempt("b", True, hints_used=1))
    progress.record(attempt("c", True))
    assert [progress.mastery_level(x) for x in "abcd"] == ["tried", "solved", "mastered", "new"]


# --- mastery ---------------------------------------------------------------------------


def test_mastery_counts_by_level() -> None:
    progress = Progress()
    progress.record(attempt("a", False))
    progress.record(attempt("b", True, hints_used=1))
    progress.record(attempt("c", True))
    summary = progress.mastery(["a", "b", "c", "d", "c"])
    assert (summary.solved, summary.total) == (2, 4)
    assert summary.by_level == {"not_started": 1, "attempted": 1, "familiar": 1,
                                "proficient": 1, "mastered": 0}
    assert str(summary) == "2 / 4 exercises (50%)"


@pytest.mark.parametrize("done, total, text", [
    (0, 59, "0%"), (1, 59, "2%"), (29, 59, "49%"), (30, 59, "51%"), (58, 59, "98%"),
    (59, 59, "100%"), (199, 200, "99%"), (0, 0, "0%"), (1, 7, "14%"), (1, 2, "50%"),
])
def test_percent_rounds_to_nearest_but_never_100_early(done: int, total: int, text: str) -> None:
    assert percent_label(done, total) == text
    assert MasterySummary(done, total).percent_text == text


def test_due_lists_most_overdue_first() -> None:
    progress = Progress()
    progress.record(attempt("late", True, at=T0))
    progress.record(attempt("later", True, at=T0 + timedelta(hours=1)))
    progress.record(attempt("never", False, at=T0))
    assert progress.due(T0 + DAY) == []
    assert progress.due(T0 + 3 * DAY) == ["late", "later"]
    assert progress.next_due() == T0 + 2 * DAY
