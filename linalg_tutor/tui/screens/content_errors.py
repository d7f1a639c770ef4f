"""Shown instead of a traceback when the course content has problems."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from linalg_tutor.content.loader import Problem


class ContentErrorsScreen(Screen):
    """Lists every content problem as ``file:line: message``; the rest of the course still works."""

    CSS_PATH = "content_errors.tcss"
    BINDINGS = [
        Binding("c,escape", "app.pop_screen", "Continue with what loaded"),
        Binding("q", "app.quit", "Quit"),
    ]

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__()
        self.problems = problems

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="errors-page"):
            count = len(self.problems)
            yield Static(f"The course content has {count} problem{'s' if count != 1 else ''}", id="errors-title")
            yield Static("Fix them in the files below (or run `linalg-tutor validate` to list them again). "
                         "Exercises that loaded still work: press c to continue.", id="errors-help")
            yield Static("\n".join(str(p) for p in self.problems), id="errors-list", markup=False)
        yield Footer()
