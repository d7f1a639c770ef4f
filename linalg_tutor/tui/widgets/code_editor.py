"""The Build exercise editor: a Python code area with line numbers and two keys.

:class:`CodeEditor` is a ``TextArea`` (Python highlighting where tree-sitter is installed, line
numbers, Tab indents) opened with the learner's saved code or the exercise's starter code. F5
posts :class:`CodeEditor.Submitted` with the code; F6 puts the starter code back (one undoable
edit: ``ctrl+z`` brings the learner's code back).

The editor never runs anything itself: its owner (the Build answer widget) hands the code to
the exercise screen, which runs it in the sandbox off the UI thread and sets ``running`` back
to False when the verdict is in.
"""

from __future__ import annotations

import importlib.util

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Static, TextArea


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
