"""Progress: mastery by chapter and level, the most recent attempts, export and reset.

Keys: ``e`` writes the report (HTML, Markdown, JSON, CSV) into the learner's Documents
folder and says where; ``x`` forgets the highlighted chapter or exercise, or everything,
after a confirmation, keeping a backup.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from linalg_tutor.tui.widgets.activity import ActivityCalendar
from linalg_tutor.tui.widgets.mastery import mastery_bar

if TYPE_CHECKING:
    from linalg_tutor.tui.app import TutorApp

RECENT = 20
#: Longest chapter title shown in the table (the columns must fit in 80).
TITLE_WIDTH = 30
#: Weeks in the activity calendar, and the most attempts read back to fill it.
ACTIVITY_WEEKS = 12
ACTIVITY_ATTEMPTS = 5000


def _tilde(path: object) -> str:
    """The path with the home folder written as ``~``: shorter, and the same on every machine."""
    text, home = str(path), str(Path.home())
    return "~" + text[len(home):] if text.startswith(home + os.sep) else text


class ConfirmReset(ModalScreen["tuple[str, list[str] | None] | None"]):
    """Ask what to forget; "Keep everything" is highlighted, so ⏎ by habit changes nothing.

    Dismisses with ``(label, ids)`` (``ids`` None: everything) or None.
    """

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, choices: list[tuple[str, list[str] | None]]) -> None:
        super().__init__()
        self.choices = choices

    def compose(self) -> ComposeResult:
        with Vertical(id="reset-box"):
            yield Static("Forget progress?", id="reset-title")
            yield Static("A backup of your progress files is kept beside them.", classes="dim")
            options = OptionList(id="reset-options")
            options.add_option(Option("Keep everything (cancel)", id="cancel"))
            for i, (label, _) in enumerate(self.choices):
                options.add_option(Option(f"Forget {label}", id=str(i)))
            yield options

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.highlighted = 0
        options.focus()

    @on(OptionList.OptionSelected, "#reset-options")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option.id == "cancel":
            self.dismiss(None)
        else:
            self.dismiss(self.choices[int(event.option.id or 0)])

    def action_cancel(self) -> None:
        self.dismiss(None)


class ProgressScreen(Screen):
    """How far the learner has come, chapter by chapter, and what they tried last."""

    CSS_PATH = "progress.tcss"
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("q", "app.pop_screen", "Back", show=False),
        Binding("e", "export", "Export report"),
        Binding("x", "reset", "Reset…"),
    ]

    app: "TutorApp"

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="progress-page"):
            yield Static(id="summary")
            yield Static(id="levels")
            yield Static("Chapters", classes="section")
            yield DataTable(id="chapters", cursor_type="row", zebra_stripes=True)
            yield Static("Activity", classes="section")
            yield ActivityCalendar(weeks=ACTIVITY_WEEKS, id="activity")
            yield Static("Recent attempts", classes="section")
            yield DataTable(id="recent", cursor_type="row", zebra_stripes=True)
            yield Static(id="where", classes="dim")
            yield Static(id="exported", classes="dim")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Progress"
        self._fill()
        self.query_one("#chapters", DataTable).focus()

    def _rows(self) -> list[tuple[str, str, list[str]]]:
        course = self.app.course
        rows = [(f"W{wb.chapter}", wb.title, [e.id for e in course.for_workbook(wb.chapter)]) for wb in course.workbook]
        rows += [(f"L{ch.id}", ch.title, [e.id for e in course.for_lesson(ch.id)]) for ch in course.chapters]
        return rows

    def _fill(self) -> None:
        course, session = self.app.course, self.app.session
        mastery = session.mastery(ex.id for ex in course.workbook_exercises)
        streak = session.current_streak()
        self.query_one("#summary", Static).update(
            f"Workbook mastery: {mastery}    Day streak: {streak} (best {session.best_streak()})")
        levels = mastery.by_level
        self.query_one("#levels", Static).update(Text.assemble(
            ("Levels ", "bold"), f"familiar {levels.get('familiar', 0)} · ",
            ("proficient ", ""), f"{levels.get('proficient', 0)} · ",
            ("mastered ", "green"), f"{levels.get('mastered', 0)} · ",
            f"attempted {levels.get('attempted', 0)} · not started {levels.get('not_started', 0)}"))

        table = self.query_one("#chapters", DataTable)
        table.clear(columns=True)
        table.add_columns("Ch.", "Title", "Solved", "F·P·M", "Tries")
        for label, title, ids in self._rows():
            m = session.mastery(ids)
            attempts = sum(session.attempt_count(i) for i in ids)
            fpm = f"{m.count('familiar')}·{m.count('proficient')}·{m.count('mastered')}"
            short = title if len(title) <= TITLE_WIDTH else title[:TITLE_WIDTH - 1] + "…"  # fits 80 columns
            table.add_row(label, short, mastery_bar(m.solved, m.total, width=8), fpm, str(attempts), key=label)

        recent = self.query_one("#recent", DataTable)
        recent.clear(columns=True)
        recent.add_columns("When", "Exercise", "Answer", "Result", "Help")
        attempts = session.recent_attempts(RECENT)
        for a in attempts:
            help_used = ", ".join(filter(None, [f"{a.hints_used} hint{'s' if a.hints_used != 1 else ''}" if a.hints_used else "",
                                                "derivation" if a.derivation_revealed else ""])) or "—"
            recent.add_row(a.at.astimezone().strftime("%b %d %H:%M"), a.exercise_id,
                           a.answer.splitlines()[0][:18] if a.answer else "",
                           "✓" if a.correct else "✗", help_used)
        if not attempts:
            recent.add_row("—", "no attempts yet", "", "", "")
        self._activity()
        where = _tilde(session.path) if session.path else "not saved (read-only)"
        self.query_one("#where", Static).update(
            f"Progress file: {where} · F·P·M: familiar, proficient, mastered · e exports a report")

    @work(thread=True, exclusive=True, group="activity")
    def _activity(self) -> None:
        """Attempts per local day over the calendar's weeks (read from the end of the log)."""
        from datetime import timedelta

        session = self.app.session
        today = session.now().astimezone().date()
        start = today - timedelta(weeks=ACTIVITY_WEEKS)
        counts: dict = {}
        for attempt in session.recent_attempts(ACTIVITY_ATTEMPTS):
            day = attempt.local_date()
            if day < start:
                break
            counts[day] = counts.get(day, 0) + 1
        self.app.call_from_thread(self.query_one(ActivityCalendar).show, counts, today)

    # ---- export ------------------------------------------------------------------------------

    def action_export(self) -> None:
        self.query_one("#exported", Static).update(Text("Writing the report…", style="dim"))
        self._export()

    @work(thread=True, exclusive=True, group="export")
    def _export(self) -> None:
        from linalg_tutor.report import build_report, outline_of
        from linalg_tutor.report.files import default_export_dir, learner_name, write_exports

        session = self.app.session
        now = session.now()
        try:
            report = build_report(session.progress, session.attempts(), outline_of(self.app.course),
                                  now=now, learner=learner_name())
            from linalg_tutor.tui.keys import served

            # Served in a browser, the reports are the learner's own: keep them in their folder.
            folder = session.directory / "exports" if served() and session.directory else default_export_dir()
            paths = write_exports(report, folder, now)
        except OSError as exc:
            self.app.call_from_thread(self.notify, f"The report could not be written: {exc}",
                                      severity="error", timeout=10)
            return
        message = f"Report written to {_tilde(paths[0])} (also .md, .json, .csv beside it)"
        self.app.call_from_thread(self._exported, message, paths)

    def _exported(self, message: str, paths: "list[Path]") -> None:
        from linalg_tutor.tui.keys import served

        if served():
            # In a browser the files above sit on the server: hand the learner each report as
            # a download instead (textual-serve turns deliver_text into a download link).
            for path in paths:
                self.app.deliver_text(path, save_filename=path.name)
            message = "Your report is downloading (HTML, Markdown, JSON and CSV)."
        self.query_one("#exported", Static).update(message)
        self.notify(message, title="Export", timeout=10)

    # ---- reset -------------------------------------------------------------------------------

    def action_reset(self) -> None:
        session = self.app.session
        if not session.writable:
            self.notify("This window is read-only: nothing can be reset here.", severity="warning")
            return
        choices: list[tuple[str, list[str] | None]] = []
        chapters, recent = self.query_one("#chapters", DataTable), self.query_one("#recent", DataTable)
        rows = self._rows()
        if recent.has_focus and recent.row_count and session.recent_attempts(RECENT):
            exercise_id = session.recent_attempts(RECENT)[recent.cursor_row].exercise_id
            choices.append((f"exercise {exercise_id}", [exercise_id]))
        if rows and 0 <= chapters.cursor_row < len(rows):
            label, title, ids = rows[chapters.cursor_row]
            choices.append((f"chapter {label} ({title}, {len(ids)} exercises)", ids))
        choices.append(("everything", None))
        self.app.push_screen(ConfirmReset(choices), self._reset)

    def _reset(self, choice: "tuple[str, list[str] | None] | None") -> None:
        if choice is None:
            return
        from linalg_tutor.progress.session import ProgressUnavailable

        label, ids = choice
        try:
            backups = self.app.session.reset(ids)
        except ProgressUnavailable as exc:
            self.notify(str(exc), severity="error", timeout=10)
            return
        self._fill()
        kept = _tilde(backups[-1]) if backups else "nothing to back up"
        self.notify(f"Forgot {label}. Backup: {kept}", title="Reset", timeout=10)
