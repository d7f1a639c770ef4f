"""``value``: a number, vector or matrix the learner works out and types.

The expected answer is computed from the exercise's data. By default the answer must be
*written as a value* (``-14``, ``3/4``, ``5√2``), so typing the calculation the exercise asks
for (``3*6 - 8*4``) does not pass and the preview does not work it out; ``written: any``
accepts any expression. A shape is part of the answer: ``[50]`` is a vector, not 50.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

from pydantic import field_validator

from linalg_tutor.course.kinds import AnswerKind, register
from linalg_tutor.course.kinds._common import (
    ComputedAnswer,
    check_computed,
    check_tolerance,
    expected_of,
    shape_expect,
    wrong_values,
)

if TYPE_CHECKING:  # pragma: no cover
    from linalg_tutor.course.instance import ExerciseInstance
    from linalg_tutor.grading.reader import Expect
    from linalg_tutor.grading.verdict import Verdict


class ValueAnswer(ComputedAnswer):
    """``kind: value`` — ``compute``, ``literal``, ``label``, ``tolerance``, ``wrong``, ``written``."""

    kind: Literal["value"]
    tolerance: str = "exact"
    written: Literal["value", "any"] = "value"

    @field_validator("tolerance")
    @classmethod
    def _tolerance_form(cls, v: str) -> str:
        return check_tolerance(v)


def expect_for(instance: "ExerciseInstance") -> "Expect":
    from linalg_tutor.grading.reader import Expect

    spec: ValueAnswer = instance.answer  # type: ignore[assignment]
    return Expect(shape_expect(expected_of(instance)), written_value=spec.written == "value")  # type: ignore[arg-type]


def grade(instance: "ExerciseInstance", text: str) -> "Verdict":
    from linalg_tutor.grading.errors import ParseError
    from linalg_tutor.grading.grader import judge
    from linalg_tutor.grading.reader import read
    from linalg_tutor.mathtext.tolerance import parse_tolerance
    from linalg_tutor.grading.verdict import Verdict

    spec: ValueAnswer = instance.answer  # type: ignore[assignment]
    expected = expected_of(instance)
    try:
        parsed = read(text, expect_for(instance))
    except ParseError as exc:
        return Verdict.unreadable(str(exc))
    return judge(expected, parsed, parse_tolerance(spec.tolerance), wrong_values(instance))


def _agrees(tolerance: str) -> Any:
    def agrees(expected: Any, value: Any) -> bool:
        from linalg_tutor.grading.compare import compare

        return compare(expected, value, tolerance).correct

    return agrees


def check(instance: "ExerciseInstance") -> list[str]:
    spec: ValueAnswer = instance.answer  # type: ignore[assignment]
    return check_computed(instance, _agrees(spec.tolerance))


def describe(instance: "ExerciseInstance") -> str:
    spec: ValueAnswer = instance.answer  # type: ignore[assignment]
    return f"{spec.label} = ?   Type {_what(instance)}."


def _what(instance: "ExerciseInstance") -> str:
    from linalg_tutor.mathtext.tolerance import parse_tolerance

    spec: ValueAnswer = instance.answer  # type: ignore[assignment]
    expect = expect_for(instance)
    what = expect.describe()
    if spec.written == "value":
        what += ", written as a value (like 12, −5/3, 2.5 or 2√7), not as a calculation"
    tolerance = parse_tolerance(spec.tolerance)
    if tolerance.mode != "exact":
        what += f"; a decimal is accepted {tolerance.describe()}"
    return what


def data(instance: "ExerciseInstance") -> dict[str, Any]:
    spec: ValueAnswer = instance.answer  # type: ignore[assignment]
    return {"label": spec.label, "expects": expect_for(instance).shape, "tolerance": spec.tolerance,
            "written": spec.written}


def preview(instance: "ExerciseInstance", text: str) -> str:
    from linalg_tutor.grading.grader import preview as read_back

    return read_back(text, expect_for(instance))


KIND = register(AnswerKind(
    name="value", spec=ValueAnswer, grade=grade, check=check, describe=describe, data=data, preview=preview,
    encoding="the value as you would write it: 12, -5/3, 2.5, 2√7, [1, 2], [[1,2],[3,4]]",
))
