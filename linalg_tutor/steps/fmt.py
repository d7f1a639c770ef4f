"""Unicode formatting of exact SymPy values for terminals.

Textual's Markdown has no LaTeX, so every formula the learner reads is written in Unicode:
``5√2``, ``-3/4``, ``1 + 2i``, ``x²``. Irrational values get their decimal beside them
(``√2 ≈ 1.4142``) because a learner checking by hand works with both.

SymPy is imported lazily inside the functions: this module is imported by screens that must
paint before SymPy has loaded.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover - typing only
    import sympy

SUPERSCRIPTS = str.maketrans("0123456789-+()n", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺⁽⁾ⁿ")
SUBSCRIPTS = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")

#: Significant digits shown for the decimal beside an irrational value.
DECIMAL_DIGITS = 5

_printer = None


def sub(n: int | str) -> str:
    """``sub(12)`` → ``₁₂``: subscripts for entry names such as C₁₂ or R₂."""
    return str(n).translate(SUBSCRIPTS)


def sup(n: int | str) -> str:
    """``sup(2)`` → ``²``."""
    return str(n).translate(SUPERSCRIPTS)


def _get_printer():
    global _printer
    if _printer is None:
        _printer = _make_printer()
    return _printer


def _make_printer():
    from sympy.printing.str import StrPrinter
    from sympy.printing.precedence import precedence

    class UnicodePrinter(StrPrinter):
        """StrPrinter with √, ⁿ superscripts, ``i`` and ``·`` for terminal reading."""

        def _print_ImaginaryUnit(self, expr):  # noqa: N802 - SymPy's naming
            return "i"

        def _print_Pi(self, expr):  # noqa: N802
            return "π"

        def _print_Exp1(self, expr):  # noqa: N802
            return "e"

        def _print_Infinity(self, expr):  # noqa: N802
            return "∞"

        def _print_NegativeInfinity(self, expr):  # noqa: N802
            return "-∞"

        def _print_Pow(self, expr, rational=False):  # noqa: N802
            from sympy import S

            base, exp = expr.as_base_exp()
            if exp == S.Half:
                inner = self._print(base)
                if base.is_Atom or base.is_Symbol:
                    return f"√{inner}"
                return f"√({inner})"
            if exp == -S.Half:
                inner = self._print(base)
                if base.is_Atom:
                    return f"1/√{inner}"
                return f"1/√({inner})"
            if exp.is_Integer and exp > 0:
                b = self.parenthesize(base, precedence(expr), strict=False)
                return f"{b}{sup(int(exp))}"
            return super()._print_Pow(expr, rational=rational).replace("**", "^")

        def _print_Mul(self, expr):  # noqa: N802
            text = super()._print_Mul(expr)
            # "5*√2" reads better as "5√2"; other products get a middle dot.
            text = re.sub(r"(?<![√\d./])(\d+)\*(?=i\b|√)", r"\1", text)
            return text.replace("*", "·")

        def _print_Float(self, expr):  # noqa: N802
            return format_float(float(expr))

        def _print_Matrix(self, expr):  # noqa: N802
            rows = ["[" + ", ".join(self._print(x) for x in expr.row(i)) + "]" for i in range(expr.rows)]
            return "[" + ", ".join(rows) + "]"

        _print_ImmutableMatrix = _print_Matrix
        _print_MutableDenseMatrix = _print_Matrix
        _print_ImmutableDenseMatrix = _print_Matrix

    return UnicodePrinter(settings={"order": None})


def format_float(x: float, digits: int = DECIMAL_DIGITS) -> str:
    """A float with ``digits`` significant digits and no trailing zeros (``1.41421``)."""
    if x != x:  # NaN
        return "nan"
    text = f"{x:.{digits}g}"
    if "e" in text:
        mantissa, exponent = text.split("e")
        return f"{mantissa}×10{sup(int(exponent))}"
    return text


def fmt(value: Any) -> str:
    """Exact Unicode text of a SymPy value (or a plain Python number)."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return format_float(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(fmt(v) for v in value) + "]"
    return _get_printer().doprint(value)


def approx(value: Any) -> str | None:
    """The decimal of an exact value, or None when the exact form is already plain.

    Integers get nothing; terminating fractions get their exact decimal (``11/5`` → ``2.2``);
    repeating fractions and irrational numbers get a rounded one. Use :func:`fmt_approx` to
    get the ``=`` or ``≈`` right.
    """
    return _decimal(value)[0]


def _decimal(value: Any) -> tuple[str | None, bool]:
    """``(decimal text, is_exact)`` for :func:`approx` and :func:`fmt_approx`."""
    import sympy

    try:
        v = sympy.sympify(value)  # safe: value is a SymPy object built by our code, never learner text
    except (sympy.SympifyError, TypeError):
        return None, False
    if getattr(v, "is_Matrix", False) or not getattr(v, "is_number", False):
        return None, False
    if v.is_Rational:
        if v.is_Integer:
            return None, True
        if _terminates(v.q) and len(str(v.q)) <= 8:
            return str(sympy.Float(v, 30)).rstrip("0").rstrip("."), True
        return format_float(float(v)), False
    exact_re, exact_im = v.as_real_imag()
    if exact_re.is_Rational and exact_im.is_Rational:
        return None, True  # a Gaussian rational such as 1 + 2i is already plain
    num = v.evalf(DECIMAL_DIGITS + 3)
    re, im = num.as_real_imag()
    if im == 0:
        return format_float(float(re)), False
    if re == 0:
        return f"{format_float(float(im))}i", False
    sign = "-" if im < 0 else "+"
    return f"{format_float(float(re))} {sign} {format_float(abs(float(im)))}i", False


def _terminates(q: int) -> bool:
    """True when 1/q has a finite decimal expansion (only factors 2 and 5)."""
    for p in (2, 5):
        while q % p == 0:
            q //= p
    return q == 1


def fmt_approx(value: Any) -> str:
    """``fmt`` plus the decimal: ``11/5 = 2.2``, ``1/3 ≈ 0.33333``, ``5√2 ≈ 7.0711``."""
    exact = fmt(value)
    dec, is_exact = _decimal(value)
    if dec is None or dec == exact:
        return exact
    return f"{exact} {'=' if is_exact else '≈'} {dec}"


def paren(value: Any) -> str:
    """Parenthesise negative or compound values inside arithmetic: ``2·(-3)``."""
    text = fmt(value)
    if text.startswith("-") or " " in text:
        return f"({text})"
    return text


def matrix_lines(matrix: "sympy.Matrix", augment: int | None = None) -> list[str]:
    """A matrix as bracketed, column-aligned text lines.

    ``augment`` is the column index before which a bar is drawn, as in ``[A | b]``.
    """
    rows, cols = matrix.shape
    if rows == 0 or cols == 0:
        return [f"(empty {rows}×{cols} matrix)"]
    return grid_lines([[fmt(matrix[i, j]) for j in range(cols)] for i in range(rows)], augment)


def grid_lines(cells: list[list[str]], augment: int | None = None) -> list[str]:
    """Rows of already formatted cells as a bracketed grid (no SymPy needed, for raw YAML data)."""
    rows = len(cells)
    cols = len(cells[0]) if rows else 0
    widths = [max(len(cells[i][j]) for i in range(rows)) for j in range(cols)]
    lines = []
    for i in range(rows):
        parts = []
        for j in range(cols):
            if augment is not None and j == augment:
                parts.append("│")
            parts.append(cells[i][j].rjust(widths[j]))
        if rows == 1:
            left, right = "[", "]"
        elif i == 0:
            left, right = "⎡", "⎤"
        elif i == rows - 1:
            left, right = "⎣", "⎦"
        else:
            left, right = "⎢", "⎥"
        lines.append(f"{left} {'  '.join(parts)} {right}")
    return lines
