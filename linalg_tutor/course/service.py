"""Load the course with its answer kinds, grade answers, derive an exercise's steps.

Front ends call these three and nothing deeper: a verdict always comes back as a
:class:`~linalg_tutor.grading.verdict.Verdict` (never an exception for anything a learner
types), and an author's mistake as a :class:`ContentError` that names the exercise.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from linalg_tutor.course.given import ContentError
from linalg_tutor.course.instance import ExerciseInstance, instantiate

if TYPE_CHECKING:  # pragma: no cover
    from linalg_tutor.content.loader import Course
    from linalg_tutor.grading.verdict import Verdict
    from linalg_tutor.steps.derivation import Derivation

__all__ = ["ContentError", "ExerciseInstance", "derive", "grade", "instantiate", "load"]

#: Longest answer text looked at (code answers are longer than typed values).
MAX_ANSWER_CHARS = 100_000


def load(root: Path | None = None) -> "Course":
    """The course in ``root`` (default: the installed course), answers checked against their kinds."""
    from linalg_tutor.content.loader import load_course
    from linalg_tutor.course import kinds
    from linalg_tutor.paths import content_dir

    return load_course(root if root is not None else content_dir(), kinds=kinds.specs())


def grade(instance: ExerciseInstance, text: str) -> "Verdict":
    """Judge ``text`` as an answer to ``instance``, within :data:`~.deadline.ANSWER_SECONDS`.
    Never raises for learner text.

    Raises:
        ContentError: the exercise's own data is broken (an author error).
    """
    from linalg_tutor.grading.verdict import Verdict

    if not isinstance(text, str) or not text.strip():
        return Verdict.unreadable("the answer is empty", "Type an answer first.")
    if len(text) > MAX_ANSWER_CHARS:
        return Verdict.unreadable(f"the answer is {len(text):,} characters long; the limit is {MAX_ANSWER_CHARS:,}")
    from linalg_tutor.course.deadline import ANSWER_SECONDS, TookTooLong, within

    kind = instance.kind
    try:
        if kind.from_file:
            return kind.grade(instance, text)  # code runs in the sandbox, under its own time limit
        return within(ANSWER_SECONDS, lambda: kind.grade(instance, text))
    except TookTooLong:
        return Verdict.unreadable("this took too long to check; nothing was recorded",
                                  "This took too long to check, so nothing was recorded. Write the value more "
                                  "simply (the number itself, not a calculation that leads to it).")
    except ContentError:
        raise
    except RecursionError:
        return Verdict.unreadable("this answer is nested too deeply to judge")
    except Exception as exc:  # noqa: BLE001 - a learner must never meet a traceback
        return Verdict.unreadable(f"this answer could not be judged ({type(exc).__name__}); nothing was recorded")


def derive(instance: ExerciseInstance) -> "Derivation | None":
    """The step engine's derivation on the instance's data, when the exercise names one.

    The engine's inputs keep the exercise's own names (exercise 0.6's matrix is B, not A).
    """
    call = instance.exercise.derivation.engine
    if call is None:
        return None
    from linalg_tutor.steps import registry

    missing = [a for a in call.args if a not in instance.values]
    if missing:
        raise ContentError(f"derivation.engine uses {', '.join(missing)}, which is not in `given`")
    op = registry.get(call.op)
    return op.func(*[instance.values[a] for a in call.args])


def renaming_note(instance: ExerciseInstance) -> str:
    """The engine names its inputs by slot (A, B, u …); which of the exercise's values is which."""
    from linalg_tutor.steps import registry

    call = instance.exercise.derivation.engine
    if call is None:
        return ""
    slots = [slot.name for slot in registry.get(call.op).inputs]
    pairs = [f"{slot} is this exercise's {arg}" for slot, arg in zip(slots, call.args) if slot != arg]
    return f"(Below, {'; '.join(pairs)}.)\n" if pairs else ""
