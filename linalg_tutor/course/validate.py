"""Full validation of a content folder: structure (the loader) plus the mathematics.

The loader's checks are cheap and run every time the tutor starts. The checks here evaluate
each exercise's expected answer from its data, cross-check stated ``literal`` answers, make
sure no "known wrong" answer is actually right and that every step-engine derivation runs —
for the data as written and, for an exercise that varies, for many seeds. They need SymPy,
so they run in ``linalg-tutor validate``, in the test suite, and in the background of the app.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from linalg_tutor.content.loader import Course, Problem

if TYPE_CHECKING:  # pragma: no cover
    from linalg_tutor.content.models import Exercise

#: Seeds each varying exercise is instantiated with by ``validate``.
VARIANT_SEEDS = 200
#: Of those, how many also fill every template and run the step engine (the costly part).
FULL_SEEDS = 10


def validate(root: Path, seeds: int = VARIANT_SEEDS) -> tuple[Course, list[Problem]]:
    """Load ``root`` and return the course with every problem found, structural and mathematical."""
    from linalg_tutor.course.service import load

    course = load(root)
    return course, course.problems + math_problems(course, seeds)


def math_problems(course: Course, seeds: int = VARIANT_SEEDS) -> list[Problem]:
    """Problems in the exercises' mathematics, located at each exercise's entry."""
    out = []
    for exercise in course.exercises:
        for message in check_exercise(exercise, seeds):
            out.append(course.problem(exercise.id, f"exercise {exercise.id}: {message}"))
    return out


def check_exercise(exercise: "Exercise", seeds: int = VARIANT_SEEDS) -> list[str]:
    """Every problem with one exercise: its data as written fully, then each seed's instance.

    An instance for a seed other than 0 is fair by construction (its numbers are redrawn until
    no named slip is graded right), so for those seeds the question is whether one is found at
    all; the first few also fill every template and run the step engine.
    """
    problems = _check_instance(exercise, 0, full=True)
    if problems or not exercise.varies:
        return problems
    for seed in range(1, seeds + 1):
        found = _check_instance(exercise, seed, full=seed <= FULL_SEEDS)
        if found:
            return [p if p.startswith("seed ") else f"seed {seed}: {p}" for p in found]
    return []


def _check_instance(exercise: "Exercise", seed: int, full: bool) -> list[str]:
    from linalg_tutor.course.given import ContentError
    from linalg_tutor.course.instance import instantiate
    from linalg_tutor.course.service import derive

    try:
        instance = instantiate(exercise, seed)
        if full:
            instance.texts()
    except ContentError as exc:
        return [str(exc)]
    problems = list(instance.kind.check(instance)) if seed == 0 else []
    if full and exercise.derivation.engine is not None:
        try:
            derive(instance)
        except KeyError as exc:
            problems.append(f"derivation.engine: {exc.args[0]}")
        except ContentError as exc:
            problems.append(str(exc))
        except Exception as exc:  # noqa: BLE001 - an engine failure on author data is a content problem
            problems.append(f"derivation.engine {exercise.derivation.engine.op}: {exc}")
    return problems
