"""Command palette: jump to any chapter, workbook chapter, exercise, visual panel or screen.

One list of ``(name, callback, help)`` feeds both ``discover`` (shown before typing) and
``search``, so the two never disagree. Names read "group: what".
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Callable

from textual.command import DiscoveryHit, Hit, Hits, Provider

from linalg_tutor.tui.panels import PANELS, open_panel

if TYPE_CHECKING:
    from linalg_tutor.tui.app import TutorApp


class TutorCommands(Provider):
    """Chapters, exercises and screens of linalg-tutor."""

    def _commands(self) -> list[tuple[str, Callable[[], None], str]]:
        app: TutorApp = self.app  # type: ignore[assignment]
        course = app.course
        items: list[tuple[str, Callable[[], None], str]] = [
            ("screen: home", partial(app.go_home), "Chapters, mastery and streak"),
            ("screen: progress", app.open_progress, "Per-chapter table and recent attempts"),
            ("screen: scratchpad", app.open_scratchpad, "Step-by-step hand calculations on your own matrices"),
        ]
        for ch in course.chapters:
            items.append((f"chapter {ch.id}: {ch.title}", partial(app.open_chapter, ch.id), ch.meta.summary))
        for wb in course.workbook:
            items.append((f"workbook {wb.chapter}: {wb.title}", partial(app.open_workbook, wb.chapter),
                          f"{len(course.for_workbook(wb.chapter))} exercises"))
        for info in PANELS:  # every chapter's picture, written or not yet
            items.append((f"Visual: {info.chapter} {info.title}", partial(open_panel, app, info.chapter),
                          info.summary))
        for ex in course.exercises:
            items.append((f"exercise {ex.id}: {ex.title}", partial(app.open_exercise, ex.id), ex.type))
        return items

    def _from_home(self, callback: Callable[[], None]) -> Callable[[], None]:
        """A jump starts from home, so one esc leads back there (not one per earlier jump)."""
        app: TutorApp = self.app  # type: ignore[assignment]

        def jump() -> None:
            app.go_home()
            callback()

        return jump

    async def discover(self) -> Hits:
        for name, callback, help_text in self._commands():
            yield DiscoveryHit(name, self._from_home(callback), help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, callback, help_text in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), self._from_home(callback), help=help_text)
