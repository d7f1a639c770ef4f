"""How close an answer must be to count as right.

Written in exercise files and on the command line as a short string:

==============  ==========================================================================
``exact``       symbolically equal (``√2`` = ``2^(1/2)``; ``0.5`` = ``1/2`` since decimals
                are read exactly). The default.
``rel:0.001``   ``|answer − expected| ≤ 0.001·|expected|`` (absolute 0.001 if expected is 0)
``abs:1e-6``    ``|answer − expected| ≤ 1e-6``
``dp:2``        right to 2 decimal places: within 0.5·10⁻² of the exact value, or equal to the
                exact value rounded to 2 places
==============  ==========================================================================
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction
from typing import Literal

Mode = Literal["exact", "rel", "abs", "dp"]

#: More decimal places than this cannot be asked of a learner (or checked cheaply).
MAX_DP = 30
#: The range of rel:X and abs:X: beyond it a tolerance means nothing a learner could meet, and
#: building the number itself could take long.
MIN_VALUE, MAX_VALUE = "1e-30", 1_000_000
MAX_EXPONENT = 40
_NUMBER = re.compile(r"^[0-9]+(\.[0-9]*)?(/[0-9]+)?([eE](?P<exp>[+-]?[0-9]{1,9}))?$|^\.[0-9]+([eE](?P<exp2>[+-]?[0-9]{1,9}))?$")


@dataclass(frozen=True)
class Tolerance:
    """A comparison mode and its parameter.

    Attributes:
        mode: ``"exact"``, ``"rel"``, ``"abs"`` or ``"dp"``.
        value: The relative or absolute bound (an exact Fraction), the number of decimal
            places (int), or None for exact.
    """

    mode: Mode = "exact"
    value: Fraction | int | None = None

    def __str__(self) -> str:
        if self.mode == "exact":
            return "exact"
        value = self.value
        if isinstance(value, Fraction):
            text = str(value.numerator) if value.denominator == 1 else format(float(value), "g")
        else:
            text = str(value)
        return f"{self.mode}:{text}"

    def describe(self) -> str:
        """Plain words for a learner: ``to 2 decimal places``, ``within 0.1%``."""
        if self.mode == "exact":
            return "exactly"
        if self.mode == "dp":
            return f"to {self.value} decimal place{'s' if self.value != 1 else ''}"
        if self.mode == "rel":
            return f"within {float(self.value) * 100:g}%"  # type: ignore[arg-type]
        return f"within ±{float(self.value):g}"  # type: ignore[arg-type]


#: The default tolerance.
EXACT = Tolerance()


def parse_tolerance(spec: "str | Tolerance | None") -> Tolerance:
    """Read ``"exact"``, ``"rel:X"``, ``"abs:X"`` or ``"dp:N"`` (None means exact).

    Raises:
        ValueError: with a message saying what is accepted.
    """
    if spec is None:
        return EXACT
    if isinstance(spec, Tolerance):
        return spec
    if not isinstance(spec, str):
        raise ValueError(f"A tolerance must be a string like 'rel:0.001', not {type(spec).__name__}.")
    text = spec.strip().lower()
    if text in ("", "exact"):
        return EXACT
    mode, sep, arg = text.partition(":")
    mode, arg = mode.strip(), arg.strip()
    usage = "use exact, rel:X, abs:X or dp:N (e.g. rel:0.001, abs:1e-6, dp:2)"
    if mode not in ("rel", "abs", "dp") or not sep:
        raise ValueError(f"Unknown tolerance {spec!r}: {usage}.")
    if not arg:
        raise ValueError(f"The tolerance {spec!r} is missing its value: {usage}.")
    if mode == "dp":
        if not (arg.isascii() and arg.isdigit()) or len(arg) > 3:
            raise ValueError(f"In {spec!r}, dp needs a whole number of decimal places, like dp:2.")
        places = int(arg)
        if places > MAX_DP:
            raise ValueError(f"In {spec!r}, at most {MAX_DP} decimal places can be asked for.")
        return Tolerance("dp", places)
    if len(arg) > 40:
        raise ValueError(f"The tolerance value in {spec!r} is too long.")
    if arg.startswith("-"):
        raise ValueError(f"In {spec!r}, the tolerance must be a positive number.")
    m = _NUMBER.match(arg)
    if not m:
        raise ValueError(f"In {spec!r}, {arg!r} is not a number: {usage}.")
    # The exponent is checked before any number is built: Fraction("1e-99999999") would
    # build a hundred-million-digit integer first.
    exponent = int(m.group("exp") or m.group("exp2") or 0)
    if abs(exponent) > MAX_EXPONENT:
        raise ValueError(f"In {spec!r}, the tolerance is out of range: use a value from {MIN_VALUE} to {MAX_VALUE}.")
    try:
        # Fraction reads "0.001", "1e-6" and "1/1000" exactly and never evaluates code.
        value = Fraction(arg)
    except (ValueError, ZeroDivisionError):
        raise ValueError(f"In {spec!r}, {arg!r} is not a number: {usage}.") from None
    if value <= 0:
        raise ValueError(f"In {spec!r}, the tolerance must be a positive number.")
    if not Fraction(MIN_VALUE) <= value <= MAX_VALUE:
        raise ValueError(f"In {spec!r}, the tolerance is out of range: use a value from {MIN_VALUE} to {MAX_VALUE}.")
    return Tolerance(mode, value)  # type: ignore[arg-type]
