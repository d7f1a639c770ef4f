"""Pilot tests of the progress flows: spaced review with an injected clock, export, reset."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

from textual.widgets import OptionList

from support.pilot import SIZE, answer, text_of, until

from linalg_tutor.progress import ProgressStore
from linalg_tutor.tui.app import TutorApp
from linalg_tutor.tui.screens.exercise import ExerciseScreen
from linalg_tutor.tui.screens.home import HomeScreen

TZ = timezone(timedelta(hours=-4))


class Clock:
    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now


async def test_solve_then_review_when_due(tmp_path):
    clock = Clock(datetime(2026, 6, 1, 20, 0, tzinfo=TZ))
    app = TutorApp(progress_dir=tmp_path, warm_up=False, clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await until(app, pilot, lambda: app.ready, "the course")
        assert "open" in text_of(app, "#today") and "nothing due" in text_of(app, "#today")

        app.open_exercise("0.1")
        await pilot.pause()
        assert "Correct" in await answer(app, pilot, "19")   # first try, unaided: Good
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert "✓ done" in text_of(app, "#today") and "nothing due" in text_of(app, "#today")

        await pilot.press("r")                                  # nothing due yet: told when
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)

        due_at = app.session.progress.state("0.1").due
        assert due_at == clock.now + timedelta(days=2)
        clock.now = due_at - timedelta(minutes=1)
        app.screen.refresh_data()
        assert "nothing due" in text_of(app, "#today")
        clock.now = due_at                                      # the scheduled time
        app.screen.refresh_data()
        assert "1 due for review" in text_of(app, "#today")
        assert "open" in text_of(app, "#today")                 # a new day: today's step is open

        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, ExerciseScreen) and app.screen.sequence == ["0.1"]
        await until(app, pilot, lambda: app.screen.instance is not None, "the review's exercise")
        assert app.screen.instance.seed != 0                    # a review asks with new numbers
        A, B = app.screen.instance.values["A"], app.screen.instance.values["B"]
        assert "Correct" in await answer(app, pilot, str((A * B)[0, 0]))
        await pilot.press("escape")
        await pilot.pause()
        assert "nothing due" in text_of(app, "#today")
        assert app.session.stage("0.1") == "mastered"
        assert app.session.progress.state("0.1").due > clock.now + timedelta(days=7)

    # After a restart the card is still there.
    again = TutorApp(progress_dir=tmp_path, warm_up=False, clock=clock)
    assert again.session.progress.state("0.1").ratings == "GG"
    again.session.close()


async def test_export_writes_files_and_says_where(tmp_path, monkeypatch):
    monkeypatch.setenv("LINALG_TUTOR_EXPORT_DIR", str(tmp_path / "reports"))
    app = TutorApp(progress_dir=tmp_path / "p", warm_up=False)
    async with app.run_test(size=SIZE) as pilot:
        await until(app, pilot, lambda: app.ready, "the course")
        app.session.record("0.1", "<b>19</b>", type("V", (), {"correct": True})())
        await pilot.press("p")
        await pilot.pause()
        await pilot.press("e")
        await until(app, pilot, lambda: "Report written" in text_of(app, "#exported"), "the export")
        assert str(tmp_path / "reports") in text_of(app, "#exported").replace("\n", "")
    files = sorted(p.suffix for p in (tmp_path / "reports").iterdir())
    assert files == [".csv", ".html", ".json", ".md"]
    exported = json.loads(next((tmp_path / "reports").glob("*.json")).read_text())
    assert exported["attempts"][0]["answer"] == "<b>19</b>"
    html = next((tmp_path / "reports").glob("*.html")).read_text()
    assert "&lt;b&gt;19&lt;/b&gt;" in html


async def test_reset_a_chapter_after_confirming(tmp_path):
    app = TutorApp(progress_dir=tmp_path, warm_up=False)
    right = type("V", (), {"correct": True})()
    async with app.run_test(size=SIZE) as pilot:
        await until(app, pilot, lambda: app.ready, "the course")
        app.session.record("0.1", "19", right)
        app.session.record("0.2", "50", right)
        await pilot.press("p")
        await pilot.pause()
        await pilot.press("x")
        await pilot.pause()
        options = app.screen.query_one("#reset-options", OptionList)
        assert options.highlighted == 0                           # "keep everything" first
        await pilot.press("enter")                                # cancel by habit: nothing lost
        await pilot.pause()
        assert app.session.progress.attempt_count == 2

        await pilot.press("x")
        await pilot.pause()
        await pilot.press("down", "enter")                        # the highlighted chapter: W0
        await pilot.pause()
        assert app.session.progress.attempt_count == 0
        assert f"0 / {len(app.course.workbook_exercises)}" in text_of(app, "#summary")
    assert ProgressStore(tmp_path).attempts() == []
    assert list(tmp_path.glob("progress.attempts.jsonl.reset-*"))


async def test_progress_from_a_newer_tutor_opens_read_only_and_says_so(tmp_path):
    (tmp_path / "progress.json").write_text('{"schema_version": 99, "future": true}')
    app = TutorApp(progress_dir=tmp_path, warm_up=False)
    async with app.run_test(size=SIZE) as pilot:
        await until(app, pilot, lambda: app.ready, "the course")
        assert not app.session.writable
        assert any("newer linalg-tutor" in m and "NOT saved" in m for m in app.session.messages)
        app.open_exercise("0.1")
        await pilot.pause()
        assert "Correct" in await answer(app, pilot, "19")
    assert (tmp_path / "progress.json").read_text() == '{"schema_version": 99, "future": true}'
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.endswith((".lock", ".pid"))) == ["progress.json"]
