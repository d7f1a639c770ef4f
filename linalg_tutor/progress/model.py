"""What the tutor remembers about a learner: every attempt, and what follows from them.

The list of :class:`Attempt` records is the source of truth. Everything else (the
per-exercise :class:`ExerciseState`, the best streak) is derived from it and only stored so
the file is readable and queries are instant; :meth:`Progress.from_attempts` rebuilds it,
and loading a file re-derives it, so a hand-edited or stale summary can never disagree with
the history.

All attempts are kept: one is 150–250 bytes of JSON (more for long answers), so 10 000
answers make a file of about 2.3 MB, which loads and saves in under 0.1 s.

Times are timezone-aware (naive datetimes are refused) and stored as ISO 8601 with their
UTC offset. Streaks use the learner's *local* calendar day, computed when asked, from the
system time zone unless a ``tz`` is passed (tests pass one to be deterministic).

Room to grow: a later spaced-review issue (FSRS) will add an optional per-exercise review
card to :class:`ExerciseState` (e.g. ``review: ReviewCard | None = None``). Because an FSRS
card is itself a function of the review history, it can be rebuilt from the attempts just
like the rest of the state, and an optional field with a default does not need a schema
bump (see ``store.MIGRATIONS`` for when one does).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from typing import Annotated, Literal

from pydantic import (
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    NonNegativeInt,
    PlainSerializer,
    field_validator,
    model_validator,
)

from linalg_tutor.progress.streak import current_streak, longest_streak

#: Version of the progress file format. Bump it, and add a step to ``store.MIGRATIONS``,
#: whenever a change would make an older file fail to validate or mean something else.
SCHEMA_VERSION = 1

#: Longest answer (and interpretation) text kept; the rest is cut and marked with ``…``.
MAX_ANSWER_CHARS = 500

#: How the learner stands with one exercise; see :func:`mastery_level_of` for the rule.
MasteryLevel = Literal["new", "tried", "solved", "mastered"]

#: Where an attempt was made: the full-screen tutor or ``linalg-tutor check --record``.
AttemptSource = Literal["tui", "cli"]

#: An aware datetime written as ``datetime.isoformat()`` (``+00:00``, never ``Z``).
Timestamp = Annotated[
    AwareDatetime, PlainSerializer(lambda at: at.isoformat(), return_type=str, when_used="json")
]


def _now() -> datetime:
    """The current time in the local time zone, as an aware datetime."""
    return datetime.now().astimezone()


class Attempt(BaseModel):
    """One answer the learner submitted. Immutable: history is never rewritten."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    exercise_id: str = Field(min_length=1)
    at: Timestamp = Field(default_factory=_now)
    answer: str
    """The text the learner typed (cut to :data:`MAX_ANSWER_CHARS`)."""
    correct: bool
    hints_used: NonNegativeInt = 0
    derivation_revealed: bool = False
    interpreted_as: str = ""
    """How the grader read the answer (e.g. ``5√2``), to show it back later."""
    source: AttemptSource = "tui"

    @field_validator("answer", "interpreted_as")
    @classmethod
    def _truncate(cls, text: str) -> str:
        """Cap stored text: a pasted essay must not bloat every future load."""
        if len(text) <= MAX_ANSWER_CHARS:
            return text
        return text[: MAX_ANSWER_CHARS - 1] + "…"

    @property
    def unaided(self) -> bool:
        """Correct with no hint and without revealing the derivation."""
        return self.correct and self.hints_used == 0 and not self.derivation_revealed

    def local_date(self, tz: tzinfo | None = None) -> date:
        """The calendar day of the attempt in ``tz`` (default: the system's local zone)."""
        return self.at.astimezone(tz).date()


class ExerciseState(BaseModel):
    """Summary of all attempts at one exercise; a pure fold over them (see :meth:`with_attempt`).

    Order-independent on purpose (min/max instead of "first seen"), so the state is the
    same however the attempts were recorded or merged.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    attempts: NonNegativeInt = 0
    correct: NonNegativeInt = 0
    best_hints: NonNegativeInt | None = None
    """Fewest hints used in a correct answer; None until solved."""
    first_correct_at: Timestamp | None = None
    mastered_at: Timestamp | None = None
    """Earliest unaided correct answer (see :attr:`Attempt.unaided`)."""
    last_attempt_at: Timestamp | None = None

    def with_attempt(self, attempt: Attempt) -> ExerciseState:
        """The state after also counting ``attempt``."""
        update: dict[str, object] = {
            "attempts": self.attempts + 1,
            "last_attempt_at": _latest(self.last_attempt_at, attempt.at),
        }
        if attempt.correct:
            update["correct"] = self.correct + 1
            update["first_correct_at"] = _earliest(self.first_correct_at, attempt.at)
            update["best_hints"] = (
                attempt.hints_used
                if self.best_hints is None
                else min(self.best_hints, attempt.hints_used)
            )
        if attempt.unaided:
            update["mastered_at"] = _earliest(self.mastered_at, attempt.at)
        return self.model_copy(update=update)

    @property
    def level(self) -> MasteryLevel:
        """This exercise's mastery level (rule in :func:`mastery_level_of`)."""
        return mastery_level_of(self)


def _earliest(current: datetime | None, candidate: datetime) -> datetime:
    return candidate if current is None or candidate < current else current


def _latest(current: datetime | None, candidate: datetime) -> datetime:
    return candidate if current is None or candidate > current else current


def mastery_level_of(state: ExerciseState | None) -> MasteryLevel:
    """The mastery rule, in one place.

    - ``new``: never attempted.
    - ``tried``: attempted, never answered correctly.
    - ``solved``: answered correctly at least once (with hints or a revealed derivation).
    - ``mastered``: at least one correct answer given with no hint and without revealing
      the derivation *in that attempt* (earlier helped attempts do not count against it).

    "Solved" is what the tutor counts as done for now. Spaced review (FSRS) will later
    refine "mastered" using a per-exercise review card; change it here only.
    """
    if state is None or state.attempts == 0:
        return "new"
    if state.mastered_at is not None:
        return "mastered"
    if state.correct > 0:
        return "solved"
    return "tried"


SOLVED_LEVELS: frozenset[MasteryLevel] = frozenset({"solved", "mastered"})


@dataclass(frozen=True)
class RecordResult:
    """What one recorded attempt changed, so the UI can celebrate (or encourage)."""

    exercise_id: str
    correct: bool
    level_before: MasteryLevel
    level_after: MasteryLevel
    streak_before: int
    streak_after: int
    best_streak_before: int
    best_streak_after: int

    @property
    def newly_solved(self) -> bool:
        """First correct answer to this exercise."""
        return self.level_before not in SOLVED_LEVELS and self.level_after in SOLVED_LEVELS

    @property
    def newly_mastered(self) -> bool:
        """First unaided correct answer to this exercise."""
        return self.level_before != "mastered" and self.level_after == "mastered"

    @property
    def streak_extended(self) -> bool:
        """This answer made today count towards the streak."""
        return self.streak_after > self.streak_before

    @property
    def new_best_streak(self) -> bool:
        """The best streak ever went up."""
        return self.best_streak_after > self.best_streak_before


@dataclass(frozen=True)
class MasterySummary:
    """How many of a set of exercises are solved: ``3 / 59 exercises (5%)``."""

    solved: int
    total: int

    @property
    def percent(self) -> float:
        """Solved share in percent (0.0 for an empty set)."""
        return 100.0 * self.solved / self.total if self.total else 0.0

    def __str__(self) -> str:
        # Floor, so "100%" only ever means everything is solved.
        noun = "exercise" if self.total == 1 else "exercises"
        return f"{self.solved} / {self.total} {noun} ({math.floor(self.percent)}%)"


class Progress(BaseModel):
    """All of a learner's progress; serialised as the body of ``progress.json``.

    Mutable on purpose (:meth:`record` appends), unlike the records it holds. Not
    thread-safe: record from one thread, or guard it.
    """

    model_config = ConfigDict(extra="forbid")

    schema_version: Literal[1] = SCHEMA_VERSION  # keep the Literal equal to SCHEMA_VERSION
    best_streak: NonNegativeInt = 0
    """Longest streak ever, updated by :meth:`record`; never decreases."""
    exercises: dict[str, ExerciseState] = Field(default_factory=dict)
    """Derived per-exercise summaries, keyed by exercise id."""
    attempts: list[Attempt] = Field(default_factory=list)
    """Every attempt, in the order recorded. The source of truth."""

    @model_validator(mode="after")
    def _rederive(self) -> Progress:
        """Make the per-exercise states agree with the attempts (they are a cache of them).

        ``best_streak`` is left alone: it was measured in the learner's zone at the time,
        and re-deriving it in today's zone could lower a record the learner earned.
        """
        derived = self.derive_exercises(self.attempts)
        if self.exercises != derived:
            self.exercises = derived
        return self

    @classmethod
    def from_attempts(cls, attempts: Iterable[Attempt], *, tz: tzinfo | None = None) -> Progress:
        """Rebuild progress from attempts alone (best streak computed in ``tz``)."""
        attempt_list = list(attempts)
        days = {a.local_date(tz) for a in attempt_list if a.correct}
        return cls(attempts=attempt_list, best_streak=longest_streak(days))

    @staticmethod
    def derive_exercises(attempts: Iterable[Attempt]) -> dict[str, ExerciseState]:
        """Per-exercise states computed from scratch from ``attempts``."""
        states: dict[str, ExerciseState] = {}
        for attempt in attempts:
            state = states.get(attempt.exercise_id, ExerciseState())
            states[attempt.exercise_id] = state.with_attempt(attempt)
        return states

    def record(self, attempt: Attempt, *, tz: tzinfo | None = None) -> RecordResult:
        """Add an attempt, update the derived state, and report what changed.

        Streaks are measured on the attempt's local day in ``tz`` (default: system zone).
        """
        day = attempt.local_date(tz)
        days = self.correct_days(tz)
        level_before = self.mastery_level(attempt.exercise_id)
        streak_before = current_streak(days, day)
        best_before = self.best_streak

        self.attempts.append(attempt)
        self.exercises[attempt.exercise_id] = self.state(attempt.exercise_id).with_attempt(attempt)
        if attempt.correct:
            days.add(day)
            self.best_streak = max(self.best_streak, longest_streak(days))

        return RecordResult(
            exercise_id=attempt.exercise_id,
            correct=attempt.correct,
            level_before=level_before,
            level_after=self.mastery_level(attempt.exercise_id),
            streak_before=streak_before,
            streak_after=current_streak(days, day),
            best_streak_before=best_before,
            best_streak_after=self.best_streak,
        )

    def state(self, exercise_id: str) -> ExerciseState:
        """The summary for one exercise (an empty one if never attempted)."""
        return self.exercises.get(exercise_id, ExerciseState())

    def is_solved(self, exercise_id: str) -> bool:
        """Answered correctly at least once (what counts as done for now)."""
        return self.mastery_level(exercise_id) in SOLVED_LEVELS

    def mastery_level(self, exercise_id: str) -> MasteryLevel:
        """``new`` / ``tried`` / ``solved`` / ``mastered``; see :func:`mastery_level_of`."""
        return mastery_level_of(self.exercises.get(exercise_id))

    def mastery(self, exercise_ids: Iterable[str]) -> MasterySummary:
        """How many of ``exercise_ids`` are solved (duplicates counted once)."""
        unique = dict.fromkeys(exercise_ids)
        solved = sum(1 for exercise_id in unique if self.is_solved(exercise_id))
        return MasterySummary(solved=solved, total=len(unique))

    def correct_days(self, tz: tzinfo | None = None) -> set[date]:
        """Local calendar days (in ``tz``) with at least one correct answer."""
        return {attempt.local_date(tz) for attempt in self.attempts if attempt.correct}

    def current_streak(self, today: date | None = None, *, tz: tzinfo | None = None) -> int:
        """Consecutive days with a correct answer, still alive on ``today``.

        ``today`` defaults to the current date in ``tz``. Alive means today or yesterday
        had a correct answer; see :func:`streak.current_streak`.
        """
        if today is None:
            today = datetime.now(tz).date()
        return current_streak(self.correct_days(tz), today)

    def recent_attempts(self, n: int = 20) -> list[Attempt]:
        """The last ``n`` attempts recorded, newest first."""
        if n <= 0:
            return []
        return self.attempts[-n:][::-1]
