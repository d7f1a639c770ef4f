"""The result of grading one answer: plain data, shown by the TUI and printed by the CLI.

One type for every answer kind (values, choices, expressions, line picks, orders, code), so
that whoever shows a verdict or records it never has to ask which kind produced it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Detail:
    """One part of an answer judged on its own: a position of an order, a test case of code.

    Attributes:
        label: What the part is (``"position 2"``, ``"matmul([[1]], [[2]])"``).
        correct: Whether that part is right.
        note: What the learner should know about it (``"expected 3, got 4"``); may be empty.
    """

    label: str
    correct: bool
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"label": self.label, "correct": self.correct, "note": self.note}


@dataclass(frozen=True)
class Verdict:
    """Whether an answer is right, and what to tell the learner.

    Attributes:
        correct: The answer is accepted.
        interpreted_as: How the answer was read (``11/5 = 2.2``); empty if it could not be read.
        feedback: One or two sentences for the learner.
        error: Why the answer could not be read (nothing is recorded then), or None.
        wrong_entries: For vectors and matrices, the wrong entries in 1-based math notation:
            ``("2",)`` for a vector, ``("(1,2)", "(2,1)")`` for a matrix.
        score: Partial credit in [0, 1] for kinds that have parts (orders, code); None where an
            answer is simply right or wrong. A correct answer always scores 1.
        details: Per-part results, in the order the parts are shown.
    """

    correct: bool
    interpreted_as: str
    feedback: str
    error: str | None = None
    wrong_entries: tuple[str, ...] = ()
    score: float | None = None
    details: tuple[Detail, ...] = ()

    @classmethod
    def unreadable(cls, error: str, feedback: str = "") -> "Verdict":
        """An answer that could not be judged: nothing is recorded, the learner fixes it."""
        return cls(False, "", feedback or error, error=error)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (``linalg-tutor grade --json``, ``check --json``)."""
        data: dict[str, Any] = {
            "correct": self.correct,
            "interpreted_as": self.interpreted_as,
            "feedback": self.feedback,
            "error": self.error,
            "wrong_entries": list(self.wrong_entries),
        }
        if self.score is not None:
            data["score"] = self.score
        if self.details:
            data["details"] = [d.to_dict() for d in self.details]
        return data
