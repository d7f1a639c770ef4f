"""The progress file: round trip, atomic saves, corrupt files, migrations, default folder.

Real files in ``tmp_path``; only the crash and the clock are simulated.
"""

from __future__ import annotations

import json
import os
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import platformdirs
import pytest

from linalg_tutor.progress import (
    MIGRATIONS,
    SCHEMA_VERSION,
    Attempt,
    Progress,
    ProgressNotLocked,
    ProgressSaveError,
    ProgressStore,
    ProgressUnreadable,
    default_progress_dir,
)
from linalg_tutor.progress import store as store_module
from linalg_tutor.progress.atomic import atomic_write_bytes, stale_temp_files

TZ = timezone(timedelta(hours=1))
T0 = datetime(2025, 2, 3, 18, 0, tzinfo=TZ)


def sample_progress(n: int = 3) -> Progress:
    progress = Progress()
    for i in range(n):
        progress.record(
            Attempt(
                exercise_id=f"ch01.e{i % 2}",
                at=T0 + timedelta(hours=20 * i),
                answer=f"√{i} “quoted”",
                correct=i % 3 != 1,
                hints_used=i % 2,
                interpreted_as=f"sqrt({i})",
            ),
            tz=TZ,
        )
    return progress


def saved(directory: Path, progress: Progress) -> Path:
    with ProgressStore(directory) as store:
        store.save(progress)
    return store.path


def backups(directory: Path, kind: str = "corrupt") -> list[Path]:
    return sorted(directory.glob(f"progress.json.{kind}-*"))


# --- round trip --------------------------------------------------------------------------


def test_missing_file_loads_fresh_progress_without_creating_anything(tmp_path: Path) -> None:
    folder = tmp_path / "not" / "yet"
    result = ProgressStore(folder).load()
    assert result.progress == Progress()
    assert result.warning is None and result.backup_path is None
    assert not folder.exists()


def test_round_trip_and_schema_version(tmp_path: Path) -> None:
    folder = tmp_path / "deep" / "folder"  # created on first lock/save
    progress = sample_progress()
    path = saved(folder, progress)

    document = json.loads(path.read_text(encoding="utf-8"))
    assert document["schema_version"] == SCHEMA_VERSION == 1
    assert list(document)[0] == "schema_version"
    assert len(document["attempts"]) == 3

    result = ProgressStore(folder).load()  # read-only: no lock needed
    assert result.warning is None
    assert result.progress == progress
    assert result.progress.attempts[0].at.utcoffset() == timedelta(hours=1)


def test_file_is_readable_one_attempt_per_line(tmp_path: Path) -> None:
    path = saved(tmp_path, sample_progress(3))
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "{" and lines[1] == ' "schema_version": 1,'
    assert sum('"exercise_id"' in line for line in lines) == 3
    assert "“quoted”" in path.read_text(encoding="utf-8")  # UTF-8, not \\u escapes


def test_save_requires_the_lock(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path)
    with pytest.raises(ProgressNotLocked, match="acquire"):
        store.save(Progress())
    assert not store.path.exists()


def test_saving_again_replaces_the_file(tmp_path: Path) -> None:
    with ProgressStore(tmp_path) as store:
        progress = store.load().progress
        store.save(progress)
        progress.record(Attempt(exercise_id="e", at=T0, answer="1", correct=True), tz=TZ)
        store.save(progress)
    assert len(ProgressStore(tmp_path).load().progress.attempts) == 1


# --- atomicity ---------------------------------------------------------------------------


def test_crash_before_rename_keeps_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    old = sample_progress(2)
    path = saved(tmp_path, old)
    old_bytes = path.read_bytes()

    def crash(src: Any, dst: Any) -> None:
        assert Path(src).read_bytes()  # the new content was fully written to the temp file
        raise OSError(28, "No space left on device")

    with ProgressStore(tmp_path) as store:
        monkeypatch.setattr(os, "replace", crash)
        with pytest.raises(ProgressSaveError, match="unchanged"):
            store.save(sample_progress(5))
        monkeypatch.undo()

    assert path.read_bytes() == old_bytes
    assert stale_temp_files(path) == []
    result = ProgressStore(tmp_path).load()
    assert result.warning is None and result.progress == old


def test_failed_write_removes_its_temp_file(tmp_path: Path) -> None:
    target = tmp_path / "file.json"
    target.write_bytes(b"old")
    with pytest.raises(TypeError):
        atomic_write_bytes(target, "not bytes")  # type: ignore[arg-type]
    assert target.read_bytes() == b"old"
    assert stale_temp_files(target) == []


def test_stale_temp_files_are_ignored_then_cleaned(tmp_path: Path) -> None:
    path = saved(tmp_path, sample_progress(2))
    stale = tmp_path / ".progress.json.k3j4h5.tmp"
    stale.write_bytes(b'{"schema_version": 1, "attem')  # a crash mid-write
    assert ProgressStore(tmp_path).load().warning is None
    assert stale_temp_files(path) == [stale]

    with ProgressStore(tmp_path) as store:
        store.save(store.load().progress)
    assert not stale.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["progress.json", "progress.json.lock"]


# --- unreadable files --------------------------------------------------------------------

VALID = sample_progress(2)
VALID_BYTES = json.dumps({"schema_version": 1, **VALID.model_dump(mode="json")}).encode()

CORRUPT = {
    "garbage bytes": (b"\x00\xff\xfe\x9a garbage \x13", "not a text file"),
    "truncated JSON": (VALID_BYTES[: len(VALID_BYTES) // 2], "not valid JSON"),
    "empty file": (b"", "empty"),
    "a JSON list": (b"[1, 2, 3]", "holds a list"),
    "no schema_version": (b'{"attempts": []}', "schema_version"),
    "wrong field type": (b'{"schema_version": 1, "attempts": "many"}', "attempts"),
    "unknown field": (b'{"schema_version": 1, "streak": 4}', "not valid progress data"),
    "naive datetime": (
        b'{"schema_version": 1, "attempts": [{"exercise_id": "e", "at": "2025-01-01T10:00:00",'
        b' "answer": "1", "correct": true}]}',
        "timezone",
    ),
    "future schema": (b'{"schema_version": 99, "attempts": [], "hologram": {}}', "newer linalg-tutor"),
}


@pytest.mark.parametrize("raw, reason", CORRUPT.values(), ids=list(CORRUPT))
def test_corrupt_file_is_moved_to_a_backup(tmp_path: Path, raw: bytes, reason: str) -> None:
    path = tmp_path / "progress.json"
    path.write_bytes(raw)

    with ProgressStore(tmp_path) as store:
        result = store.load()
        assert result.progress == Progress()
        assert result.backup_path is not None and result.backup_path.read_bytes() == raw
        assert backups(tmp_path) == [result.backup_path]
        assert result.warning is not None
        assert str(result.backup_path) in result.warning and str(path) in result.warning
        assert reason in result.warning
        assert "moved" in result.warning and "fresh progress" in result.warning
        assert not path.exists()  # moved, so the next start does not warn again

        store.save(sample_progress(1))

    assert result.backup_path.read_bytes() == raw  # the save did not touch it
    assert backups(tmp_path) == [result.backup_path]
    assert ProgressStore(tmp_path).load().warning is None


def test_future_schema_warning_says_to_upgrade(tmp_path: Path) -> None:
    (tmp_path / "progress.json").write_bytes(b'{"schema_version": 2}')
    warning = ProgressStore(tmp_path).load().warning
    assert warning is not None and "Upgrade linalg-tutor" in warning


def test_read_only_load_copies_once_and_leaves_the_file(tmp_path: Path) -> None:
    path = tmp_path / "progress.json"
    path.write_bytes(b"{oops")
    first = ProgressStore(tmp_path).load()
    second = ProgressStore(tmp_path).load()
    assert path.read_bytes() == b"{oops"  # not the reader's file to remove
    assert first.warning is not None and "copied" in first.warning
    assert first.backup_path == second.backup_path  # identical backup reused
    assert backups(tmp_path) == [first.backup_path]


def test_backups_are_never_overwritten(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    class FrozenClock(datetime):
        @classmethod
        def now(cls, tz: Any = None) -> FrozenClock:  # type: ignore[override]
            return cls(2025, 1, 2, 9, 30, 0)

    monkeypatch.setattr(store_module, "datetime", FrozenClock)
    earlier = tmp_path / "progress.json.corrupt-20250102-093000"
    earlier.write_bytes(b"an older, different broken file")
    (tmp_path / "progress.json").write_bytes(b"not json")

    with ProgressStore(tmp_path) as store:
        result = store.load()
        assert result.backup_path == tmp_path / "progress.json.corrupt-20250102-093000-2"
        (tmp_path / "progress.json").write_bytes(b"broken again")
        assert store.load().backup_path == tmp_path / "progress.json.corrupt-20250102-093000-3"

    assert earlier.read_bytes() == b"an older, different broken file"
    assert result.backup_path.read_bytes() == b"not json"


def test_os_level_read_failure_is_raised_not_reset(tmp_path: Path) -> None:
    (tmp_path / "progress.json").mkdir()  # e.g. a folder where the file should be
    with ProgressStore(tmp_path) as store, pytest.raises(ProgressUnreadable, match="Cannot read"):
        store.load()
    assert (tmp_path / "progress.json").is_dir()
    assert backups(tmp_path) == []


# --- migrations --------------------------------------------------------------------------

V0_BYTES = json.dumps(
    {"schema_version": 0, "history": [{"exercise": "ch01.e1", "time": "2024-12-01T10:00:00+01:00", "ok": True}]}
).encode()


def migrate_v0(document: dict[str, Any]) -> dict[str, Any]:
    """A fake v0 → v1 step: v0 called attempts "history" with shorter keys."""
    return {
        "attempts": [
            {"exercise_id": h["exercise"], "at": h["time"], "answer": "", "correct": h["ok"]}
            for h in document["history"]
        ]
    }


def test_older_schema_is_migrated_and_original_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(MIGRATIONS, 0, migrate_v0)
    (tmp_path / "progress.json").write_bytes(V0_BYTES)

    with ProgressStore(tmp_path) as store:
        result = store.load()
        assert result.warning is None and result.migrated_from == 0
        assert result.progress.is_solved("ch01.e1")
        assert result.backup_path is not None and result.backup_path.read_bytes() == V0_BYTES
        assert result.backup_path.name.startswith("progress.json.v0-")
        store.save(result.progress)

    document = json.loads((tmp_path / "progress.json").read_text(encoding="utf-8"))
    assert document["schema_version"] == 1
    assert ProgressStore(tmp_path).load().migrated_from is None


def test_older_schema_without_migration_is_backed_up(tmp_path: Path) -> None:
    assert 0 not in MIGRATIONS
    (tmp_path / "progress.json").write_bytes(V0_BYTES)
    result = ProgressStore(tmp_path).load()
    assert result.warning is not None and "too old" in result.warning
    assert result.backup_path is not None and result.backup_path.read_bytes() == V0_BYTES


def test_failing_migration_is_backed_up(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(MIGRATIONS, 0, lambda document: document["missing"])
    (tmp_path / "progress.json").write_bytes(V0_BYTES)
    result = ProgressStore(tmp_path).load()
    assert result.warning is not None and "upgrading it from progress format 0 failed" in result.warning
    assert result.progress == Progress()


# --- where progress lives -------------------------------------------------------------------


def test_default_dir_env_override(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LINALG_TUTOR_PROGRESS_DIR", str(tmp_path / "mine"))
    assert default_progress_dir(tmp_path / "whatever") == tmp_path / "mine"


def test_default_dir_source_checkout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LINALG_TUTOR_PROGRESS_DIR", "")  # empty means unset
    package = tmp_path / "repo" / "linalg_tutor"
    package.mkdir(parents=True)
    (tmp_path / "repo" / "pyproject.toml").write_text("[project]\n")
    user_dir = platformdirs.user_data_path("linalg-tutor") / "progress"
    assert default_progress_dir(package) == user_dir  # no progress/ folder: not a checkout
    (tmp_path / "repo" / "progress").mkdir()
    assert default_progress_dir(package) == tmp_path / "repo" / "progress"


def test_default_dir_installed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LINALG_TUTOR_PROGRESS_DIR", raising=False)
    site_packages = tmp_path / "site-packages" / "linalg_tutor"
    site_packages.mkdir(parents=True)
    assert default_progress_dir(site_packages) == platformdirs.user_data_path("linalg-tutor") / "progress"
