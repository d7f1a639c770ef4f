"""``choice``: pick one of several options, by number (``2``), letter (``b``) or exact text."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

from pydantic import Field, model_validator

from linalg_tutor.course.kinds import AnswerKind, register
from linalg_tutor.course.kinds._common import KindSpec

if TYPE_CHECKING:  # pragma: no cover
    from linalg_tutor.course.instance import ExerciseInstance
    from linalg_tutor.grading.verdict import Verdict


class ChoiceAnswer(KindSpec):
    """``kind: choice`` — ``choices`` (2–9), ``correct`` (1-based), ``feedback`` per wrong choice."""

    kind: Literal["choice"]
    choices: list[str] = Field(min_length=2, max_length=9)
    correct: int = Field(ge=1, description="1-based number of the right choice")
    feedback: dict[int, str] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _in_range(self) -> "ChoiceAnswer":
        n = len(self.choices)
        if self.correct > n:
            raise ValueError(f"`correct` is {self.correct} but there are only {n} choices")
        bad = [k for k in self.feedback if not 1 <= k <= n]
        if bad:
            raise ValueError(f"feedback for choice {bad[0]}, but choices run 1..{n}")
        if len(set(self.choices)) != n:
            raise ValueError("two choices have the same text")
        return self


def pick_of(spec: ChoiceAnswer, text: str) -> int | None:
    """The 1-based choice ``text`` names, or None."""
    text = text.strip()
    n = len(spec.choices)
    if text.isascii() and text.isdigit() and len(text) <= 2:  # "²" and 5,000 digits are not choices
        number = int(text)
        return number if 1 <= number <= n else None
    if len(text) == 1 and text.isascii() and text.isalpha() and 0 <= ord(text.lower()) - ord("a") < n:
        return ord(text.lower()) - ord("a") + 1
    for i, choice in enumerate(spec.choices, 1):
        if choice.strip().lower() == text.lower():
            return i
    return None


def grade(instance: "ExerciseInstance", text: str) -> "Verdict":
    from linalg_tutor.grading.verdict import Verdict

    spec: ChoiceAnswer = instance.answer  # type: ignore[assignment]
    n = len(spec.choices)
    pick = pick_of(spec, text)
    if pick is None:
        shown = text.strip()[:20] + ("…" if len(text.strip()) > 20 else "")
        return Verdict.unreadable(f"{shown!r} is not one of the choices 1–{n}",
                                  f"Pick one of the choices by its number 1–{n}.")
    shown = f"choice {pick}: {spec.choices[pick - 1]}"
    if pick == spec.correct:
        return Verdict(True, shown, "Correct.")
    feedback = spec.feedback.get(pick, "Not this one. Read the hint and try again.")
    return Verdict(False, shown, instance.fill(feedback, "answer.feedback"))


def check(instance: "ExerciseInstance") -> list[str]:
    return []


def describe(instance: "ExerciseInstance") -> str:
    spec: ChoiceAnswer = instance.answer  # type: ignore[assignment]
    lines = ["Choose one (answer with its number):"]
    lines += [f"  {i}. {choice}" for i, choice in enumerate(spec.choices, 1)]
    return "\n".join(lines)


def data(instance: "ExerciseInstance") -> dict[str, Any]:
    spec: ChoiceAnswer = instance.answer  # type: ignore[assignment]
    return {"choices": list(spec.choices)}


KIND = register(AnswerKind(
    name="choice", spec=ChoiceAnswer, grade=grade, check=check, describe=describe, data=data,
    encoding="the number of your choice: 2",
))
