"""An exercise made concrete: its data for one seed, its text filled in, ready to grade.

``instantiate(exercise, 0)`` is the exercise as written; another seed draws fresh numbers for
every value the exercise's ``vary:`` names. The prompt, hints, derivation text, explanation and
feedback are templates (``{{A[1,1]}}``) filled from the instance's data, and the expected and
known-wrong answers and the engine derivation are computed from it, so every instance is as
trustworthy as the original.
"""

from __future__ import annotations

from collections import OrderedDict
from functools import cached_property
from typing import TYPE_CHECKING, Any, Mapping

from linalg_tutor.course.given import ContentError, fill, given_values

if TYPE_CHECKING:  # pragma: no cover
    from linalg_tutor.content.models import AnswerSpec, Exercise
    from linalg_tutor.course.kinds import AnswerKind

#: Redraws allowed when an instance's numbers make it unfair (a slip graded right).
_REDRAWS = 25
#: Instances kept in memory (they hold SymPy values; the same few are asked for repeatedly).
_CACHE_SIZE = 256
_cache: "OrderedDict[tuple[int, str, int], ExerciseInstance]" = OrderedDict()


class ExerciseInstance:
    """One exercise with one seed's data. Immutable; compare by ``(id, seed)``.

    Attributes:
        exercise: The exercise as loaded.
        seed: 0 for the data as written; another number for fresh data.
        data: The given data as YAML-like values (what the prompt shows).
        values: The same data as exact SymPy values (what answers are computed from).
        prompt, hints, derivation_text, explanation: The exercise's text, templates filled
            (on first use: checking many seeds' answers need not write out their hints).
    """

    def __init__(self, exercise: "Exercise", seed: int, data: Mapping[str, Any], values: Mapping[str, Any]) -> None:
        self.exercise = exercise
        self.seed = seed
        self.data = data
        self.values = values

    def __repr__(self) -> str:
        return f"ExerciseInstance({self.exercise.id!r}, seed={self.seed})"

    @property
    def id(self) -> str:
        return self.exercise.id

    @property
    def answer(self) -> "AnswerSpec":
        return self.exercise.answer

    @property
    def kind(self) -> "AnswerKind":
        from linalg_tutor.course import kinds

        return kinds.get(self.exercise.answer.kind)

    @cached_property
    def prompt(self) -> str:
        return self.fill(self.exercise.prompt, "prompt")

    @cached_property
    def hints(self) -> tuple[str, ...]:
        return tuple(self.fill(h, "hints") for h in self.exercise.hints)

    @cached_property
    def derivation_text(self) -> str:
        return self.fill(self.exercise.derivation.text, "derivation.text")

    @cached_property
    def explanation(self) -> str:
        return self.fill(self.exercise.explanation, "explanation")

    def texts(self) -> None:
        """Fill every template now (``validate`` does, to find broken ones)."""
        for name in ("prompt", "hints", "derivation_text", "explanation"):
            getattr(self, name)

    def fill(self, text: str, where: str = "text") -> str:
        """Author text with this instance's numbers in its ``{{…}}`` templates."""
        return fill(text, self.values, where)


def instantiate(exercise: "Exercise", seed: int = 0) -> ExerciseInstance:
    """The instance of ``exercise`` for ``seed`` (0 or a non-varying exercise: the data as written).

    Raises:
        ContentError: the exercise's data or templates are broken, or no fair instance exists.
    """
    if not exercise.varies:
        seed = 0
    key = (id(exercise), exercise.id, seed)
    cached = _cache.get(key)
    if cached is not None:
        _cache.move_to_end(key)
        return cached
    instance = _make(exercise, seed)
    _cache[key] = instance
    if len(_cache) > _CACHE_SIZE:
        _cache.popitem(last=False)
    return instance


def _make(exercise: "Exercise", seed: int) -> ExerciseInstance:
    if seed == 0:
        return _build(exercise, 0, dict(exercise.given))  # as written: validate reports what is wrong
    from linalg_tutor.course.variants import NoVariant, draw, rng_for

    last_problems: list[str] = []
    for attempt in range(_REDRAWS):
        rng = rng_for(exercise.id, seed, attempt)
        data = dict(exercise.given)
        try:
            for name, variation in exercise.vary.items():
                data[name] = draw(name, variation, rng)
        except NoVariant as exc:
            raise ContentError(str(exc)) from None
        try:
            instance = _build(exercise, seed, data)
        except ContentError as exc:
            last_problems = [str(exc)]
            continue
        # An instance whose numbers grade a named slip as right (or break a computation) is
        # unfair to the learner: draw again. validate reports exercises where this keeps failing.
        last_problems = instance.kind.check(instance)
        if not last_problems:
            return instance
    raise ContentError(f"seed {seed}: no fair instance in {_REDRAWS} draws: {'; '.join(last_problems)}")


def _build(exercise: "Exercise", seed: int, data: dict[str, Any]) -> ExerciseInstance:
    return ExerciseInstance(exercise, seed, data, given_values(data))
