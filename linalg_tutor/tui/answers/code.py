"""Build: write the function in an editor; F5 runs the exercise's tests in the sandbox.

The editor opens with the learner's latest code for this exercise (kept whole in the progress
store, so it comes back after a restart) or else the starter code; F6 puts the starter back.
The run happens in the exercise screen's grading worker, so the tutor keeps answering keys.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.widgets import Static

from linalg_tutor.tui.answers import AnswerWidget, answer_widget
from linalg_tutor.tui.widgets.code_editor import CodeEditor

if TYPE_CHECKING:  # pragma: no cover
    from linalg_tutor.grading.verdict import Verdict


@answer_widget("code")
class CodeAnswer(AnswerWidget):
    DEFAULT_CSS = """
    CodeAnswer #code-editor {
        height: 18;
    }
    CodeAnswer #sandbox-status {
        color: $text-muted;
    }
    """

    def compose(self) -> ComposeResult:
        from linalg_tutor.course.kinds.code import test_text

        spec = self.instance.answer
        tests = "\n".join(f"  {test_text(spec.function, t)}" for t in spec.tests)
        hidden = f"\n  … and {len(spec.hidden_tests)} hidden tests, shown after a run" if spec.hidden_tests else ""
        yield Static(Text.assemble((f"Write {spec.function}() ", "bold"),
                                   ("— F5 runs the tests, F6 restores the starter code", "dim")),
                     id="answer-label")
        yield Static(Text(f"It should pass:\n{tests}{hidden}"), id="code-tests")
        yield CodeEditor(spec.starter, id="code-editor")
        yield Static("", id="sandbox-status")

    def on_mount(self) -> None:
        self._restore()

    @work(thread=True, exclusive=True, group="code-restore")
    def _restore(self) -> None:
        from linalg_tutor.sandbox import status

        saved = self.app.session.last_answer(self.instance.id)  # type: ignore[attr-defined]
        line = status()
        self.app.call_from_thread(self._restored, saved, line)

    def _restored(self, saved: str | None, line: str) -> None:
        if not self.is_mounted:
            return
        editor = self.query_one(CodeEditor)
        if saved and saved != editor.code:
            editor.area.load_text(saved)
        self.query_one("#sandbox-status", Static).update(line)

    def focus_answer(self) -> None:
        self.query_one(CodeEditor).focus_code()

    @on(CodeEditor.Submitted)
    def _run(self, event: CodeEditor.Submitted) -> None:
        event.stop()
        self.submit(event.code)

    def graded(self, verdict: "Verdict") -> None:
        self.query_one(CodeEditor).running = False
