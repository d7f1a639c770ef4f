"""``direction``: a vector that is right up to a non-zero scale (an eigenvector, a direction).

``[2, 4]`` is as good as ``[1, 2]`` and ``[−1, −2]``; the zero vector is never right, since
it has no direction. Sameness is decided exactly: every 2×2 minor of [expected | answer]
vanishes, i.e. the two vectors are parallel.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

from linalg_tutor.course.kinds import AnswerKind, register
from linalg_tutor.course.kinds._common import ComputedAnswer, check_computed, expected_of, wrong_values

if TYPE_CHECKING:  # pragma: no cover
    from linalg_tutor.course.instance import ExerciseInstance
    from linalg_tutor.grading.verdict import Verdict


class DirectionAnswer(ComputedAnswer):
    """``kind: direction`` — ``compute`` (a non-zero vector), ``literal``, ``label``, ``wrong``."""

    kind: Literal["direction"]


def parallel(expected: Any, answer: Any) -> bool:
    """Whether two vectors (n×1 or 1×n) are non-zero multiples of each other: neither is zero
    and every 2×2 minor eᵢaⱼ − eⱼaᵢ vanishes (the matrix [e | a] has rank 1)."""
    from linalg_tutor.grading.compare import scalar_equal
    from linalg_tutor.mathtext.tolerance import Tolerance

    e, a = list(expected), list(answer)
    if len(e) != len(a) or is_zero(e) or is_zero(a):
        return False
    exact = Tolerance()
    return all(scalar_equal(e[i] * a[j], e[j] * a[i], exact)[0]
               for i in range(len(e)) for j in range(i + 1, len(e)))


def is_zero(entries: list[Any]) -> bool:
    from linalg_tutor.grading.compare import scalar_equal
    from linalg_tutor.mathtext.tolerance import Tolerance

    import sympy

    return all(scalar_equal(sympy.Integer(0), x, Tolerance())[0] for x in entries)


def grade(instance: "ExerciseInstance", text: str) -> "Verdict":
    from linalg_tutor.grading.errors import ParseError
    from linalg_tutor.grading.reader import Expect, read
    from linalg_tutor.grading.verdict import Verdict

    expected = expected_of(instance)
    try:
        parsed = read(text, Expect("vector", written_value=True))
    except ParseError as exc:
        return Verdict.unreadable(str(exc))
    answer = list(parsed.value)
    if len(answer) != len(list(expected)):
        return Verdict(False, parsed.interpreted_as,
                       f"The answer has {len(list(expected))} entries; you gave {len(answer)}.")
    if is_zero(answer):
        return Verdict(False, parsed.interpreted_as,
                       "The zero vector has no direction, so it is never an eigenvector or a direction: "
                       "look for a non-zero solution.")
    if parallel(expected, parsed.value):
        return Verdict(True, parsed.interpreted_as,
                       "Correct! Any non-zero multiple of this vector points the same way (or exactly opposite).")
    for value, feedback in wrong_values(instance):
        if parallel(value, parsed.value):
            return Verdict(False, parsed.interpreted_as, feedback)
    return Verdict(False, parsed.interpreted_as,
                   "This vector does not point along the right line: its entries are not in the right "
                   "ratio. Check it: A·v should be a multiple of v.")


def check(instance: "ExerciseInstance") -> list[str]:
    problems = check_computed(instance, parallel)
    if problems:
        return problems
    expected = expected_of(instance)
    if not getattr(expected, "is_Matrix", False) or 1 not in expected.shape:
        return ["a direction answer must compute a vector"]
    if is_zero(list(expected)):
        return ["a direction answer cannot be the zero vector"]
    return []


def describe(instance: "ExerciseInstance") -> str:
    spec: DirectionAnswer = instance.answer  # type: ignore[assignment]
    n = len(list(expected_of(instance)))
    return (f"{spec.label} = ?   Type a vector of {n} entries, such as [1, 2]; "
            "any non-zero multiple of the right one is right.")


def data(instance: "ExerciseInstance") -> dict[str, Any]:
    spec: DirectionAnswer = instance.answer  # type: ignore[assignment]
    return {"label": spec.label, "expects": "vector", "up_to_scale": True, "length": len(list(expected_of(instance)))}


def preview(instance: "ExerciseInstance", text: str) -> str:
    from linalg_tutor.grading.grader import preview as read_back
    from linalg_tutor.grading.reader import Expect

    return read_back(text, Expect("vector", written_value=True))


KIND = register(AnswerKind(
    name="direction", spec=DirectionAnswer, grade=grade, check=check, describe=describe, data=data,
    preview=preview, encoding="a vector, right up to a non-zero scale: [1, 2] (or [2, 4], [-1, -2])",
))
