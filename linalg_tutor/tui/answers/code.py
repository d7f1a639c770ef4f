"""Build: the starter code and the tests; running learner code needs the sandbox."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Markdown, Static

from linalg_tutor.tui.answers import AnswerWidget, answer_widget


@answer_widget("code")
class CodeAnswer(AnswerWidget, can_focus=True):
    def compose(self) -> ComposeResult:
        from linalg_tutor.course.kinds.code import NOT_YET

        spec = self.instance.answer
        yield Static(Text.assemble(("Write the code ", "bold"), (f"— {NOT_YET}", "dim")), id="answer-label")
        tests = "\n".join(f"{spec.function}(*{t.args!r})  →  {t.expect!r}" for t in spec.tests)
        yield Markdown(f"Write `{spec.function}` in Python. Starting point:\n\n```python\n{spec.starter.rstrip()}\n```\n\n"
                       f"It should pass:\n\n```text\n{tests}\n```\n", id="code")
