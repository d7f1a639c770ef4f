"""Fresh numbers on demand: seeded instances, templates, fairness, and validate over seeds."""

from __future__ import annotations

from linalg_tutor.course.service import grade, instantiate, load
from linalg_tutor.course.validate import check_exercise

COURSE = load()
VARYING = [ex for ex in COURSE.exercises if ex.varies]


def test_at_least_five_workbook_exercises_vary_including_0_5():
    ids = {ex.id for ex in VARYING if ex.is_workbook}
    assert "0.5" in ids and len(ids) >= 5


def test_seed_zero_is_the_data_as_written():
    ex = COURSE.exercise("0.5")
    instance = instantiate(ex, 0)
    assert instance.data == ex.given
    assert "3·6 − 8·4" in instance.derivation_text and "= −14" in instance.derivation_text


def test_a_seed_names_the_same_numbers_every_time_and_seeds_differ():
    ex = COURSE.exercise("0.5")
    a, b = instantiate(ex, 7), instantiate(ex, 7)
    assert a.data == b.data
    assert len({str(instantiate(ex, s).data) for s in range(1, 21)}) > 15


def test_each_instance_is_graded_against_its_own_numbers():
    ex = COURSE.exercise("0.5")
    instance = instantiate(ex, 7)
    A = instance.values["A"]
    det = A[0, 0] * A[1, 1] - A[0, 1] * A[1, 0]
    assert grade(instance, str(det)).correct
    assert not grade(instantiate(ex, 0), str(det)).correct or det == -14
    # the templated hint shows this instance's numbers
    assert f"a = {instance.data['A'][0][0]}".replace("-", "−") in instance.hints[1]


def test_no_instance_grades_a_named_slip_right():
    # 0.4 once had a matrix whose anti-diagonal also summed to the trace: the commonest slip
    # graded right. Every instance must keep trace, anti-diagonal, row 1 and column 1 apart.
    ex = COURSE.exercise("0.4")
    for seed in range(0, 60):
        M = instantiate(ex, seed).values["M"]
        sums = {M.trace(), M[0, 2] + M[1, 1] + M[2, 0], sum(M.row(0)), sum(M.col(0))}
        assert len(sums) == 4, (seed, M)


def test_validate_checks_every_varying_exercise_over_many_seeds():
    for ex in VARYING:
        assert check_exercise(ex, seeds=40) == [], ex.id
