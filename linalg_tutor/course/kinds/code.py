"""``code``: a Build exercise — write a Python function that passes the exercise's tests.

The learner's code runs only in the sandboxed child process (:mod:`linalg_tutor.sandbox`), never
in the tutor. A run whose code cannot be run at all (a syntax error, no such function, running
code switched off on this machine) is "not checked" and nothing is recorded; otherwise each test
is a part of the verdict and the score is the share that pass.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from linalg_tutor.course.kinds import AnswerKind, register
from linalg_tutor.course.kinds._common import KindSpec

if TYPE_CHECKING:  # pragma: no cover
    from linalg_tutor.course.instance import ExerciseInstance
    from linalg_tutor.grading.verdict import Verdict

_TOLERANCES = ("exact", "abs:", "rel:", "dp:")


def _tolerance(v: str | None) -> str | None:
    if v is not None and not (v == "exact" or v.startswith(_TOLERANCES[1:])):
        raise ValueError(f"tolerance must be exact, abs:X, rel:X or dp:N, not {v!r}")
    return v


class CodeTest(BaseModel):
    """One call: ``args`` → ``expect`` (or ``raises: ValueError``), with an optional tolerance."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    args: list[Any]
    expect: Any = None
    raises: str | None = Field(default=None, pattern=r"^[A-Za-z_][A-Za-z0-9_]*$")
    tolerance: str | None = None

    @field_validator("tolerance")
    @classmethod
    def _tolerance_form(cls, v: str | None) -> str | None:
        return _tolerance(v)

    @model_validator(mode="after")
    def _one_outcome(self) -> "CodeTest":
        if self.raises is None and "expect" not in self.model_fields_set:
            raise ValueError("a test needs `expect` (the value returned) or `raises` (the exception)")
        return self


class CodeAnswer(KindSpec):
    """``kind: code`` — ``function``, ``starter``, ``solution``, ``tests`` (shown), ``hidden_tests``
    (edge cases shown after a run), ``tolerance`` for numbers (default abs:1e-9)."""

    kind: Literal["code"]
    language: Literal["python"] = "python"
    function: str = Field(pattern=r"^[A-Za-z_][A-Za-z0-9_]*$")
    starter: str = ""
    solution: str
    tolerance: str | None = None
    tests: list[CodeTest] = Field(min_length=1)
    hidden_tests: list[CodeTest] = Field(default_factory=list)

    fits = ("build", "debug", "design")

    @field_validator("tolerance")
    @classmethod
    def _tolerance_form(cls, v: str | None) -> str | None:
        return _tolerance(v)


def _answer_data(spec: CodeAnswer) -> dict[str, Any]:
    return spec.model_dump(exclude_unset=False)


def grade(instance: "ExerciseInstance", text: str) -> "Verdict":
    from linalg_tutor.grading.verdict import Detail, Verdict
    from linalg_tutor.sandbox import run_answer

    spec: CodeAnswer = instance.answer  # type: ignore[assignment]
    report = run_answer(_answer_data(spec), text)
    lines = text.count("\n") + 1
    shown = f"{lines} line{'s' if lines != 1 else ''} of Python"
    if report.exit_code == 2:
        # Not an attempt at the tests: the code could not be run at all (nothing is recorded).
        return Verdict.unreadable("the code cannot be run", report.message.rstrip() or "The code cannot be run.")
    details = tuple(
        Detail(("hidden " if r.case.hidden else "") + f"test {r.index + 1}: {spec.function}({r.input_text})",
               r.passed, "" if r.passed else f"expected {r.expected_text}, got {r.got_text}"
               + (f" — {r.error}" if r.error and not r.raised else ""))
        for r in report.cases)
    extra = []
    failing = next((r for r in report.cases if not r.passed and r.traceback), None)
    if failing is not None:
        extra.append(f"Traceback of test {failing.index + 1}:\n{failing.traceback.rstrip()}")
    if report.output.strip():
        printed = report.output.rstrip().splitlines()
        extra.append("Your code printed:\n" + "\n".join(line[:200] for line in printed[:20])
                     + (f"\n… and {len(printed) - 20} more lines" if len(printed) > 20 else ""))
    feedback = "\n".join([report.message.rstrip()] + extra)
    score = report.passed / report.total if report.total else 0.0
    return Verdict(report.all_passed, shown, feedback, score=score, details=details)


def check(instance: "ExerciseInstance") -> list[str]:
    from linalg_tutor.sandbox import check_answer

    spec: CodeAnswer = instance.answer  # type: ignore[assignment]
    return check_answer(_answer_data(spec))


def test_text(function: str, test: CodeTest) -> str:
    """One test as a learner reads it: ``matmul([[1, 2]], [[3], [4]]) → [[11]]``."""
    call = f"{function}({', '.join(repr(a) for a in test.args)})"
    return f"{call} → " + (f"raises {test.raises}" if test.raises else repr(test.expect))


def describe(instance: "ExerciseInstance") -> str:
    spec: CodeAnswer = instance.answer  # type: ignore[assignment]
    tests = "\n".join(f"  {test_text(spec.function, t)}" for t in spec.tests)
    hidden = f"\n  … and {len(spec.hidden_tests)} hidden tests (edge cases)" if spec.hidden_tests else ""
    return (f"Write `{spec.function}` in Python. Starting point:\n{spec.starter.rstrip()}\n\n"
            f"It should pass:\n{tests}{hidden}")


def data(instance: "ExerciseInstance") -> dict[str, Any]:
    spec: CodeAnswer = instance.answer  # type: ignore[assignment]
    return {"function": spec.function, "starter": spec.starter,
            "tests": [t.model_dump() for t in spec.tests], "hidden_tests": len(spec.hidden_tests)}


def reveal(instance: "ExerciseInstance") -> str:
    spec: CodeAnswer = instance.answer  # type: ignore[assignment]
    return "A solution:\n" + spec.solution.rstrip()


KIND = register(AnswerKind(
    name="code", spec=CodeAnswer, grade=grade, check=check, describe=describe, data=data, reveal=reveal,
    encoding="Python source code, in a file", from_file=True,
))
