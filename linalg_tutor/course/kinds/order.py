"""``order``: a Design exercise — put the steps of a method in the right order.

The author lists the items in the right order; the learner sees them in a fixed shuffled
order, each labelled with a letter (A, B, C …), and answers with the letters in the order
they choose: ``C,A,E,B,D``. Partial credit is the share of positions that hold the right item;
the feedback says which positions are right.
"""

from __future__ import annotations

import random
import re
import string
from typing import TYPE_CHECKING, Any, Literal

from pydantic import Field, model_validator

from linalg_tutor.course.kinds import AnswerKind, register
from linalg_tutor.course.kinds._common import KindSpec

if TYPE_CHECKING:  # pragma: no cover
    from linalg_tutor.course.instance import ExerciseInstance
    from linalg_tutor.grading.verdict import Verdict


class OrderAnswer(KindSpec):
    """``kind: order`` — ``items`` in the right order (2–9), ``feedback`` shown after a wrong order."""

    kind: Literal["order"]
    items: list[str] = Field(min_length=2, max_length=9)
    feedback: str = ""

    fits = ("design", "trace")

    @model_validator(mode="after")
    def _distinct(self) -> "OrderAnswer":
        if len(set(self.items)) != len(self.items):
            raise ValueError("two items have the same text")
        return self


def shown_order(instance: "ExerciseInstance") -> list[int]:
    """Indices (into the right order) of the items as shown, A first. Fixed per exercise id, and
    never the right order itself, nor its reverse when there are more than two items."""
    spec: OrderAnswer = instance.answer  # type: ignore[assignment]
    n = len(spec.items)
    rng = random.Random(f"order:{instance.id}")
    right, reverse = list(range(n)), list(range(n - 1, -1, -1))
    while True:
        order = right[:]
        rng.shuffle(order)
        if order != right and (n == 2 or order != reverse):
            return order


def letters(n: int) -> str:
    return string.ascii_uppercase[:n]


def labelled(instance: "ExerciseInstance") -> list[tuple[str, str]]:
    """``(letter, item)`` as the learner sees them."""
    spec: OrderAnswer = instance.answer  # type: ignore[assignment]
    return [(letters(len(spec.items))[pos], spec.items[i]) for pos, i in enumerate(shown_order(instance))]


def encode(letter_order: list[str]) -> str:
    """The text of an answer: the letters in the learner's order, ``C,A,E,B,D``."""
    return ",".join(letter_order)


def decode(instance: "ExerciseInstance", text: str) -> list[str] | str:
    """The letters of ``text`` in order, or a message saying what is wrong with it."""
    spec: OrderAnswer = instance.answer  # type: ignore[assignment]
    n = len(spec.items)
    allowed = letters(n)
    raw = re.sub(r"[\s,;>→-]+", "", text.upper())
    if not raw or len(raw) > 2 * n:
        return f"give all {n} letters {', '.join(allowed)} in your order, like {encode(list(allowed[::-1]))}"
    unknown = sorted(set(raw) - set(allowed))
    if unknown:
        return f"{', '.join(unknown)} is not one of the letters {', '.join(allowed)}"
    if len(raw) != n or len(set(raw)) != n:
        missing = sorted(set(allowed) - set(raw))
        twice = sorted({c for c in raw if raw.count(c) > 1})
        parts = ([f"missing {', '.join(missing)}"] if missing else []) + ([f"{', '.join(twice)} twice"] if twice else [])
        return f"use each of the {n} letters once ({'; '.join(parts)})"
    return list(raw)


def grade(instance: "ExerciseInstance", text: str) -> "Verdict":
    from linalg_tutor.grading.verdict import Detail, Verdict

    spec: OrderAnswer = instance.answer  # type: ignore[assignment]
    decoded = decode(instance, text)
    if isinstance(decoded, str):
        return Verdict.unreadable(decoded, f"Answer with the letters in your order: {decoded}.")
    by_letter = {letter: item for letter, item in labelled(instance)}
    chosen = [by_letter[c] for c in decoded]
    details = tuple(Detail(f"{pos}. {decoded[pos - 1]}", item == spec.items[pos - 1],
                           "" if item == spec.items[pos - 1] else "not here")
                    for pos, item in enumerate(chosen, 1))
    right = sum(d.correct for d in details)
    n = len(spec.items)
    shown = encode(decoded)
    if right == n:
        return Verdict(True, shown, "Correct: every step is in its place.", score=1.0, details=details)
    good = [str(pos) for pos, d in enumerate(details, 1) if d.correct]
    where = (f"Position{'s' if len(good) > 1 else ''} {', '.join(good)} {'are' if len(good) > 1 else 'is'} right"
             if good else "No position is right yet")
    feedback = f"{where}; {n - right} of {n} are not. Ask of each step what it needs to have been done first."
    if spec.feedback.strip():
        feedback += " " + instance.fill(spec.feedback.strip(), "answer.feedback")
    return Verdict(False, shown, feedback, score=right / n, details=details)


def check(instance: "ExerciseInstance") -> list[str]:
    return []


def describe(instance: "ExerciseInstance") -> str:
    lines = ["Put these in order (answer with the letters, e.g. C,A,B):"]
    lines += [f"  {letter}. {item}" for letter, item in labelled(instance)]
    return "\n".join(lines)


def data(instance: "ExerciseInstance") -> dict[str, Any]:
    return {"items": [{"letter": letter, "text": item} for letter, item in labelled(instance)]}


def reveal(instance: "ExerciseInstance") -> str:
    spec: OrderAnswer = instance.answer  # type: ignore[assignment]
    by_item = {item: letter for letter, item in labelled(instance)}
    steps = "\n".join(f"{i}. {by_item[item]}  {item}" for i, item in enumerate(spec.items, 1))
    return f"The order ({encode([by_item[item] for item in spec.items])}):\n{steps}"


KIND = register(AnswerKind(
    name="order", spec=OrderAnswer, grade=grade, check=check, describe=describe, data=data, reveal=reveal,
    encoding="the letters in your order: C,A,E,B,D",
))
