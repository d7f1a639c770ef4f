"""What the tutor remembers about a learner: every attempt, and what follows from them.

The attempts are the source of truth; they live in an append-only log on disk (see
:mod:`~linalg_tutor.progress.store`). Everything here (:class:`ExerciseState` per exercise,
the :class:`~linalg_tutor.progress.streak.StreakState`, the review cards) is a *fold* over
them: :meth:`Progress.record` adds one attempt, :meth:`Progress.from_attempts` rebuilds
all of it, and the store keeps a compacted snapshot of it so that starting up never
re-reads years of history.

Times are timezone-aware (naive datetimes are refused) and keep the UTC offset they were
recorded with: that offset decides the attempt's local calendar day for streaks.

Levels (per exercise; documented for learners in README, "Levels"):

================  ==================================================================
level             rule
================  ==================================================================
not started       no attempt yet
attempted         attempted, never answered right
familiar          answered right (with any help), or the last review was a miss
proficient        since the last miss: one review rated Good, or two rated Hard
mastered          since the last miss: two reviews rated Good (the first try and a
                  spaced review, or two spaced reviews)
================  ==================================================================

A *review* is the first try at an exercise and then the first attempt each time its card
is due (see :mod:`~linalg_tutor.progress.review` for the ratings): right unaided is Good,
right after hints is Hard, wrong or with the derivation revealed is Again (a miss). So
moving up needs right answers without the derivation, hints slow it, and a miss in review
moves an exercise back down to familiar.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, tzinfo
from typing import Annotated, Any, Literal

from pydantic import (
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    NonNegativeInt,
    PlainSerializer,
    field_validator,
)

from linalg_tutor.progress import review as review_module
from linalg_tutor.progress.streak import StreakState

#: Version of the progress format (snapshot + attempts log). Bump it, and add a step to
#: ``store.MIGRATIONS`` plus a fixture in ``tests/progress/fixtures``, for every new field.
#: 1: one ``progress.json`` holding every attempt.
#: 2: ``progress.json`` is a compacted snapshot; attempts live in ``progress.attempts.jsonl``;
#:    attempts gain ``seed`` and ``score`` and keep the answer whole.
SCHEMA_VERSION = 2

#: Guard against a runaway paste; far above any real answer (code answers included).
MAX_ANSWER_CHARS = 200_000

#: The five levels (see the module docstring).
Level = Literal["not_started", "attempted", "familiar", "proficient", "mastered"]
LEVELS: tuple[Level, ...] = ("not_started", "attempted", "familiar", "proficient", "mastered")
LEVEL_LABELS: dict[str, str] = {
    "not_started": "not started", "attempted": "attempted", "familiar": "familiar",
    "proficient": "proficient", "mastered": "mastered",
}

#: The older four marks the exercise lists still show (· ○ ✓ ★): see :func:`mastery_level_of`.
MasteryLevel = Literal["new", "tried", "solved", "mastered"]

#: Where an attempt was made. Kept open (any text) so a newer tutor's sources still load.
AttemptSource = str

#: An aware datetime written as ``datetime.isoformat()`` (``+00:00``, never ``Z``).
Timestamp = Annotated[
    AwareDatetime, PlainSerializer(lambda at: at.isoformat(), return_type=str, when_used="json")
]


def _now() -> datetime:
    """The current time in the local time zone, as an aware datetime."""
    return datetime.now().astimezone()


class Attempt(BaseModel):
    """One answer the learner submitted. Immutable: history is never rewritten.

    Unknown fields (written by a newer tutor) are ignored when read; the log line on disk
    keeps them.
    """

    model_config = ConfigDict(frozen=True, extra="ignore")

    exercise_id: str = Field(min_length=1)
    at: Timestamp = Field(default_factory=_now)
    answer: str
    """The text the learner typed, whole (capped at :data:`MAX_ANSWER_CHARS`)."""
    correct: bool
    hints_used: NonNegativeInt = 0
    derivation_revealed: bool = False
    interpreted_as: str = ""
    """How the grader read the answer (e.g. ``5√2``), to show it back later."""
    source: AttemptSource = "tui"
    seed: int | None = None
    """The seed of the exercise's variant (fresh numbers), if it has variants."""
    score: float | None = Field(default=None, ge=0.0, le=1.0)
    """Partial credit 0..1 when the grader gives one."""

    @field_validator("answer", "interpreted_as")
    @classmethod
    def _cap(cls, text: str) -> str:
        if len(text) <= MAX_ANSWER_CHARS:
            return text
        return text[: MAX_ANSWER_CHARS - 1] + "…"

    @property
    def unaided(self) -> bool:
        """Correct with no hint and without revealing the derivation."""
        return self.correct and self.hints_used == 0 and not self.derivation_revealed

    def local_date(self, tz: tzinfo | None = None) -> date:
        """The calendar day of the attempt: in its own recorded offset, or in ``tz`` if given."""
        return self.at.date() if tz is None else self.at.astimezone(tz).date()


class ExerciseState(BaseModel):
    """Everything folded from the attempts at one exercise (see :meth:`with_attempt`)."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    attempts: NonNegativeInt = 0
    correct: NonNegativeInt = 0
    unaided: NonNegativeInt = 0
    best_hints: NonNegativeInt | None = None
    """Fewest hints used in a correct answer; None until solved."""
    best_score: float | None = None
    first_at: Timestamp | None = None
    first_correct_at: Timestamp | None = None
    mastered_at: Timestamp | None = None
    """Earliest unaided correct answer."""
    last_attempt_at: Timestamp | None = None
    ratings: str = ""
    """One letter per review, oldest first: G(ood), H(ard), A(gain)."""
    card: dict[str, Any] | None = None
    """The FSRS card (``fsrs.Card.to_dict()``), None until first solved."""
    due: Timestamp | None = None
    """When the card is next due (UTC)."""

    def with_attempt(self, attempt: Attempt) -> ExerciseState:
        """The state after also counting ``attempt``."""
        at = attempt.at
        update: dict[str, Any] = {
            "attempts": self.attempts + 1,
            "first_at": _earliest(self.first_at, at),
            "last_attempt_at": _latest(self.last_attempt_at, at),
        }
        if attempt.score is not None:
            update["best_score"] = max(attempt.score, self.best_score or 0.0)
        if attempt.correct:
            update["correct"] = self.correct + 1
            update["first_correct_at"] = _earliest(self.first_correct_at, at)
            update["best_hints"] = (attempt.hints_used if self.best_hints is None
                                    else min(self.best_hints, attempt.hints_used))
        if attempt.unaided:
            update["unaided"] = self.unaided + 1
            update["mastered_at"] = _earliest(self.mastered_at, at)

        rating: review_module.ReviewRating | None = None
        if self.card is None:
            if attempt.correct:
                # The card starts with the rating of the learner's first try.
                rating = (review_module.rating_of(True, attempt.hints_used, attempt.derivation_revealed)
                          if self.attempts == 0 else "A")
        elif self.due is None or at >= self.due:
            rating = review_module.rating_of(attempt.correct, attempt.hints_used,
                                             attempt.derivation_revealed)
        if rating is not None:
            card = review_module.review(self.card, rating, at)
            update["card"] = card
            update["due"] = datetime.fromisoformat(card["due"])
            update["ratings"] = self.ratings + rating
        return self.model_copy(update=update)

    @property
    def level(self) -> Level:
        """This exercise's level (rule in :func:`level_of`)."""
        return level_of(self)

    def is_due(self, now: datetime) -> bool:
        return self.due is not None and self.due <= now


def _earliest(current: datetime | None, candidate: datetime) -> datetime:
    return candidate if current is None or candidate < current else current


def _latest(current: datetime | None, candidate: datetime) -> datetime:
    return candidate if current is None or candidate > current else current


def level_of(state: ExerciseState | None) -> Level:
    """The level rule, in one place (table in the module docstring)."""
    if state is None or state.attempts == 0:
        return "not_started"
    if state.correct == 0:
        return "attempted"
    ratings = state.ratings
    since_miss = ratings.rsplit("A", 1)[-1]
    goods, hards = since_miss.count("G"), since_miss.count("H")
    if goods >= 2:
        return "mastered"
    if goods >= 1 or hards >= 2:
        return "proficient"
    return "familiar"


_MARKS: dict[str, MasteryLevel] = {
    "not_started": "new", "attempted": "tried", "familiar": "solved",
    "proficient": "mastered", "mastered": "mastered",
}


def mastery_level_of(state: ExerciseState | None) -> MasteryLevel:
    """The four-mark view of :func:`level_of` (· new, ○ tried, ✓ solved, ★ proficient or better).

    Kept for the screens that draw one mark per exercise.
    """
    return _MARKS[level_of(state)]


SOLVED_LEVELS: frozenset[str] = frozenset({"familiar", "proficient", "mastered"})


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
    stage_before: Level = "not_started"
    stage_after: Level = "not_started"
    due: datetime | None = None

    @property
    def newly_solved(self) -> bool:
        """First correct answer to this exercise."""
        return self.stage_before not in SOLVED_LEVELS and self.stage_after in SOLVED_LEVELS

    @property
    def newly_mastered(self) -> bool:
        """The exercise reached "mastered" with this answer."""
        return self.stage_before != "mastered" and self.stage_after == "mastered"

    @property
    def streak_extended(self) -> bool:
        return self.streak_after > self.streak_before

    @property
    def new_best_streak(self) -> bool:
        return self.best_streak_after > self.best_streak_before


def percent_label(done: int, total: int) -> str:
    """``done / total`` as a whole percent: nearest, but 100% only when all is done."""
    if total <= 0:
        return "0%"
    value = round(100 * done / total)
    if value >= 100 and done < total:
        value = 99
    return f"{value}%"


@dataclass(frozen=True)
class MasterySummary:
    """How many of a set of exercises are solved, and how many sit at each level."""

    solved: int
    total: int
    by_level: dict[str, int] = field(default_factory=dict)

    @property
    def percent(self) -> float:
        return 100.0 * self.solved / self.total if self.total else 0.0

    @property
    def percent_text(self) -> str:
        return percent_label(self.solved, self.total)

    def count(self, level: str) -> int:
        return self.by_level.get(level, 0)

    def __str__(self) -> str:
        noun = "exercise" if self.total == 1 else "exercises"
        return f"{self.solved} / {self.total} {noun} ({self.percent_text})"


class Progress(BaseModel):
    """Everything folded from a learner's attempts: the body of the snapshot ``progress.json``.

    Mutable on purpose (:meth:`record`). Not thread-safe: the session guards it with a lock.
    The attempts themselves are not held here (see :class:`~linalg_tutor.progress.store.ProgressStore`).
    """

    model_config = ConfigDict(extra="ignore")

    schema_version: int = SCHEMA_VERSION
    attempt_count: NonNegativeInt = 0
    correct_count: NonNegativeInt = 0
    first_at: Timestamp | None = None
    last_at: Timestamp | None = None
    streak: StreakState = Field(default_factory=StreakState)
    exercises: dict[str, ExerciseState] = Field(default_factory=dict)

    @classmethod
    def from_attempts(cls, attempts: Iterable[Attempt]) -> Progress:
        """Rebuild everything from attempts alone, in the order given (the order recorded)."""
        progress = cls()
        for attempt in attempts:
            progress.add(attempt)
        return progress

    def add(self, attempt: Attempt) -> None:
        """Fold one attempt in (the fast path of :meth:`record`, used when replaying)."""
        self.attempt_count += 1
        self.first_at = _earliest(self.first_at, attempt.at)
        self.last_at = _latest(self.last_at, attempt.at)
        self.exercises[attempt.exercise_id] = self.state(attempt.exercise_id).with_attempt(attempt)
        if attempt.correct:
            self.correct_count += 1
            self.streak = self.streak.with_correct(attempt.at)

    def record(self, attempt: Attempt) -> RecordResult:
        """Add an attempt and report what changed (streaks measured at the attempt's time)."""
        before_state = self.exercises.get(attempt.exercise_id)
        streak_before = self.streak.current(attempt.at)
        best_before = self.streak.best
        self.add(attempt)
        after_state = self.exercises[attempt.exercise_id]
        return RecordResult(
            exercise_id=attempt.exercise_id, correct=attempt.correct,
            level_before=mastery_level_of(before_state), level_after=mastery_level_of(after_state),
            streak_before=streak_before, streak_after=self.streak.current(attempt.at),
            best_streak_before=best_before, best_streak_after=self.streak.best,
            stage_before=level_of(before_state), stage_after=level_of(after_state),
            due=after_state.due,
        )

    # ---- questions ------------------------------------------------------------------------

    @property
    def best_streak(self) -> int:
        return self.streak.best

    def state(self, exercise_id: str) -> ExerciseState:
        """The summary for one exercise (an empty one if never attempted)."""
        return self.exercises.get(exercise_id) or ExerciseState()

    def level(self, exercise_id: str) -> Level:
        return level_of(self.exercises.get(exercise_id))

    def mastery_level(self, exercise_id: str) -> MasteryLevel:
        """The four-mark view (see :func:`mastery_level_of`)."""
        return mastery_level_of(self.exercises.get(exercise_id))

    def is_solved(self, exercise_id: str) -> bool:
        return self.level(exercise_id) in SOLVED_LEVELS

    def mastery(self, exercise_ids: Iterable[str]) -> MasterySummary:
        """How many of ``exercise_ids`` are solved, and the count per level (duplicates once)."""
        by_level = dict.fromkeys(LEVELS, 0)
        unique = list(dict.fromkeys(exercise_ids))
        for exercise_id in unique:
            by_level[self.level(exercise_id)] += 1
        solved = sum(by_level[level] for level in SOLVED_LEVELS)
        return MasterySummary(solved=solved, total=len(unique), by_level=by_level)

    def current_streak(self, now: datetime | None = None) -> int:
        return self.streak.current(now or _now())

    def done_today(self, now: datetime | None = None) -> bool:
        return self.streak.done_today(now or _now())

    def due(self, now: datetime, exercise_ids: Iterable[str] | None = None) -> list[str]:
        """Exercises whose review card is due at ``now``, most overdue first."""
        ids = self.exercises if exercise_ids is None else exercise_ids
        due = [(self.exercises[i].due, i) for i in ids
               if i in self.exercises and self.exercises[i].is_due(now)]
        return [i for _, i in sorted(due)]

    def next_due(self, exercise_ids: Iterable[str] | None = None) -> datetime | None:
        """The earliest due time of any card (None if there is no card)."""
        ids = self.exercises if exercise_ids is None else exercise_ids
        times = [self.exercises[i].due for i in ids if i in self.exercises and self.exercises[i].due]
        return min(times) if times else None  # type: ignore[type-var]
