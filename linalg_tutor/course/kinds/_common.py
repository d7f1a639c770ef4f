"""Pieces the number-like kinds share: known slips with feedback, tolerances, expected values."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Union

from pydantic import BaseModel, ConfigDict, Field, model_validator

from linalg_tutor.content.models import AnswerSpec, GivenValue
from linalg_tutor.course.given import ContentError, evaluate, to_sympy

if TYPE_CHECKING:  # pragma: no cover
    from linalg_tutor.course.instance import ExerciseInstance

_TOLERANCE = re.compile(r"^(exact|(rel|abs):[0-9.eE+-]+|dp:\d+)$")


class KindSpec(AnswerSpec):
    """Base of every registered kind's model: unknown keys are errors, as everywhere in content."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class WrongAnswer(BaseModel):
    """A known wrong answer with feedback aimed at the slip that produces it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    value: Union[GivenValue, None] = None
    compute: str | None = None
    feedback: str = Field(min_length=1)

    @model_validator(mode="after")
    def _one_source(self) -> "WrongAnswer":
        if (self.value is None) == (self.compute is None):
            raise ValueError("give exactly one of `value` or `compute`")
        return self


def check_tolerance(v: str) -> str:
    if not _TOLERANCE.match(v.strip()):
        raise ValueError(f"tolerance must be exact, rel:X, abs:X or dp:N, not {v!r}")
    from linalg_tutor.mathtext.tolerance import parse_tolerance

    try:
        parse_tolerance(v.strip())
    except ValueError as exc:
        raise ValueError(str(exc)) from None
    return v.strip()


class ComputedAnswer(KindSpec):
    """An answer computed from the given data (``compute``), optionally cross-checked (``literal``)."""

    compute: str | None = None
    literal: Union[GivenValue, None] = None
    label: str = "Answer"
    wrong: list[WrongAnswer] = Field(default_factory=list)

    @model_validator(mode="after")
    def _has_expected(self) -> "ComputedAnswer":
        if self.compute is None and self.literal is None:
            raise ValueError("this answer needs `compute` (preferred) or `literal`")
        return self


def expected_of(instance: "ExerciseInstance", symbols: tuple[str, ...] = ()) -> Any:
    """The exact expected answer: ``compute`` on the instance's data, else ``literal``."""
    spec: ComputedAnswer = instance.answer  # type: ignore[assignment]
    if spec.compute is not None:
        return evaluate(spec.compute, instance.values, "answer.compute", symbols)
    return literal_of(instance, symbols)


def literal_of(instance: "ExerciseInstance", symbols: tuple[str, ...] = ()) -> Any:
    spec: ComputedAnswer = instance.answer  # type: ignore[assignment]
    if isinstance(spec.literal, str):
        return evaluate(spec.literal, instance.values, "answer.literal", symbols)
    value = to_sympy(spec.literal, "answer.literal", instance.values)
    if getattr(value, "is_Matrix", False) and value.shape == (1, 1):
        return value[0]
    return value


def wrong_values(instance: "ExerciseInstance", symbols: tuple[str, ...] = ()) -> list[tuple[Any, str]]:
    """Known wrong answers as ``(value, feedback)``, computed like the right one."""
    spec: ComputedAnswer = instance.answer  # type: ignore[assignment]
    out = []
    for i, w in enumerate(spec.wrong, 1):
        where = f"answer.wrong {i}"
        if w.compute is not None:
            value = evaluate(w.compute, instance.values, where, symbols)
        elif isinstance(w.value, str):
            value = evaluate(w.value, instance.values, where, symbols)
        else:
            value = to_sympy(w.value, where, instance.values)
            if getattr(value, "is_Matrix", False) and value.shape == (1, 1):
                value = value[0]
        out.append((value, instance.fill(w.feedback, f"{where} feedback")))
    return out


def check_computed(instance: "ExerciseInstance", agrees: Any, symbols: tuple[str, ...] = ()) -> list[str]:
    """Author problems of a computed answer: it computes, the literal agrees (seed 0), and no
    "wrong" answer is in fact right. ``agrees(expected, value)`` decides sameness for the kind."""
    from linalg_tutor.mathtext.fmt import fmt

    spec: ComputedAnswer = instance.answer  # type: ignore[assignment]
    try:
        expected = expected_of(instance, symbols)
    except ContentError as exc:
        return [str(exc)]
    problems = []
    if spec.compute is not None and spec.literal is not None and instance.seed == 0:
        try:
            literal = literal_of(instance, symbols)
            if not agrees(expected, literal):
                problems.append(f"answer.literal is {fmt(literal)} but compute {spec.compute!r} gives {_text(expected)}")
        except ContentError as exc:
            problems.append(str(exc))
    try:
        wrongs = wrong_values(instance, symbols)
        for i, (value, feedback) in enumerate(wrongs):
            earlier = [f for v, f in wrongs[:i] if f != feedback and shape_expect(v) == shape_expect(value)
                       and agrees(v, value)]
            if earlier:
                problems.append(f"known wrong answer {_text(value)} has two different feedbacks "
                                f"({earlier[0][:30]!r}… and {feedback[:30]!r}…): the learner would hear only the first")
            if shape_expect(value) != shape_expect(expected):
                problems.append(f"known wrong answer {_text(value)} has another shape than the answer: "
                                "the answer box refuses that shape before it looks at slips, so its feedback "
                                "would never be shown")
            elif agrees(expected, value):
                problems.append(f"known wrong answer {_text(value)} equals the right answer "
                                f"(feedback: {feedback[:40]!r}…)")
    except ContentError as exc:
        problems.append(str(exc))
    return problems


def _text(value: Any) -> str:
    from linalg_tutor.course.given import value_text

    try:
        return value_text(value)
    except Exception:  # noqa: BLE001 - a message only
        return str(value)


def shape_expect(expected: Any) -> str:
    """The reader's shape for an expected value: number, vector or matrix."""
    if getattr(expected, "is_Matrix", False):
        return "vector" if expected.cols == 1 or expected.rows == 1 else "matrix"
    return "number"
