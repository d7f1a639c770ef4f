"""Guarded numeric evaluation of SymPy expressions at sample points.

Comparing two expressions in ``x`` is done by evaluating both at a few points. SymPy's own
``evalf`` would happily try to compute ``exp(exp(exp(x^1000)))`` at ``x = 2`` and never finish,
so this module walks the expression itself with mpmath and gives up (returns None) as soon as
an intermediate value would be astronomically large.
"""

from __future__ import annotations

from typing import Any, Mapping

#: Largest natural log of an intermediate magnitude (about 10^43000) before giving up.
_MAX_LN_MAGNITUDE = 1e5
#: Largest argument of sin/cos/tan (range reduction needs that many digits of π).
_MAX_TRIG_ARGUMENT = 1e50


class _TooBig(Exception):
    """Raised inside the walk to abandon a point."""


def evaluate_at(expr: Any, point: Mapping[Any, Any], digits: int = 40) -> Any | None:
    """``expr`` with symbols replaced by ``point`` values, as an ``mpmath.mpc``; None if the value
    is undefined, astronomically large, or uses something this walker does not know."""
    import mpmath

    with mpmath.workdps(digits):
        try:
            value = _walk(expr, point, mpmath)
        except (_TooBig, ZeroDivisionError, ValueError, TypeError, OverflowError, AttributeError):
            return None
        if not (mpmath.isfinite(value.real) and mpmath.isfinite(value.imag)):
            return None
        return value


def _walk(expr: Any, point: Mapping[Any, Any], mp: Any) -> Any:
    import sympy

    if expr.is_Symbol:
        if expr not in point:
            raise _TooBig  # unknown variable: cannot evaluate
        return mp.mpc(_walk(point[expr], point, mp))
    if expr.is_Rational:
        return mp.mpc(mp.mpf(int(expr.p)) / int(expr.q))
    if expr.is_Float:
        return mp.mpc(mp.mpf(expr._mpf_))
    if expr is sympy.pi:
        return mp.mpc(mp.pi)
    if expr is sympy.E:
        return mp.mpc(mp.e)
    if expr is sympy.I:
        return mp.mpc(0, 1)
    args = [_walk(a, point, mp) for a in expr.args]
    if expr.is_Add:
        return mp.fsum(args)
    if expr.is_Mul:
        result = mp.mpc(1)
        for a in args:
            result *= a
        _check(result, mp)
        return result
    if expr.is_Pow:
        base, exponent = args
        if base == 0:
            if exponent.real <= 0:
                raise ZeroDivisionError
            return mp.mpc(0)
        if abs(exponent) * abs(mp.log(base)) > _MAX_LN_MAGNITUDE:
            raise _TooBig
        return mp.power(base, exponent)
    if isinstance(expr, sympy.exp):
        if abs(args[0].real) > _MAX_LN_MAGNITUDE:
            raise _TooBig
        return mp.exp(args[0])
    if isinstance(expr, sympy.log):
        if args[0] == 0:
            raise ZeroDivisionError
        return mp.log(args[0])
    if isinstance(expr, (sympy.sin, sympy.cos, sympy.tan)):
        if abs(args[0]) > _MAX_TRIG_ARGUMENT:
            raise _TooBig
        return {"sin": mp.sin, "cos": mp.cos, "tan": mp.tan}[type(expr).__name__](args[0])
    if isinstance(expr, sympy.Abs):
        return mp.mpc(abs(args[0]))
    raise _TooBig  # an operation this walker does not know


def _check(value: Any, mp: Any) -> None:
    if value != 0 and abs(mp.log(abs(value))) > _MAX_LN_MAGNITUDE:
        raise _TooBig
