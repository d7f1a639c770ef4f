"""Progress: a per-chapter table of mastery and the most recent attempts."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from linalg_tutor.tui.widgets.mastery import mastery_bar

if TYPE_CHECKING:
    from linalg_tutor.tui.app import TutorApp

RECENT = 20


def _tilde(path: object) -> str:
    """The path with the home folder written as ``~``: shorter, and the same on every machine."""
    text, home = str(path), str(Path.home())
    return "~" + text[len(home):] if text.startswith(home + os.sep) else text


class ProgressScreen(Screen):
    """How far the learner has come, chapter by chapter, and what they tried last."""

    CSS_PATH = "progress.tcss"
    BINDINGS = [Binding("escape", "app.pop_screen", "Back"), Binding("q", "app.pop_screen", "Back", show=False)]

    app: "TutorApp"

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="progress-page"):
            yield Static(id="summary")
            yield Static("Chapters", classes="section")
            yield DataTable(id="chapters", cursor_type="row", zebra_stripes=True)
            yield Static("Recent attempts", classes="section")
            yield DataTable(id="recent", cursor_type="row", zebra_stripes=True)
            yield Static(id="where", classes="dim")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Progress"
        course, session = self.app.course, self.app.session
        mastery = session.mastery(ex.id for ex in course.workbook_exercises)
        streak = session.current_streak()
        self.query_one("#summary", Static).update(
            f"Workbook mastery: {mastery}    Day streak: {streak} (best {session.best_streak()})")

        table = self.query_one("#chapters", DataTable)
        table.add_columns("Chapter", "Title", "Solved", "Attempts")
        rows = [(f"L{ch.id}", ch.title, [e.id for e in course.for_lesson(ch.id)]) for ch in course.chapters]
        rows += [(f"W{wb.chapter}", wb.title, [e.id for e in course.for_workbook(wb.chapter)]) for wb in course.workbook]
        for label, title, ids in rows:
            m = session.mastery(ids)
            attempts = sum(session.attempt_count(i) for i in ids)
            table.add_row(label, title, mastery_bar(m.solved, m.total, width=8), str(attempts))

        recent = self.query_one("#recent", DataTable)
        recent.add_columns("When", "Exercise", "Answer", "Result", "Help")
        attempts = session.recent_attempts(RECENT)
        for a in attempts:
            help_used = ", ".join(filter(None, [f"{a.hints_used} hint{'s' if a.hints_used != 1 else ''}" if a.hints_used else "",
                                                "derivation" if a.derivation_revealed else ""])) or "—"
            recent.add_row(a.at.astimezone().strftime("%b %d %H:%M"), a.exercise_id, a.answer[:18],
                           "✓" if a.correct else "✗", help_used)
        if not attempts:
            recent.add_row("—", "no attempts yet", "", "", "")
        where = _tilde(session.path) if session.path else "not saved (read-only)"
        self.query_one("#where", Static).update(f"Progress file: {where}")
        table.focus()
