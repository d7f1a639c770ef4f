"""Every answer kind, judged through the course layer on the real course's exercises."""

from __future__ import annotations

import pytest

from linalg_tutor.course import kinds
from linalg_tutor.course.service import grade, instantiate, load

COURSE = load()


def verdict(exercise_id: str, text: str, seed: int = 0):
    return grade(instantiate(COURSE.exercise(exercise_id), seed), text)


def test_every_kind_is_registered_with_its_parts():
    names = {k.name for k in kinds.all_kinds()}
    assert {"value", "expression", "direction", "choice", "line", "order", "code"} <= names
    for kind in kinds.all_kinds():
        assert kind.spec.model_fields["kind"] and kind.encoding and callable(kind.grade)


def test_every_exercise_of_the_course_has_a_registered_kind():
    assert not COURSE.problems, COURSE.problems
    used = {ex.answer.kind for ex in COURSE.exercises}
    assert used <= {k.name for k in kinds.all_kinds()}


def exercise(answer: dict, given: dict | None = None, **extra):
    """A one-off exercise, validated through the loader's own path (content model + kind model)."""
    from linalg_tutor.content.models import Exercise

    data = {"id": "L8.px", "lesson": 8, "type": "derive", "title": "t", "prompt": "p", "given": given or {},
            "answer": answer, "hints": ["h"], "derivation": {"text": "d"}}
    ex = Exercise.model_validate({**data, **extra})
    return ex.model_copy(update={"answer": kinds.get(answer["kind"]).spec.model_validate(answer)})


# ---- value: an answer, not a calculation ------------------------------------------------------


@pytest.mark.parametrize("text", ["3*6-8*4", "18 - 32", "3·6 − 8·4"])
def test_a_calculation_is_not_an_answer(text):
    v = verdict("0.5", text)
    assert v.error and not v.correct and "not the calculation" in v.error


def test_numbers_as_people_write_them():
    assert verdict("L1.check", "8,388,608").correct
    assert verdict("L1.check", "8 388 608").correct
    assert verdict("L1.check", "8388608").correct
    assert verdict("L1.check", "16*8*256*256").error


def test_a_shape_is_part_of_the_answer():
    v = verdict("0.5", "[-14]")
    assert v.error and "single number" in v.error


def test_look_alike_characters_are_read():
    assert verdict("0.1", "１９").correct  # full-width digits
    assert verdict("0.1", "19\u200b").correct  # a zero-width space


# ---- expression -----------------------------------------------------------------------------


def test_expression_accepts_equivalent_forms_and_reads_variables():
    ex = exercise({"kind": "expression", "variables": ["x", "y"], "compute": "2*x*y + 3*y^2",
                   "wrong": [{"compute": "2*x*y + 3*y", "feedback": "The square of y is missing."}]})
    instance = instantiate(ex)
    assert grade(instance, "3y^2+2xy").correct
    assert grade(instance, "3y²+2xy").correct
    assert grade(instance, "y(2x + 3y)").correct
    slip = grade(instance, "2xy + 3y")
    assert not slip.correct and slip.feedback == "The square of y is missing."
    assert grade(instance, "2xz").error  # z is not a variable of this exercise


def test_expression_vectors_compare_entry_by_entry():
    ex = exercise({"kind": "expression", "variables": ["x", "y"], "compute": "[2*x*y + 3*y^2, x^2 + 6*x*y]"})
    instance = instantiate(ex)
    assert grade(instance, "[3y^2 + 2xy, x^2 + 6xy]").correct
    wrong = grade(instance, "[3y^2 + 2xy, x^2 + 6y]")
    assert not wrong.correct and wrong.wrong_entries == ("2",)
    assert grade(instance, "(x-1)^2").error  # a number where a vector is asked for


def test_direction_is_right_up_to_scale_and_never_zero():
    ex = exercise({"kind": "direction", "compute": "[1, -1]",
                   "wrong": [{"compute": "[1, 1]", "feedback": "That is the other eigenvector."}]})
    instance = instantiate(ex)
    for text in ("[1, -1]", "[2, -2]", "[-3, 3]", "[1/2, -1/2]", "[√2, -√2]"):
        assert grade(instance, text).correct, text
    zero = grade(instance, "[0, 0]")
    assert not zero.correct and "zero vector" in zero.feedback
    other = grade(instance, "[5, 5]")
    assert not other.correct and other.feedback == "That is the other eigenvector."
    assert not grade(instance, "[1, -2]").correct
    assert grade(instance, "[1, -1, 0]").feedback.startswith("The answer has 2 entries")


def test_a_slip_equal_to_the_answer_or_of_another_shape_is_an_author_problem():
    from linalg_tutor.course.validate import check_exercise

    same = exercise({"kind": "value", "compute": "2+2", "wrong": [{"value": 4, "feedback": "x"}]})
    assert "equals the right answer" in check_exercise(same)[0]
    shape = exercise({"kind": "value", "compute": "2+2", "wrong": [{"value": [4, 0], "feedback": "x"}]})
    assert "another shape" in check_exercise(shape)[0]


# ---- choice, line, order --------------------------------------------------------------------


@pytest.mark.parametrize("text", ["²", "9" * 5000, "", "  "])
def test_odd_choice_answers_are_unreadable_not_crashes(text):
    v = verdict("L0.check", text)
    assert v.error and not v.correct


def test_line_pick_right_wrong_and_out_of_range():
    assert verdict("5.6", "6").correct
    assert verdict("5.6", "line 6").correct
    wrong = verdict("5.6", "3")
    assert not wrong.correct and not wrong.error and "prediction" in wrong.feedback
    assert verdict("5.6", "99").error


def test_order_full_partial_and_malformed():
    from linalg_tutor.course.kinds.order import labelled

    instance = instantiate(COURSE.exercise("9.6"))
    letter = {item: letter for letter, item in labelled(instance)}
    right = [letter[item] for item in instance.answer.items]
    v = grade(instance, ",".join(right))
    assert v.correct and v.score == 1.0 and all(d.correct for d in v.details)
    swapped = right[:]
    swapped[0], swapped[1] = swapped[1], swapped[0]
    partial = grade(instance, " ".join(swapped))
    assert not partial.correct and partial.score == pytest.approx(3 / 5)
    assert "Positions 3, 4, 5 are right" in partial.feedback
    assert [d.correct for d in partial.details] == [False, False, True, True, True]
    assert grade(instance, "A,B").error and "missing" in grade(instance, "A,B").error
    assert grade(instance, "A,A,B,C,D").error
    assert grade(instance, "Z,A,B,C,D").error


def test_order_is_shown_shuffled_never_in_the_right_order():
    from linalg_tutor.course.kinds.order import labelled

    instance = instantiate(COURSE.exercise("9.6"))
    shown = [item for _, item in labelled(instance)]
    assert sorted(shown) == sorted(instance.answer.items) and shown != list(instance.answer.items)
    assert shown == [item for _, item in labelled(instance)]  # the same every time


def test_code_answers_run_against_the_tests_in_the_sandbox():
    solution = COURSE.exercise("0.7").answer.solution
    right = verdict("0.7", solution)
    assert right.correct and right.score == 1.0 and all(d.correct for d in right.details)
    assert any(d.label.startswith("hidden") for d in right.details)
    wrong = verdict("0.7", "def matmul(A, B):\n    return A\n")
    assert not wrong.correct and not wrong.error and wrong.score == 0.0
    assert "expected [[19, 22], [43, 50]]" in wrong.details[0].note
    broken = verdict("0.7", "def matmul(A, B)\n    return A\n")
    assert broken.error and "line 1" in broken.feedback.lower()
    missing = verdict("0.7", "def other(A, B):\n    return A\n")
    assert missing.error and "matmul" in missing.feedback


def test_validate_runs_each_build_exercises_reference_solution():
    from linalg_tutor.course.validate import check_exercise

    builds = [ex for ex in COURSE.exercises if ex.answer.kind == "code"]
    assert builds
    for ex in builds:
        assert check_exercise(ex) == [], ex.id
    broken = exercise({"kind": "code", "function": "f", "solution": "def f(x):\n    return x + 1\n",
                       "tests": [{"args": [1], "expect": 3}]}, type="build")
    assert "the reference solution fails test 1" in check_exercise(broken)[0]
