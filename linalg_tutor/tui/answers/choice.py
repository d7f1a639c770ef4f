"""Choices: ↑↓ and ⏎, a number key, or the mouse."""

from __future__ import annotations

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from linalg_tutor.tui.answers import AnswerWidget, answer_widget


@answer_widget("choice")
class ChoiceAnswer(AnswerWidget):
    DEFAULT_CSS = """
    ChoiceAnswer #choices {
        height: auto;
        max-height: 12;
    }
    """

    def compose(self) -> ComposeResult:
        yield Static(Text.assemble(("Choose one ", "bold"), ("— ↑↓ then ⏎, or press its number", "dim")),
                     id="answer-label")
        options = [Option(f"{i}. {choice}", id=str(i)) for i, choice in enumerate(self.instance.answer.choices, 1)]
        yield OptionList(*options, id="choices")

    def on_mount(self) -> None:
        self.query_one("#choices", OptionList).highlighted = 0

    def focus_answer(self) -> None:
        self.query_one("#choices", OptionList).focus()

    @on(OptionList.OptionSelected, "#choices")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.submit(event.option.id or "")

    def on_key(self, event: events.Key) -> None:
        """A number key picks and checks a choice at once (the list handles ↑↓ and ⏎)."""
        if event.character and event.character.isascii() and event.character.isdigit():
            number = int(event.character)
            if 1 <= number <= len(self.instance.answer.choices):
                self.query_one("#choices", OptionList).highlighted = number - 1
                self.submit(str(number))
                event.stop()
