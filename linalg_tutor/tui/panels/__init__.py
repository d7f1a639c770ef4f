"""Visual panels: one per lesson chapter, opened with ``v`` in the reader or from the palette.

This module only knows where each panel lives; importing it loads neither NumPy nor plotext,
so the command palette can list the panels at start-up. A panel's module (and with it plotext,
through textual-plotext) is imported when the panel is first opened.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

from linalg_tutor.viz.catalog import PANELS, PanelInfo, panel_info

if TYPE_CHECKING:
    from textual.app import App

    from linalg_tutor.tui.panels.base import Panel

#: chapter → module in this package holding that chapter's ``PANEL`` class.
MODULES: dict[int, str] = {
    0: "sobel", 1: "tensors", 2: "norms", 3: "dot", 4: "matmul", 5: "square", 6: "parallelogram",
    7: "basis", 8: "ellipse", 9: "svd", 10: "factorization", 11: "matrix_norms", 12: "descent",
    13: "hessian", 14: "backprop", 15: "broadcast", 16: "quadform", 17: "conditioning",
    18: "pipeline",
}

__all__ = ["MODULES", "PANELS", "PanelInfo", "has_panel", "open_panel", "panel_class", "panel_info"]


def has_panel(chapter: int) -> bool:
    return chapter in MODULES


def panel_class(chapter: int) -> "type[Panel]":
    """The panel widget class of ``chapter`` (imports its module, and plotext, on first use)."""
    return import_module(f"{__name__}.{MODULES[chapter]}").PANEL


def open_panel(app: "App", chapter: int) -> None:
    """Push the screen showing ``chapter``'s panel; a note if the chapter has none."""
    if not has_panel(chapter):
        app.notify(f"Chapter {chapter} has no visual panel.", timeout=3)
        return
    from linalg_tutor.tui.panels.screen import PanelScreen

    app.push_screen(PanelScreen(panel_class(chapter)()))
