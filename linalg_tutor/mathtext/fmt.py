"""Unicode formatting of exact SymPy values for terminals.

Textual's Markdown has no LaTeX, so every formula the learner reads is written in Unicode:
``5√2``, ``-3/4``, ``1 + 2i``, ``x²``, ``|x|``. Irrational values get their decimal beside them
(``√2 ≈ 1.4142``) because a learner checking by hand works with both.

Decimals come from SymPy's own arbitrary-precision evaluation, never from a Python float, so
``exp(1000) ≈ 1.9701×10⁴³⁴`` instead of ``inf``. Integers too long to read (or for Python to
print) are shown abbreviated, with their digit count.

SymPy is imported lazily inside the functions: this module is imported by screens that must
paint before SymPy has loaded.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover - typing only
    import sympy

SUPERSCRIPTS = str.maketrans("0123456789-+()n−", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺⁽⁾ⁿ⁻")
SUBSCRIPTS = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")

#: Significant digits shown for the decimal beside an irrational value.
DECIMAL_DIGITS = 5

#: A terminating decimal with at most this many significant digits is shown exactly
#: (``1/1024 = 0.0009765625``); longer ones are rounded and marked ``≈``
#: (``123456789/1024 ≈ 1.2056×10⁵``), as are repeating ones.
EXACT_DECIMAL_DIGITS = 12

#: Integers with more digits than this are abbreviated (``123456…789 (4,512 digits)``): nobody
#: reads them, and Python refuses to print more than 4300 digits anyway.
MAX_INTEGER_DIGITS = 1000

#: The sign fmt writes in front of negative values and between terms of a printed sum: the
#: Unicode minus, like the ``−`` the family modules write between the terms they build. Code
#: that decides on brackets must use :func:`starts_negative`, :func:`paren`, :func:`term` and
#: :func:`squared`, never ``startswith("-")``, or it would print ``2·−3`` and ``−3²`` (which
#: reads as −9). Machine-readable text (:func:`exact_str`, JSON results) stays ASCII.
NEGATIVE_SIGN = "−"

#: Both minus signs a formatted value may start with.
MINUS_SIGNS = ("-", "−")

_GUARD_DIGITS = 5
# Stands in for hyphens inside symbol names while minus signs are rewritten.
_HYPHEN = "\ue000"
_LOG10_2 = 0.30102999566398120

_printer = None


def sub(n: int | str) -> str:
    """``sub(12)`` → ``₁₂``: subscripts for entry names such as C₁₂ or R₂."""
    return str(n).translate(SUBSCRIPTS)


def sup(n: int | str) -> str:
    """``sup(2)`` → ``²``, ``sup(-3)`` → ``⁻³``."""
    return str(n).translate(SUPERSCRIPTS)


def starts_negative(text: str) -> bool:
    """Whether formatted text begins with a minus sign, ASCII or Unicode."""
    return text.startswith(MINUS_SIGNS)


def _signed(text: str) -> str:
    """ASCII minus signs replaced by :data:`NEGATIVE_SIGN` (symbol names keep their hyphens)."""
    if NEGATIVE_SIGN != "-":
        text = text.replace("-", NEGATIVE_SIGN)
    return text.replace(_HYPHEN, "-")


# ---- integers ---------------------------------------------------------------------------------


def _digit_limit() -> int:
    # The interpreter's own limit may have been lowered (PYTHONINTMAXSTRDIGITS, minimum 640).
    interpreter = getattr(sys, "get_int_max_str_digits", lambda: 0)()
    return min(MAX_INTEGER_DIGITS, interpreter) if interpreter else MAX_INTEGER_DIGITS


def digit_count(n: int) -> int:
    """Number of decimal digits of ``n`` (sign not counted), without converting it to a string."""
    m = abs(int(n))
    if m < 10:
        return 1
    count = max(1, int((m.bit_length() - 1) * _LOG10_2))  # never more than the true count
    while m >= 10 ** count:
        count += 1
    return count


def int_text(n: int) -> str:
    """``n`` in decimal, or ``123456…789 (4,512 digits)`` when it is longer than can be read."""
    n = int(n)
    m = abs(n)
    limit = _digit_limit()
    if m.bit_length() <= 3 * limit or m < 10 ** limit:  # 2³ᴸ < 10ᴸ: the cheap test settles most
        return str(n)
    count = digit_count(m)
    lead = str(m // 10 ** (count - 6))
    tail = str(m % 1000).zfill(3)
    return f"{'-' if n < 0 else ''}{lead}…{tail} ({count:,} digits)"


def exact_int_str(n: int) -> str:
    """All the digits of ``n``, even beyond Python's int→str limit (for JSON, not for reading)."""
    n = int(n)
    if n < 0:
        return "-" + exact_int_str(-n)
    chunk_digits = 500
    chunk = 10 ** chunk_digits
    parts = []
    while n >= chunk:
        n, r = divmod(n, chunk)
        parts.append(r)
    return str(n) + "".join(str(p).zfill(chunk_digits) for p in reversed(parts))


# ---- the printer ------------------------------------------------------------------------------


def _get_printer():
    global _printer
    if _printer is None:
        _printer = _make_printer()
    return _printer


def _make_printer():
    from sympy.printing.precedence import precedence
    from sympy.printing.str import StrPrinter

    class UnicodePrinter(StrPrinter):
        """StrPrinter with √, ⁿ superscripts, ``i``, ``·`` and ``|x|`` for terminal reading.

        It writes ASCII ``-`` like StrPrinter (whose sums look for a leading ``-`` in each term);
        :func:`fmt` swaps in :data:`NEGATIVE_SIGN` once the whole text is printed.
        """

        def _print_Symbol(self, expr):  # noqa: N802 - SymPy's naming
            return super()._print_Symbol(expr).replace("-", _HYPHEN)

        def _print_ImaginaryUnit(self, expr):  # noqa: N802
            return "i"

        def _print_Pi(self, expr):  # noqa: N802
            return "π"

        def _print_Exp1(self, expr):  # noqa: N802
            return "e"

        def _print_Infinity(self, expr):  # noqa: N802
            return "∞"

        def _print_NegativeInfinity(self, expr):  # noqa: N802
            return "-∞"

        def _print_Integer(self, expr):  # noqa: N802
            return int_text(expr.p)

        def _print_Rational(self, expr):  # noqa: N802
            if expr.q == 1:
                return int_text(expr.p)
            return f"{int_text(expr.p)}/{int_text(expr.q)}"

        def _print_Abs(self, expr):  # noqa: N802
            return f"|{self._print(expr.args[0])}|"

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
            if exp.is_Integer and (exp > 0 or exp < -1):  # x⁻² rather than x^(-2); x⁻¹ stays 1/x
                b = self.parenthesize(base, precedence(expr), strict=False)
                return f"{b}{sup(int(exp))}"
            return super()._print_Pow(expr, rational=rational).replace("**", "^")

        def _print_Mul(self, expr):  # noqa: N802
            text = super()._print_Mul(expr)
            # "5*√2" reads better as "5√2"; other products get a middle dot.
            text = re.sub(r"(?<![√\d./])(\d+)\*(?=i\b|√)", r"\1", text)
            return text.replace("*", "·")

        def _print_Float(self, expr):  # noqa: N802
            return _mpf_text(expr._mpf_, DECIMAL_DIGITS)

        def _print_Matrix(self, expr):  # noqa: N802
            rows = ["[" + ", ".join(self._print(x) for x in expr.row(i)) + "]" for i in range(expr.rows)]
            return "[" + ", ".join(rows) + "]"

        _print_ImmutableMatrix = _print_Matrix
        _print_MutableDenseMatrix = _print_Matrix
        _print_ImmutableDenseMatrix = _print_Matrix

    return UnicodePrinter(settings={"order": None})


_exact_printer = None


def exact_str(value: Any) -> str:
    """``str(value)`` as SymPy writes it, except that no integer is too long to print."""
    global _exact_printer
    if _exact_printer is None:
        from sympy.printing.str import StrPrinter

        class ExactPrinter(StrPrinter):
            def _print_Integer(self, expr):  # noqa: N802 - SymPy's naming
                return exact_int_str(expr.p)

            def _print_Rational(self, expr):  # noqa: N802
                if expr.q == 1:
                    return exact_int_str(expr.p)
                return f"{exact_int_str(expr.p)}/{exact_int_str(expr.q)}"

        _exact_printer = ExactPrinter()
    return _exact_printer.doprint(value)


# ---- decimals ---------------------------------------------------------------------------------


def _layout(negative: bool, digits: str, exponent: int, sci_from: int) -> str:
    """Significant ``digits`` of d.ddd×10^exponent, laid out like ``%g``: plain unless the
    exponent is below -4 or at least ``sci_from``, then ``1.97×10⁴³⁴``. ASCII minus."""
    digits = digits.rstrip("0") or "0"
    sign = "-" if negative else ""
    if exponent < -4 or exponent >= sci_from:
        mantissa = digits[0] + (f".{digits[1:]}" if len(digits) > 1 else "")
        return f"{sign}{mantissa}×10{sup(exponent)}"
    if exponent >= 0:
        whole = digits[: exponent + 1].ljust(exponent + 1, "0")
        frac = digits[exponent + 1:]
    else:
        whole, frac = "0", "0" * (-exponent - 1) + digits
    return sign + whole + (f".{frac}" if frac else "")


_MPF_TEXT = re.compile(r"(-?)(\d)(?:\.(\d*))?(?:e([+-]?\d+))?")


def _mpf_text(mpf: tuple, digits: int) -> str:
    """An mpmath value (a SymPy Float's ``_mpf_``) rounded to ``digits`` significant digits."""
    from mpmath.libmp import finf, fnan, fninf, fzero, to_str

    if mpf == fzero:
        return "0"
    if mpf == fnan:
        return "nan"
    if mpf in (finf, fninf):
        return "∞" if mpf == finf else "-∞"
    digits = max(1, digits)
    text = to_str(mpf, digits, strip_zeros=False, min_fixed=1, max_fixed=0)  # always d.ddd[e±N]
    match = _MPF_TEXT.fullmatch(text)
    if match is None:  # pragma: no cover - mpmath's format is stable; never show garbage
        return text
    sign, first, rest, exponent = match.groups()
    return _layout(sign == "-", first + (rest or ""), int(exponent or 0), digits)


def format_float(x: float, digits: int = DECIMAL_DIGITS) -> str:
    """A float with ``digits`` significant digits and no trailing zeros (``1.41421``)."""
    x = float(x)
    if x != x:  # NaN
        return "nan"
    if x in (float("inf"), float("-inf")):
        return _signed("∞" if x > 0 else "-∞")
    if x == 0:
        return "0"
    digits = max(1, digits)
    mantissa, exponent = f"{x:.{digits - 1}e}".split("e")
    negative = mantissa.startswith("-")
    return _signed(_layout(negative, mantissa.lstrip("-").replace(".", ""), int(exponent), digits))


def rational_text(p: int, q: int = 1) -> str:
    """``p/q`` (or ``p`` when q = 1) as :func:`fmt` writes the Rational, without the printer."""
    text = int_text(p) if q == 1 else f"{int_text(p)}/{int_text(q)}"
    return _signed(text) if p < 0 else text


def fmt(value: Any) -> str:
    """Exact Unicode text of a SymPy value (or a plain Python number)."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return _signed(int_text(value))
    if getattr(value, "is_Rational", False) is True:  # SymPy Integer/Rational: no printer needed
        return rational_text(value.p, value.q)
    if isinstance(value, float):
        return format_float(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(fmt(v) for v in value) + "]"
    return _signed(_get_printer().doprint(value))


def approx(value: Any) -> str | None:
    """The decimal of an exact value, or None when the exact form is already plain.

    Integers get nothing; short terminating fractions get their exact decimal (``11/5`` →
    ``2.2``); repeating or long fractions and irrational numbers get a rounded one. Use
    :func:`fmt_approx` to get the ``=`` or ``≈`` right.
    """
    return _decimal(value)[0]


def _decimal(value: Any) -> tuple[str | None, bool]:
    """``(decimal text, is_exact)`` for :func:`approx` and :func:`fmt_approx`."""
    import sympy
    from sympy.core.sympify import _sympify  # strict: refuses strings, so no parsing happens

    try:
        v = _sympify(value)
    except (sympy.SympifyError, TypeError):
        return None, False
    if getattr(v, "is_Matrix", False) or not getattr(v, "is_number", False):
        return None, False
    if v.is_Rational:
        if v.is_Integer:
            return None, True
        return _rational_decimal(int(v.p), int(v.q))
    exact_re, exact_im = v.as_real_imag()
    if exact_re.is_Rational and exact_im.is_Rational:
        return None, True  # a Gaussian rational such as 1 + 2i is already plain
    num = v.evalf(DECIMAL_DIGITS + _GUARD_DIGITS)
    re_part, im_part = num.as_real_imag()
    re_text, im_text = _evaluated_text(re_part), _evaluated_text(im_part)
    if re_text is None or im_text is None:
        return None, False  # evalf could not reduce it to numbers
    if im_text == "0":
        return _signed(re_text), False
    if re_text == "0":
        return _signed(f"{im_text}i"), False
    if im_text.startswith("-"):
        return _signed(f"{re_text} - {im_text[1:]}i"), False
    return _signed(f"{re_text} + {im_text}i"), False


def _evaluated_text(x: Any) -> str | None:
    """A real number evalf returned, rounded; ``"0"`` also when evalf found no significant bit."""
    if x == 0:
        return "0"
    mpf = getattr(x, "_mpf_", None)
    if mpf is None:
        return None
    if getattr(x, "_prec", 53) < 4:
        # evalf's answer when it cannot separate the value from 0 (say cos²1 + sin²1 − 1).
        return "0"
    return _mpf_text(mpf, DECIMAL_DIGITS)


def _rational_decimal(p: int, q: int) -> tuple[str, bool]:
    """The decimal of p/q (q > 1): exact when it terminates within EXACT_DECIMAL_DIGITS digits."""
    from mpmath.libmp import from_rational

    twos = (q & -q).bit_length() - 1
    rest = q >> twos
    fives = 0
    while rest % 5 == 0:
        rest //= 5
        fives += 1
    if rest == 1:  # p/q terminates: q has no prime factors but 2 and 5
        places = max(twos, fives)
        # Since p/q is in lowest terms, ``scaled`` never ends in 0: its digits are all significant.
        scaled = abs(p) * 10 ** places // q
        if scaled < 10 ** EXACT_DECIMAL_DIGITS:
            digits = str(scaled)
            return _signed(_layout(p < 0, digits, len(digits) - 1 - places, EXACT_DECIMAL_DIGITS)), True
    bits = (DECIMAL_DIGITS + _GUARD_DIGITS) * 4
    return _signed(_mpf_text(from_rational(p, q, bits), DECIMAL_DIGITS)), False


def fmt_approx(value: Any) -> str:
    """``fmt`` plus the decimal: ``11/5 = 2.2``, ``1/3 ≈ 0.33333``, ``5√2 ≈ 7.0711``."""
    exact = fmt(value)
    dec, is_exact = _decimal(value)
    if dec is None or dec == exact:
        return exact
    return f"{exact} {'=' if is_exact else '≈'} {dec}"


# ---- operands ---------------------------------------------------------------------------------

_OPEN, _CLOSE = "([{", ")]}"


def _top_level(text: str) -> str:
    """``text`` without its bracketed parts (round, square, curly and |absolute value| bars)."""
    out = []
    depth = 0
    in_bars = False
    for ch in text:
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(0, depth - 1)
        elif ch == "|" and depth == 0:
            in_bars = not in_bars
        elif depth == 0 and not in_bars:
            out.append(ch)
    return "".join(out)


def _enclosed(text: str) -> bool:
    """True when one bracket pair (or pair of bars) spans the whole text: ``(1 + x)``, ``|x|``."""
    if len(text) < 2:
        return False
    if text[0] == "|":
        return text[-1] == "|" and "|" not in text[1:-1]
    if text[0] not in _OPEN:
        return False
    depth = 0
    for k, ch in enumerate(text):
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth -= 1
            if depth == 0:
                return k == len(text) - 1
    return False


def _is_atom(text: str) -> bool:
    """An unsigned number or a single name (x, λ, x₁, x̂, π): safe to square or root bare."""
    if re.fullmatch(r"[0-9]+(?:\.[0-9]+)?", text):
        return True
    if not text or not text[0].isalpha():
        return False
    # Superscripts count as letters and digits to Python, but x² squared must read (x²)².
    return all((ch.isalnum() or ch in "_′" or unicodedata.combining(ch))
               and not unicodedata.decomposition(ch).startswith("<super>") for ch in text)


def _needs_brackets_as_factor(text: str) -> bool:
    return starts_negative(text) or any(ch in _top_level(text) for ch in " /×")


def paren(value: Any) -> str:
    """A value as a factor of a product: negatives, fractions and sums get brackets.

    ``(-3)``, ``(1/2)``, ``(x + 1)``, ``(√2/2)``, so ``(1/2)·3`` and ``2·(-3)`` cannot be misread.
    """
    text = fmt(value)
    return f"({text})" if _needs_brackets_as_factor(text) else text


def term(value: Any) -> str:
    """A value written after ``+`` or ``−`` in a sum: ``3 − (−2)``, ``3 − (x + 1)``, but ``3 − 5/3``.

    Division binds tighter than subtraction, so unlike :func:`paren` a fraction stays bare.
    """
    text = fmt(value)
    return f"({text})" if starts_negative(text) or " " in _top_level(text) else text


def lead(value: Any) -> str:
    """A value written first in a sum or difference: ``−6 − 4``, ``(x + 1) − 3``.

    Nothing stands before it, so a leading minus needs no brackets; only a sum of its own gets them.
    """
    text = fmt(value)
    return f"({text})" if " " in _top_level(text) else text


def squared(value: Any) -> str:
    """``3²``, ``x²``, ``(-4)²``, ``(1/2)²``, ``(√2)²``, ``(2i)²``: a square that cannot be misread."""
    text = fmt(value)
    if not (_is_atom(text) or _enclosed(text)):
        text = f"({text})"
    return f"{text}²"


def root_of(value: Any) -> str:
    """``√5``, ``√x``, ``√(9/5)``, ``√(-3)``, ``√(3 + √5)``: a root whose extent is unambiguous."""
    text = fmt(value)
    if _is_atom(text) or _enclosed(text):
        return f"√{text}"
    return f"√({text})"


# ---- grids ------------------------------------------------------------------------------------


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
    # Terminal columns, not code points: x̂ is two code points in one column, 中 one in two.
    from rich.cells import cell_len

    rows = len(cells)
    cols = len(cells[0]) if rows else 0
    widths = [max(cell_len(cells[i][j]) for i in range(rows)) for j in range(cols)]
    lines = []
    for i in range(rows):
        parts = []
        for j in range(cols):
            if augment is not None and j == augment:
                parts.append("│")
            cell = cells[i][j]
            parts.append(" " * (widths[j] - cell_len(cell)) + cell)
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
