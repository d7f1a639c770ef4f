"""The Textual application: loads the course and the learner's progress, then shows Home.

The App holds the two pieces of state every screen shares (the :class:`Course` and the
:class:`ProgressSession`) and pushes screens; screens call core functions and nothing more.

Start-up is kept light on purpose: the first screen needs only the YAML and the progress JSON.
SymPy (≈0.3 s to import) is warmed in a background thread *after* the first paint, so the
first grade or derivation is quick without delaying the first screen.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

from textual import events
from textual.app import App
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen

from linalg_tutor.paths import content_dir
from linalg_tutor.tui.commands import TutorCommands
from linalg_tutor.tui.keys import served
from linalg_tutor.tui.screens.home import HomeScreen

if TYPE_CHECKING:  # the real imports happen in the loader thread, after the first paint
    from collections.abc import Callable
    from datetime import datetime

    from linalg_tutor.content.loader import Course
    from linalg_tutor.progress.session import ProgressSession

#: Below this size some screens cannot show their content without cutting it off.
MIN_WIDTH, MIN_HEIGHT = 60, 18


class CourseReady(Message):
    """Posted once the course and the progress are loaded (screens then fill themselves in)."""


class TutorApp(App[int]):
    """linalg-tutor's terminal user interface.

    The course (YAML validated by pydantic) and the progress file are loaded in a thread right
    after the first paint; building the pydantic models costs about as much as importing
    Textual itself. ``course`` and ``session`` load on first access when needed sooner
    (tests, the command palette), guarded by a lock so the two paths never load twice.
    """

    TITLE = "linalg-tutor"
    SUB_TITLE = "linear algebra for machine learning"
    # Absolute paths, so subclasses (tests, benchmarks) find them. Home's own sheet is loaded with
    # the app's: Home is always the first screen, and a screen-level sheet would make Textual
    # parse the whole stylesheet a second time before the first paint.
    CSS_PATH = [Path(__file__).with_name("app.tcss"), Path(__file__).parent / "screens" / "home.tcss"]
    COMMANDS = App.COMMANDS | {TutorCommands}
    # ctrl+p may print the page in a browser: F9 opens the palette too (the footer says F9 there).
    COMMAND_PALETTE_DISPLAY = "F9" if served() else None
    BINDINGS = [
        # F1 in the footer: "?" also opens help, but where a text box has the focus it types "?".
        Binding("question_mark,f1", "help", "Help", key_display="F1"),
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True),
        Binding("f9", "palette", "Commands", show=False, priority=True),
    ]

    def __init__(self, *, content: Path | None = None, progress_dir: Path | None = None,
                 warm_up: bool = True, clock: "Callable[[], datetime] | None" = None) -> None:
        super().__init__()
        self._content_root = content or content_dir()
        self._progress_dir = progress_dir
        self._clock = clock  # tests inject one; None is the system clock
        self._warm_up = warm_up
        self._load_lock = threading.Lock()
        self._course: Course | None = None
        self._session: ProgressSession | None = None

    def get_default_screen(self) -> Screen:
        # Home is the bottom of the stack. Its rules live in the App's CSS_PATH, because a
        # default screen's own CSS_PATH is not read.
        return HomeScreen()

    # ---- loading ------------------------------------------------------------------------------

    @property
    def ready(self) -> bool:
        """True once both the course and the progress are loaded."""
        return self._course is not None and self._session is not None

    @property
    def course(self) -> "Course":
        if self._course is None:
            self._load()
        assert self._course is not None
        return self._course

    @property
    def session(self) -> "ProgressSession":
        if self._session is None:
            self._load()
        assert self._session is not None
        return self._session

    def _load(self) -> None:
        with self._load_lock:
            if self._course is None:
                from linalg_tutor.course.service import load

                self._course = load(self._content_root)
            if self._session is None:
                self._session = self._open_progress()

    def _open_progress(self) -> "ProgressSession":
        from linalg_tutor.progress.session import ProgressSession, ProgressUnavailable

        try:
            return ProgressSession.open(self._progress_dir, clock=self._clock)
        except ProgressUnavailable as exc:
            # Another tutor holds the lock, the folder is not writable, or a newer tutor wrote
            # the progress: keep teaching, but never write over it.
            return ProgressSession.read_only(self._progress_dir, reason=str(exc), clock=self._clock)

    def on_mount(self) -> None:
        self._check_size()
        if self.ready:
            self.call_after_refresh(self.post_message, CourseReady())
        else:
            self.call_after_refresh(self._start_loading)

    def _start_loading(self) -> None:
        self.run_worker(self._load_in_background, thread=True, name="load", group="load")

    def _load_in_background(self) -> None:
        self._load()
        self.post_message(CourseReady())

    def on_course_ready(self, message: CourseReady) -> None:
        for screen in self.screen_stack:
            if isinstance(screen, HomeScreen):
                screen.refresh_data()
        if self.course.problems:
            from linalg_tutor.tui.screens.content_errors import ContentErrorsScreen

            self.push_screen(ContentErrorsScreen(self.course.problems))
        for text in self.session.messages:
            self.notify(text, title="Progress", severity="warning", timeout=12)
        if self._warm_up:
            self.run_worker(_warm_math, thread=True, name="warm-up", group="warm-up", exit_on_error=False)

    def on_resize(self, event: events.Resize) -> None:
        # The event carries the new size; self.size may still hold the old one at this point,
        # which once left the "too small" notice up after the window had grown back.
        self._check_size(event.size.width, event.size.height)

    def _check_size(self, width: int | None = None, height: int | None = None) -> None:
        from linalg_tutor.tui.screens.too_small import TooSmallScreen

        if width is None or height is None:
            width, height = self.size
        too_small = width < MIN_WIDTH or height < MIN_HEIGHT
        showing = isinstance(self.screen, TooSmallScreen)
        if too_small and not showing:
            self.push_screen(TooSmallScreen(MIN_WIDTH, MIN_HEIGHT))
        elif showing:
            self.screen.update_size(width, height)
            if not too_small:
                self.pop_screen()

    def action_palette(self) -> None:
        """F9: the command palette, where a browser keeps ctrl+p (print) for itself."""
        self.action_command_palette()

    def action_help(self) -> None:
        from linalg_tutor.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    # ---- navigation used by screens and the command palette ----------------------------------

    def go_home(self) -> None:
        while len(self.screen_stack) > 1 and not isinstance(self.screen, HomeScreen):
            self.pop_screen()

    def open_chapter(self, chapter_id: int) -> None:
        from linalg_tutor.tui.screens.reader import ReaderScreen

        self.push_screen(ReaderScreen(self.course.chapter(chapter_id)))

    def open_workbook(self, number: int) -> None:
        from linalg_tutor.tui.screens.workbook import WorkbookScreen

        self.push_screen(WorkbookScreen(self.course.workbook_chapter(number)))

    def open_exercise(self, exercise_id: str, sequence: list[str] | None = None) -> None:
        from linalg_tutor.tui.screens.exercise import ExerciseScreen

        ids = sequence or self._neighbours(exercise_id)
        self.push_screen(ExerciseScreen(ids, ids.index(exercise_id)))

    def _neighbours(self, exercise_id: str) -> list[str]:
        """The exercises an exercise opened on its own sits among (its workbook chapter, else its
        lesson), so next and previous lead somewhere."""
        course = self.course
        exercise = course.exercise(exercise_id)
        group = course.for_workbook(exercise.workbook) if exercise.is_workbook else (
            course.for_lesson(exercise.lesson) if exercise.lesson is not None else [])
        ids = [ex.id for ex in group]
        return ids if exercise_id in ids else [exercise_id]

    def open_review(self) -> bool:
        """Walk the exercises due for review, most overdue first; False if none is due."""
        from linalg_tutor.tui.screens.exercise import ExerciseScreen

        known = {ex.id for ex in self.course.exercises}
        due = [exercise_id for exercise_id in self.session.due() if exercise_id in known]
        if not due:
            return False
        self.push_screen(ExerciseScreen(due, 0, fresh=True))  # a review asks again, with new numbers
        return True

    def open_progress(self) -> None:
        from linalg_tutor.tui.screens.progress import ProgressScreen

        self.push_screen(ProgressScreen())

    def open_scratchpad(self, operation: str | None = None) -> None:
        from linalg_tutor.tui.screens.scratchpad import ScratchpadScreen

        self.push_screen(ScratchpadScreen(operation))

    def on_unmount(self) -> None:
        if self._session is not None:
            self._session.close()


def _warm_math() -> None:
    """Import SymPy and the parser in the background, so the first answer is graded quickly."""
    import sympy  # noqa: F401

    from linalg_tutor.grading import grader  # noqa: F401
    from linalg_tutor.grading.parser import parse

    parse("1/2 + √2")
