"""Full validation of a content folder: structure (the loader) plus the mathematics.

The loader's checks are cheap and run every time the tutor starts. The checks here evaluate
each exercise's ``compute`` expression, cross-check stated ``literal`` answers, make sure no
"known wrong" answer is actually right and that every step-engine derivation runs. They need
SymPy, so they run in ``linalg-tutor validate``, in the test suite, and in the background of the app.
"""

from __future__ import annotations

from pathlib import Path

from linalg_tutor.content.loader import Course, Problem, load_course


def validate(root: Path) -> tuple[Course, list[Problem]]:
    """Load ``root`` and return the course with every problem found, structural and mathematical."""
    course = load_course(root)
    return course, course.problems + math_problems(course)


def math_problems(course: Course) -> list[Problem]:
    """Problems in the exercises' mathematics, located at each exercise's line."""
    from linalg_tutor.grading.exercise import check_exercise

    out = []
    for exercise in course.exercises:
        for message in check_exercise(exercise):
            out.append(course.problem(exercise.id, f"exercise {exercise.id}: {message}"))
    return out
