"""Debug: the code with line numbers; ↑↓ and ⏎ (or a click, or the line's number) pick the buggy line."""

from __future__ import annotations

from rich.syntax import Syntax
from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from linalg_tutor.tui.answers import AnswerWidget, answer_widget


@answer_widget("line")
class LineAnswer(AnswerWidget):
    DEFAULT_CSS = """
    LineAnswer #code-lines {
        height: auto;
        max-height: 24;
    }
    """

    def compose(self) -> ComposeResult:
        yield Static(Text.assemble(("Which line holds the bug? ", "bold"),
                                   ("— ↑↓ then ⏎, a click, or type its number", "dim")), id="answer-label")
        lines = self.instance.answer.lines
        width = len(str(len(lines)))
        options = []
        for number, line in enumerate(lines, 1):
            code = Syntax(line or " ", "python", theme="ansi_dark", background_color="default").highlight(line or " ")
            code.rstrip()
            options.append(Option(Text.assemble((f"{number:>{width}} │ ", "dim"), code), id=str(number)))
        yield OptionList(*options, id="code-lines")
        self._typed = ""

    def on_mount(self) -> None:
        self.query_one("#code-lines", OptionList).highlighted = 0

    def focus_answer(self) -> None:
        self.query_one("#code-lines", OptionList).focus()

    @on(OptionList.OptionSelected, "#code-lines")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.submit(event.option.id or "")

    def on_key(self, event: events.Key) -> None:
        """Digits move to that line (two digits for line 10 and later); ⏎ then checks it."""
        if event.character and event.character.isascii() and event.character.isdigit():
            count = len(self.instance.answer.lines)
            typed = (self._typed + event.character) if self._typed else event.character
            if not 1 <= int(typed) <= count:
                typed = event.character
            if 1 <= int(typed) <= count:
                self.query_one("#code-lines", OptionList).highlighted = int(typed) - 1
            self._typed = typed if count >= 10 and int(typed) * 10 <= count else ""
            event.stop()
