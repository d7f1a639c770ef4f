"""``code``: a Build exercise — write a Python function that passes the exercise's tests.

The learner's code runs only in the sandboxed child process (``linalg_tutor.sandbox``); until
that is available on this install, answers are refused with that reason (nothing recorded),
never graded by pretending.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from linalg_tutor.course.kinds import AnswerKind, register
from linalg_tutor.course.kinds._common import KindSpec

if TYPE_CHECKING:  # pragma: no cover
    from linalg_tutor.course.instance import ExerciseInstance
    from linalg_tutor.grading.verdict import Verdict


class CodeTest(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    args: list[Any]
    expect: Any


class CodeAnswer(KindSpec):
    """``kind: code`` — ``function``, ``starter``, ``solution``, ``tests`` (args → expect)."""

    kind: Literal["code"]
    language: Literal["python"] = "python"
    function: str = Field(pattern=r"^[A-Za-z_][A-Za-z0-9_]*$")
    starter: str = ""
    solution: str
    tests: list[CodeTest] = Field(min_length=1)

    fits = ("build", "debug", "design")


NOT_YET = ("Running your code needs the sandbox, which this version does not have yet; "
           "compare your code with the solution (ctrl+r in the tutor).")


def grade(instance: "ExerciseInstance", text: str) -> "Verdict":
    from linalg_tutor.grading.verdict import Verdict

    return Verdict.unreadable("code answers cannot be run in this version", NOT_YET)


def check(instance: "ExerciseInstance") -> list[str]:
    return []


def describe(instance: "ExerciseInstance") -> str:
    spec: CodeAnswer = instance.answer  # type: ignore[assignment]
    tests = "\n".join(f"  {spec.function}(*{t.args!r}) → {t.expect!r}" for t in spec.tests)
    return (f"Write `{spec.function}` in Python. Starting point:\n{spec.starter.rstrip()}\n\n"
            f"It should pass:\n{tests}")


def data(instance: "ExerciseInstance") -> dict[str, Any]:
    spec: CodeAnswer = instance.answer  # type: ignore[assignment]
    return {"function": spec.function, "starter": spec.starter,
            "tests": [{"args": t.args, "expect": t.expect} for t in spec.tests]}


def reveal(instance: "ExerciseInstance") -> str:
    spec: CodeAnswer = instance.answer  # type: ignore[assignment]
    return "A solution:\n" + spec.solution.rstrip()


KIND = register(AnswerKind(
    name="code", spec=CodeAnswer, grade=grade, check=check, describe=describe, data=data, reveal=reveal,
    encoding="Python source code (check ID --file my_code.py)",
))
