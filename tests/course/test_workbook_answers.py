"""Every derive answer of the workbook through `check`: the exact form and a rounded one
are accepted, and every slip its feedback names gets that feedback."""

from __future__ import annotations

import pytest

from linalg_tutor.cli import main
from linalg_tutor.course.given import value_text
from linalg_tutor.course.kinds._common import expected_of, wrong_values
from linalg_tutor.course.service import instantiate, load

COURSE = load()
DERIVE = [ex for ex in COURSE.exercises
          if ex.is_workbook and ex.answer.kind == "value"]


def typed(value) -> str:
    """A value as a learner types it (ASCII minus; √ stays)."""
    return value_text(value).replace("−", "-")


def rounded(value, tolerance: str) -> str | None:
    """The value rounded as the exercise's tolerance allows (None: nothing to round)."""
    if getattr(value, "is_Matrix", False) or getattr(value, "is_Integer", False):
        return None
    places = int(tolerance.split(":")[1]) if tolerance.startswith("dp:") else 4
    return f"{float(value):.{places}f}"


def check(capsys, exercise_id: str, answer: str) -> tuple[int, str]:
    code = main(["check", exercise_id, answer])
    out, err = capsys.readouterr()
    return code, out + err


def test_the_walk_covers_every_derive_exercise():
    assert len(DERIVE) >= 40 and {ex.type for ex in DERIVE} >= {"derive"}


@pytest.mark.parametrize("exercise", DERIVE, ids=lambda ex: ex.id)
def test_exact_and_rounded_forms_are_right_and_slips_get_their_feedback(capsys, exercise):
    instance = instantiate(exercise)
    expected = expected_of(instance)
    code, out = check(capsys, exercise.id, typed(expected))
    assert code == 0, out
    decimal = rounded(expected, exercise.answer.tolerance)
    if decimal is not None and decimal.rstrip("0").rstrip(".") != typed(expected):
        code, out = check(capsys, exercise.id, decimal)
        assert code == 0, f"{exercise.id}: the rounded {decimal} is refused: {out}"
    for value, feedback in wrong_values(instance):
        code, out = check(capsys, exercise.id, typed(value))
        assert code == 1, f"{exercise.id}: slip {typed(value)}: {out}"
        assert feedback.split("\n")[0][:60] in out, f"{exercise.id}: slip {typed(value)} gets {out!r}"
