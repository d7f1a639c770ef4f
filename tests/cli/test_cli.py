"""The command line: exit codes and output of check, grade, validate and steps."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from linalg_tutor.cli import main

REPO = Path(__file__).resolve().parents[2]


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_check_right_and_wrong(capsys):
    code, out, _ = run(capsys, "check", "0.1", "19")
    assert code == 0 and "✓ Correct" in out and "read as: 19" in out
    code, out, _ = run(capsys, "check", "0.1", "20")
    assert code == 1 and "✗" in out and "Hint 1 of" in out


def test_check_wrong_answer_gets_targeted_feedback(capsys):
    code, out, _ = run(capsys, "check", "0.1", "22", "--json")  # C₁₂ instead of C₁₁
    data = json.loads(out)
    assert code == 1 and data["correct"] is False and data["feedback"]
    assert "C₁₂" in data["feedback"] or "column 2" in data["feedback"]


def test_check_hostile_input_runs_nothing(capsys, tmp_path):
    marker = tmp_path / "pwned"
    code, out, err = run(capsys, "check", "0.1", f"__import__('os').system('touch {marker}')")
    assert code == 2 and "Could not read" in err
    assert not marker.exists()


def test_check_json_shape(capsys):
    code, out, _ = run(capsys, "check", "0.5", "−14", "--json")
    data = json.loads(out)
    assert code == 0
    assert {"correct", "interpreted_as", "feedback", "error"} <= set(data)
    assert data["correct"] is True and data["error"] is None and "14" in data["interpreted_as"]


def test_check_unknown_id(capsys):
    code, _, err = run(capsys, "check", "0.99", "1")
    assert code == 2 and "no exercise with id" in err


def test_check_choice_question(capsys):
    from linalg_tutor.content.loader import load_course

    course = load_course(REPO)
    choice = next(e for e in course.exercises if e.answer.kind == "choice")
    code, _, _ = run(capsys, "check", choice.id, str(choice.answer.correct))
    assert code == 0
    wrong = 1 if choice.answer.correct != 1 else 2
    code, _, _ = run(capsys, "check", choice.id, str(wrong))
    assert code == 1


def test_check_record_saves_progress(capsys, tmp_path):
    progress = tmp_path / "mine"
    code, _, _ = run(capsys, "check", "0.1", "19", "--record", "--progress-dir", str(progress))
    assert code == 0
    data = json.loads((progress / "progress.json").read_text())
    assert data["schema_version"] == 2
    attempts = [json.loads(line) for line in (progress / "progress.attempts.jsonl").read_text().splitlines()]
    assert [a["exercise_id"] for a in attempts] == ["0.1"]
    assert attempts[0]["source"] == "cli"


def test_check_without_record_saves_nothing(capsys, tmp_path):
    run(capsys, "check", "0.1", "19", "--progress-dir", str(tmp_path / "p"))
    assert not (tmp_path / "p" / "progress.json").exists()


@pytest.mark.parametrize(("answer", "tol", "code"), [
    ("2^(1/2)", None, 0),
    ("1.414", "rel:0.001", 0),
    ("1.5", "rel:0.001", 1),
    ("√2", None, 0),
    ("1.414", None, 1),
])
def test_grade_sqrt2(capsys, answer, tol, code):
    argv = ["grade", "--expected", "sqrt(2)", "--answer", answer] + (["--tol", tol] if tol else [])
    assert run(capsys, *argv)[0] == code


@pytest.mark.parametrize(("answer", "code"), [("1.44", 0), ("1.438", 0), ("1.43", 1)])
def test_grade_decimal_places(capsys, answer, code):
    assert run(capsys, "grade", "--expected", "(7-sqrt(17))/2", "--answer", answer, "--tol", "dp:2")[0] == code


def test_grade_json_reports_interpretation(capsys):
    code, out, _ = run(capsys, "grade", "--expected", "2.2", "--answer", "11/5", "--json")
    data = json.loads(out)
    assert code == 0 and data["correct"] is True
    assert "11/5" in data["interpreted_as"] and "2.2" in data["interpreted_as"]


def test_grade_power_tower_is_refused_fast():
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "linalg_tutor", "grade", "--expected", "1",
                             "--answer", "9**9**9**9", "--json"], capture_output=True, text=True, timeout=30)
    elapsed = time.perf_counter() - start
    assert result.returncode == 2
    assert json.loads(result.stdout)["error"]
    assert elapsed < 10  # generous: includes interpreter start-up; the refusal itself is instant


def test_grade_bad_tolerance(capsys):
    code, _, err = run(capsys, "grade", "--expected", "1", "--answer", "1", "--tol", "nearly")
    assert code == 2 and "tol" in err.lower()


def test_validate_real_course(capsys):
    code, out, _ = run(capsys, "validate")
    assert code == 0 and out.startswith("OK:")


def test_validate_broken_course(capsys, course_copy):
    path = course_copy / "exercises" / "workbook-0.yaml"
    path.write_text(path.read_text().replace("    hints:", "    hintz: []\n    hints:", 1))
    code, out, _ = run(capsys, "validate", str(course_copy))
    assert code == 1
    first = out.splitlines()[0]
    assert first.startswith(f"{path}:") and "unknown key `hintz`" in first


def test_version_and_module_entry_point():
    result = subprocess.run([sys.executable, "-m", "linalg_tutor", "--version"], capture_output=True, text=True)
    assert result.returncode == 0 and result.stdout.startswith("linalg-tutor ")


def test_every_subcommand_has_help():
    for command in ("check", "grade", "validate", "steps"):
        result = subprocess.run([sys.executable, "-m", "linalg_tutor", command, "--help"],
                                capture_output=True, text=True)
        assert result.returncode == 0, command
        assert "usage:" in result.stdout
    steps_help = subprocess.run([sys.executable, "-m", "linalg_tutor", "steps", "--help"],
                                capture_output=True, text=True).stdout
    assert "det" in steps_help and "inverse" in steps_help and "eigen" in steps_help


def test_check_negative_answer_needs_no_double_dash(capsys):
    code, out, _ = run(capsys, "check", "0.5", "-14")
    assert code == 0, out
    code, out, _ = run(capsys, "check", "0.5", "-3/4", "--json")
    assert code == 1 and json.loads(out)["correct"] is False


def test_show_and_check_with_a_seed(capsys):
    code, out, _ = run(capsys, "show", "0.5", "--seed", "7", "--json")
    data = json.loads(out)
    assert code == 0 and data["seed"] == 7 and data["kind"] == "value" and data["varies"]
    (a, b), (c, d) = data["given"]["A"]
    code, out, _ = run(capsys, "check", "0.5", str(a * d - b * c), "--seed", "7")
    assert code == 0, out
    code, _, _ = run(capsys, "check", "0.5", str(a * d - b * c + 1), "--seed", "7")
    assert code == 1


def test_show_prints_code_with_line_numbers_and_items_with_letters(capsys):
    code, out, _ = run(capsys, "show", "5.6")
    assert code == 0 and "6 │     grad = 2 * (A @ r)" in out
    code, out, _ = run(capsys, "show", "9.6")
    assert code == 0 and "  A. " in out and "  E. " in out and "check 9.6" in out


def test_check_line_and_order_kinds(capsys):
    assert run(capsys, "check", "5.6", "6")[0] == 0
    assert run(capsys, "check", "5.6", "3")[0] == 1
    code, out, _ = run(capsys, "check", "9.6", "A,B,C,D,E", "--json")
    data = json.loads(out)
    assert code == 1 and 0 <= data["score"] < 1 and len(data["details"]) == 5
    assert run(capsys, "check", "9.6", "A,B")[0] == 2


def test_grade_expressions_in_variables(capsys):
    assert run(capsys, "grade", "--expected", "2*x*y+3*y^2", "--answer", "3y^2+2xy")[0] == 0
    assert run(capsys, "grade", "--expected", "(x-1)^2", "--answer", "x^2-2*x+1")[0] == 0
    assert run(capsys, "grade", "--expected", "(x-1)^2", "--answer", "x^2-2*x-1")[0] == 1


def test_a_calculation_typed_for_a_value_is_refused(capsys):
    code, _, err = run(capsys, "check", "0.5", "3*6-8*4")
    assert code == 2 and "not the calculation" in err
