"""Helpers for pilot tests: wait for the app the way a learner would, and read what it shows."""

from __future__ import annotations

import io

from rich.console import Console
from textual.widgets import Input, Static

SIZE = (80, 24)


def text_of(app, selector: str) -> str:
    """The plain text a Static shows (strings, Rich Text, or Rich renderables such as tables)."""
    content = app.screen.query_one(selector, Static).content
    if isinstance(content, str):
        return content
    console = Console(width=200, file=io.StringIO(), record=True)
    console.print(content)
    return console.export_text()


async def started(app, pilot) -> None:
    """Wait until the course and progress have loaded (they load right after the first paint)."""
    for _ in range(200):  # the CourseReady message follows the worker; allow a busy machine
        await settle(app, pilot)
        if app.ready:
            return
        await pilot.pause(0.05)
    assert app.ready, "the course never finished loading"


async def settle(app, pilot) -> None:
    await app.workers.wait_for_complete()
    await pilot.pause()


async def until(app, pilot, condition, what: str) -> None:
    """Wait for ``condition()``: mounting and worker results arrive over several message rounds."""
    for _ in range(200):
        await settle(app, pilot)
        if condition():
            return
        await pilot.pause(0.05)
    raise AssertionError(f"timed out waiting for {what} (focus: {app.focused!r})")


async def answer(app, pilot, text: str) -> str:
    await until(app, pilot, lambda: bool(app.screen.query("#answer")), "the answer box")
    field = app.screen.query_one("#answer", Input)
    field.value = ""
    field.focus()
    await pilot.press(*text)
    await pilot.press("enter")
    await settle(app, pilot)
    return text_of(app, "#feedback")
