"""Home: every lesson and workbook chapter with its mastery bar, overall mastery, the streak,
whether today's step is done, and how many exercises are due for review."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from linalg_tutor.tui.widgets.mastery import mastery_bar

if TYPE_CHECKING:
    from linalg_tutor.tui.app import TutorApp

#: Room for a chapter title in a row at 80 columns (number, title, bar, count).
TITLE_WIDTH = 44


class HomeScreen(Screen):
    """The first screen: pick a chapter; see how far you have come."""

    # home.tcss is loaded by the App itself (see TutorApp.CSS_PATH).
    BINDINGS = [
        Binding("enter", "open", "Open", show=True, key_display="⏎"),
        Binding("r", "review", "Review"),
        Binding("p", "progress", "Progress"),
        Binding("s", "scratchpad", "Scratchpad"),
        Binding("q", "app.quit", "Quit"),
    ]

    app: "TutorApp"

    AUTO_FOCUS = "#chapters"

    def compose(self) -> ComposeResult:
        # Built complete here, not patched in on_mount: every later change costs the first
        # paint another style pass (see benchmarks/startup.py).
        yield Header()
        with Horizontal(id="stats"):
            loading = not self.app.ready
            yield Static(Text("Loading the course…", style="dim") if loading else "", id="mastery")
            yield Static(id="streak")
        yield Static(id="today")
        chapters = OptionList(id="chapters")
        chapters.border_title = "Chapters · ↑↓ choose · ⏎ open"
        yield chapters
        yield Footer()

    def on_mount(self) -> None:
        if self.app.ready:
            self.refresh_data()

    def on_screen_resume(self) -> None:
        self.refresh_data()

    def refresh_data(self) -> None:
        """Rebuild the list and the stats: on mount, when the course arrives, when coming back."""
        if not self.app.ready:
            self.query_one("#mastery", Static).update(Text("Loading the course…", style="dim"))
            return
        course, session = self.app.course, self.app.session
        mastery = session.mastery(ex.id for ex in course.workbook_exercises)
        streak, best = session.current_streak(), session.best_streak()
        line = Text.assemble(("Mastery ", "bold"), str(mastery), "  ", mastery_bar(mastery.solved, mastery.total))
        self.query_one("#mastery", Static).update(line)
        days = "day" if streak == 1 else "days"
        self.query_one("#streak", Static).update(
            Text.assemble(("Streak ", "bold"), (f"{streak} {days}", "yellow" if streak else ""), f" · best {best}"))
        self.query_one("#today", Static).update(self._today_line(streak))

        options = self.query_one("#chapters", OptionList)
        highlighted = options.highlighted
        options.clear_options()
        options.add_option(Option(Text("Lessons", style="bold underline"), disabled=True))
        for ch in course.chapters:
            ids = [ex.id for ex in course.for_lesson(ch.id)]
            options.add_option(Option(self._row(ch.id, ch.title, session.mastery(ids)), id=f"lesson:{ch.id}"))
        options.add_option(Option(Text(""), disabled=True))
        options.add_option(Option(Text("Workbook", style="bold underline"), disabled=True))
        for wb in course.workbook:
            ids = [ex.id for ex in course.for_workbook(wb.chapter)]
            options.add_option(Option(self._row(wb.chapter, wb.title, session.mastery(ids)), id=f"workbook:{wb.chapter}"))
        if highlighted is not None and highlighted < options.option_count:
            options.highlighted = highlighted
        elif options.option_count > 1:
            options.highlighted = 1

    def _today_line(self, streak: int) -> Text:
        """``Today ✓ · 3 due for review (r)`` or what is still open today."""
        session = self.app.session
        if session.done_today():
            line = Text.assemble(("Today ", "bold"), ("✓ done", "green"))
        elif streak:
            line = Text.assemble(("Today ", "bold"), ("open", "yellow"),
                                 f": one right answer keeps your {streak}-day streak")
        else:
            line = Text.assemble(("Today ", "bold"), ("open", "yellow"), ": one right answer starts a streak")
        known = {ex.id for ex in self.app.course.exercises}
        due = len(session.due(known))
        if due:
            line.append(" · ")
            line.append(f"{due} due for review", style="bold cyan")
            line.append(" (r)", style="dim")
        else:
            line.append(" · nothing due for review", style="dim")
        return line

    @staticmethod
    def _row(number: int, title: str, mastery) -> Table:  # noqa: ANN001
        grid = Table.grid(expand=True, padding=(0, 1))
        grid.add_column(width=3, justify="right")
        grid.add_column(ratio=1, no_wrap=True, overflow="ellipsis")
        grid.add_column(width=17, justify="right")
        grid.add_row(str(number), title, mastery_bar(mastery.solved, mastery.total))
        return grid

    @on(OptionList.OptionSelected, "#chapters")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self._open(event.option.id)

    def action_open(self) -> None:
        options = self.query_one("#chapters", OptionList)
        if options.highlighted is not None:
            self._open(options.get_option_at_index(options.highlighted).id)

    def _open(self, option_id: str | None) -> None:
        if not option_id:
            return
        kind, _, number = option_id.partition(":")
        if kind == "lesson":
            self.app.open_chapter(int(number))
        elif kind == "workbook":
            self.app.open_workbook(int(number))

    def action_review(self) -> None:
        if not self.app.ready:
            return
        if not self.app.open_review():
            upcoming = self.app.session.next_due()
            when = f" The next one is due {upcoming.astimezone(self.app.session.now().tzinfo):%a %d %b, %H:%M}." \
                if upcoming else " Solve an exercise and it comes back here when it is time to review it."
            self.notify("Nothing is due for review." + when, timeout=5)

    def action_progress(self) -> None:
        self.app.open_progress()

    def action_scratchpad(self) -> None:
        self.app.open_scratchpad()
