"""Shared fixtures: the real course folder, and a scratch copy of it to break on purpose."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _isolated_progress(tmp_path, monkeypatch):
    """No test may touch the learner's real progress folder."""
    monkeypatch.setenv("LINALG_TUTOR_PROGRESS_DIR", str(tmp_path / "progress"))
    monkeypatch.delenv("LINALG_TUTOR_CONTENT_DIR", raising=False)


@pytest.fixture
def course_copy(tmp_path) -> Path:
    """A writable copy of the real content (chapters/, exercises.yaml and exercises/)."""
    root = tmp_path / "course"
    root.mkdir()
    shutil.copytree(REPO / "chapters", root / "chapters")
    shutil.copy2(REPO / "exercises.yaml", root / "exercises.yaml")
    shutil.copytree(REPO / "exercises", root / "exercises")
    return root
