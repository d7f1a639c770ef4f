"""Look-alike letters from other scripts: the refusal names the character and what it looks like."""

from __future__ import annotations

import pytest

from linalg_tutor.grading import parse
from linalg_tutor.grading.errors import UnknownName
from linalg_tutor.grading.grader import grade_expression

CASES = [
    # (typed, the look-alike, its 1-based character, script, Latin letter it resembles)
    ("2\u0435", "\u0435", 2, "Cyrillic", "e"),  # Cyrillic е
    ("\u0435xp(1)", "\u0435", 1, "Cyrillic", "e"),
    ("sin(\u0445)", "\u0445", 5, "Cyrillic", "x"),  # Cyrillic х
    ("c\u043es(0)", "\u043e", 2, "Cyrillic", "o"),  # Cyrillic о inside cos
    ("\u0430 + 1", "\u0430", 1, "Cyrillic", "a"),  # Cyrillic а
    ("1\u0441", "\u0441", 2, "Cyrillic", "c"),  # Cyrillic с
    ("3\u03bf", "\u03bf", 2, "Greek", "o"),  # Greek omicron
    ("\u03b1", "\u03b1", 1, "Greek", "a"),  # Greek alpha
]


@pytest.mark.parametrize("text, char, column, script, latin", CASES)
def test_a_lookalike_letter_is_named_with_its_position_and_script(text, char, column, script, latin):
    with pytest.raises(UnknownName) as caught:
        parse(text)
    message = str(caught.value)
    assert f"\u2018{char}\u2019 at character {column} is a {script} letter that looks like {latin}" in message


def test_an_omicron_or_o_also_suggests_the_digit_zero():
    with pytest.raises(UnknownName) as caught:
        parse("1\u043e")
    assert "looks like o or 0" in str(caught.value)


def test_an_ordinary_unknown_name_gets_no_lookalike_hint():
    with pytest.raises(UnknownName) as caught:
        parse("foo")
    assert "letter that looks like" not in str(caught.value)


def test_the_hint_reaches_the_learner_through_grading():
    verdict = grade_expression("2", "2\u0435")
    assert verdict.error is not None
    assert "Cyrillic letter that looks like e" in verdict.feedback + verdict.error


def test_the_latin_spelling_still_reads():
    assert parse("2e").value is not None
