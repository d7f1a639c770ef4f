"""One safe reader of typed text, for the answer box and the scratchpad alike.

:func:`read` wraps the parser with what the place it is used for expects (:class:`Expect`):
a number, a vector, a matrix, or an expression in named variables; optionally a value written
out rather than a calculation. It also forgives what people type without meaning anything by
it: full-width digits, no-break and zero-width spaces, ``½``, and thousands separators in a
single number (``8,388,608``, ``8 388 608``).

Nothing is computed before the form is checked, so the live preview never works a calculation
out for a learner who was asked to do it by hand.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any, Callable, Literal, Mapping

from linalg_tutor.grading.errors import NotAValue, WrongShape
from linalg_tutor.grading.limits import DEFAULT_LIMITS, Limits
from linalg_tutor.grading.nodes import Call, Chain, Const, Group, MatrixLit, Node, Num, Power, Unary, render
from linalg_tutor.grading.parser import Parsed, parse

Shape = Literal["any", "number", "vector", "matrix", "array"]

#: Characters that carry no meaning in an answer and are dropped before reading.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
#: Spaces of other widths, read as a plain space.
_SPACES = dict.fromkeys(map(ord, "\u00a0\u2007\u2009\u202f\u3000"), " ")
#: Superscripts and subscripts mean something (x², aᵢ); compatibility normalisation would flatten them.
_KEEP = set("⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁿᵀ₀₁₂₃₄₅₆₇₈₉")
#: A single number with groups of three digits: 8,388,608 or 8 388 608 (or 1_000).
_GROUPED = re.compile(r"^\s*([+\-−]?)(\d{1,3}(?:([, _])\d{3})(?:\3\d{3})*)(\.\d+)?\s*$")


@dataclass(frozen=True)
class Expect:
    """What a place that reads text expects.

    Attributes:
        shape: ``number``, ``vector``, ``matrix``, ``array`` (a vector or a matrix) or ``any``.
        variables: Names the text may use as variables (``("x", "y")``).
        written_value: The text must be a value written out (``-14``, ``3/4``, ``5√2``,
            ``(7 − √17)/2``), not a calculation (``3*6 - 8*4``).
    """

    shape: Shape = "any"
    variables: tuple[str, ...] = ()
    written_value: bool = False

    def describe(self) -> str:
        """What to type, in a few words (``"a vector such as [1, 2]"``)."""
        what = {
            "number": "a single number",
            "vector": "a vector such as [1, 2]",
            "matrix": "a matrix such as [[1, 2], [3, 4]]",
            "array": "a vector or a matrix",
            "any": "a number, vector or matrix",
        }[self.shape]
        if self.variables:
            what += " in " + ", ".join(self.variables)
        return what


ANY = Expect()


def normalize(text: str) -> str:
    """``text`` with look-alike characters mapped to the ones the parser reads.

    Full-width and other compatibility forms become plain characters (``１２`` → ``12``,
    ``½`` → ``(1/2)``); invisible characters are dropped; super- and subscripts are kept.
    """
    text = text.translate(_INVISIBLE).translate(_SPACES)
    if text.isascii():
        return text
    out = []
    for ch in text:
        if ch in _KEEP or ch.isascii():
            out.append(ch)
            continue
        folded = unicodedata.normalize("NFKC", ch)
        if "\u2044" in folded:  # a vulgar fraction such as ½: keep it one number
            folded = "(" + folded.replace("\u2044", "/") + ")"
        out.append(folded)
    return "".join(out)


def ungroup(text: str) -> str:
    """A single number typed with thousands separators, without them; other text unchanged."""
    m = _GROUPED.match(text)
    if not m:
        return text
    sign, digits, sep, decimals = m.group(1), m.group(2), m.group(3), m.group(4) or ""
    return sign + digits.replace(sep, "") + decimals


def read(
    text: str,
    expect: Expect = ANY,
    *,
    names: Mapping[str, Any] | None = None,
    functions: Mapping[str, Callable[..., Any]] | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> Parsed:
    """Read ``text`` as ``expect`` says.

    Raises:
        ParseError: the text cannot be read; :class:`NotAValue` when a calculation was typed
            where a written value is asked for; :class:`WrongShape` for the wrong kind of thing.
    """
    text = normalize(text)
    if expect.shape in ("number", "any"):
        text = ungroup(text)
    check = _require_written_value if expect.written_value else None
    parsed = parse(text, names=names, symbols=expect.variables, functions=functions, limits=limits, check=check)
    _check_shape(parsed, expect)
    return parsed


def _check_shape(parsed: Parsed, expect: Expect) -> None:
    kind = parsed.kind
    if expect.shape == "number" and kind != "scalar":
        rows, cols = parsed.value.shape
        raise WrongShape(f"That is a {_size(rows, cols)} {kind}; the answer is {expect.describe()}"
                         + (f" (write {render_single(parsed)} without brackets)" if rows * cols == 1 else "") + ".")
    if expect.shape in ("vector", "matrix", "array") and kind == "scalar":
        raise WrongShape(f"That is a single number; the answer is {expect.describe()}.")
    if expect.shape == "vector" and kind == "matrix" and 1 not in parsed.value.shape:
        rows, cols = parsed.value.shape
        raise WrongShape(f"That is a {rows}×{cols} matrix; the answer is {expect.describe()}.")
    if expect.shape == "matrix" and kind == "vector":
        raise WrongShape(f"That is a vector; the answer is {expect.describe()}.")


def _size(rows: int, cols: int) -> str:
    return f"{rows}×{cols}" if cols != 1 else f"length-{rows}"


def render_single(parsed: Parsed) -> str:
    from linalg_tutor.mathtext.fmt import fmt

    try:
        return fmt(parsed.value[0])
    except Exception:  # noqa: BLE001 - only a hint
        return "the number"


# ---- "write the value, not the sum" -----------------------------------------------------------


def _require_written_value(tree: Node) -> None:
    if not is_written_value(tree):
        raise NotAValue(
            f"Write the value, not the calculation: {render(tree)} still has to be worked out. "
            "Type the number it comes to (such as 12, −5/3, 2.5 or 2√7).",
            None,
        )


def is_written_value(node: Node) -> bool:
    """Whether ``node`` is a value as a person writes one down: a number, a fraction, a decimal,
    a surd or a simple combination such as ``(7 − √17)/2``, ``5√2/3`` or ``2π`` — and, for
    vectors and matrices, whether every entry is. Sums of plain numbers, products of numbers and
    integer powers are calculations."""
    if isinstance(node, MatrixLit):
        return all(is_written_value(e) for row in node.rows for e in row)
    return _value_form(node) is not None


# _value_form returns "rational" for a plain rational, "irrational" for a surd-like value, or
# None for a calculation; the two classes let a sum allow one rational term among surds.
def _value_form(node: Node) -> str | None:
    if isinstance(node, Num):
        return "rational"
    if isinstance(node, Const):
        return "irrational"
    if isinstance(node, Group):
        return _value_form(node.inner)
    if isinstance(node, Unary):
        return _value_form(node.operand)
    if isinstance(node, Call):
        if all(_value_form(a) is not None for a in node.args):
            return "irrational"
        return None
    if isinstance(node, Power):
        return _power_form(node)
    if isinstance(node, Chain):
        return _sum_form(node) if node.level == "sum" else _product_form(node)
    return None


def _power_form(node: Power) -> str | None:
    base, exponent = node.base, node.exponent
    if isinstance(base, Group):
        base = base.inner
    if isinstance(exponent, Group):
        exponent = exponent.inner
    if isinstance(base, Const) and isinstance(exponent, (Num, Unary)):
        return "irrational"  # e², e^(−1)
    root = isinstance(exponent, Chain) and exponent.level == "product" and len(exponent.rest) == 1 \
        and isinstance(exponent.first, Num) and exponent.rest[0][0] == "/" and isinstance(exponent.rest[0][1], Num)
    if isinstance(base, Num) and root:
        return "irrational"  # 2^(1/2)
    return None


def _sum_form(node: Chain) -> str | None:
    forms = [_value_form(node.first)] + [_value_form(x) for _, x, _ in node.rest]
    if None in forms or forms.count("rational") > 1:
        return None
    return "irrational"


def _product_form(node: Chain) -> str | None:
    factors = [node.first]
    divisors = []
    for op, operand, _implicit in node.rest:
        if op == "/":
            divisors.append(operand)
        elif divisors:
            return None  # a/b·c: a calculation
        else:
            factors.append(operand)
    if len(divisors) > 1 or (divisors and not _is_number(divisors[0])):
        return None
    forms = [_value_form(f) for f in factors]
    if None in forms:
        return None
    numbers = sum(1 for f in factors if _is_number(f))
    others = len(factors) - numbers
    if numbers > 1 or others > 1:
        return None
    if others == 1 and numbers == 1 and not _is_number(factors[0]):
        return None  # √2·5 reads as a calculation; 5√2 is how the value is written
    if len(factors) == 1 and forms[0] == "irrational" and isinstance(_strip(factors[0]), Chain):
        return "irrational"  # (7 − √17)/2
    return "rational" if others == 0 else "irrational"


def _is_number(node: Node) -> bool:
    node = _strip(node)
    return isinstance(node, Num)


def _strip(node: Node) -> Node:
    while isinstance(node, (Group, Unary)):
        node = node.inner if isinstance(node, Group) else node.operand
    return node
