"""The safe answer parser: learner text → exact SymPy value.

Learner text never reaches ``eval``, ``exec`` or SymPy's string parser. A hand-written
tokenizer and a precedence-climbing (Pratt) parser build a small tree
(:mod:`~linalg_tutor.grading.nodes`); the evaluator turns it into SymPy objects directly,
under :class:`~linalg_tutor.grading.limits.Limits` that are checked before each expensive step.

Grammar, loosest binding first::

    expr     := term (("+" | "-") term)*
    term     := unary (("*" | "·" | "×" | "/" | "÷" | "@" | <implicit>) unary)*
    unary    := ("-" | "+") unary | power
    power    := postfix ("^" unary | "**" unary | superscript)*     (right-associative)
    postfix  := primary ("ᵀ" | "^T" | "[" index "]")*
    primary  := number | name | name "(" args ")" | "√" power | "(" expr ")" | matrix

* Unary minus binds looser than powers (``-2^2`` = -4) but an exponent may start with one
  (``2^-1`` = 1/2).
* Implicit multiplication (``5√2``, ``2π``, ``3(1+2)``, ``(1+2)(3+4)``, ``2xy``) has the
  same precedence as ``*``, so ``1/2x`` is ``(1/2)·x`` — the preview shows that grouping.
* Two numbers side by side (``2 3``) are an error outside brackets, never a product.
* ``[a, b, c]`` is a column vector; ``[[a, b], [c, d]]``, ``[a, b; c, d]``, ``[a b; c d]`` and
  rows on separate lines are matrices. Inside brackets without commas, spaces separate
  entries: ``[1 -2]`` has two entries, ``[1 - 2]`` one.
* ``X[i, j]`` and ``v[i]`` index from 1; ``Xᵀ`` and ``X^T`` transpose.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Literal, Mapping

from linalg_tutor.grading.errors import (
    InputTooLong,
    MathError,
    NestingTooDeep,
    ParseError,
    ShapeError,
    SyntaxProblem,
    UnknownName,
)
from linalg_tutor.grading.evaluate import BUILTIN_FUNCTIONS, CONSTANTS, Environment, Evaluator, is_matrix
from linalg_tutor.grading.limits import DEFAULT_LIMITS, Limits
from linalg_tutor.grading.nodes import (
    Call,
    Chain,
    Const,
    Group,
    Index,
    MatrixLit,
    Name,
    Node,
    Num,
    Power,
    Transpose,
    Unary,
    has_decimal,
    render,
)
from linalg_tutor.grading.tokenizer import Token, tokenize

Kind = Literal["scalar", "vector", "matrix"]

# Binding powers. Prefix operators parse their operand at the given right binding power.
_BP_SUM = 10
_BP_PRODUCT = 20
_BP_UNARY = 25
_BP_POWER = 30
_BP_SQRT = 35
_BP_POSTFIX = 40

# Identifiers longer than this are not split into known names (the split is quadratic).
_MAX_SPLIT_LENGTH = 40


@dataclass(frozen=True)
class Parsed:
    """A successfully read answer.

    Attributes:
        value: Exact SymPy scalar expression, or ``sympy.Matrix`` (vectors are n×1).
        kind: ``"scalar"``, ``"vector"`` (an n×1 matrix) or ``"matrix"``.
        interpreted_as: How the input was read, for the learner: ``11/5 = 2.2``,
            ``2^(3^2) = 512``, ``vector [1, 2]``.
        text: The input as given.
        typed_decimal: Some number was typed as a decimal. The value is still exact
            (``0.1`` is 1/10); this only changes how it is shown back.
        structure: The input re-rendered with its grouping made explicit (``2^(3^2)``).
    """

    value: Any
    kind: Kind
    interpreted_as: str
    text: str = ""
    typed_decimal: bool = False
    structure: str = ""


def parse(
    text: str,
    *,
    names: Mapping[str, Any] | None = None,
    symbols: Iterable[str] = (),
    functions: Mapping[str, Callable[..., Any]] | None = None,
    limits: Limits = DEFAULT_LIMITS,
    check: Callable[[Node], None] | None = None,
) -> Parsed:
    """Read ``text`` as a number, expression, vector or matrix.

    Args:
        text: What the learner typed.
        names: Extra identifiers and their values (``{"A": Matrix(...), "lam": 3}``).
        symbols: Names allowed as free variables (become ``sympy.Symbol``).
        functions: Extra functions, name → callable taking SymPy values
            (see :data:`linalg_tutor.grading.functions.MATRIX_FUNCTIONS`).
        limits: Resource limits.
        check: Called with the syntax tree before anything is computed; raises a
            :class:`ParseError` to refuse the input (e.g. "write the value, not the sum").

    Raises:
        ParseError: (a subclass of it) for anything that cannot be read or is too large.
            No other exception escapes for any ``str`` input.
    """
    if not isinstance(text, str):
        raise TypeError(f"parse() needs a str, got {type(text).__name__}")
    if len(text) > limits.max_length:
        raise InputTooLong(
            f"Your answer is {len(text):,} characters long; the limit is {limits.max_length:,}.", None
        )
    if not text.strip():
        raise SyntaxProblem("The answer is empty: type a value.", 0)
    env = Environment(names, symbols, functions)
    try:
        tree = _Parser(tokenize(text, limits), env, limits).parse()
        if check is not None:
            check(tree)
        value = Evaluator(env, limits).run(tree)
    except ParseError:
        raise
    except RecursionError:
        raise NestingTooDeep("This answer is nested too deeply to read.", None) from None
    except Exception as exc:  # noqa: BLE001 - the contract is: only ParseError leaves parse()
        raise MathError(f"This could not be evaluated ({type(exc).__name__}).", None) from exc

    import sympy

    from linalg_tutor.grading.display import interpretation

    decimal = has_decimal(tree)
    structure = render(tree)
    kind: Kind
    if is_matrix(value):
        kind = "vector" if value.cols == 1 else "matrix"
        value = sympy.Matrix(value)
    else:
        kind = "scalar"
    try:
        shown = interpretation(structure, value, decimal)
    except Exception:  # noqa: BLE001 - a display problem must not turn a valid answer into an error
        shown = structure
    return Parsed(
        value=value,
        kind=kind,
        interpreted_as=shown,
        text=text,
        typed_decimal=decimal,
        structure=structure,
    )


class _Parser:
    """Pratt parser over a token list; builds :mod:`nodes` trees, computes nothing."""

    def __init__(self, tokens: list[Token], env: Environment, limits: Limits) -> None:
        self.env = env
        self.limits = limits
        self.tokens = self.split_names(tokens)
        self.i = 0
        self.depth = 0

    # -- token access ----------------------------------------------------------------------

    def peek(self, ahead: int = 0) -> Token:
        return self.tokens[min(self.i + ahead, len(self.tokens) - 1)]

    def advance(self) -> Token:
        tok = self.peek()
        if tok.kind not in ("EOF", "ERROR"):
            self.i += 1
        return tok

    def previous(self) -> Token | None:
        return self.tokens[self.i - 1] if self.i > 0 else None

    # -- driver ----------------------------------------------------------------------------

    def parse(self) -> Node:
        node = self.expression(0, spaced=False)
        tok = self.peek()
        if tok.kind != "EOF":
            self.unexpected(tok)
        return node

    def expression(self, rbp: int, spaced: bool) -> Node:
        self.depth += 1
        if self.depth > self.limits.max_depth:
            raise NestingTooDeep(
                f"This is nested more than {self.limits.max_depth} levels deep; please simplify.",
                self.peek().pos,
            )
        try:
            left = self.prefix(spaced)
            while True:
                tok = self.peek()
                if tok.kind == "ERROR":
                    raise tok.error  # type: ignore[misc]
                if spaced and tok.space_before and not self.continues_entry(tok):
                    break
                step = self.infix(tok, left, rbp, spaced)
                if step is None:
                    break
                left = step
            return left
        finally:
            self.depth -= 1

    def continues_entry(self, tok: Token) -> bool:
        """Inside ``[ ]`` without commas a space ends an entry, except around a binary
        operator written with spaces on both sides (``[1 - 2]`` is one entry, ``[1 -2]`` two)."""
        if tok.kind != "OP":
            return tok.kind == "TRANSPOSE"
        if tok.text in "+-":
            return self.peek(1).space_before
        return True

    # -- prefix position -------------------------------------------------------------------

    def prefix(self, spaced: bool) -> Node:
        tok = self.advance()
        kind = tok.kind
        if kind == "NUM":
            num, den, decimal = tok.value  # type: ignore[misc]
            return Num(tok.pos, num, den, tok.raw, decimal)
        if kind == "IDENT":
            return self.identifier(tok)
        if kind == "LPAREN":
            if self.peek().kind == "RPAREN":
                raise SyntaxProblem("Empty brackets (): put something inside them.", tok.pos)
            inner = self.expression(0, spaced=False)
            self.expect_close(tok, "RPAREN", ")")
            return Group(tok.pos, inner)
        if kind == "LBRACK":
            return self.matrix_literal(tok)
        if kind == "SQRT":
            return Call(tok.pos, "sqrt", [self.expression(_BP_SQRT, spaced)], radical=True)
        if kind == "OP" and tok.text in "+-":
            return Unary(tok.pos, tok.text, self.expression(_BP_UNARY, spaced))  # type: ignore[arg-type]
        self.i -= 1 if kind not in ("EOF", "ERROR") else 0
        self.missing_value(tok)
        raise AssertionError("unreachable")  # pragma: no cover

    def identifier(self, tok: Token) -> Node:
        name = tok.text
        kind = self.env.kind(name)
        if kind in ("function", "builtin"):
            if self.peek().kind == "LPAREN":
                return self.call(name, tok)
            raise SyntaxProblem(f"{name} needs brackets around its argument, like {name}(x).", tok.pos)
        if kind in ("value", "symbol"):
            return Name(tok.pos, name)
        if kind == "const":
            return Const(tok.pos, CONSTANTS[name])  # type: ignore[arg-type]
        hint = lookalike_hint(name, tok.pos) or self.name_hint(name)
        raise UnknownName(name, tok.pos, self.env.allowed(), hint)

    def split_names(self, tokens: list[Token]) -> list[Token]:
        """Split unknown identifiers into known ones: ``xy`` → ``x y``, ``2πr`` → ``2 π r``.

        Done on the token list, before parsing, so each piece is an ordinary operand:
        ``πr²`` is ``π·r²``, not ``(πr)²``. Opening brackets' ``match`` indices are rebuilt.
        """
        out: list[Token] = []
        changed = False
        for index, tok in enumerate(tokens):
            if tok.kind == "IDENT" and self.env.kind(tok.text) is None:
                followed_by_call = index + 1 < len(tokens) and tokens[index + 1].kind == "LPAREN"
                pieces = self.split_name(tok.text, followed_by_call)
                if pieces:
                    changed = True
                    pos = tok.pos
                    for k, piece in enumerate(pieces):
                        out.append(Token("IDENT", piece, pos, piece, tok.space_before if k == 0 else False))
                        pos += len(piece)
                    continue
            out.append(tok)
        if changed:
            stack: list[int] = []
            for index, tok in enumerate(out):
                if tok.kind in ("LPAREN", "LBRACK"):
                    tok.match = None
                    stack.append(index)
                elif tok.kind in ("RPAREN", "RBRACK") and stack:
                    out[stack.pop()].match = index
        return out

    def split_name(self, name: str, followed_by_call: bool) -> list[str] | None:
        """The split of ``name`` into known names with the fewest pieces, or None.

        A function may only be the last piece, and only when ``(`` follows (``xsin(y)``).
        """
        if len(name) > _MAX_SPLIT_LENGTH:
            return None
        known = {n for n in (*self.env.values, *self.env.symbol_names, *CONSTANTS) if n}
        callables = set(self.env.functions) | set(BUILTIN_FUNCTIONS)
        longest = max((len(k) for k in known | callables), default=0)
        n = len(name)
        best: list[list[str] | None] = [None] * (n + 1)
        best[0] = []
        for start in range(n):
            done = best[start]
            if done is None:
                continue
            for end in range(start + 1, min(n, start + longest) + 1):
                piece = name[start:end]
                if piece in known or (end == n and followed_by_call and piece in callables):
                    candidate = done + [piece]
                    current = best[end]
                    if current is None or len(candidate) < len(current):
                        best[end] = candidate
        result = best[n]
        return result if result and len(result) > 1 else None

    def name_hint(self, name: str) -> str:
        callables = sorted(set(self.env.functions) | set(BUILTIN_FUNCTIONS), key=len, reverse=True)
        for func in callables:
            if name.startswith(func) and len(name) > len(func):
                return f"Did you mean {func}({name[len(func):]})?"
        lowered = {k.lower(): k for k in (*self.env.values, *self.env.symbol_names, *callables, "pi")}
        if name.lower() in lowered and lowered[name.lower()] != name:
            return f"Names are case-sensitive: did you mean {lowered[name.lower()]}?"
        return ""

    def call(self, name: str, name_tok: Token, pos: int | None = None) -> Node:
        open_tok = self.advance()  # the "("
        if self.peek().kind == "RPAREN":
            raise SyntaxProblem(f"{name}() needs something inside the brackets.", open_tok.pos)
        args: list[Node] = []
        while True:
            args.append(self.expression(0, spaced=False))
            tok = self.peek()
            if tok.kind == "COMMA":
                self.advance()
                continue
            if tok.kind == "RPAREN":
                self.advance()
                break
            if tok.kind == "EOF":
                raise SyntaxProblem(f"The '(' after {name} is never closed: add ')'.", open_tok.pos)
            self.unexpected(tok)
        if self.env.kind(name) == "builtin":
            low, high = BUILTIN_FUNCTIONS[name]
            if not low <= len(args) <= high:
                wanted = f"{low}" if low == high else f"{low} or {high}"
                raise SyntaxProblem(
                    f"{name}(…) takes {wanted} argument{'s' if high > 1 else ''}, not {len(args)}.", open_tok.pos
                )
        return Call(name_tok.pos if pos is None else pos, name, args)

    # -- infix and postfix position --------------------------------------------------------

    def infix(self, tok: Token, left: Node, rbp: int, spaced: bool) -> Node | None:
        kind = tok.kind
        if kind == "OP":
            op = tok.text
            if op == "^":
                if _BP_POWER <= rbp:
                    return None
                self.advance()
                nxt = self.peek()
                if nxt.kind == "IDENT" and nxt.text == "T" and self.env.kind("T") not in ("value", "symbol"):
                    self.advance()
                    return Transpose(left.pos, left)
                # Right-associative: the exponent swallows further "^".
                return Power(left.pos, left, self.expression(_BP_POWER - 1, spaced))
            lbp = _BP_SUM if op in "+-" else _BP_PRODUCT
            if lbp <= rbp:
                return None
            self.advance()
            return self.chain(left, "*" if op == "@" else op, self.expression(lbp, spaced), implicit=False)
        if kind == "SUP":
            if _BP_POWER <= rbp:
                return None
            self.advance()
            value = int(tok.value)  # type: ignore[call-overload]
            exp_node: Node = Num(tok.pos, abs(value), 1, str(abs(value)), False)
            if value < 0:
                exp_node = Unary(tok.pos, "-", exp_node)
            return Power(left.pos, left, exp_node, superscript=tok.raw)
        if kind == "TRANSPOSE":
            if _BP_POSTFIX <= rbp:
                return None
            self.advance()
            return Transpose(left.pos, left)
        if kind == "LBRACK":
            if isinstance(left, MatrixLit):
                raise SyntaxProblem(
                    "Two bracketed lists in a row: separate matrix rows with a comma, like [[1, 2], [3, 4]].",
                    tok.pos,
                )
            if isinstance(left, (Name, Group, Index, Call)):
                # A[1, 2], (A·B)[1, 1], inv(A)[2, 1]: indexing (a number "indexed" is a product).
                self.advance()
                return Index(left.pos, left, self.matrix_literal(tok))
            # 2[1, 2], uᵀ[3, 4], A²[1, 1]: a product with a bracketed vector or matrix.
            if _BP_PRODUCT <= rbp:
                return None
            return self.chain(left, "*", self.expression(_BP_PRODUCT, spaced), implicit=True)
        if kind in ("NUM", "IDENT", "LPAREN", "SQRT"):
            if _BP_PRODUCT <= rbp:
                return None
            if kind == "NUM":
                raise SyntaxProblem(
                    f"There is no operator before the number {tok.raw}: add one, such as * or +.", tok.pos
                )
            return self.chain(left, "*", self.expression(_BP_PRODUCT, spaced), implicit=True)
        return None

    @staticmethod
    def chain(left: Node, op: str, right: Node, implicit: bool) -> Node:
        level = "sum" if op in "+-" else "product"
        if isinstance(left, Chain) and left.level == level:
            left.rest.append((op, right, implicit))
            return left
        return Chain(left.pos, level, left, [(op, right, implicit)])  # type: ignore[arg-type]

    # -- brackets --------------------------------------------------------------------------

    def matrix_literal(self, open_tok: Token) -> MatrixLit:
        """Rows of entries up to the matching ``]``; the open bracket is already consumed."""
        comma_mode = self.has_top_level_comma(self.i - 1)
        rows: list[list[Node]] = [[]]
        after_comma = False
        count = 0
        while True:
            tok = self.peek()
            kind = tok.kind
            if kind == "RBRACK":
                if after_comma:
                    raise SyntaxProblem("There is a ',' with no entry after it.", tok.pos)
                self.advance()
                break
            if kind == "NEWLINE" and after_comma:
                self.advance()  # a line break after a comma continues the row
                continue
            if kind in ("SEMI", "NEWLINE"):
                if after_comma:
                    raise SyntaxProblem("There is a ',' with no entry after it.", tok.pos)
                self.advance()
                if rows[-1]:
                    rows.append([])
                continue
            if kind == "COMMA":
                if not rows[-1] or after_comma:
                    raise SyntaxProblem("There is a ',' with no entry before it.", tok.pos)
                self.advance()
                after_comma = True
                continue
            if kind == "EOF":
                raise SyntaxProblem("This '[' is never closed: add ']'.", open_tok.pos)
            if kind == "ERROR":
                raise tok.error  # type: ignore[misc]
            if comma_mode and rows[-1] and not after_comma:
                self.unexpected(tok)
            if not comma_mode and rows[-1] and not tok.space_before:
                self.unexpected(tok)
            rows[-1].append(self.expression(0, spaced=not comma_mode))
            after_comma = False
            count += 1
            if count > self.limits.max_matrix_entries:
                raise ShapeError(
                    f"A matrix or vector here can have at most {self.limits.max_matrix_entries} entries.",
                    tok.pos,
                )
        if not rows[-1]:
            rows.pop()
        if not rows:
            raise SyntaxProblem("Empty brackets []: put entries inside, like [1, 2].", open_tok.pos)
        return MatrixLit(open_tok.pos, rows)

    def has_top_level_comma(self, open_index: int) -> bool:
        end = self.tokens[open_index].match
        stop = end if end is not None else len(self.tokens)
        depth = 0
        for tok in self.tokens[open_index + 1 : stop]:
            if tok.kind in ("LPAREN", "LBRACK"):
                depth += 1
            elif tok.kind in ("RPAREN", "RBRACK"):
                depth -= 1
            elif tok.kind == "COMMA" and depth == 0:
                return True
        return False

    def expect_close(self, open_tok: Token, kind: str, char: str) -> None:
        tok = self.peek()
        if tok.kind == kind:
            self.advance()
            return
        if tok.kind == "EOF":
            raise SyntaxProblem(f"This '{open_tok.text}' is never closed: add '{char}'.", open_tok.pos)
        self.unexpected(tok)

    # -- errors ----------------------------------------------------------------------------

    def unexpected(self, tok: Token) -> None:
        """Raise the clearest error for a token that cannot come next."""
        kind = tok.kind
        if kind == "ERROR":
            raise tok.error  # type: ignore[misc]
        if kind == "COMMA":
            raise SyntaxProblem("Commas only separate entries inside brackets, like [1, 2].", tok.pos)
        if kind == "SEMI":
            raise SyntaxProblem("Semicolons only separate matrix rows inside brackets, like [1, 2; 3, 4].", tok.pos)
        if kind in ("RPAREN", "RBRACK"):
            raise SyntaxProblem(f"This '{tok.text}' has no matching '{'(' if tok.text == ')' else '['}'.", tok.pos)
        if kind == "NUM":
            raise SyntaxProblem(f"There is no operator before the number {tok.raw}: add one, such as * or +.", tok.pos)
        if kind == "EOF":
            raise SyntaxProblem("The answer ends too early: something is missing at the end.", tok.pos)
        raise SyntaxProblem(f"I didn't expect '{tok.raw or tok.text}' here.", tok.pos)

    def missing_value(self, tok: Token) -> None:
        """Raise for a token in a position where a value should start."""
        prev = self.previous()
        after = f" after '{prev.raw}'" if prev is not None and prev.kind in ("OP", "SQRT") else ""
        kind = tok.kind
        if kind == "ERROR":
            raise tok.error  # type: ignore[misc]
        if kind == "EOF":
            if after:
                raise SyntaxProblem(f"Something is missing{after} at the end.", tok.pos)
            raise SyntaxProblem("The answer ends too early: something is missing at the end.", tok.pos)
        if kind in ("RPAREN", "RBRACK", "COMMA", "SEMI", "NEWLINE"):
            if after:
                raise SyntaxProblem(f"Something is missing{after}.", tok.pos)
            self.unexpected(tok)
        if kind == "OP":
            raise SyntaxProblem(f"'{tok.raw}' needs a value before it.", tok.pos)
        if kind in ("SUP", "TRANSPOSE"):
            raise SyntaxProblem(f"The superscript '{tok.raw}' needs a value before it.", tok.pos)
        self.unexpected(tok)


#: Cyrillic and Greek letters drawn like a Latin letter or a digit (what a learner meant to type).
_LOOKALIKES = {
    **dict(zip("аеорсухіјѕкмнтвАВЕКМНОРСТХІЈЅ", "aeopcyxijskmhtbABEKMHOPCTXIJS")),
    **dict(zip("οανικρτυχΑΒΕΖΗΙΚΜΝΟΡΤΥΧ", "oavikptuxABEZHIKMNOPTYX")),
}


def lookalike_hint(name: str, pos: int) -> str:
    """A note on the first letter of ``name`` that only looks like a Latin letter, or ``""``.

    ``е`` (Cyrillic) or ``ο`` (Greek) from another keyboard layout is a different character
    from ``e`` or ``o``; the learner cannot see why the name is unknown without being told.
    """
    for offset, ch in enumerate(name):
        latin = _LOOKALIKES.get(ch)
        if latin is None:
            continue
        script = unicodedata.name(ch, "").split(" ")[0].capitalize() or "non-Latin"
        also = " or 0" if latin in "oO" else ""
        return (
            f"The \u2018{ch}\u2019 at character {pos + offset + 1} is a {script} letter that looks "
            f"like {latin}{also}: type the Latin letter{' or the digit' if also else ''} instead."
        )
    return ""
