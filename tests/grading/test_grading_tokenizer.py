"""The tokenizer on its own: normalisation, numbers, superscripts, deferred errors."""

from __future__ import annotations

import pytest

from linalg_tutor.grading.errors import ExponentTooLarge, NestingTooDeep, NumberTooLarge, UnexpectedCharacter
from linalg_tutor.grading.limits import Limits
from linalg_tutor.grading.tokenizer import tokenize


def kinds(text: str) -> list[str]:
    return [t.kind for t in tokenize(text)]


def test_operators_are_normalised():
    ops = [t.text for t in tokenize("1 − 2 × 3 · 4 ÷ 5 ** 6 ^ 7 @ 8") if t.kind == "OP"]
    assert ops == ["-", "*", "*", "/", "^", "^", "@"]


def test_numbers_are_exact_pairs():
    [tok, _eof] = tokenize("2.50e-1")
    assert tok.kind == "NUM"
    num, den, decimal = tok.value
    assert num * 4 == den and decimal


def test_e_without_digits_is_a_name():
    assert kinds("2e") == ["NUM", "IDENT", "EOF"]
    assert kinds("2e3") == ["NUM", "EOF"]


def test_superscripts():
    toks = tokenize("10⁻³ᵀ")
    assert [t.kind for t in toks] == ["NUM", "SUP", "TRANSPOSE", "EOF"]
    assert toks[1].value == -3


def test_newlines_only_matter_inside_square_brackets():
    assert "NEWLINE" in kinds("[1 2\n3 4]")
    assert "NEWLINE" not in kinds("(1 +\n 2)")
    assert "NEWLINE" not in kinds("1 +\n 2")
    assert "NEWLINE" not in kinds("[1,\n2]")  # a line break after a comma continues the row


def test_space_before_is_recorded():
    toks = tokenize("[1 -2]")
    assert toks[2].text == "-" and toks[2].space_before and not toks[3].space_before


def test_bracket_matching():
    toks = tokenize("([1])")
    assert toks[0].match == 4 and toks[1].match == 3


def test_meaning_errors_are_deferred_to_an_error_token():
    toks = tokenize("1 + 'a'")
    assert toks[-1].kind == "ERROR"
    assert isinstance(toks[-1].error, UnexpectedCharacter)
    assert toks[-1].error.position == 4


def test_resource_errors_are_immediate():
    with pytest.raises(NumberTooLarge):
        tokenize("1" * 61)
    with pytest.raises(ExponentTooLarge):
        tokenize("1e1001")
    with pytest.raises(ExponentTooLarge):
        tokenize("2" + "⁹" * 7)
    with pytest.raises(NestingTooDeep):
        tokenize("(" * 51, Limits())


def test_unicode_digits_are_not_numbers():
    toks = tokenize("٣")
    assert toks[0].kind in ("IDENT", "ERROR")
