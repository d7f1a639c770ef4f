"""A workbook chapter: its short framing text and its numbered exercises."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Markdown, OptionList, Static

from linalg_tutor.tui.widgets.exercise_list import LEGEND, ExerciseList

if TYPE_CHECKING:
    from linalg_tutor.content.models import WorkbookChapter
    from linalg_tutor.tui.app import TutorApp


class WorkbookScreen(Screen):
    """Pick an exercise of one workbook chapter."""

    CSS_PATH = "reader.tcss"
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("l", "lesson", "Related lesson"),
    ]

    app: "TutorApp"

    def __init__(self, chapter: "WorkbookChapter") -> None:
        super().__init__()
        self.chapter = chapter
        self.sub_title = f"Workbook {chapter.chapter}: {chapter.title}"

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="page"):
            yield Static(f"Workbook chapter {self.chapter.chapter} · {self.chapter.title}", id="chapter-title")
            yield Markdown(self.chapter.intro or "", id="body")
            yield Static("Exercises", id="exercises-title")
            yield Static(f"⏎ opens the highlighted exercise. {LEGEND}",
                         id="exercises-help")
            yield ExerciseList(id="exercises")
        yield Footer()

    def on_mount(self) -> None:
        self._fill()
        self.query_one("#exercises").focus()

    def on_screen_resume(self) -> None:
        self._fill()

    def _fill(self) -> None:
        exercises = self.app.course.for_workbook(self.chapter.chapter)
        levels = {ex.id: self.app.session.stage(ex.id) for ex in exercises}
        self.query_one("#exercises", ExerciseList).show(exercises, levels)

    @on(OptionList.OptionSelected, "#exercises")
    def _start(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.app.open_exercise(event.option.id, self.query_one("#exercises", ExerciseList).ids)

    def action_lesson(self) -> None:
        lessons = [n for n in self.chapter.lessons if any(c.id == n for c in self.app.course.chapters)]
        if lessons:
            self.app.open_chapter(lessons[0])
        else:
            self.notify("This workbook chapter has no related lesson yet.", timeout=3)
