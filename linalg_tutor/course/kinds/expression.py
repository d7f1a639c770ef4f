"""``expression``: a formula in named variables (a gradient, a Jacobian, a characteristic polynomial).

``2x + 3y``, ``x²y + 3xy²`` and ``(x−1)²`` are read with implicit multiplication of
single-letter variables and Unicode superscripts. Two expressions are the same when they are
equal as exact values where that is cheap, and otherwise at several sample points with a
guarded evaluator (:mod:`linalg_tutor.grading.compare`); never by an unbounded ``simplify``.
Vectors and matrices of expressions are compared entry by entry.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Literal

from pydantic import Field, field_validator

from linalg_tutor.course.kinds import AnswerKind, register
from linalg_tutor.course.kinds._common import ComputedAnswer, check_computed, expected_of, shape_expect, wrong_values

if TYPE_CHECKING:  # pragma: no cover
    from linalg_tutor.course.instance import ExerciseInstance
    from linalg_tutor.grading.reader import Expect
    from linalg_tutor.grading.verdict import Verdict

_VARIABLE = re.compile(r"^[a-zA-Z][a-zA-Z0-9_]*$")
#: Names the parser already gives a meaning to.
_RESERVED = {"e", "i", "pi", "sqrt", "exp", "ln", "log", "sin", "cos", "tan", "abs"}


class ExpressionAnswer(ComputedAnswer):
    """``kind: expression`` — ``variables``, ``compute``, ``literal``, ``label``, ``wrong``."""

    kind: Literal["expression"]
    variables: list[str] = Field(min_length=1, max_length=6)

    @field_validator("variables")
    @classmethod
    def _names(cls, v: list[str]) -> list[str]:
        for name in v:
            if not _VARIABLE.match(name) or name in _RESERVED:
                raise ValueError(f"{name!r} cannot be a variable name (a letter, then letters or digits; "
                                 f"not one of {', '.join(sorted(_RESERVED))})")
        if len(set(v)) != len(v):
            raise ValueError("a variable is named twice")
        return v


def _symbols(instance: "ExerciseInstance") -> tuple[str, ...]:
    return tuple(instance.answer.variables)  # type: ignore[attr-defined]


def expect_for(instance: "ExerciseInstance") -> "Expect":
    from linalg_tutor.grading.reader import Expect

    expected = expected_of(instance, _symbols(instance))
    return Expect(shape_expect(expected), variables=_symbols(instance))  # type: ignore[arg-type]


def grade(instance: "ExerciseInstance", text: str) -> "Verdict":
    from linalg_tutor.grading.errors import ParseError
    from linalg_tutor.grading.grader import judge
    from linalg_tutor.grading.reader import read
    from linalg_tutor.mathtext.tolerance import Tolerance
    from linalg_tutor.grading.verdict import Verdict

    symbols = _symbols(instance)
    expected = expected_of(instance, symbols)
    try:
        parsed = read(text, expect_for(instance))
    except ParseError as exc:
        return Verdict.unreadable(str(exc))
    return judge(expected, parsed, Tolerance(), wrong_values(instance, symbols))


def _agrees(expected: Any, value: Any) -> bool:
    from linalg_tutor.grading.compare import compare

    return compare(expected, value).correct


def check(instance: "ExerciseInstance") -> list[str]:
    return check_computed(instance, _agrees, _symbols(instance))


def describe(instance: "ExerciseInstance") -> str:
    spec: ExpressionAnswer = instance.answer  # type: ignore[assignment]
    names = ", ".join(spec.variables)
    return (f"{spec.label} = ?   Type {expect_for(instance).describe()}: a formula using {names} "
            f"(2xy means 2·x·y; x² or x^2 for powers).")


def data(instance: "ExerciseInstance") -> dict[str, Any]:
    spec: ExpressionAnswer = instance.answer  # type: ignore[assignment]
    return {"label": spec.label, "variables": list(spec.variables), "expects": expect_for(instance).shape}


def preview(instance: "ExerciseInstance", text: str) -> str:
    from linalg_tutor.grading.grader import preview as read_back

    return read_back(text, expect_for(instance))


KIND = register(AnswerKind(
    name="expression", spec=ExpressionAnswer, grade=grade, check=check, describe=describe, data=data,
    preview=preview, encoding="a formula in the exercise's variables: 2xy + 3y^2, (x-1)^2, [2x, 3y^2]",
))
