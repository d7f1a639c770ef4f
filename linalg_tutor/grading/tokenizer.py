"""Split learner input into tokens.

The tokenizer knows nothing about SymPy: number literals become exact ``(numerator,
denominator)`` integer pairs, so digit limits are enforced before any big-number work.

Two kinds of problems are treated differently:

* Resource problems (too many digits, a huge exponent, brackets nested too deeply) are raised
  at once — continuing would be the expensive step.
* Meaning problems (a stray ``'``, a ``)`` without ``(``) become a final ``ERROR`` token. The
  parser raises it only when it reaches it, so a learner is told about the *first* problem in
  their input (``__import__('os')`` reports the unknown name, not the quote).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from linalg_tutor.grading.errors import (
    ExponentTooLarge,
    NestingTooDeep,
    NumberTooLarge,
    ParseError,
    SyntaxProblem,
    UnexpectedCharacter,
)
from linalg_tutor.grading.limits import DEFAULT_LIMITS, Limits

TokenKind = Literal[
    "NUM",  # value: (numerator, denominator, typed_as_decimal)
    "IDENT",
    "OP",  # text: one of + - * / ^ @ (normalised); raw: as typed
    "LPAREN",
    "RPAREN",
    "LBRACK",
    "RBRACK",
    "COMMA",
    "SEMI",
    "NEWLINE",  # only inside [ ], where it separates matrix rows
    "SQRT",
    "SUP",  # value: the integer written in superscript digits
    "TRANSPOSE",
    "ERROR",  # error: the ParseError to raise when the parser gets here
    "EOF",
]


@dataclass
class Token:
    """One token.

    Attributes:
        kind: See :data:`TokenKind`.
        text: Normalised text (``−`` and ``–`` become ``-``, ``×`` and ``·`` become ``*`` …).
        pos: 0-based index of the first character in the input.
        raw: The characters as typed.
        space_before: Whether whitespace came just before; inside brackets it separates
            entries (``[1 -2]`` has two entries, ``[1 - 2]`` one).
        value: Payload of ``NUM`` and ``SUP`` tokens.
        match: For an opening bracket, the index of its closing token (``None`` if unclosed).
        error: For ``ERROR`` tokens.
    """

    kind: TokenKind
    text: str
    pos: int
    raw: str = ""
    space_before: bool = False
    value: object = None
    match: int | None = None
    error: ParseError | None = None


_OPERATORS = {
    "+": "+",
    "-": "-",
    "\u2212": "-",  # − minus sign
    "\u2013": "-",  # – en dash, what some keyboards produce for "-"
    "*": "*",
    "×": "*",
    "·": "*",
    "\u22c5": "*",  # ⋅ dot operator
    "\u2219": "*",  # ∙ bullet operator
    "/": "/",
    "÷": "/",
    "^": "^",
    "@": "@",
}

_SUPERSCRIPT_DIGITS = {ch: str(i) for i, ch in enumerate("⁰¹²³⁴⁵⁶⁷⁸⁹")}
_SUPERSCRIPT_SIGNS = {"⁻": "-", "⁺": "+"}
_TRANSPOSE = "ᵀ"
# After these tokens a line break inside brackets is just white space.
_CONTINUES_LINE = ("NEWLINE", "OP", "COMMA", "SEMI", "LBRACK", "SQRT")
# Longest superscript exponent read; anything longer is refused before int() is called.
_MAX_EXPONENT_TEXT = 6

_CHAR_HINTS = {
    "=": "Type only the value, not an equation.",
    "'": "Quotes are not needed: type the maths directly.",
    '"': "Quotes are not needed: type the maths directly.",
    ".": "A dot can only be part of a number, such as 0.5.",
    "|": "Write abs(x) for an absolute value.",
    "!": "Factorials are not supported.",
    "%": "Percent signs are not supported: write 0.05 instead of 5%.",
    "{": "Use square brackets for vectors and matrices, like [1, 2].",
    "}": "Use square brackets for vectors and matrices, like [1, 2].",
    "\\": "LaTeX is not understood: write sqrt(2) or √2, pi or π.",
    ":": "Colons have no meaning in an answer.",
    "<": "Type a value, not a comparison.",
    ">": "Type a value, not a comparison.",
    "∛": "Write a cube root as x^(1/3).",
}


def _is_digit(ch: str) -> bool:
    # str.isdigit() also accepts "²" and other scripts' digits, which mean something else here.
    return "0" <= ch <= "9"


def _is_ident_start(ch: str) -> bool:
    return (ch.isalpha() and ch != _TRANSPOSE) or ch == "_"


def _is_ident_char(ch: str) -> bool:
    return _is_ident_start(ch) or _is_digit(ch)


def _describe_char(ch: str) -> str:
    if ch.isprintable() and not ch.isspace():
        return f"'{ch}'"
    return f"U+{ord(ch):04X}"


def tokenize(text: str, limits: Limits = DEFAULT_LIMITS) -> list[Token]:
    """Tokens of ``text``, ending with an ``EOF`` (or ``ERROR``) token.

    Raises:
        NumberTooLarge, ExponentTooLarge, NestingTooDeep: resource limits, raised immediately.
    """
    tokens: list[Token] = []
    stack: list[int] = []  # indices of open bracket tokens
    i = 0
    n = len(text)
    space = False

    def add(kind: TokenKind, tok_text: str, pos: int, raw: str, value: object = None) -> Token:
        nonlocal space
        tok = Token(kind, tok_text, pos, raw, space, value)
        tokens.append(tok)
        space = False
        return tok

    def fail(error: ParseError) -> list[Token]:
        tok = Token("ERROR", "", error.position if error.position is not None else n, "", space)
        tok.error = error
        tokens.append(tok)
        return tokens

    while i < n:
        ch = text[i]
        if ch == "\n":
            # Inside [ ] a line break ends a matrix row, unless the line clearly continues.
            if stack and tokens[stack[-1]].kind == "LBRACK":
                if tokens[-1].kind not in _CONTINUES_LINE:
                    add("NEWLINE", "\n", i, "\n")
                space = True
            else:
                space = True
            i += 1
        elif ch.isspace():
            space = True
            i += 1
        elif _is_digit(ch) or (ch == "." and i + 1 < n and _is_digit(text[i + 1])):
            i = _read_number(text, i, limits, add)
        elif _is_ident_start(ch):
            j = i + 1
            while j < n and _is_ident_char(text[j]):
                j += 1
            add("IDENT", text[i:j], i, text[i:j])
            i = j
        elif ch in _SUPERSCRIPT_DIGITS or ch in _SUPERSCRIPT_SIGNS:
            j = i
            sign = ""
            while j < n and text[j] in _SUPERSCRIPT_SIGNS:
                sign += _SUPERSCRIPT_SIGNS[text[j]]
                j += 1
            k = j
            while k < n and text[k] in _SUPERSCRIPT_DIGITS:
                k += 1
            if k == j:
                return fail(SyntaxProblem("A superscript sign needs digits after it, like 10⁻³.", i))
            if k - j > _MAX_EXPONENT_TEXT:
                raise ExponentTooLarge("That exponent is far too large to work with.", i)
            value = int("".join(_SUPERSCRIPT_DIGITS[c] for c in text[j:k]))
            if sign.count("-") % 2:
                value = -value
            add("SUP", text[i:k], i, text[i:k], value)
            i = k
        elif ch == _TRANSPOSE:
            add("TRANSPOSE", ch, i, ch)
            i += 1
        elif ch == "√":
            add("SQRT", ch, i, ch)
            i += 1
        elif ch == "*" and i + 1 < n and text[i + 1] == "*":
            add("OP", "^", i, "**")
            i += 2
        elif ch == "/" and i + 1 < n and text[i + 1] == "/":
            return fail(SyntaxProblem("'//' is not an operator here: use / for division.", i))
        elif ch in _OPERATORS:
            add("OP", _OPERATORS[ch], i, ch)
            i += 1
        elif ch in "([":
            if len(stack) >= limits.max_depth:
                raise NestingTooDeep(
                    f"Brackets are nested more than {limits.max_depth} deep; please simplify.", i
                )
            stack.append(len(tokens))
            add("LPAREN" if ch == "(" else "LBRACK", ch, i, ch)
            i += 1
        elif ch in ")]":
            want = "(" if ch == ")" else "["
            if not stack:
                return fail(SyntaxProblem(f"This '{ch}' has no matching '{want}'.", i))
            opener = tokens[stack[-1]]
            if opener.text != want:
                close = ")" if opener.text == "(" else "]"
                return fail(
                    SyntaxProblem(
                        f"Expected '{close}' to close the '{opener.text}' at character "
                        f"{opener.pos + 1}, but found '{ch}'.",
                        i,
                    )
                )
            stack.pop()
            opener.match = len(tokens)
            add("RPAREN" if ch == ")" else "RBRACK", ch, i, ch)
            i += 1
        elif ch == ",":
            add("COMMA", ch, i, ch)
            i += 1
        elif ch == ";":
            add("SEMI", ch, i, ch)
            i += 1
        else:
            hint = _CHAR_HINTS.get(ch, "")
            message = f"I can't use the character {_describe_char(ch)} here."
            if hint:
                message += " " + hint
            return fail(UnexpectedCharacter(message, i))
    add("EOF", "", n, "")
    return tokens


def _read_number(text: str, i: int, limits: Limits, add) -> int:
    """Read a number literal at ``i``; return the index after it."""
    n = len(text)
    start = i
    j = i
    while j < n and _is_digit(text[j]):
        j += 1
    int_digits = text[i:j]
    frac_digits = ""
    decimal = False
    if j < n and text[j] == ".":
        decimal = True
        k = j + 1
        while k < n and _is_digit(text[k]):
            k += 1
        frac_digits = text[j + 1 : k]
        j = k
    if len(int_digits) + len(frac_digits) > limits.max_digits:
        raise NumberTooLarge(
            f"That number has more than {limits.max_digits} digits; that is more than any answer here needs.",
            start,
        )
    exponent = 0
    if j < n and text[j] in "eE":
        k = j + 1
        sign = 1
        if k < n and text[k] in "+-\u2212":
            sign = -1 if text[k] != "+" else 1
            k += 1
        if k < n and _is_digit(text[k]):
            m = k
            while m < n and _is_digit(text[m]):
                m += 1
            exp_text = text[k:m]
            if len(exp_text) > _MAX_EXPONENT_TEXT or int(exp_text) > limits.max_exponent:
                raise ExponentTooLarge(
                    f"The exponent in {text[start:m][:40]} is too large "
                    f"(scientific notation allows up to e±{limits.max_exponent}).",
                    start,
                )
            exponent = sign * int(exp_text)
            decimal = True
            j = m
    numerator = int(int_digits + frac_digits or "0")
    denominator = 10 ** len(frac_digits)
    if exponent >= 0:
        numerator *= 10**exponent
    else:
        denominator *= 10**-exponent
    add("NUM", text[start:j], start, text[start:j], (numerator, denominator, decimal))
    return j
