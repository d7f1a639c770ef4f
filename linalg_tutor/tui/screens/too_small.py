"""Shown while the terminal is smaller than the tutor can lay out without cutting text off."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import ModalScreen
from textual.widgets import Static


class TooSmallScreen(ModalScreen[None]):
    """Asks for a bigger terminal and goes away by itself once it is big enough."""

    CSS_PATH = "too_small.tcss"

    def __init__(self, min_width: int, min_height: int) -> None:
        super().__init__()
        self.min_width, self.min_height = min_width, min_height

    def compose(self) -> ComposeResult:
        yield Static(id="too-small")

    def on_mount(self) -> None:
        self.update_size(*self.app.size)

    def update_size(self, width: int, height: int) -> None:
        self.query_one("#too-small", Static).update(
            f"Terminal too small: {width}×{height}. linalg-tutor needs {self.min_width}×{self.min_height} "
            f"(80×24 or more is best). Enlarge the window; ctrl+q quits.")
