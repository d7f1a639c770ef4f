"""Compare an answer with the expected value under a :class:`Tolerance`.

Scalars are compared exactly or numerically; vectors and matrices entry by entry, naming
wrong entries in 1-based math notation without giving away the expected values (unless
``reveal=True``). Expressions in variables are compared by evaluating both at a few fixed
sample points with a guarded evaluator (:mod:`linalg_tutor.mathtext.numeric`) — a standard
technique for answer checking that avoids unbounded symbolic simplification.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from linalg_tutor.grading.evaluate import coerce_value, is_matrix, shape_text
from linalg_tutor.mathtext.tolerance import Tolerance, parse_tolerance

#: Working precision (significant digits) for numeric checks.
_DIGITS = 60
#: Sample values for variables; varied signs and sizes, none where common functions blow up.
_SAMPLES = ("7/10", "13/10", "-3/5", "21/10", "-17/10", "9/20", "5/2", "-1/3")
#: Sample points that must agree before two expressions in variables are called equal.
_MIN_POINTS = 3


@dataclass(frozen=True)
class Comparison:
    """Outcome of :func:`compare`.

    Attributes:
        correct: Accepted under the tolerance.
        feedback: What is wrong (empty when correct).
        wrong_entries: Wrong entries of a vector (``"2"``) or matrix (``"(1,2)"``).
        exact: Every entry is exactly equal, not just within the tolerance.
        shape_ok: The answer has the expected shape (so per-entry feedback is meaningful).
    """

    correct: bool
    feedback: str = ""
    wrong_entries: tuple[str, ...] = ()
    exact: bool = False
    shape_ok: bool = True


def compare(expected: Any, answer: Any, tol: "Tolerance | str | None" = None, *, reveal: bool = False) -> Comparison:
    """Compare ``answer`` with ``expected`` (SymPy scalars or matrices).

    A row vector is accepted for a column vector of the same length and vice versa, and a
    1×1 matrix for a number: learners cannot be expected to guess the orientation.
    """
    tolerance = parse_tolerance(tol)
    expected = coerce_value(expected, "expected")
    answer = coerce_value(answer, "answer")
    answer = _unify_symbols(expected, answer)

    exp_pairs = _cells(expected)
    ans_pairs = _cells(answer)
    if _shape(expected) != _shape(answer):
        if not (_vector_like(expected) and _vector_like(answer) and len(exp_pairs) == len(ans_pairs)):
            return Comparison(
                False,
                f"Expected {shape_text(expected)}, but you gave {shape_text(answer)}.",
                shape_ok=False,
            )
        # Same length, different orientation: compare in order, name entries as a vector.
        ans_pairs = [(label, value) for (label, _), (_, value) in zip(exp_pairs, ans_pairs)]

    wrong: list[str] = []
    details: list[str] = []
    all_exact = True
    for (label, e), (_, a) in zip(exp_pairs, ans_pairs):
        same, exact = scalar_equal(e, a, tolerance)
        all_exact = all_exact and exact
        if not same:
            wrong.append(label)
            if reveal:
                details.append(f"entry {label} is {_text(a)}, expected {_text(e)}")
    if not wrong:
        return Comparison(True, "", (), exact=all_exact)
    if len(exp_pairs) == 1:
        feedback = "Not yet: that is not the value asked for." if not reveal else f"You gave {_text(ans_pairs[0][1])}; expected {_text(exp_pairs[0][1])}."
        return Comparison(False, feedback, ())
    if reveal:
        feedback = "; ".join(details).capitalize() + "."
    elif len(wrong) == len(exp_pairs):
        feedback = f"None of the {len(wrong)} entries are right."
    else:
        others = "the other entry is" if len(exp_pairs) - len(wrong) == 1 else "the other entries are"
        feedback = f"{_entries_phrase(wrong)} not right; {others} correct."
    return Comparison(False, feedback, tuple(wrong))


def scalar_equal(expected: Any, answer: Any, tol: Tolerance) -> tuple[bool, bool]:
    """``(accepted, exactly equal)`` for two SymPy scalars."""
    difference = answer - expected
    if difference == 0:
        return True, True
    if difference.free_symbols:
        same = _equal_at_points(expected, answer, tol)
        return same, same and tol.mode == "exact"
    if tol.mode == "exact":
        same = _exactly_zero(difference, expected, answer)
        return same, same
    return _within(expected, answer, difference, tol), False


# -- exact comparison of numbers --------------------------------------------------------------


def _exactly_zero(difference: Any, expected: Any, answer: Any) -> bool:
    """Whether ``difference`` (= answer − expected) is zero, decided numerically at a precision
    sized from the *terms* of both sides, not from the result: ``19 + (1+√2)¹⁰⁰⁰ − (3+2√2)⁵⁰⁰``
    is 19 only if enough digits survive the cancellation of its 10³⁸²-sized terms, and
    ``(1+√2)² − 3 − 2√2`` is an exact 0 written out. No unbounded ``simplify``/``equals``."""
    if difference.is_Rational:
        return difference == 0
    import mpmath

    top = _largest_term(expected, answer)
    if top is None:
        return False
    digits = _working_digits(top)
    d = _number(difference, digits)
    if d is None:
        return False
    # Worked to `digits` significant digits of the largest term, the difference is known to
    # about 10^(top − digits): zero means below that, with 15 digits to spare.
    return abs(d) <= mpmath.mpf(10) ** (top + 15 - digits)


#: The most digits one comparison may work with; cancellation deeper than this is refused.
_MAX_DIGITS = 2500


def _largest_term(*values: Any) -> float | None:
    """log10 of the largest term of the sums in ``values`` (each estimated to 15 digits), at least
    −300; None if some term cannot be evaluated."""
    import sympy

    from linalg_tutor.mathtext.guards import log10_abs

    top = -300.0
    for value in values:
        for term in sympy.Add.make_args(value):
            size = log10_abs(term)
            if size is None:
                return None
            if size != float("-inf"):
                top = max(top, size)
    return top


def _working_digits(top: float) -> int:
    """Digits enough to see ``_DIGITS`` significant digits below a term of size 10^top."""
    from linalg_tutor.grading.errors import MathError

    digits = _DIGITS + max(0, int(top) + 1)
    if digits > _MAX_DIGITS:
        raise MathError(f"This answer has terms near 10^{int(top)} that cancel each other: checking it would "
                        f"take more than {_MAX_DIGITS} digits. Write its value instead.", None)
    return digits


# -- tolerance comparison of numbers ---------------------------------------------------------


def _within(expected: Any, answer: Any, difference: Any, tol: Tolerance) -> bool:
    import mpmath

    top = _largest_term(expected, answer)
    d = _number(difference, _working_digits(top)) if top is not None else None
    if d is None:
        return False
    gap = abs(d)
    if tol.mode == "abs":
        return gap <= _mpf(tol.value)
    if tol.mode == "rel":
        size = _magnitude(expected)
        if size is None:
            return False
        bound = _mpf(tol.value) * size if size != 0 else _mpf(tol.value)
        return gap <= bound
    places = int(tol.value)  # type: ignore[arg-type]
    half_unit = mpmath.mpf(10) ** -places / 2
    if gap <= half_unit * (1 + mpmath.mpf(10) ** -9):
        return True
    return _equals_rounded(expected, answer, places)


def _equals_rounded(expected: Any, answer: Any, places: int) -> bool:
    """Whether ``answer`` is ``expected`` rounded (half away from zero) to ``places`` decimals."""
    import mpmath
    import sympy

    size = _magnitude(expected)
    if size is None:
        return False
    digits = places + 20 + max(0, int(mpmath.log10(size + 1)))
    value = _number(expected, digits)
    if value is None or value.imag != 0:
        return False
    with mpmath.workdps(digits):
        scaled = value.real * mpmath.mpf(10) ** places
        rounded = int(mpmath.floor(abs(scaled) + mpmath.mpf(1) / 2)) * (1 if scaled >= 0 else -1)
    return sympy.Rational(rounded, 10**places) == answer


# -- expressions in variables ------------------------------------------------------------------


def _equal_at_points(expected: Any, answer: Any, tol: Tolerance) -> bool:
    import mpmath
    import sympy

    from linalg_tutor.mathtext.numeric import evaluate_at

    variables = sorted(expected.free_symbols | answer.free_symbols, key=lambda s: s.name)
    samples = [sympy.Rational(s) for s in _SAMPLES]
    agreed = 0
    for k in range(len(samples)):
        point = {v: samples[(k + 3 * j) % len(samples)] for j, v in enumerate(variables)}
        e = evaluate_at(expected, point, _DIGITS)
        a = evaluate_at(answer, point, _DIGITS)
        if e is None or a is None:
            continue
        gap = abs(a - e)
        if tol.mode == "exact":
            ok = gap <= mpmath.mpf(10) ** -30 * max(1, abs(e))
        elif tol.mode == "abs":
            ok = gap <= _mpf(tol.value)
        elif tol.mode == "rel":
            ok = gap <= _mpf(tol.value) * (abs(e) if e != 0 else 1)
        else:
            ok = gap <= mpmath.mpf(10) ** -int(tol.value) / 2 * (1 + mpmath.mpf(10) ** -9)  # type: ignore[arg-type]
        if not ok:
            return False
        agreed += 1
    if agreed >= _MIN_POINTS:
        return True
    # Too few usable points (the expressions blow up or use unusual functions).
    if tol.mode == "exact":
        return sympy.simplify(answer - expected) == 0
    return False


# -- helpers -----------------------------------------------------------------------------------


def _number(value: Any, digits: int = _DIGITS) -> Any | None:
    """``value`` as an mpmath complex number, or None if it does not evaluate to a number."""
    import mpmath

    try:
        approx = value.evalf(digits, maxn=digits + 50)
        re, im = approx.as_real_imag()
        if not (re.is_Number and im.is_Number):
            return None
        prec = int(digits * 3.33) + 10
        return mpmath.mpc(re._to_mpmath(prec), im._to_mpmath(prec))
    except (TypeError, ValueError, AttributeError, ArithmeticError):
        return None


def _magnitude(value: Any) -> Any | None:
    d = _number(value)
    return None if d is None else abs(d)


def _mpf(value: Any) -> Any:
    import mpmath

    return mpmath.mpf(value.numerator) / value.denominator


def _unify_symbols(expected: Any, answer: Any) -> Any:
    """Make the answer's variables the expected value's (matched by name), so ``x`` typed by the
    learner equals an author's ``Symbol('x', real=True)``."""
    theirs = {s.name: s for s in _free_symbols(expected)}
    mine = _free_symbols(answer)
    mapping = {s: theirs[s.name] for s in mine if s.name in theirs and theirs[s.name] != s}
    if not mapping:
        return answer
    return answer.xreplace(mapping)


def _free_symbols(value: Any) -> set[Any]:
    return set(value.free_symbols)


def _shape(value: Any) -> tuple[int, int] | None:
    if not is_matrix(value):
        return (1, 1)
    return tuple(value.shape)  # type: ignore[return-value]


def _vector_like(value: Any) -> bool:
    return not is_matrix(value) or 1 in value.shape


def _cells(value: Any) -> list[tuple[str, Any]]:
    """``(label, entry)`` pairs in reading order; labels are 1-based math notation."""
    if not is_matrix(value):
        return [("", value)]
    rows, cols = value.shape
    if cols == 1 or rows == 1:
        return [(str(k + 1), entry) for k, entry in enumerate(value)]
    return [(f"({i + 1},{j + 1})", value[i, j]) for i in range(rows) for j in range(cols)]


def _entries_phrase(labels: list[str]) -> str:
    if len(labels) == 1:
        return f"Entry {labels[0]} is"
    listed = ", ".join(labels[:-1]) + f" and {labels[-1]}"
    return f"Entries {listed} are"


def _text(value: Any) -> str:
    from linalg_tutor.mathtext.fmt import fmt_approx

    try:
        return fmt_approx(value)
    except Exception:  # noqa: BLE001 - feedback text only
        return "?"
