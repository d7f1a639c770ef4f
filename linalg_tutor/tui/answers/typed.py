"""The typed-answer box: values, expressions, directions. A live line shows how the text is read."""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.widgets import Input, Static

from linalg_tutor.tui.answers import AnswerWidget, answer_widget

#: What each kind's box suggests typing.
_EXAMPLES = {
    "value": "e.g. 12, -5/3, 2.5, 2√7, [1, 2]",
    "expression": "e.g. 2xy + 3y^2, (x-1)^2",
    "direction": "a vector in brackets; any non-zero multiple counts",
}


@answer_widget("value")
@answer_widget("expression")
@answer_widget("direction")
class TypedAnswer(AnswerWidget):
    """An input with a live "reads as" preview; ⏎ submits."""

    DEFAULT_CSS = """
    TypedAnswer #preview {
        color: $text-muted;
        height: auto;
        min-height: 1;
    }
    """

    def compose(self) -> ComposeResult:
        spec = self.instance.answer
        label = getattr(spec, "label", "Answer")
        yield Static(Text.assemble((f"{label} = ? ", "bold"), ("— type your answer, ⏎ checks it", "dim")),
                     id="answer-label")
        example = _EXAMPLES.get(spec.kind, "")
        yield Input(id="answer", select_on_focus=False, placeholder=f"{label} = …   ({example})")
        yield Static(id="preview")

    def focus_answer(self) -> None:
        self.query_one("#answer", Input).focus()

    @on(Input.Changed, "#answer")
    def _changed(self, event: Input.Changed) -> None:
        if not event.value.strip():
            self.query_one("#preview", Static).update("")
        self._preview(event.value)

    @work(thread=True, exclusive=True, group="preview")
    def _preview(self, text: str) -> None:
        from linalg_tutor.course.deadline import ANSWER_SECONDS, TookTooLong, within

        kind = self.instance.kind
        try:
            message = within(ANSWER_SECONDS, lambda: kind.preview(self.instance, text)) \
                if (kind.preview and text.strip()) else ""
        except TookTooLong:
            message = "⚠ this takes too long to read back: write the value more simply"
        self.app.call_from_thread(self._show_preview, text, message)

    def _show_preview(self, text: str, message: str) -> None:
        # A slow preview of old text must not overwrite the line for newer text.
        if self.is_mounted and self.query_one("#answer", Input).value == text:
            self.query_one("#preview", Static).update(message)

    @on(Input.Submitted, "#answer")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.submit(event.value)
