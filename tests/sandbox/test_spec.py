"""Build exercise data to test cases; validate's check of reference solutions."""

from __future__ import annotations

from pathlib import Path

import yaml

from linalg_tutor.sandbox import Case, cases_from_answer, check_answer, run_answer

REPO = Path(__file__).resolve().parents[2]

# The data of exercise 2.5 (eigenvalues of a 2×2, complex pairs written as text).
EIGEN = {
    "kind": "code",
    "function": "eigenvalues2x2",
    "starter": "def eigenvalues2x2(A):\n    ...\n",
    "solution": (
        "import math\n\n"
        "def eigenvalues2x2(A):\n"
        "    (a, b), (c, d) = A\n"
        "    tr, det = a + d, a * d - b * c\n"
        "    disc = tr * tr - 4 * det\n"
        "    if disc >= 0:\n"
        "        root = math.sqrt(disc)\n"
        "        return [(tr + root) / 2, (tr - root) / 2]\n"
        "    root = math.sqrt(-disc)\n"
        "    return [complex(tr / 2, root / 2), complex(tr / 2, -root / 2)]\n"
    ),
    "tests": [
        {"args": [[[4, 1], [2, 3]]], "expect": [5.0, 2.0]},
        {"args": [[[2, 1], [0, 2]]], "expect": [2.0, 2.0]},
        {"args": [[[0, -1], [1, 0]]], "expect": ["1j", "-1j"]},
    ],
    "hidden_tests": [
        {"args": [[[3, -5], [1, 1]]], "expect": ["2+2j", "2-2j"]},
        {"args": [[[0.5, 0.25], [0.25, 0.5]]], "expect": [0.75, 0.25], "tolerance": "rel:1e-12"},
    ],
}


def test_cases_keep_order_hidden_flag_raises_and_tolerance():
    cases = cases_from_answer({"tests": [{"args": [1], "expect": 2}],
                               "hidden_tests": [{"args": [[]], "raises": "ValueError", "tolerance": "dp:2"}]})
    assert cases == [Case([1], 2), Case([[]], None, raises="ValueError", hidden=True, tolerance="dp:2")]


def test_reference_solutions_pass_and_starters_do_not():
    assert check_answer(EIGEN) == []
    workbook = yaml.safe_load((REPO / "exercises" / "workbook-0.yaml").read_text(encoding="utf-8"))
    matmul = next(e for e in workbook["exercises"] if e["id"] == "0.7")["answer"]
    assert check_answer(matmul) == []


def test_a_broken_reference_solution_is_reported():
    broken = dict(EIGEN, solution=EIGEN["solution"].replace("-root / 2", "root / 2"))
    problems = check_answer(broken)
    assert problems == [
        "the reference solution fails test 3 ([[0, -1], [1, 0]]): 1j ≠ -1j at [1]",
        "the reference solution fails hidden test 4 ([[3, -5], [1, 1]]): 2+2j ≠ 2-2j at [1]",
    ]
    assert check_answer(dict(EIGEN, starter=EIGEN["solution"])) == ["the starter code already passes every test"]
    assert check_answer(dict(EIGEN, solution="def eigenvalues2x2(A)\n")) == [
        "the reference solution does not run: Syntax error on line 1: expected ':'\n"
        "    def eigenvalues2x2(A)\n"
        "                         ^"]


def test_complex_results_show_and_compare_as_numbers():
    report = run_answer(EIGEN, "import cmath\ndef eigenvalues2x2(A):\n"
                               "    (a, b), (c, d) = A\n    r = cmath.sqrt((a + d) ** 2 - 4 * (a * d - b * c))\n"
                               "    return [(a + d + r) / 2, (a + d - r) / 2]\n")
    first, rotation = report.cases[0], report.cases[2]
    assert first.error == "expected a real number at [0], got the complex 5+0j"
    assert rotation.passed
    assert rotation.expected_text == rotation.got_text == "[1j, -1j]"


def test_plain_text_report_and_exit_codes():
    from linalg_tutor.sandbox import format_report

    report = run_answer(EIGEN, "def eigenvalues2x2(A):\n    return [5.0, 2.0]\n")
    text = format_report(report, "eigenvalues2x2")
    assert text.splitlines()[:4] == [
        "1 of 5 tests pass.",
        "✓ test 1  eigenvalues2x2([[4, 1], [2, 3]])",
        "    [5.0, 2.0]",
        "✗ test 2  eigenvalues2x2([[2, 1], [0, 2]])",
    ]
    assert "✗ test 4 (hidden)  eigenvalues2x2([[3, -5], [1, 1]])" in text
    assert "    expected [2+2j, 2-2j]" in text
    assert report.exit_code == 1
    assert run_answer(EIGEN, EIGEN["solution"]).exit_code == 0
    assert run_answer(EIGEN, "def eigenvalues(A):\n    pass\n").exit_code == 2
    assert run_answer(EIGEN, "def eigenvalues2x2(A) pass\n").exit_code == 2
