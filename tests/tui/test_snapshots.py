"""Snapshot tests of the main screens at 80×24, with fresh progress so they are deterministic.

After an intended visual change: ``pytest tests/tui --snapshot-update``.
"""

from __future__ import annotations

import pytest

from textual.widgets import Input

from linalg_tutor.tui.app import TutorApp

SIZE = (80, 24)


@pytest.fixture
def app(tmp_path, monkeypatch):
    # The progress screen writes the file's path with the home folder as "~": make that stable.
    monkeypatch.setenv("HOME", str(tmp_path.parent))
    tutor = TutorApp(progress_dir=tmp_path, warm_up=False)
    assert tutor.course.ok and tutor.session.writable  # loaded up front: the first frame is the real one
    return tutor


async def _settle(pilot):
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    # A blinking cursor is caught on or off depending on timing: hold it still for the picture.
    for field in pilot.app.screen.query(Input):
        field.cursor_blink = False
    await pilot.pause()


def test_home(snap_compare, app):
    assert snap_compare(app, terminal_size=SIZE)


def test_reader(snap_compare, app):
    async def open_chapter(pilot):
        pilot.app.open_chapter(4)
        await _settle(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=open_chapter)


def test_exercise_value(snap_compare, app):
    async def open_exercise(pilot):
        pilot.app.open_exercise("0.1")
        await _settle(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=open_exercise)


def test_exercise_choice(snap_compare, app):
    async def open_exercise(pilot):
        pilot.app.open_exercise("0.3")
        await _settle(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=open_exercise)


def test_progress(snap_compare, app):
    assert snap_compare(app, terminal_size=SIZE, press=["p"])


def test_help(snap_compare, app):
    assert snap_compare(app, terminal_size=SIZE, press=["question_mark"])
