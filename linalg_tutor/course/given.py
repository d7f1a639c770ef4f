"""An exercise's given data as exact values, the author's expressions over it, and templates.

Authors write ``compute: "(A*B)[1,1]"`` and ``{{A[1,1]*A[2,2]}}`` in text; both are read by the
same safe parser learners' answers go through (with the author functions of
:data:`~linalg_tutor.grading.functions.MATRIX_FUNCTIONS`), never by ``eval``.
"""

from __future__ import annotations

import re
from typing import Any, Mapping

#: ``{{ expression }}`` in an exercise's text, filled from the instance's data.
_TEMPLATE = re.compile(r"\{\{(.+?)\}\}")


class ContentError(ValueError):
    """The exercise's own data is broken (an author error, reported with its file:line)."""


def given_values(given: Mapping[str, Any]) -> dict[str, Any]:
    """Given data as written in YAML → exact SymPy values (vectors are column matrices)."""
    import sympy

    out: dict[str, Any] = {}
    for name, raw in given.items():
        value = to_sympy(raw, name, out)
        # Immutable once, here: every expression read over the data would otherwise copy it.
        out[name] = sympy.ImmutableMatrix(value) if getattr(value, "is_Matrix", False) else value
    return out


def to_sympy(raw: Any, name: str, names: Mapping[str, Any]) -> Any:
    """One YAML value (number, "1/3", "sqrt(2)", list, list of lists) as an exact SymPy value."""
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
        try:
            return parse(raw, names=names).value
        except ParseError as exc:
            raise ContentError(f"given `{name}`: cannot read {raw!r}: {exc}") from None
    return scalar(raw)


def evaluate(text: str, names: Mapping[str, Any], where: str, symbols: tuple[str, ...] = ()) -> Any:
    """An author's expression (``compute:``) over the given names, exactly."""
    from linalg_tutor.grading.errors import ParseError
    from linalg_tutor.grading.functions import MATRIX_FUNCTIONS
    from linalg_tutor.grading.parser import parse

    try:
        value = parse(text, names=names, symbols=symbols, functions=MATRIX_FUNCTIONS).value
    except ParseError as exc:
        raise ContentError(f"{where} {text!r}: {exc}") from None
    if getattr(value, "is_Matrix", False) and value.shape == (1, 1):
        return value[0]  # uᵀv is a number to a learner, not a 1×1 matrix
    return value


def fill(text: str, names: Mapping[str, Any], where: str = "text") -> str:
    """``text`` with every ``{{expression}}`` replaced by its value, written as a learner reads it.

    ``{{(expression)}}`` puts brackets around the value when it is negative, for products.
    """
    if "{{" not in text:
        return text

    def one(m: re.Match[str]) -> str:
        inner = m.group(1).strip()
        text = value_text(evaluate(inner, names, f"{where}: template"))
        # {{(expr)}} asks for brackets around a negative value: "1·(−5)", not "1·−5".
        if inner.startswith("(") and inner.endswith(")") and text.startswith("−"):
            return f"({text})"
        return text

    return _TEMPLATE.sub(one, text)


def value_text(value: Any) -> str:
    """A value on one line: ``−3``, ``5√2``, ``[1, 2]``, ``[[1, 2], [3, 4]]``."""
    from linalg_tutor.mathtext.fmt import fmt

    if getattr(value, "is_Matrix", False):
        if value.cols == 1:
            return "[" + ", ".join(fmt(x) for x in value) + "]"
        return "[" + ", ".join("[" + ", ".join(fmt(x) for x in value.row(i)) + "]" for i in range(value.rows)) + "]"
    return fmt(value)


def to_plain(value: Any) -> Any:
    """An exact value as YAML-like data (ints, "p/q" strings, lists): how given data is shown."""
    if getattr(value, "is_Matrix", False):
        rows = [[to_plain(x) for x in value.row(i)] for i in range(value.rows)]
        return [r[0] for r in rows] if value.cols == 1 else rows
    if getattr(value, "is_Integer", False):
        return int(value)
    from linalg_tutor.mathtext.fmt import fmt

    return fmt(value)
