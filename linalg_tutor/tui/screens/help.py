"""Help: the keys of the screen the learner came from, and the keys that work everywhere."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

GENERAL = [
    ("?  or  F1", "this help"),
    ("ctrl+p, F9", "command palette: jump to any chapter, exercise or screen (F9 in a browser)"),
    ("tab / shift+tab", "move between parts of the screen"),
    ("esc", "back"),
    ("ctrl+q", "quit (progress is saved after every answer)"),
]

ANSWER_SYNTAX = """\
Typing answers: 19   -3/4   0.25   1e-3   5√2 or 5 sqrt(2)   2^10 or 2**10   x² ³
π or pi   e   ln(2)   abs(x)   vectors [1, 2, 3]   matrices [[1, 2], [3, 4]] or [1 2; 3 4]
The line under the answer box shows how your input was read before you press ⏎."""


class HelpScreen(ModalScreen[None]):
    """A modal listing keys; any of esc, q, ? closes it."""

    CSS_PATH = "help.tcss"
    BINDINGS = [Binding("escape,q,question_mark,f1", "dismiss", "Close")]

    def __init__(self, for_screen: Screen) -> None:
        super().__init__()
        self.for_screen = for_screen

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box"):
            yield Static(Text.assemble(("linalg-tutor help", "bold"), ("   ↑↓ scroll · esc closes", "dim")), id="help-title")
            yield Static(self._keys_table(), id="help-keys")
            yield Static(ANSWER_SYNTAX, id="help-syntax")
            yield Static(Text("esc closes this help", style="dim"))

    def _keys_table(self) -> Table:
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold cyan", no_wrap=True)
        table.add_column()
        name = type(self.for_screen).__name__.removesuffix("Screen") or "This screen"
        table.add_row(Text(f"{name} screen", style="bold underline"), "")
        for binding in _bindings(self.for_screen):
            table.add_row(binding.key_display or binding.key, binding.description)
        table.add_row("", "")
        table.add_row(Text("Everywhere", style="bold underline"), "")
        for key, what in GENERAL:
            table.add_row(key, what)
        return table

    def action_dismiss(self) -> None:  # type: ignore[override]
        self.dismiss(None)


def _bindings(screen: Screen) -> list[Binding]:
    seen: set[str] = set()
    out = []
    for binding in getattr(screen, "BINDINGS", []):
        if isinstance(binding, Binding) and binding.description and binding.action not in seen:
            seen.add(binding.action)
            out.append(binding)
    return out
