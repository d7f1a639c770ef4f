"""ProgressSession: what the front ends use. Real stores in tmp_path, an injected clock."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from pathlib import Path
from types import SimpleNamespace

import pytest

from linalg_tutor.progress import ProgressStore
from linalg_tutor.progress.session import SNAPSHOT_EVERY, ProgressSession, ProgressUnavailable

TZ = timezone(timedelta(hours=2))


class Clock:
    """A clock the test moves by hand."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


RIGHT = SimpleNamespace(correct=True, interpreted_as="19")
WRONG = SimpleNamespace(correct=False, interpreted_as="20")


def test_record_keeps_seed_score_and_the_whole_answer(tmp_path: Path) -> None:
    clock = Clock(datetime(2026, 5, 1, 9, 0, tzinfo=TZ))
    code = "def f(x):\n" + "    x += 1\n" * 300
    with ProgressSession.open(tmp_path, clock=clock) as session:
        session.record("0.7", code, SimpleNamespace(correct=False, score=0.75), seed=1234,
                       hints_used=1, source="cli")
        session.record("0.1", "19", RIGHT)  # no score attribute at all: None
    lines = (tmp_path / "progress.attempts.jsonl").read_text(encoding="utf-8").splitlines()
    first, second = (json.loads(line) for line in lines)
    assert first["answer"] == code and first["seed"] == 1234 and first["score"] == 0.75
    assert first["at"] == "2026-05-01T09:00:00+02:00" and first["source"] == "cli"
    assert second["score"] is None and second["seed"] is None and second["interpreted_as"] == "19"


def test_an_attempt_is_on_disk_when_record_returns(tmp_path: Path) -> None:
    session = ProgressSession.open(tmp_path)
    session.record("0.1", "19", RIGHT)
    # No flush, no close: another reader already sees it (kill -9 would not lose it).
    assert [a.answer for a in ProgressStore(tmp_path).attempts()] == ["19"]
    session.flush()
    session.close()


def test_snapshots_are_written_in_the_background_and_on_close(tmp_path: Path) -> None:
    clock = Clock(datetime(2026, 5, 1, 9, 0, tzinfo=TZ))
    session = ProgressSession.open(tmp_path, clock=clock)
    for i in range(SNAPSHOT_EVERY + 3):
        clock.advance(minutes=1)
        session.record(f"e{i % 5}", str(i), RIGHT if i % 2 else WRONG)
    session.flush()
    snapshot = json.loads((tmp_path / "progress.json").read_text())
    assert snapshot["log"]["count"] >= SNAPSHOT_EVERY
    session.close()
    snapshot = json.loads((tmp_path / "progress.json").read_text())
    assert snapshot["log"]["count"] == SNAPSHOT_EVERY + 3
    again = ProgressSession.open(tmp_path, clock=clock)
    assert again.progress == session.progress
    assert [a.answer for a in again.recent_attempts(3)] == ["52", "51", "50"]
    again.close()


def test_second_session_is_refused_and_read_only_says_so(tmp_path: Path) -> None:
    first = ProgressSession.open(tmp_path)
    first.record("0.1", "19", RIGHT)
    with pytest.raises(ProgressUnavailable, match="Another linalg-tutor"):
        ProgressSession.open(tmp_path)
    second = ProgressSession.read_only(tmp_path, reason="Another tutor is open.")
    assert second.path is None and not second.writable
    assert second.messages[-1].endswith("NOT saved.")
    assert second.progress.attempt_count == 1
    second.record("0.2", "7", WRONG)
    assert [a.exercise_id for a in second.recent_attempts(5)] == ["0.2", "0.1"]
    second.close()
    first.close()
    assert len(ProgressStore(tmp_path).attempts()) == 1  # the read-only answer was not written


def test_streak_and_today_use_the_injected_clock(tmp_path: Path) -> None:
    clock = Clock(datetime(2026, 5, 1, 23, 50, tzinfo=TZ))
    with ProgressSession.open(tmp_path, clock=clock) as session:
        assert session.current_streak() == 0 and not session.done_today()
        session.record("0.1", "19", RIGHT)
        assert session.current_streak() == 1 and session.done_today()
        clock.advance(minutes=20)  # after midnight: alive, today's step is open
        assert session.current_streak() == 1 and not session.done_today()
        session.record("0.2", "5", RIGHT)
        assert session.current_streak() == 2 and session.best_streak() == 2
        clock.advance(days=2)
        assert session.current_streak() == 0 and session.best_streak() == 2


def test_corrupt_snapshot_is_reported_by_the_session(tmp_path: Path) -> None:
    (tmp_path / "progress.json").write_text("{ not json")
    with ProgressSession.open(tmp_path) as session:
        assert any("could not be read" in m and "corrupt-" in m for m in session.messages)
