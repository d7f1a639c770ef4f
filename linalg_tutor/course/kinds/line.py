"""``line``: a Debug exercise — find the line of code that holds the bug.

The code is shown with line numbers; the answer is a line number (``5`` or ``line 5``). A wrong
pick gets the feedback written for that line, if any; the right pick shows the fix.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Literal

from pydantic import Field, model_validator

from linalg_tutor.course.kinds import AnswerKind, register
from linalg_tutor.course.kinds._common import KindSpec

if TYPE_CHECKING:  # pragma: no cover
    from linalg_tutor.course.instance import ExerciseInstance
    from linalg_tutor.grading.verdict import Verdict

_LINE = re.compile(r"^\s*(?:line\s*)?(\d{1,4})\s*$", re.IGNORECASE)


class LineAnswer(KindSpec):
    """``kind: line`` — ``code``, ``correct`` (1-based line), ``feedback`` per line, ``fix``."""

    kind: Literal["line"]
    language: Literal["python"] = "python"
    code: str = Field(min_length=1)
    correct: int = Field(ge=1)
    feedback: dict[int, str] = Field(default_factory=dict)
    fix: str | None = None

    fits = ("debug", "trace")

    @property
    def lines(self) -> list[str]:
        return self.code.rstrip("\n").split("\n")

    @model_validator(mode="after")
    def _in_range(self) -> "LineAnswer":
        n = len(self.lines)
        if self.correct > n:
            raise ValueError(f"`correct` is line {self.correct} but the code has {n} lines")
        bad = [k for k in self.feedback if not 1 <= k <= n]
        if bad:
            raise ValueError(f"feedback for line {bad[0]}, but the code has lines 1..{n}")
        if self.correct in self.feedback:
            raise ValueError("feedback is for wrong lines; the right line's story goes in `fix` and the explanation")
        return self


def grade(instance: "ExerciseInstance", text: str) -> "Verdict":
    from linalg_tutor.grading.verdict import Verdict

    spec: LineAnswer = instance.answer  # type: ignore[assignment]
    lines = spec.lines
    m = _LINE.match(text)
    if not m or not 1 <= int(m.group(1)) <= len(lines):
        return Verdict.unreadable(f"give a line number from 1 to {len(lines)}",
                                  f"Pick the line by its number, 1–{len(lines)}.")
    number = int(m.group(1))
    shown = f"line {number}: {lines[number - 1].strip()}"
    if number == spec.correct:
        fix = f" The fix: {spec.fix.strip()}" if spec.fix else ""
        return Verdict(True, shown, f"Correct: line {number} holds the bug.{fix}")
    if not lines[number - 1].strip():
        return Verdict(False, shown, "That line is empty. Look at the lines that compute something.")
    feedback = spec.feedback.get(number, f"Line {number} does what it should. Trace the code with small numbers "
                                         "and compare each line with the formula.")
    return Verdict(False, shown, instance.fill(feedback, "answer.feedback"))


def check(instance: "ExerciseInstance") -> list[str]:
    spec: LineAnswer = instance.answer  # type: ignore[assignment]
    if not spec.lines[spec.correct - 1].strip():
        return [f"the right line {spec.correct} is empty"]
    return []


def numbered(code: str) -> str:
    lines = code.rstrip("\n").split("\n")
    width = len(str(len(lines)))
    return "\n".join(f"{i:>{width}} │ {line}" for i, line in enumerate(lines, 1))


def describe(instance: "ExerciseInstance") -> str:
    spec: LineAnswer = instance.answer  # type: ignore[assignment]
    return f"Which line holds the bug? (answer with its number)\n{numbered(spec.code)}"


def data(instance: "ExerciseInstance") -> dict[str, Any]:
    spec: LineAnswer = instance.answer  # type: ignore[assignment]
    return {"language": spec.language, "lines": spec.lines}


def reveal(instance: "ExerciseInstance") -> str:
    spec: LineAnswer = instance.answer  # type: ignore[assignment]
    fix = f"\nThe fix: {spec.fix.strip()}" if spec.fix else ""
    return f"The bug is on line {spec.correct}: {spec.lines[spec.correct - 1].strip()}{fix}"


KIND = register(AnswerKind(
    name="line", spec=LineAnswer, grade=grade, check=check, describe=describe, data=data, reveal=reveal,
    encoding="the number of the buggy line: 5",
))
