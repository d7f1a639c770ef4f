"""Short, stable number formatting for the live readouts (Unicode minus, trimmed zeros)."""

from __future__ import annotations

import math

MINUS = "−"


def num(value: float, places: int = 3) -> str:
    """``7`` for 7.0, ``0.707`` for 0.70710…, ``−4`` for −4.0, ``1.00e−4`` below the places shown,
    ``0`` for float noise under 10⁻¹²; ``∞``/``nan`` spelled out."""
    value = float(value)
    if math.isnan(value):
        return "nan"
    if math.isinf(value):
        return "∞" if value > 0 else MINUS + "∞"
    if abs(value) < 1e-12:  # rounding noise of float arithmetic reads as the 0 it stands for
        return "0"
    if abs(value) >= 1e6 or abs(value) < 10 ** -places:
        text = f"{value:.{max(places - 1, 1)}e}"
        mantissa, exponent = text.split("e")
        text = f"{mantissa}e{int(exponent)}"
    else:
        text = f"{value:.{places}f}"
        if "." in text:
            text = text.rstrip("0").rstrip(".")
    if text in ("-0", ""):
        text = "0"
    return text.replace("-", MINUS)


def vec(values, places: int = 3) -> str:
    """``(3, −4)``."""
    return "(" + ", ".join(num(v, places) for v in values) + ")"


def mat(rows, places: int = 3) -> str:
    """``[[2, 1], [1, 2]]`` on one line."""
    return "[" + ", ".join("[" + ", ".join(num(v, places) for v in row) + "]" for row in rows) + "]"
