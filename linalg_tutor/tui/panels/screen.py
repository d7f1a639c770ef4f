"""The screen that shows one visual panel full size, with the header and the key footer."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Header

from linalg_tutor.tui.panels.base import Panel


class PanelScreen(Screen):
    """A chapter's picture; ``escape`` goes back to where it was opened from."""

    CSS_PATH = Path(__file__).with_name("panels.tcss")
    BINDINGS = [Binding("escape", "app.pop_screen", "Back")]

    def __init__(self, panel: Panel) -> None:
        super().__init__()
        self.panel = panel
        self.sub_title = f"Visual {panel.CHAPTER}: {panel.TITLE}"

    def compose(self) -> ComposeResult:
        yield Header()
        yield self.panel
        yield Footer()

    def on_mount(self) -> None:
        self.panel.focus()
