"""Grading: tolerances, comparisons, feedback, known wrong answers, the live preview."""

from __future__ import annotations

import subprocess
import sys
import time
from fractions import Fraction
from pathlib import Path

import pytest
import sympy as sp

from linalg_tutor.grading import (
    Tolerance,
    Verdict,
    grade_expression,
    grade_value,
    parse_tolerance,
    preview,
)
from linalg_tutor.grading.compare import compare

A = sp.Matrix([[1, 2], [3, 4]])
B = sp.Matrix([[5, 6], [7, 8]])
x = sp.Symbol("x")
REPO = Path(__file__).resolve().parents[2]


# -- tolerance -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "spec, mode, value",
    [
        (None, "exact", None),
        ("exact", "exact", None),
        (" EXACT ", "exact", None),
        ("rel:0.001", "rel", Fraction(1, 1000)),
        ("abs:1e-6", "abs", Fraction(1, 10**6)),
        ("dp:2", "dp", 2),
    ],
)
def test_parse_tolerance(spec, mode, value):
    tol = parse_tolerance(spec)
    assert (tol.mode, tol.value) == (mode, value)


def test_tolerance_roundtrip_and_description():
    assert str(parse_tolerance("rel:0.001")) == "rel:0.001"
    assert str(parse_tolerance("dp:2")) == "dp:2"
    assert parse_tolerance("dp:2").describe() == "to 2 decimal places"
    assert parse_tolerance(Tolerance("abs", Fraction(1, 10))) == Tolerance("abs", Fraction(1, 10))


@pytest.mark.parametrize(
    "spec, match",
    [("close", "Unknown tolerance"), ("rel:", "missing"), ("rel:abc", "not a number"), ("abs:-1", "positive"),
     ("dp:1.5", "whole number"), ("dp:99", "at most"), ("rel:0", "positive")],
)
def test_bad_tolerances(spec, match):
    with pytest.raises(ValueError, match=match):
        parse_tolerance(spec)


# -- grade_expression: the brief's examples --------------------------------------------------


@pytest.mark.parametrize(
    "expected, answer, tol, correct",
    [
        ("sqrt(2)", "2^(1/2)", None, True),
        ("sqrt(2)", "√2", "exact", True),
        ("sqrt(2)", "1.414", "rel:0.001", True),
        ("sqrt(2)", "1.5", "rel:0.001", False),
        ("sqrt(2)", "1.414", None, False),
        ("(7-sqrt(17))/2", "1.44", "dp:2", True),
        ("(7-sqrt(17))/2", "1.438", "dp:2", True),
        ("(7-sqrt(17))/2", "1.43", "dp:2", False),
        ("1.435", "1.44", "dp:2", True),  # exact value rounded half-up
        ("19", "20", None, False),
        ("19", "19", None, True),
        ("0.5", "1/2", None, True),
        ("1/3", "0.333", None, False),
        ("1/3", "0.333", "abs:0.001", True),
        ("0", "0.0005", "rel:0.001", True),  # relative to zero falls back to absolute
        ("10^50", "10^50 + 1", "rel:1e-9", True),
        ("10^50", "10^50 + 1", None, False),
        ("1+2i", "(1+i)^2 + 1", None, True),
        ("1+2i", "1-2i", None, False),
        ("(1+sqrt(2))^2", "3 + 2√2", None, True),
        ("sqrt(8)", "2√2", None, True),
        ("pi", "3.14159", "dp:4", True),
        ("pi", "3.14", "dp:4", False),
    ],
)
def test_grade_expression(expected, answer, tol, correct):
    verdict = grade_expression(expected, answer, tol)
    assert verdict.correct is correct, verdict
    assert verdict.error is None
    assert verdict.interpreted_as


def test_unreadable_answer_gives_error_fast():
    start = time.perf_counter()
    verdict = grade_expression("19", "9**9**9**9")
    assert time.perf_counter() - start < 1.0
    assert not verdict.correct
    assert verdict.error and "exponent" in verdict.error
    assert verdict.interpreted_as == ""
    assert verdict.feedback.startswith("Could not read your answer:")


def test_bad_expected_is_an_author_error():
    with pytest.raises(ValueError, match="expected answer"):
        grade_expression("2 +", "2")
    with pytest.raises(ValueError, match="tolerance"):
        grade_expression("2", "2", "nearly")


def test_expected_with_names_and_functions():
    names = {"A": A, "B": B}
    assert grade_expression("(A*B)[1,1]", "19", names=names).correct
    assert grade_expression("det(A)", "-2", names=names).correct
    assert grade_expression("A*B", "[[19, 22], [43, 50]]", names=names).correct
    assert grade_expression("inv(A)", "[-2, 1; 1.5, -0.5]", names=names).correct
    # the learner cannot lean on the names unless the author allows it
    assert grade_expression("A*B", "A*B", names=names).error is not None
    assert grade_expression("A*B", "A*B", names=names, answer_names=names).correct


def test_symbolic_expressions():
    assert grade_expression("2x*e^(x^2)", "2x exp(x²)", symbols=("x",)).correct
    assert grade_expression("cos(x)^2", "1 - sin(x)^2", symbols=("x",)).correct
    assert not grade_expression("x^2", "x^3", symbols=("x",)).correct
    assert grade_expression("x/3", "0.3333x", "rel:0.001", symbols=("x",)).correct


# -- matrices: entries, shapes -----------------------------------------------------------------


def test_wrong_entries_are_named_without_revealing_values():
    verdict = grade_expression("[[19, 22], [43, 50]]", "[[19, 23], [42, 50]]")
    assert not verdict.correct
    assert verdict.wrong_entries == ("(1,2)", "(2,1)")
    assert "(1,2) and (2,1)" in verdict.feedback
    assert "22" not in verdict.feedback and "43" not in verdict.feedback


def test_wrong_vector_entry():
    verdict = grade_expression("[1, 2, 3]", "[1, 5, 3]")
    assert verdict.wrong_entries == ("2",)
    assert "Entry 2" in verdict.feedback


def test_all_entries_wrong():
    verdict = grade_expression("[1, 2; 3, 4]", "[5, 6; 7, 8]")
    assert "None of the 4 entries" in verdict.feedback


def test_shape_mismatch_feedback():
    verdict = grade_expression("[1, 2; 3, 4]", "[1, 2, 3; 4, 5, 6]")
    assert verdict.feedback == "Expected a 2×2 matrix, but you gave a 2×3 matrix."
    verdict = grade_expression("[1, 2, 3]", "5")
    assert "vector with 3 entries" in verdict.feedback and "single number" in verdict.feedback
    verdict = grade_expression("7", "[7, 7]")
    assert "single number" in verdict.feedback


def test_orientation_and_one_by_one_are_lenient():
    assert grade_expression("[1, 2]", "[[1, 2]]").correct
    assert grade_expression("3", "[3]").correct


def test_matrix_tolerance_entrywise():
    assert grade_expression("[sqrt(2), 1/3]", "[1.414, 0.333]", "dp:2").correct
    assert not grade_expression("[sqrt(2), 1/3]", "[1.414, 0.3]", "dp:2").correct


def test_compare_reveal_option():
    result = compare(sp.Matrix([[1, 22]]), sp.Matrix([[1, 23]]), reveal=True)
    assert "entry 2 is 23, expected 22" in result.feedback.lower()


# -- grade_value ----------------------------------------------------------------------------------


def test_grade_value_known_wrong_answer():
    wrong = [(sp.Integer(23), "You took R1·C2 instead of R1·C1.")]
    verdict = grade_value(sp.Integer(19), "23", wrong_answers=wrong)
    assert not verdict.correct and verdict.feedback == "You took R1·C2 instead of R1·C1."
    assert grade_value(sp.Integer(19), "19", wrong_answers=wrong).correct


def test_grade_value_known_wrong_answer_uses_tolerance():
    wrong = [(sp.sqrt(3), "That is √3, not √2.")]
    verdict = grade_value(sp.sqrt(2), "1.732", "rel:0.001", wrong_answers=wrong)
    assert verdict.feedback == "That is √3, not √2."


def test_grade_value_known_wrong_matrix():
    wrong = [(A.T, "You transposed it.")]
    assert grade_value(A, "[1, 3; 2, 4]", wrong_answers=wrong).feedback == "You transposed it."


def test_correct_feedback_mentions_exact_value_for_decimals():
    verdict = grade_value(sp.sqrt(2), "1.4142", "dp:3")
    assert verdict.correct and "√2" in verdict.feedback
    exact = grade_value(sp.sqrt(2), "√2")
    assert exact.correct and "√2" not in exact.feedback


def test_exact_mode_hint_for_close_decimals():
    verdict = grade_value(sp.Rational(1, 3), "0.3333")
    assert not verdict.correct and "exact value" in verdict.feedback


def test_grade_value_with_symbols_and_python_values():
    assert grade_value(2 * x, "x + x", symbols=("x",)).correct
    real_x = sp.Symbol("x", real=True)
    assert grade_value(real_x**2, "x^2", symbols=("x",)).correct
    assert grade_value(7, "7").correct
    assert grade_value([[1, 2], [3, 4]], "[1 2; 3 4]").correct


def test_verdict_to_dict():
    verdict = grade_expression("2", "3")
    data = verdict.to_dict()
    assert {"correct", "interpreted_as", "feedback", "error"} <= set(data)
    assert data["correct"] is False
    assert isinstance(verdict, Verdict)


# -- preview ----------------------------------------------------------------------------------------


def test_preview():
    assert preview("11/5") == "reads as: 11/5 = 2.2"
    assert preview("5√2") == "reads as: 5√2 ≈ 7.0711"
    assert preview("2 +").startswith("⚠ ")
    assert preview("") == ""
    assert preview("A", names={"A": A}) == "reads as: A = 2×2 matrix [[1, 2], [3, 4]]"


def test_importing_grading_does_not_load_sympy():
    code = (
        "import sys, linalg_tutor.grading, linalg_tutor.grading.functions, linalg_tutor.grading.compare\n"
        "print('sympy' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


def test_a_flipped_sign_is_named():
    from linalg_tutor.grading.grader import grade_expression

    verdict = grade_expression("sqrt(2)", "-1.414", "rel:0.001")
    assert not verdict.correct and "sign is wrong" in verdict.feedback
    verdict = grade_expression("[[1,-2],[3,4]]", "[[-1,2],[-3,-4]]")
    assert not verdict.correct and "opposite sign" in verdict.feedback
    verdict = grade_expression("0", "-0.5")  # nothing to flip
    assert "sign" not in verdict.feedback
