"""One input widget per answer kind, registered under the kind's name.

The exercise screen asks :func:`widget_for` for the widget of an exercise's kind and mounts
it; the widget posts :class:`AnswerWidget.Submitted` with the answer in the kind's text
encoding (the same text ``linalg-tutor check`` takes), and the screen grades it. Kinds without
a widget of their own get the typed-answer box.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable, TypeVar

from textual.message import Message
from textual.widget import Widget

if TYPE_CHECKING:  # pragma: no cover
    from linalg_tutor.course.instance import ExerciseInstance
    from linalg_tutor.grading.verdict import Verdict


class AnswerWidget(Widget):
    """Base of the answer widgets: holds the instance, posts :class:`Submitted`."""

    DEFAULT_CSS = """
    AnswerWidget {
        height: auto;
    }
    """

    class Submitted(Message):
        """The learner submitted an answer; ``text`` is in the kind's text encoding."""

        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    def __init__(self, instance: "ExerciseInstance", *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id or "answer-widget")
        self.instance = instance

    def focus_answer(self) -> None:
        """Put the keyboard focus where the learner answers."""
        self.focus()

    def submit(self, text: str) -> None:
        self.post_message(self.Submitted(text))

    def graded(self, verdict: "Verdict") -> None:
        """The screen has judged the last submitted answer (a widget may update itself)."""


W = TypeVar("W", bound=type[AnswerWidget])
_WIDGETS: dict[str, type[AnswerWidget]] = {}


def answer_widget(kind: str) -> Callable[[W], W]:
    """Class decorator: the widget for answers of ``kind``."""

    def register(cls: W) -> W:
        _WIDGETS[kind] = cls
        return cls

    return register


def widget_for(kind: str) -> type[AnswerWidget]:
    from linalg_tutor.tui.answers import choice, code, line, order, typed  # noqa: F401 - they register

    return _WIDGETS.get(kind, typed.TypedAnswer)
