"""The Build exercise editor: a Python code area, and a view of the test results.

:class:`CodeEditor` is a ``TextArea`` (Python highlighting where tree-sitter is installed, line
numbers, Tab indents) opened with the learner's saved code or the exercise's starter code.
F5 posts :class:`CodeEditor.Submitted` with the code; F6 puts the
starter code back (one undoable edit: ``ctrl+z`` brings the learner's code back).

The editor never runs anything itself. Its owner runs the code off the UI thread, so the
tutor keeps answering keys while a run takes its few seconds, and shows the report::

    def on_code_editor_submitted(self, message: CodeEditor.Submitted) -> None:
        self.query_one(TestResults).show_running()
        self.run_worker(partial(self._run, message.code), thread=True, group="run")

    def _run(self, code: str) -> None:            # in a worker thread
        report = run_tests(code, spec.function, cases)
        self.call_from_thread(self._show, report)

    def _show(self, report: RunReport) -> None:   # back on the UI thread
        self.query_one(TestResults).show_report(report)
        self.query_one(CodeEditor).running = False

:func:`render_report` turns a :class:`~linalg_tutor.sandbox.RunReport` into Rich text
(per case: input, expected, got, pass/fail, the learner's traceback).
"""

from __future__ import annotations

import importlib.util

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Static, TextArea

from linalg_tutor.sandbox.models import RunReport
from linalg_tutor.sandbox.text import report_lines

RUN_KEYS = "f5"
RESET_KEY = "f6"
HINT = "F5 run the tests · F6 back to the starter code · ctrl+z undo"


def highlighting_available() -> bool:
    """Python highlighting needs tree-sitter and its Python grammar (``textual[syntax]``)."""
    return all(importlib.util.find_spec(name) is not None for name in ("tree_sitter", "tree_sitter_python"))


class CodeEditor(Vertical):
    """Edit a Python function; F5 submits it, F6 resets to the starter (ctrl+r and ctrl+t belong to
    the exercise screen: derivation and hint)."""

    DEFAULT_CSS = """
    CodeEditor {
        height: 1fr;
    }
    CodeEditor > TextArea {
        height: 1fr;
    }
    CodeEditor > #code-hint {
        height: 1;
        color: $text-muted;
    }
    CodeEditor.-running > #code-hint {
        color: $warning;
    }
    """

    BINDINGS = [
        Binding(RUN_KEYS, "run", "Run tests", priority=True),
        Binding(RESET_KEY, "reset", "Starter code", priority=True),  # over TextArea's F6 (select line)
    ]

    running: reactive[bool] = reactive(False)

    class Submitted(Message):
        """The learner asked to run the tests on ``code``."""

        def __init__(self, editor: "CodeEditor", code: str) -> None:
            super().__init__()
            self.editor = editor
            self.code = code

        @property
        def control(self) -> "CodeEditor":
            return self.editor

    def __init__(self, starter: str, code: str | None = None, *, name: str | None = None,
                 id: str | None = None, classes: str | None = None) -> None:
        """Open with ``code`` (the learner's saved work) or, when None, the ``starter`` code."""
        super().__init__(name=name, id=id, classes=classes)
        self.starter = starter
        self._initial = starter if code is None else code

    def compose(self) -> ComposeResult:
        language = "python" if highlighting_available() else None
        yield TextArea.code_editor(self._initial, language=language, id="code-area")
        yield Static(HINT, id="code-hint")

    @property
    def area(self) -> TextArea:
        return self.query_one("#code-area", TextArea)

    @property
    def code(self) -> str:
        return self.area.text

    def focus_code(self) -> None:
        self.area.focus()

    def action_run(self) -> None:
        if self.running:
            self.notify("Your code is still running.", timeout=2)
            return
        self.running = True
        self.post_message(self.Submitted(self, self.code))

    def action_reset(self) -> None:
        area = self.area
        if area.text != self.starter:
            area.replace(self.starter, (0, 0), area.document.end)  # undoable, unlike load_text
        area.move_cursor((0, 0))
        area.focus()

    def watch_running(self, running: bool) -> None:
        self.set_class(running, "-running")
        if self.is_mounted:
            hint = "Running your code… (you can keep typing)" if running else HINT
            self.query_one("#code-hint", Static).update(hint)


def render_report(report: RunReport, function: str) -> Text:
    """The run as Rich text: the verdict, then each case with input, expected and got."""
    text = Text()
    for i, line in enumerate(report_lines(report, function)):
        if i:
            text.append("\n")
        for part, style in line:
            text.append(part, style=style or None)
    return text


class TestResults(VerticalScroll):
    """The outcome of the latest run, one block per test case."""

    __test__ = False  # not a pytest class, despite the name

    DEFAULT_CSS = """
    TestResults {
        height: auto;
        max-height: 50%;
        border-top: solid $primary-darken-2;
    }
    TestResults > #results-body {
        padding: 0 1;
    }
    """

    def __init__(self, function: str, *, name: str | None = None, id: str | None = None,
                 classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.function = function
        self.report: RunReport | None = None

    def compose(self) -> ComposeResult:
        yield Static("Press F5 to run the tests.", id="results-body")

    @property
    def body(self) -> Static:
        return self.query_one("#results-body", Static)

    def show_running(self) -> None:
        self.body.update(Text("Running the tests…", style="italic"))

    def show_report(self, report: RunReport) -> None:
        self.report = report
        self.body.update(render_report(report, self.function))
        self.scroll_home(animate=False)
