"""How a parsed answer is shown back to the learner (``Parsed.interpreted_as``).

The line puts the learner's input, with its grouping made explicit, next to the exact value
and a decimal: ``11/5 = 2.2``, ``5√2 ≈ 7.0711``, ``2^(3^2) = 512``, ``vector [1, 2]``.
Decimals the learner typed stay decimals (``0.1 + 0.2 = 0.3``, not ``3/10``).

Every function here must not raise for a value the parser accepted: the preview calls it on
each keystroke.
"""

from __future__ import annotations

import re
from typing import Any

from linalg_tutor.mathtext.fmt import approx, fmt, format_float, sup

#: Integers and fractions with more digits than this are shown as ≈ a×10ⁿ, not in full.
_MAX_SHOWN_DIGITS = 40
#: Longest decimal expansion of a terminating fraction that is written out.
_MAX_DECIMAL_PLACES = 20
#: Longer exact forms are left out of the one-line reading (the decimal is still shown).
_MAX_EXACT_LENGTH = 120


def interpretation(structure: str, value: Any, typed_decimal: bool) -> str:
    """The ``interpreted_as`` line for a parsed value; ``structure`` is the rendered input."""
    if getattr(value, "is_Matrix", False):
        body = matrix_text(value, typed_decimal)
        rows, cols = value.shape
        desc = f"vector {body}" if cols == 1 else f"{rows}×{cols} matrix {body}"
        return desc if _same(structure, body) else f"{structure} = {desc}"
    exact, decimal = scalar_texts(value, typed_decimal)
    if exact is None or _same(structure, exact):
        head = structure
    else:
        head = f"{structure} = {exact}"
    return f"{head} {decimal}" if decimal else head


def scalar_texts(value: Any, typed_decimal: bool = False) -> tuple[str | None, str | None]:
    """``(exact text, decimal part)`` of a scalar; the decimal part includes its ``=``/``≈``.

    The exact text is None when the number is too long to show in full.
    """
    if value.is_Rational:
        if _too_long(value):
            return None, f"≈ {scientific(value)}"
        if value.is_Integer:
            return str(value), None
        dec = terminating_decimal(value)
        if dec is not None:
            return (dec, None) if typed_decimal else (fmt(value), f"= {dec}")
        return fmt(value), f"≈ {format_float(float(value))}"
    try:
        exact: str | None = fmt(value)
    except ValueError:  # an integer inside is too long for str()
        exact = None
    if exact is not None and len(exact) > _MAX_EXACT_LENGTH:
        exact = None
    decimal = _approx(value)
    if decimal is not None and exact is not None and decimal == f"≈ {exact}":
        decimal = None
    return exact, decimal


def matrix_text(value: Any, typed_decimal: bool = False) -> str:
    """``[1, 2]`` for an n×1 vector, ``[[1, 2], [3, 4]]`` otherwise."""
    rows, cols = value.shape
    cells = [[entry_text(value[i, j], typed_decimal) for j in range(cols)] for i in range(rows)]
    if cols == 1:
        return "[" + ", ".join(row[0] for row in cells) + "]"
    return "[" + ", ".join("[" + ", ".join(row) + "]" for row in cells) + "]"


def entry_text(value: Any, typed_decimal: bool = False) -> str:
    """One matrix entry (or scalar) as short exact text."""
    if value.is_Rational:
        if _too_long(value):
            return f"≈{scientific(value)}"
        if typed_decimal:
            dec = terminating_decimal(value)
            if dec is not None:
                return dec
    try:
        return fmt(value)
    except ValueError:
        return f"≈{scientific(value)}"


def terminating_decimal(value: Any) -> str | None:
    """``11/5`` → ``"2.2"``; None if the expansion repeats or is very long."""
    p, q = int(value.p), int(value.q)
    twos = fives = 0
    while q % 2 == 0:
        q //= 2
        twos += 1
    while q % 5 == 0:
        q //= 5
        fives += 1
    places = max(twos, fives)
    if q != 1 or places > _MAX_DECIMAL_PLACES:
        return None
    scaled = abs(p) * 10**places // int(value.q)
    digits = str(scaled).rjust(places + 1, "0")
    text = digits[:-places] + "." + digits[-places:] if places else digits
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return ("-" if p < 0 else "") + text


def scientific(value: Any) -> str:
    """``1.2346×10⁵⁰⁰`` for any real or complex number, however large or small."""
    import mpmath

    try:
        num = value.evalf(8)
        re, im = num.as_real_imag()
        if im != 0:
            return f"{_sci(mpmath.mpf(re._to_mpmath(40)))} + {_sci(mpmath.mpf(im._to_mpmath(40)))}i"
        return _sci(mpmath.mpf(re._to_mpmath(40)))
    except Exception:  # noqa: BLE001 - display only, never fail the preview
        return "?"


def _sci(x: Any) -> str:
    import mpmath

    if x == 0:
        return "0"
    text = mpmath.nstr(x, 5, min_fixed=-4, max_fixed=6)
    if "e" not in text:
        return text
    mantissa, exponent = text.split("e")
    if "." in mantissa:
        mantissa = mantissa.rstrip("0").rstrip(".")
    return f"{mantissa}×10{sup(int(exponent))}"


def _approx(value: Any) -> str | None:
    """``≈ 7.0711`` for an irrational number, also outside the float range; None otherwise."""
    if getattr(value, "free_symbols", None) or not getattr(value, "is_number", False):
        return None
    from linalg_tutor.mathtext.guards import log10_abs

    mag = log10_abs(value)
    if mag is None:
        return None
    try:
        if -290 < mag < 290:
            dec = approx(value)
        else:
            dec = scientific(value)
    except Exception:  # noqa: BLE001 - display only
        return None
    return f"≈ {dec}" if dec else None


def _too_long(value: Any) -> bool:
    from linalg_tutor.mathtext.guards import rational_digits

    return rational_digits(value) > _MAX_SHOWN_DIGITS


_SUPERSCRIPT_RUN = re.compile("[⁻⁰¹²³⁴⁵⁶⁷⁸⁹]+")
_FROM_SUPERSCRIPT = str.maketrans("⁻⁰¹²³⁴⁵⁶⁷⁸⁹", "-0123456789")


def _same(a: str, b: str) -> bool:
    """Equal up to spacing, multiplication dots and superscripts (``2π`` = ``2·π``, ``x^2`` = ``x²``)."""

    def norm(s: str) -> str:
        s = s.replace(" ", "").replace("·", "").replace("*", "")
        return _SUPERSCRIPT_RUN.sub(lambda m: "^" + m.group().translate(_FROM_SUPERSCRIPT), s)

    return norm(a) == norm(b)
