"""Grading: read an answer safely, compare it, and say something useful.

Four entry points:

* :func:`grade_expression` — expected answer given as text (``linalg-tutor grade``).
* :func:`grade_value` — expected answer already computed (exercises), with known wrong
  answers that earn targeted feedback.
* :func:`judge` — the verdict on an answer already read (the answer kinds use it).
* :func:`preview` — the live "reads as: …" line under the answer box.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterable, Mapping, Sequence

from linalg_tutor.grading.errors import ParseError
from linalg_tutor.grading.limits import DEFAULT_LIMITS, Limits
from linalg_tutor.mathtext.tolerance import Tolerance, parse_tolerance
from linalg_tutor.grading.verdict import Verdict

if TYPE_CHECKING:  # pragma: no cover
    from linalg_tutor.grading.parser import Parsed
    from linalg_tutor.grading.reader import Expect

#: How close (relatively) a decimal must be for the "give the exact value" hint.
_CLOSE = 1e-3


def grade_expression(
    expected: str,
    answer: str,
    tol: "str | Tolerance | None" = None,
    *,
    names: Mapping[str, Any] | None = None,
    symbols: Iterable[str] | None = None,
    answer_names: Mapping[str, Any] | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> Verdict:
    """Grade ``answer`` against the expression ``expected``.

    Args:
        expected: The expected answer as text, read by the same safe parser with the author
            functions of :data:`~linalg_tutor.grading.functions.MATRIX_FUNCTIONS` and ``names``
            (e.g. ``"(A*B)[1,1]"`` with ``names={"A": …, "B": …}``).
        answer: What the learner typed.
        tol: A :class:`Tolerance` or its text (``"rel:0.001"``); None means exact.
        names: Values for identifiers in ``expected``.
        symbols: Variables allowed in both (``("x",)``). None: the single-letter variables
            that ``expected`` itself uses (``2*x*y + 3*y^2`` → x and y).
        answer_names: Values the *answer* may refer to. None by default, so a learner cannot
            answer "compute AB" by typing ``A*B``.
        limits: Resource limits for reading both.

    Raises:
        ValueError: if ``expected`` or ``tol`` cannot be read (an author error).
    """
    from linalg_tutor.grading.functions import MATRIX_FUNCTIONS
    from linalg_tutor.grading.parser import parse

    tolerance = parse_tolerance(tol)
    symbols = _variables_of(expected, names, limits) if symbols is None else tuple(symbols)
    try:
        parsed = parse(expected, names=names, symbols=symbols, functions=MATRIX_FUNCTIONS, limits=limits)
    except ParseError as exc:
        raise ValueError(f"The expected answer {expected!r} could not be read: {exc}") from None
    return _grade(parsed.value, answer, tolerance, (), answer_names, symbols, limits)


#: Letters that may stand for variables when none are named (e and i are constants).
_LETTERS = tuple(c for c in "abcdfghjklmnopqrstuvwxyz")


def _variables_of(expected: str, names: Mapping[str, Any] | None, limits: Limits) -> tuple[str, ...]:
    """The single-letter variables an expected expression uses (none if it cannot be read)."""
    from linalg_tutor.grading.functions import MATRIX_FUNCTIONS
    from linalg_tutor.grading.parser import parse

    letters = tuple(c for c in _LETTERS if not names or c not in names)
    try:
        value = parse(expected, names=names, symbols=letters, functions=MATRIX_FUNCTIONS, limits=limits).value
    except ParseError:
        return ()
    return tuple(sorted(str(s) for s in value.free_symbols))


def grade_value(
    expected_value: Any,
    answer_text: str,
    tol: "str | Tolerance | None" = None,
    *,
    wrong_answers: Sequence[tuple[Any, str]] = (),
    names: Mapping[str, Any] | None = None,
    symbols: Iterable[str] = (),
    limits: Limits = DEFAULT_LIMITS,
) -> Verdict:
    """Grade ``answer_text`` against an already computed exact value.

    Args:
        expected_value: SymPy scalar or matrix (or int, Fraction, nested list).
        answer_text: What the learner typed.
        tol: A :class:`Tolerance` or its text; None means exact.
        wrong_answers: ``(value, feedback)`` pairs for known mistakes, e.g.
            ``(Integer(23), "You took R1·C2 instead of R1·C1.")``. The first one the answer
            matches (under the same tolerance) supplies the feedback.
        names: Values the answer may refer to.
        symbols: Variables the answer may use.
        limits: Resource limits for reading the answer.
    """
    from linalg_tutor.grading.evaluate import coerce_value

    tolerance = parse_tolerance(tol)
    return _grade(coerce_value(expected_value, "expected"), answer_text, tolerance, wrong_answers, names, tuple(symbols), limits)


def preview(
    answer_text: str,
    expect: "Expect | None" = None,
    *,
    names: Mapping[str, Any] | None = None,
    symbols: Iterable[str] = (),
    functions: Mapping[str, Any] | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> str:
    """``reads as: 11/5 = 2.2`` or ``⚠ <reason>``; empty for blank input. Never raises.

    With ``expect`` the text is read as the answer box of that kind reads it (a calculation
    typed where a value is asked for is named, not worked out).
    """
    try:
        if not isinstance(answer_text, str) or not answer_text.strip():
            return ""
        from linalg_tutor.grading.reader import Expect, read

        if expect is None:
            expect = Expect(variables=tuple(symbols))
        parsed = read(answer_text, expect, names=names, functions=functions, limits=limits)
        return f"reads as: {parsed.interpreted_as}"
    except ParseError as exc:
        return f"⚠ {exc}"
    except Exception:  # noqa: BLE001 - the preview runs on every keystroke and must not crash
        return "⚠ This could not be read."


def _grade(
    expected: Any,
    answer_text: str,
    tolerance: Tolerance,
    wrong_answers: Sequence[tuple[Any, str]],
    names: Mapping[str, Any] | None,
    symbols: tuple[str, ...],
    limits: Limits,
) -> Verdict:
    from linalg_tutor.grading.reader import Expect, read

    try:
        parsed = read(answer_text, Expect(variables=symbols), names=names, limits=limits)
    except ParseError as exc:
        return Verdict(False, "", f"Could not read your answer: {exc}", error=str(exc))
    return judge(expected, parsed, tolerance, wrong_answers)


def judge(
    expected: Any,
    parsed: "Parsed",
    tolerance: Tolerance,
    wrong_answers: Sequence[tuple[Any, str]] = (),
) -> Verdict:
    """The verdict on an answer already read: right, a known slip, a flipped sign, a rounded
    value where the exact one was asked for, or which entries are wrong."""
    from linalg_tutor.grading.compare import compare

    try:
        result = compare(expected, parsed.value, tolerance)
    except ParseError as exc:  # an answer whose check would cost too much: refused, not judged wrong
        return Verdict(False, parsed.interpreted_as, str(exc), error=str(exc))
    if result.correct:
        if result.exact:
            feedback = "Correct!"
        else:
            feedback = f"Correct ({tolerance.describe()}). The exact value is {_exact_text(expected)}."
        return Verdict(True, parsed.interpreted_as, feedback)

    for value, message in wrong_answers:
        if compare(value, parsed.value, tolerance).correct:
            return Verdict(False, parsed.interpreted_as, message)

    feedback = result.feedback
    if result.shape_ok and _is_negation(expected, parsed.value, tolerance):
        # The most common slip in hand calculation: say so instead of a bare "not yet".
        feedback = ("Every entry has the opposite sign" if getattr(expected, "is_Matrix", False)
                    else "The size is right but the sign is wrong") + ": check each minus sign along the way."
    elif result.shape_ok and not result.wrong_entries and tolerance.mode == "exact" and parsed.typed_decimal:
        if _close(expected, parsed.value):
            feedback = (
                "Close, but this needs the exact value, not a rounded decimal: "
                "give a fraction or a root (like 3/7 or 5√2)."
            )
    return Verdict(False, parsed.interpreted_as, feedback, wrong_entries=result.wrong_entries)


def _is_negation(expected: Any, answer: Any, tolerance: Tolerance) -> bool:
    """Whether the answer is the expected value with its sign flipped (and that value is not 0)."""
    from linalg_tutor.grading.compare import compare

    try:
        if getattr(expected, "is_Matrix", False) and expected.is_zero_matrix or expected == 0:
            return False
        return compare(-expected, answer, tolerance).correct
    except Exception:  # noqa: BLE001 - only decides which feedback to give
        return False


def _close(expected: Any, answer: Any) -> bool:
    """Whether a wrong answer is within 0.1% of the expected value (entries of a matrix too)."""
    from fractions import Fraction

    from linalg_tutor.grading.compare import compare

    try:
        return compare(expected, answer, Tolerance("rel", Fraction(_CLOSE).limit_denominator())).correct
    except Exception:  # noqa: BLE001 - only decides whether to add a hint
        return False


def _exact_text(value: Any) -> str:
    from linalg_tutor.grading.display import matrix_text
    from linalg_tutor.mathtext.fmt import fmt_approx

    try:
        if getattr(value, "is_Matrix", False):
            return matrix_text(value)
        return fmt_approx(value)
    except Exception:  # noqa: BLE001 - feedback text only
        return "?"
