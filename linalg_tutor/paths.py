"""Where the course content and the learner's progress live.

Content: ``$LINALG_TUTOR_CONTENT_DIR`` if set; else the source checkout this package sits in
(``chapters/``, ``exercises.yaml`` and ``exercises/`` beside the ``linalg_tutor`` folder); else the copy bundled
into the installed package (``linalg_tutor/_content``, written by ``setup.py`` at build time).

Progress is decided in :func:`linalg_tutor.progress.store.default_progress_dir`; this module
only answers "am I running from a checkout?" for both.
"""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
CONTENT_ENV = "LINALG_TUTOR_CONTENT_DIR"
PROGRESS_ENV = "LINALG_TUTOR_PROGRESS_DIR"
EXERCISES_FILE = "exercises.yaml"
EXERCISES_DIR = "exercises"
CHAPTERS_DIR = "chapters"


def checkout_root() -> Path | None:
    """The repository root when running from a source checkout, else None."""
    root = PACKAGE_DIR.parent
    if (root / "pyproject.toml").is_file() and (root / EXERCISES_FILE).is_file():
        return root
    return None


def content_dir() -> Path:
    """The folder holding ``chapters/`` and ``exercises.yaml``."""
    env = os.environ.get(CONTENT_ENV)
    if env:
        return Path(env).expanduser()
    root = checkout_root()
    if root is not None:
        return root
    return PACKAGE_DIR / "_content"
