"""Does a returned value match the expected one? Numbers within a tolerance, lists item by item.

Runs in the tutor's process, on JSON data the child sent back, so the learner's code never
decides its own verdict.
"""

from __future__ import annotations

import math
from typing import Any

from linalg_tutor.mathtext.tolerance import Tolerance, parse_tolerance

#: The tolerance of a Build exercise that does not name one.
CODE_DEFAULT_TOLERANCE = "abs:1e-9"


def close(got: float, expected: float, tol: Tolerance) -> bool:
    if math.isnan(expected) or math.isnan(got):
        return math.isnan(expected) and math.isnan(got)
    if tol.mode == "exact":
        return got == expected
    diff = abs(got - expected)
    if tol.mode == "dp":
        return diff <= 0.5 * 10.0 ** -int(tol.value)  # type: ignore[arg-type]
    bound = float(tol.value)  # type: ignore[arg-type]
    if tol.mode == "rel" and expected != 0:
        bound *= abs(expected)
    return diff <= bound * (1 + 1e-12)


def _number(x: Any) -> bool:
    return isinstance(x, (int, float)) and not isinstance(x, bool)


def as_complex(x: Any) -> complex | None:
    """A complex number from a Python complex or an exercise's text such as ``"1-2j"``."""
    if isinstance(x, complex):
        return x
    if isinstance(x, str) and "j" in x and len(x) < 100:
        try:
            return complex(x.replace(" ", ""))  # complex() reads a literal; it evaluates nothing
        except ValueError:
            return None
    return None


def decode(value: Any) -> Any:
    """JSON from the child back to Python values: ``{"__complex__": [re, im]}`` → complex."""
    if isinstance(value, list):
        return [decode(v) for v in value]
    if isinstance(value, dict):
        if set(value) == {"__complex__"}:
            re, im = value["__complex__"]
            return complex(re, im)
        return {k: decode(v) for k, v in value.items()}
    return value


def mismatch(got: Any, expected: Any, tol: "Tolerance | str | None" = None, where: str = "") -> str | None:
    """None when ``got`` matches ``expected``, else a short reason (``at [1][0]: 42 ≠ 43``)."""
    tol = parse_tolerance(tol if tol is not None else CODE_DEFAULT_TOLERANCE)
    at = f" at {where}" if where else ""
    if isinstance(expected, list):
        if isinstance(got, dict) and "__repr__" in got:
            return f"expected a list, got a {got.get('__type__', 'value')}"
        if not isinstance(got, list):
            return f"expected a list{at}, got {type(got).__name__ if got is not None else 'None'}"
        if len(got) != len(expected):
            return f"expected {len(expected)} items{at}, got {len(got)}"
        for i, (g, e) in enumerate(zip(got, expected)):
            reason = mismatch(g, e, tol, f"{where}[{i}]")
            if reason:
                return reason
        return None
    wanted = as_complex(expected)
    if wanted is not None:
        if isinstance(got, complex) or _number(got):
            value = complex(got)
            if value == wanted or (close(value.real, wanted.real, tol) and close(value.imag, wanted.imag, tol)):
                return None
            return f"{_text(got)} ≠ {_text(wanted)}{at}"
        shown = got.get("__type__", "value") if isinstance(got, dict) else type(got).__name__
        return f"expected a complex number{at}, got {'None' if got is None else shown}"
    if _number(expected):
        if isinstance(got, complex):
            return f"expected a real number{at}, got the complex {_text(got)}"
        if not _number(got):
            shown = got.get("__type__", "value") if isinstance(got, dict) else type(got).__name__
            return f"expected a number{at}, got {'None' if got is None else shown}"
        if got == expected:
            return None
        try:
            ok = close(float(got), float(expected), tol)
        except OverflowError:
            ok = False
        if not ok:
            return f"{got!r} ≠ {expected!r}{at}"
        return None
    if got != expected:
        return f"expected {expected!r}{at}, got {got!r}"
    return None


def _text(x: Any) -> str:
    return repr(x).strip("()") if isinstance(x, complex) else repr(x)


def exception_matches(mro: list[str], expected: str) -> bool:
    """A raised exception counts when it is the expected class or a subclass of it."""
    return expected in mro
