"""The syntax tree of an answer, and its rendering as grouped Unicode text.

The parser builds this small tree before anything is computed, for two reasons: the whole
input is checked (names, brackets, sizes) before any SymPy work starts, and the tree can be
shown back to the learner with the grouping made explicit — ``2^3^2`` reads as
``2^(3^2)``, ``-2^2`` as ``-(2^2)``, ``1/2x`` as ``(1/2)x``.

Chains of ``+``/``-`` and of ``·``/``/`` are stored flat (:class:`Chain`), not as nested binary
nodes, so a 1000-term sum neither recurses 1000 deep nor costs quadratic time to evaluate.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal


@dataclass
class Node:
    """Base class; ``pos`` is the 0-based character index where the node starts."""

    pos: int


@dataclass
class Num(Node):
    """A number literal, kept exact as ``numerator/denominator``."""

    numerator: int
    denominator: int
    text: str
    decimal: bool


@dataclass
class Const(Node):
    """``pi`` (also ``π``), ``e`` or ``i``."""

    name: Literal["pi", "e", "i"]


@dataclass
class Name(Node):
    """A given name (``A``, ``lam``) or an allowed variable (``x``)."""

    name: str


@dataclass
class Group(Node):
    """Parentheses the learner typed; kept so the rendering shows them back."""

    inner: Node


@dataclass
class Unary(Node):
    op: Literal["+", "-"]
    operand: Node


@dataclass
class Chain(Node):
    """``first op₁ x₁ op₂ x₂ …`` at one precedence level.

    ``level`` is ``"sum"`` (ops ``+ -``) or ``"product"`` (ops ``* / @``); each step records
    whether the multiplication was implicit (``2x``), which only affects rendering.
    """

    level: Literal["sum", "product"]
    first: Node
    rest: list[tuple[str, Node, bool]] = field(default_factory=list)


@dataclass
class Power(Node):
    base: Node
    exponent: Node
    superscript: str = ""  # the superscript as typed (``²``), empty for ``^``/``**``


@dataclass
class Call(Node):
    """A function applied to arguments; ``radical`` marks ``√x`` (rendered without brackets)."""

    func: str
    args: list[Node]
    radical: bool = False


@dataclass
class Transpose(Node):
    operand: Node


@dataclass
class Index(Node):
    """``X[i, j]`` — or, when ``X`` turns out to be a number, the product ``X·[i, j]``."""

    target: Node
    bracket: "MatrixLit"


@dataclass
class MatrixLit(Node):
    """A bracketed literal: rows of entries. Entries may themselves be literals
    (``[[1, 2], [3, 4]]``), which the evaluator turns into the rows of a matrix."""

    rows: list[list[Node]]


# Binding strength used when deciding where the rendering needs parentheses.
_SUM, _PRODUCT, _UNARY, _POWER, _ATOM = 10, 20, 25, 30, 40

_CONST_TEXT = {"pi": "π", "e": "e", "i": "i"}


def render(node: Node) -> str:
    """The tree as Unicode text with every implicit grouping made visible."""
    return _render(node)[0]


def _wrap(text: str) -> str:
    return f"({text})"


def _render(node: Node) -> tuple[str, int]:
    if isinstance(node, Num):
        text = node.text
        if text.startswith("."):
            text = "0" + text
        if text.endswith("."):
            text = text[:-1]
        return text, _ATOM
    if isinstance(node, Const):
        return _CONST_TEXT[node.name], _ATOM
    if isinstance(node, Name):
        return node.name, _ATOM
    if isinstance(node, Group):
        return _wrap(render(node.inner)), _ATOM
    if isinstance(node, Unary):
        text, prec = _render(node.operand)
        # Show that -2^2 is -(2^2) and keep "- -2" readable as -(-2).
        if prec < _ATOM:
            text = _wrap(text)
        return f"{node.op}{text}", _UNARY
    if isinstance(node, Chain):
        return _render_chain(node), _SUM if node.level == "sum" else _PRODUCT
    if isinstance(node, Power):
        base, prec = _render(node.base)
        if prec < _ATOM or (isinstance(node.base, Call) and node.base.func == "sqrt"):
            base = _wrap(base)
        if node.superscript:
            return f"{base}{node.superscript}", _POWER
        exp, eprec = _render(node.exponent)
        if eprec < _ATOM:
            exp = _wrap(exp)
        return f"{base}^{exp}", _POWER
    if isinstance(node, Call):
        args = [render(a) for a in node.args]
        if node.func == "sqrt" and len(args) == 1:
            arg = node.args[0]
            atomic = isinstance(arg, (Num, Const, Name, Group)) or (
                isinstance(arg, Call) and arg.func != "sqrt"
            )
            return ("√" + args[0] if atomic else f"√({args[0]})"), _ATOM
        return f"{node.func}({', '.join(args)})", _ATOM
    if isinstance(node, Transpose):
        text, prec = _render(node.operand)
        if prec < _ATOM:
            text = _wrap(text)
        return f"{text}ᵀ", _ATOM
    if isinstance(node, Index):
        text, prec = _render(node.target)
        if prec < _ATOM:
            text = _wrap(text)
        inner = ", ".join(render(e) for row in node.bracket.rows for e in row)
        return f"{text}[{inner}]", _ATOM
    if isinstance(node, MatrixLit):
        return _render_matrix(node), _ATOM
    raise TypeError(f"unknown node {type(node).__name__}")  # pragma: no cover - programming error


def _render_chain(node: Chain) -> str:
    text, prec = _render(node.first)
    if node.level == "sum":
        for op, operand, _implicit in node.rest:
            part, p = _render(operand)
            if p == _UNARY:
                part = _wrap(part)
            text = f"{text} {op} {part}"
        return text
    if prec < _PRODUCT:
        text = _wrap(text)
    after_division = False
    previous = node.first
    for op, operand, implicit in node.rest:
        part, p = _render(operand)
        if p < _POWER:
            part = _wrap(part)
        if after_division:
            # a/b·c and a/b/c are read left to right; say so, since learners often mean a/(b·c).
            text = _wrap(text)
        if op == "/":
            text = f"{text}/{part}"
            after_division = True
            previous = operand
            continue
        after_division = False
        text = text + ("" if implicit and _juxtaposes(previous, operand, part) else "·") + part
        previous = operand
    return text


def _short_name(node: Node) -> bool:
    if isinstance(node, Power) and node.superscript:
        node = node.base
    return isinstance(node, Const) or (isinstance(node, Name) and len(node.name) == 1)


def _juxtaposes(previous: Node, operand: Node, part: str) -> bool:
    """Whether an implicit product can be shown without a dot (``2x``, ``5√2``, ``3(1 + 2)``);
    never when two letters would run together into what looks like one name (``lam·x``)."""
    if part.startswith(("(", "√")):
        return True
    after_number = isinstance(previous, (Num, Group)) or _short_name(previous)
    if _short_name(operand) or (isinstance(operand, Power) and _short_name(operand.base)):
        return after_number
    return isinstance(operand, Call) and isinstance(previous, Num)


def _render_matrix(node: MatrixLit) -> str:
    if len(node.rows) == 1:
        return "[" + ", ".join(render(e) for e in node.rows[0]) + "]"
    rows = ["[" + ", ".join(render(e) for e in row) + "]" for row in node.rows]
    return "[" + ", ".join(rows) + "]"


def has_decimal(node: Node) -> bool:
    """Whether any number in the tree was typed as a decimal (``0.5``, ``1e-3``)."""
    stack = [node]
    while stack:
        n = stack.pop()
        if isinstance(n, Num):
            if n.decimal:
                return True
        elif isinstance(n, (Group,)):
            stack.append(n.inner)
        elif isinstance(n, Unary):
            stack.append(n.operand)
        elif isinstance(n, Chain):
            stack.append(n.first)
            stack.extend(x for _, x, _ in n.rest)
        elif isinstance(n, Power):
            stack.extend((n.base, n.exponent))
        elif isinstance(n, Call):
            stack.extend(n.args)
        elif isinstance(n, Transpose):
            stack.append(n.operand)
        elif isinstance(n, Index):
            stack.extend((n.target, n.bracket))
        elif isinstance(n, MatrixLit):
            stack.extend(e for row in n.rows for e in row)
    return False
