"""Cheap size estimates used to refuse expensive values before they are built.

Everything here works from logarithms, bit lengths and capped tree walks, so the estimate of
a huge value costs microseconds even when the value itself would take forever.
"""

from __future__ import annotations

import math
from typing import Any

#: log10(2), to turn bit lengths into digit counts.
_LOG10_2 = math.log10(2)


def int_digits(n: int) -> float:
    """Approximate number of decimal digits of ``n`` (from its bit length; no str())."""
    return abs(n).bit_length() * _LOG10_2


def rational_digits(value: Any) -> float:
    """Digits of the larger of numerator and denominator of a SymPy Rational."""
    return max(int_digits(value.p), int_digits(value.q))


def log10_abs(value: Any) -> float | None:
    """log10 |value| for a SymPy number (``-inf`` for zero), or None if it cannot be estimated.

    Rationals are measured exactly from their integers; anything else is evaluated to 15 digits,
    which is safe because every value reaching here was itself built under the size guards.
    """
    if value.is_Rational:
        if value == 0:
            return float("-inf")
        return math.log10(abs(value.p)) - math.log10(value.q)
    if value.free_symbols:
        return None
    try:
        import mpmath

        approx = value.evalf(15)
        re, im = approx.as_real_imag()
        if not (re.is_Number and im.is_Number):
            return None
        mag = mpmath.hypot(mpmath.mpf(re._to_mpmath(60)), mpmath.mpf(im._to_mpmath(60)))
        if mag == 0:
            return float("-inf")
        if not mpmath.isfinite(mag):
            return float("inf")
        return float(mpmath.log10(mag))
    except (TypeError, ValueError, AttributeError, ArithmeticError):
        return None


def count_nodes(value: Any, cap: int) -> int:
    """Nodes in the expression tree of ``value`` (summed over matrix entries), counting stops
    just past ``cap`` so a gigantic tree costs no more than a small one."""
    from sympy import preorder_traversal

    entries = list(value) if getattr(value, "is_Matrix", False) else [value]
    total = 0
    for entry in entries:
        for _ in preorder_traversal(entry):
            total += 1
            if total > cap:
                return total
    return total


def tower_height(value: Any) -> int:
    """How many exponentials with a *variable* exponent are stacked in ``value``.

    ``x^2`` is 0, ``2^x`` and ``exp(x)`` are 1, ``x^x^x`` is 2. Variable towers cannot be
    bounded numerically, so the parser limits their height instead.
    """
    from sympy import exp as sym_exp

    entries = list(value) if getattr(value, "is_Matrix", False) else [value]
    memo: dict[Any, int] = {}

    def height(expr: Any) -> int:
        if not expr.args:
            return 0
        if expr in memo:
            return memo[expr]
        h = max(height(a) for a in expr.args)
        if (expr.is_Pow and expr.exp.free_symbols) or (isinstance(expr, sym_exp) and expr.args[0].free_symbols):
            h += 1
        memo[expr] = h
        return h

    return max((height(e) for e in entries), default=0)


def is_undefined(value: Any) -> bool:
    """True when a scalar or any matrix entry is ∞, complex ∞ or NaN."""
    from sympy import S

    bad = (S.ComplexInfinity, S.NaN, S.Infinity, S.NegativeInfinity)
    entries = list(value) if getattr(value, "is_Matrix", False) else [value]
    return any(e in bad or e.has(*bad) for e in entries)
