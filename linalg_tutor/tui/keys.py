"""Keys that work in a web browser as well as in a terminal.

A browser keeps some keys for itself: ctrl+t, ctrl+n and ctrl+w never reach a web page, and
ctrl+r and ctrl+p may reload or print it. Every action bound to such a key has a browser-safe
key too, in the same ``Binding`` (``"ctrl+t,f3"``), so a terminal keeps its own. Under
``linalg-tutor serve`` (which sets ``LINALG_TUTOR_SERVE=1`` for the tutors it starts) the
footer shows the browser-safe key: :func:`browser_key` is the binding's ``key_display`` then,
and ``None`` (Textual's default display, the first key) in a terminal.
"""

from __future__ import annotations

import os

#: Set to "1" in the environment of every tutor ``linalg-tutor serve`` starts.
SERVE_ENV = "LINALG_TUTOR_SERVE"


def served() -> bool:
    """True inside a tutor started by ``linalg-tutor serve`` (so shown in a browser)."""
    return os.environ.get(SERVE_ENV) == "1"


def browser_key(display: str) -> str | None:
    """``display`` (e.g. "F3") when the tutor runs in a browser, else None (the terminal's key)."""
    return display if served() else None
