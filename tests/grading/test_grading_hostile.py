"""Hostile and runaway input: always a clear ParseError, always fast, never code execution."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from linalg_tutor.grading import Limits, ParseError, parse, preview
from linalg_tutor.grading.errors import (
    ExponentTooLarge,
    InputTooLong,
    NestingTooDeep,
    NumberTooLarge,
    SyntaxProblem,
    UnexpectedCharacter,
    UnknownName,
)

GRADING = Path(__file__).resolve().parents[2] / "linalg_tutor" / "grading"

HOSTILE = [
    ("__import__('os').system('ls')", UnknownName),
    ("().__class__.__bases__[0].__subclasses__()", SyntaxProblem),
    ("lambda: 1", UnknownName),
    ("open('x')", UnknownName),
    ("import os", UnknownName),
    ("x.__class__", UnexpectedCharacter),
    ("a = 1", UnknownName),
    ("'1'", UnexpectedCharacter),
    ("1; 2", SyntaxProblem),
    ("_", UnknownName),
    ("9**9**9**9", ExponentTooLarge),
    ("9^9^9^9", ExponentTooLarge),
    ("2^(10^100)", ExponentTooLarge),
    ("2^2^2^2^2", ExponentTooLarge),
    ("(" * 10_000 + "1" + ")" * 10_000, InputTooLong),
    ("1" * 100_000, InputTooLong),
    ("[[" * 5000, InputTooLong),
    ("x" * 10_000_000, InputTooLong),
    ("1e999999999", ExponentTooLarge),
    ("10⁹⁹⁹⁹⁹", ExponentTooLarge),
    ("sqrt(" * 60 + "2" + ")" * 60, NestingTooDeep),
    ("exp(exp(exp(1000)))", ExponentTooLarge),
    ("exp(exp(1000))", ExponentTooLarge),
    ("10^999 * 10^999 * 10^999 * 10^999 * 10^999", NumberTooLarge),
    ("1" * 61, NumberTooLarge),
    ("-" * 100 + "1", NestingTooDeep),
    ("[1,2;3,4]^1000000", ExponentTooLarge),
    ("[10^999, 1; 1, 1]^64", ExponentTooLarge),
    ("sqrt(10^999 + 7)", NumberTooLarge),  # exact roots of huge integers need slow primality tests
    ("(10^999 + 7)^(1/3)", NumberTooLarge),
    ("(π^1000)^1000", ExponentTooLarge),
]


@pytest.mark.parametrize("text, error", HOSTILE, ids=lambda v: repr(v)[:40] if isinstance(v, str) else v.__name__)
def test_hostile_input_is_refused_quickly(text, error):
    start = time.perf_counter()
    with pytest.raises(error) as info:
        parse(text, symbols=("x",))
    assert time.perf_counter() - start < 1.0
    message = str(info.value)
    assert message and len(message) < 600
    assert "Traceback" not in message


@pytest.mark.parametrize(
    "text",
    ["x^x^x^x^x", "exp(exp(exp(exp(x))))"],
)
def test_variable_exponent_towers_are_refused(text):
    start = time.perf_counter()
    with pytest.raises(ExponentTooLarge):
        parse(text, symbols=("x",))
    assert time.perf_counter() - start < 1.0


def test_large_but_reasonable_values_are_fine():
    start = time.perf_counter()
    assert parse("2^1000").value == 2**1000
    assert parse("exp(1000)").kind == "scalar"
    # sin of a huge argument is handled (SymPy reduces it exactly) and quickly
    assert "≈" in parse("sin(10^1000)").interpreted_as
    assert time.perf_counter() - start < 1.0


def test_limits_apply_even_when_length_is_allowed():
    roomy = Limits(max_length=10**6)
    start = time.perf_counter()
    with pytest.raises(NumberTooLarge):
        parse("1" * 100_000, limits=roomy)
    with pytest.raises(NestingTooDeep):
        parse("(" * 10_000 + "1" + ")" * 10_000, limits=roomy)
    with pytest.raises(NestingTooDeep):
        parse("[[" * 5000, limits=roomy)
    with pytest.raises(NestingTooDeep):
        parse("2^" * 1000 + "2", limits=roomy)
    assert time.perf_counter() - start < 1.0


def test_matrix_size_limit():
    big = "[" + ", ".join(["1"] * 401) + "]"
    with pytest.raises(ParseError, match="400"):
        parse(big)
    outer = "[" + ", ".join(["1"] * 30) + "]"
    with pytest.raises(ParseError, match="entries"):
        parse(f"{outer}*{outer}ᵀ")  # a 30×30 outer product


def test_error_positions_point_at_the_problem():
    with pytest.raises(UnknownName) as info:
        parse("1 + foo")
    assert info.value.position == 4
    assert "character 5" in str(info.value)
    with pytest.raises(UnexpectedCharacter) as info2:
        parse("2 + {3}")
    assert info2.value.position == 4


def test_first_problem_is_reported():
    # The unknown name comes before the quote, so it is what the learner hears about.
    with pytest.raises(UnknownName):
        parse("__import__('os')")


def test_hostile_preview_never_raises():
    for text, _ in HOSTILE:
        shown = preview(text)
        assert shown.startswith("⚠")


_FORBIDDEN = re.compile(r"(?<![\w])(eval|exec|sympify|parse_expr|S)\(")


def test_grading_source_never_evaluates_text():
    offenders = []
    for path in sorted(GRADING.glob("*.py")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            code = line.split("#")[0]
            if _FORBIDDEN.search(code):
                offenders.append(f"{path.name}:{number}: {line.strip()}")
    assert offenders == []


def test_parser_source_has_no_eval_calls():
    for name in ("parser.py", "tokenizer.py", "evaluate.py", "nodes.py"):
        source = (GRADING / name).read_text(encoding="utf-8")
        for forbidden in ("eval(", "exec(", "sympify(", "parse_expr("):
            assert forbidden not in source, (name, forbidden)


# ---- answers that stay inside the size limits but used to cost too much or be misjudged ----------

import pytest  # noqa: E402

from linalg_tutor.grading.grader import grade_expression  # noqa: E402


@pytest.mark.parametrize("zero", ["(1+√2)^2 - 3 - 2√2", "sin(1)^2+cos(1)^2-1", "1 - (1+√2)(√2-1)"])
def test_exact_zeros_written_out_are_zero(zero):
    assert grade_expression("0", zero).correct


@pytest.mark.parametrize("tol", [None, "rel:0.01"])
def test_huge_cancelling_terms_are_judged_from_enough_digits(tol):
    assert grade_expression("19", "19 + (1+√2)^1000 - (3+2√2)^500", tol).correct
    assert not grade_expression("19", "20 + (1+√2)^1000 - (3+2√2)^500", tol).correct


def test_sums_of_surds_to_high_powers_are_decided_quickly():
    answer = "19 + (√2+√3+√5+√7)^60 - (17+2√6+2√10+2√14+2√15+2√21+2√35)^30"
    assert grade_expression("19", answer).correct


def test_cancellation_too_deep_to_check_is_refused_not_misjudged():
    verdict = grade_expression("1", "1 + (1000+√2)^1000 - (1000002+2000√2)^500")
    assert verdict.error and "cancel" in verdict.error


@pytest.mark.parametrize("tol", ["rel:1e999999", "abs:1e-99999999", "rel:1e400", "dp:²", "abs:.5e999999"])
def test_absurd_tolerances_are_refused_with_a_message(tol):
    from linalg_tutor.mathtext.tolerance import parse_tolerance

    with pytest.raises(ValueError, match="tolerance|dp needs"):
        parse_tolerance(tol)
