"""The result of grading one answer: plain data, shown by the TUI and printed by the CLI."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Verdict:
    """Whether an answer is right, and what to tell the learner.

    Attributes:
        correct: The answer is accepted.
        interpreted_as: How the answer was read (``11/5 = 2.2``); empty if it could not be read.
        feedback: One or two sentences for the learner.
        error: Why the answer could not be read, or None if it was read.
        wrong_entries: For vectors and matrices, the wrong entries in 1-based math notation:
            ``("2",)`` for a vector, ``("(1,2)", "(2,1)")`` for a matrix.
    """

    correct: bool
    interpreted_as: str
    feedback: str
    error: str | None = None
    wrong_entries: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (``linalg-tutor grade --json``)."""
        return {
            "correct": self.correct,
            "interpreted_as": self.interpreted_as,
            "feedback": self.feedback,
            "error": self.error,
            "wrong_entries": list(self.wrong_entries),
        }
