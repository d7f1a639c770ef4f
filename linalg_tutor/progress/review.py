"""Spaced review with FSRS (the ``fsrs`` package): which solved exercises are due, and when.

Every exercise becomes a review *card* when it is first solved. After that, the first
attempt made at or after the card's due time is a *review*, rated from that attempt:

==========================================  ========
the attempt                                 rating
==========================================  ========
right, no hint, derivation not revealed     Good
right after one or more hints               Hard
wrong, or the derivation was revealed       Again
==========================================  ========

The card is created with the rating of the learner's *first* try at the exercise (so an
exercise solved after misses starts as Again and comes back soon). Attempts made while a
card is not due are practice: they count for the streak and the levels but do not move
the card (as in Anki, reviewing early would distort the memory model).

Choices, and why:

- ``learning_steps=()`` and ``relearning_steps=()``: FSRS's default steps (1 and 10 minutes)
  suit flash cards, not exercises that take minutes; every interval here is in days.
- No fuzzing, ever (not only in tests): a card is a pure function of the attempts, so it can
  be rebuilt from the attempts log and come out identical. With about 200 exercises the
  load-spreading fuzz buys nothing.
- All times are UTC-aware; ``fsrs`` refuses naive datetimes.
"""

from __future__ import annotations

from datetime import datetime, timezone
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    import fsrs

#: One letter per review in :attr:`ExerciseState.ratings`.
ReviewRating = Literal["A", "H", "G"]
RATING_NAMES = {"A": "Again", "H": "Hard", "G": "Good"}


@lru_cache(maxsize=1)
def scheduler() -> "fsrs.Scheduler":
    """The one FSRS scheduler (see the module docstring for its settings)."""
    import fsrs

    return fsrs.Scheduler(learning_steps=(), relearning_steps=(), enable_fuzzing=False)


def rating_of(correct: bool, hints_used: int, derivation_revealed: bool) -> ReviewRating:
    """Good / Hard / Again for one attempt (table in the module docstring)."""
    if not correct or derivation_revealed:
        return "A"
    return "H" if hints_used > 0 else "G"


def review(card: dict[str, Any] | None, rating: ReviewRating, at: datetime) -> dict[str, Any]:
    """The card (as ``fsrs.Card.to_dict()``) after a review rated ``rating`` at ``at``.

    ``card`` None creates a new card. A review dated before the card's last review (a clock
    set back) is treated as happening at that last review.
    """
    import fsrs

    when = at.astimezone(timezone.utc)
    if card is None:
        current = fsrs.Card(card_id=1, due=when)
    else:
        current = fsrs.Card.from_dict(card)  # type: ignore[arg-type]
        if current.last_review is not None and when < current.last_review:
            when = current.last_review
    rated = {"A": fsrs.Rating.Again, "H": fsrs.Rating.Hard, "G": fsrs.Rating.Good}[rating]
    updated, _log = scheduler().review_card(current, rated, when)
    return dict(updated.to_dict())
