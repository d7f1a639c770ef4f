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
    # The panel (focused) handles its own keys; these entries name them for the help screen,
    # and if focus has wandered (a click on the header) they hand it back to the panel.
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("tab", "focus_panel('tab')", "next control (shift+tab: previous)", show=False),
        Binding("left,right,up,down", "focus_panel('arrows')", "change the highlighted control",
                key_display="← → ↑ ↓", show=False),
        Binding("plus,minus", "focus_panel('plus')", "step it up / down (a vector: double / halve)",
                key_display="+ −", show=False),
        Binding("space", "focus_panel('space')", "play / pause (panels that animate)", show=False),
        Binding("s", "focus_panel('s')", "one step (panels that animate)", show=False),
        Binding("r", "focus_panel('r')", "back to the starting values", show=False),
    ]

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

    def action_focus_panel(self, _key: str) -> None:
        self.panel.focus()
