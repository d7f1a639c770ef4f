"""Grading an exercise from the course: its given data, its expected answer, its checks.

The expected answer of a value exercise is *computed* from the exercise's given data
(``compute: "det(A)"``) with the same safe parser learners use, so a typo in a stated answer
cannot mislead a learner: ``literal`` is only cross-checked against the computation, by
:func:`check_exercise` (run by ``linalg-tutor validate`` and the test suite).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from linalg_tutor.grading.verdict import Verdict

if TYPE_CHECKING:  # pragma: no cover
    from linalg_tutor.content.models import ChoiceAnswer, Exercise, ValueAnswer
    from linalg_tutor.steps.derivation import Derivation


class ContentError(ValueError):
    """The exercise's own data is broken (an author error, reported with its file:line)."""


@dataclass(frozen=True)
class ChoiceVerdict:
    """Result of picking an option of a choice question (same shape as :class:`Verdict`)."""

    correct: bool
    interpreted_as: str
    feedback: str
    error: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"correct": self.correct, "interpreted_as": self.interpreted_as,
                "feedback": self.feedback, "error": self.error}


def given_values(exercise: "Exercise") -> dict[str, Any]:
    """The exercise's given data as exact SymPy values (vectors are column matrices)."""
    out: dict[str, Any] = {}
    for name, raw in exercise.given.items():
        out[name] = _to_sympy(raw, name, out)
    return out


def _to_sympy(raw: Any, name: str, names: dict[str, Any]) -> Any:
    import sympy

    from linalg_tutor.grading.errors import ParseError
    from linalg_tutor.grading.parser import parse

    def scalar(x: Any) -> Any:
        if isinstance(x, bool):
            raise ContentError(f"given `{name}`: {x!r} is not a number")
        if isinstance(x, int):
            return sympy.Integer(x)
        text = repr(x) if isinstance(x, float) else str(x)
        try:
            parsed = parse(text, names=names)
        except ParseError as exc:
            raise ContentError(f"given `{name}`: cannot read {text!r}: {exc}") from None
        if parsed.kind != "scalar":
            raise ContentError(f"given `{name}`: entries must be numbers, got {text!r}")
        return parsed.value

    if isinstance(raw, list):
        if raw and all(isinstance(r, list) for r in raw):
            widths = {len(r) for r in raw}
            if len(widths) != 1:
                raise ContentError(f"given `{name}`: rows have different lengths {sorted(widths)}")
            return sympy.Matrix([[scalar(x) for x in row] for row in raw])
        if any(isinstance(r, list) for r in raw):
            raise ContentError(f"given `{name}`: mixes numbers and rows")
        if not raw:
            raise ContentError(f"given `{name}`: an empty list")
        return sympy.Matrix([scalar(x) for x in raw])
    if isinstance(raw, str):
        # A string may be a whole vector/matrix literal such as "[[1,2],[3,4]]".
        from linalg_tutor.grading.parser import parse as _parse

        try:
            return _parse(raw, names=names).value
        except ParseError as exc:
            raise ContentError(f"given `{name}`: cannot read {raw!r}: {exc}") from None
    return scalar(raw)


def expected_value(exercise: "Exercise", names: dict[str, Any] | None = None) -> Any:
    """The exact expected answer: ``compute`` evaluated on the given data, else ``literal``."""
    from linalg_tutor.grading.errors import ParseError
    from linalg_tutor.grading.functions import MATRIX_FUNCTIONS
    from linalg_tutor.grading.parser import parse

    spec: ValueAnswer = exercise.answer  # type: ignore[assignment]
    names = given_values(exercise) if names is None else names
    if spec.compute is not None:
        try:
            return parse(spec.compute, names=names, functions=MATRIX_FUNCTIONS).value
        except ParseError as exc:
            raise ContentError(f"answer.compute {spec.compute!r}: {exc}") from None
    return _to_sympy(spec.literal, "answer.literal", names)


def wrong_values(exercise: "Exercise", names: dict[str, Any]) -> list[tuple[Any, str]]:
    """Known wrong answers as ``(value, feedback)``, computed like the right one."""
    from linalg_tutor.grading.errors import ParseError
    from linalg_tutor.grading.functions import MATRIX_FUNCTIONS
    from linalg_tutor.grading.parser import parse

    spec: ValueAnswer = exercise.answer  # type: ignore[assignment]
    out = []
    for w in spec.wrong:
        if w.compute is not None:
            try:
                value = parse(w.compute, names=names, functions=MATRIX_FUNCTIONS).value
            except ParseError as exc:
                raise ContentError(f"answer.wrong compute {w.compute!r}: {exc}") from None
        else:
            value = _to_sympy(w.value, "answer.wrong.value", names)
        out.append((value, w.feedback))
    return out


def grade_exercise(exercise: "Exercise", answer: str) -> Verdict | ChoiceVerdict:
    """Grade the learner's text for ``exercise``. Never raises on learner input."""
    spec = exercise.answer
    if spec.kind == "choice":
        return grade_choice(spec, answer)
    if spec.kind == "code":
        return Verdict(False, "", "Code exercises are checked by running your code; that arrives in a later version. "
                       "Reveal the solution to compare with yours.", error="code exercises cannot be graded yet")
    from linalg_tutor.grading.grader import grade_value

    names = given_values(exercise)
    return grade_value(expected_value(exercise, names), answer, spec.tolerance,
                       wrong_answers=wrong_values(exercise, names))


def grade_choice(spec: "ChoiceAnswer", answer: str) -> ChoiceVerdict:
    """A choice is given by its number (``2``), its letter (``b``) or its exact text."""
    text = answer.strip()
    n = len(spec.choices)
    pick: int | None = None
    if text.isdigit() and 1 <= int(text) <= n:
        pick = int(text)
    elif len(text) == 1 and text.isalpha() and 0 <= ord(text.lower()) - ord("a") < n:
        pick = ord(text.lower()) - ord("a") + 1
    else:
        for i, choice in enumerate(spec.choices, 1):
            if choice.strip().lower() == text.lower():
                pick = i
    if pick is None:
        return ChoiceVerdict(False, "", f"Pick one of the choices by its number 1–{n}.",
                             error=f"{text!r} is not one of the choices 1–{n}")
    shown = f"choice {pick}: {spec.choices[pick - 1]}"
    if pick == spec.correct:
        return ChoiceVerdict(True, shown, "Correct.")
    return ChoiceVerdict(False, shown, spec.feedback.get(pick, "Not this one. Read the hint and try again."))


def engine_derivation(exercise: "Exercise") -> "Derivation | None":
    """The step engine's derivation on the exercise's data, when the exercise names one."""
    call = exercise.derivation.engine
    if call is None:
        return None
    from linalg_tutor.steps import registry

    names = given_values(exercise)
    missing = [a for a in call.args if a not in names]
    if missing:
        raise ContentError(f"derivation.engine uses {', '.join(missing)}, which is not in `given`")
    op = registry.get(call.op)
    return op.func(*[names[a] for a in call.args])


def check_exercise(exercise: "Exercise") -> list[str]:
    """Every mathematical problem with one exercise's data, as messages (empty when sound)."""
    problems: list[str] = []
    try:
        names = given_values(exercise)
    except ContentError as exc:
        return [str(exc)]
    spec = exercise.answer
    if spec.kind == "value":
        try:
            expected = expected_value(exercise, names)
        except ContentError as exc:
            return [str(exc)]
        problems.extend(_check_literal(exercise, expected, names))
        try:
            for value, feedback in wrong_values(exercise, names):
                if _agrees(expected, value, spec.tolerance):
                    problems.append(f"known wrong answer {value} equals the right answer (feedback: {feedback[:40]!r}…)")
        except ContentError as exc:
            problems.append(str(exc))
    if exercise.derivation.engine is not None:
        try:
            engine_derivation(exercise)
        except KeyError as exc:
            problems.append(f"derivation.engine: {exc.args[0]}")
        except ContentError as exc:
            problems.append(str(exc))
        except Exception as exc:  # an engine failure on author data is a content problem to report
            problems.append(f"derivation.engine {exercise.derivation.engine.op}: {exc}")
    return problems


def _check_literal(exercise: "Exercise", expected: Any, names: dict[str, Any]) -> list[str]:
    spec: ValueAnswer = exercise.answer  # type: ignore[assignment]
    if spec.compute is None or spec.literal is None:
        return []
    try:
        literal = _to_sympy(spec.literal, "answer.literal", names)
    except ContentError as exc:
        return [str(exc)]
    if not _agrees(expected, literal, spec.tolerance):
        from linalg_tutor.steps.fmt import fmt

        return [f"answer.literal is {fmt(literal)} but compute {spec.compute!r} gives {fmt(expected)}"]
    return []


def _agrees(expected: Any, value: Any, tolerance: str) -> bool:
    from linalg_tutor.grading.compare import compare
    from linalg_tutor.grading.tolerance import parse_tolerance

    result = compare(expected, value, parse_tolerance(tolerance))
    return bool(getattr(result, "correct", result[0] if isinstance(result, tuple) else result))
