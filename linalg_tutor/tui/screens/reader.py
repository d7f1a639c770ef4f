"""The chapter reader: the chapter's Markdown with a table of contents, its exercises at the end."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Markdown, OptionList, Static
from textual.widgets.markdown import MarkdownFence
from textual.widgets.option_list import Option

from linalg_tutor.tui.widgets.exercise_list import LEGEND, ExerciseList

if TYPE_CHECKING:
    from textual.content import Content
    from textual.widgets.markdown import MarkdownBlock

    from linalg_tutor.content.models import Chapter
    from linalg_tutor.tui.app import TutorApp


class ChapterFence(MarkdownFence):
    """A code block highlighted by the first word of its info string (```python no-run → python)."""

    @classmethod
    def highlight(cls, code: str, language: str, ansi: bool = False, dark: bool = False) -> Content:
        words = (language or "").split()
        return super().highlight(code, words[0] if words else "", ansi=ansi, dark=dark)


class ChapterMarkdown(Markdown):
    """The chapter body: Markdown whose code fences read only the language from the info string."""

    BLOCKS: ClassVar[dict[str, type[MarkdownBlock]]] = {**Markdown.BLOCKS, "fence": ChapterFence}


class ReaderScreen(Screen):
    """Read one lesson chapter; jump by heading; start its exercises."""

    CSS_PATH = "reader.tcss"
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("t", "toggle_toc", "Contents"),
        Binding("x", "exercises", "Exercises"),
        Binding("n", "next_chapter", "Next ch."),
        Binding("b", "previous_chapter", "Prev ch."),
        Binding("v", "visual", "Visual"),
        Binding("j,down", "scroll_down", "Scroll", show=False),
        Binding("k,up", "scroll_up", "Scroll", show=False),
        Binding("space,pagedown", "page_down", "Page", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("home", "top", "Top", show=False),
    ]

    app: "TutorApp"

    def __init__(self, chapter: "Chapter") -> None:
        super().__init__()
        self.chapter = chapter
        self.sub_title = f"Chapter {chapter.id}: {chapter.title}"

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal():
            yield OptionList(id="toc")
            with VerticalScroll(id="page"):
                yield Static(f"Chapter {self.chapter.id} · {self.chapter.title}", id="chapter-title")
                yield Static(self.chapter.meta.summary, id="chapter-summary")
                yield ChapterMarkdown(self.chapter.body, id="body")
                yield Static("Exercises for this chapter", id="exercises-title")
                yield Static(id="exercises-help")
                yield ExerciseList(id="exercises")
        yield Footer()

    def on_mount(self) -> None:
        self._fill_exercises()
        self.query_one("#page").focus()
        self._set_toc_visibility()

    def on_screen_resume(self) -> None:
        self._fill_exercises()

    def on_resize(self) -> None:
        self._set_toc_visibility()

    def _set_toc_visibility(self) -> None:
        # At 80 columns the contents panel would squeeze the text; it starts hidden there.
        if not getattr(self, "_toc_chosen", False):
            self.query_one("#toc").display = self.app.size.width >= 100

    def _fill_exercises(self) -> None:
        exercises = self.app.course.for_lesson(self.chapter.id)
        levels = {ex.id: self.app.session.stage(ex.id) for ex in exercises}
        self.query_one("#exercises", ExerciseList).show(exercises, levels)
        help_text = (f"⏎ opens the highlighted exercise. {LEGEND}"
                     if exercises else "No exercises for this chapter yet.")
        self.query_one("#exercises-help", Static).update(help_text)

    @on(Markdown.TableOfContentsUpdated)
    def _toc_updated(self, event: Markdown.TableOfContentsUpdated) -> None:
        toc = self.query_one("#toc", OptionList)
        toc.clear_options()
        for level, label, block_id in event.table_of_contents:
            if level <= 3 and block_id:
                toc.add_option(Option(("  " * (level - 2)) + label, id=block_id))
        toc.add_option(Option("▸ Exercises", id="exercises-title"))

    @on(OptionList.OptionSelected, "#toc")
    def _goto(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.query_one(f"#{event.option.id}").scroll_visible(top=True, animate=False)

    @on(OptionList.OptionSelected, "#exercises")
    def _start(self, event: OptionList.OptionSelected) -> None:
        ids = self.query_one("#exercises", ExerciseList).ids
        if event.option.id:
            self.app.open_exercise(event.option.id, ids)

    def action_toggle_toc(self) -> None:
        self._toc_chosen = True
        toc = self.query_one("#toc")
        toc.display = not toc.display
        (toc if toc.display else self.query_one("#page")).focus()

    def action_visual(self) -> None:
        """Open this chapter's picture (its panel module, and plotext, load now)."""
        from linalg_tutor.tui.panels import open_panel

        open_panel(self.app, self.chapter.id)

    def action_exercises(self) -> None:
        self.query_one("#exercises-title").scroll_visible(top=True, animate=False)
        self.query_one("#exercises").focus()

    def _neighbour(self, step: int) -> None:
        ids = [c.id for c in self.app.course.chapters]
        index = ids.index(self.chapter.id) + step
        if 0 <= index < len(ids):
            self.app.switch_screen(ReaderScreen(self.app.course.chapter(ids[index])))
        else:
            self.notify("No more chapters that way.", timeout=3)

    def action_next_chapter(self) -> None:
        self._neighbour(1)

    def action_previous_chapter(self) -> None:
        self._neighbour(-1)

    def action_scroll_down(self) -> None:
        self.query_one("#page", VerticalScroll).scroll_down(animate=False)

    def action_scroll_up(self) -> None:
        self.query_one("#page", VerticalScroll).scroll_up(animate=False)

    def action_page_down(self) -> None:
        self.query_one("#page", VerticalScroll).scroll_page_down(animate=False)

    def action_page_up(self) -> None:
        self.query_one("#page", VerticalScroll).scroll_page_up(animate=False)

    def action_top(self) -> None:
        self.query_one("#page", VerticalScroll).scroll_home(animate=False)
