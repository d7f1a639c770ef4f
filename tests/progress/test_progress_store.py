"""The store on disk: the attempts log and its snapshot, versions, crashes, backups.

Real files in ``tmp_path``; only a crash (a failing ``os.replace``) and the clock of a backup
name are simulated.
"""

from __future__ import annotations

import json
import os
import shutil
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
from linalg_tutor.progress.session import ProgressSession, ProgressUnavailable

TZ = timezone(timedelta(hours=1))
T0 = datetime(2025, 2, 3, 18, 0, tzinfo=TZ)
FIXTURES = Path(__file__).with_name("fixtures")


def sample_attempts(n: int = 3, start: int = 0) -> list[Attempt]:
    return [
        Attempt(exercise_id=f"ch01.e{i % 2}", at=T0 + timedelta(hours=20 * i),
                answer=f"√{i} “quoted”", correct=i % 3 != 1, hints_used=i % 2,
                interpreted_as=f"sqrt({i})")
        for i in range(start, start + n)
    ]


def write_store(directory: Path, attempts: list[Attempt], *, snapshot: bool = True) -> ProgressStore:
    with ProgressStore(directory) as store:
        progress = store.load().progress
        for item in attempts:
            progress.record(item)
            store.append(item)
        if snapshot:
            store.save(progress)
    return store


def backups(directory: Path, kind: str = "corrupt", name: str = "progress.json") -> list[Path]:
    return sorted(directory.glob(f"{name}.{kind}-*"))


def names(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir())


# --- round trip ----------------------------------------------------------------------------


def test_missing_store_loads_fresh_progress_without_creating_anything(tmp_path: Path) -> None:
    folder = tmp_path / "not" / "yet"
    result = ProgressStore(folder).load()
    assert result.progress == Progress() and result.warning is None
    assert ProgressStore(folder).attempts() == []
    assert not folder.exists()


def test_round_trip_log_and_snapshot(tmp_path: Path) -> None:
    attempts = sample_attempts(5)
    store = write_store(tmp_path / "deep", attempts)
    assert names(tmp_path / "deep") == ["progress.attempts.jsonl", "progress.json", "progress.json.lock"]

    lines = store.log_path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 5 and "“quoted”" in lines[0]  # UTF-8, not \\u escapes
    snapshot = json.loads(store.path.read_text(encoding="utf-8"))
    assert list(snapshot)[:2] == ["schema_version", "log"]
    assert snapshot["schema_version"] == SCHEMA_VERSION == 2
    assert snapshot["log"]["count"] == 5 and snapshot["log"]["bytes"] == store.log_path.stat().st_size
    assert "attempts" not in snapshot

    result = ProgressStore(tmp_path / "deep").load()
    assert result.warning is None
    assert result.progress == Progress.from_attempts(attempts)
    again = ProgressStore(tmp_path / "deep")
    assert again.attempts() == attempts
    assert again.recent_attempts(2) == attempts[::-1][:2]
    assert again.attempts()[0].at.utcoffset() == timedelta(hours=1)


def test_attempts_after_the_snapshot_are_replayed(tmp_path: Path) -> None:
    first, later = sample_attempts(3), sample_attempts(4, start=3)
    write_store(tmp_path, first)
    write_store(tmp_path, later, snapshot=False)  # e.g. killed before compacting
    result = ProgressStore(tmp_path).load()
    assert result.warning is None
    assert result.progress == Progress.from_attempts(first + later)


def test_a_snapshot_of_another_log_is_ignored_and_rebuilt(tmp_path: Path) -> None:
    store = write_store(tmp_path, sample_attempts(4))
    other = sample_attempts(4, start=10)
    store.log_path.write_bytes(b"".join(
        (json.dumps(a.model_dump(mode="json"), ensure_ascii=False) + "\n").encode() for a in other))
    assert ProgressStore(tmp_path).load().progress == Progress.from_attempts(other)


def test_a_lost_snapshot_is_rebuilt_from_the_log(tmp_path: Path) -> None:
    attempts = sample_attempts(6)
    store = write_store(tmp_path, attempts)
    store.path.unlink()
    result = ProgressStore(tmp_path).load()
    assert result.warning is None and result.progress == Progress.from_attempts(attempts)


def test_writing_requires_the_lock(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path)
    with pytest.raises(ProgressNotLocked, match="acquire"):
        store.save(Progress())
    with pytest.raises(ProgressNotLocked):
        store.append(sample_attempts(1)[0])
    assert not store.path.exists() and not store.log_path.exists()


def test_a_lost_log_keeps_the_snapshot_and_says_so(tmp_path: Path) -> None:
    attempts = sample_attempts(3)
    store = write_store(tmp_path, attempts)
    store.log_path.unlink()
    result = ProgressStore(tmp_path).load()
    assert result.warning is not None and "missing" in result.warning
    assert result.progress.attempt_count == 3


# --- crashes -------------------------------------------------------------------------------


def test_crash_before_rename_keeps_old_snapshot(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = write_store(tmp_path, sample_attempts(2))
    old_bytes = store.path.read_bytes()

    def crash(src: Any, dst: Any) -> None:
        assert Path(src).read_bytes()
        raise OSError(28, "No space left on device")

    with ProgressStore(tmp_path) as again:
        progress = again.load().progress
        monkeypatch.setattr(os, "replace", crash)
        with pytest.raises(ProgressSaveError, match="unchanged"):
            again.save(progress)
        monkeypatch.undo()
    assert store.path.read_bytes() == old_bytes
    assert stale_temp_files(store.path) == []


def test_failed_write_removes_its_temp_file(tmp_path: Path) -> None:
    target = tmp_path / "file.json"
    target.write_bytes(b"old")
    with pytest.raises(TypeError):
        atomic_write_bytes(target, "not bytes")  # type: ignore[arg-type]
    assert target.read_bytes() == b"old"
    assert stale_temp_files(target) == []


def test_stale_temp_files_are_ignored_then_cleaned(tmp_path: Path) -> None:
    store = write_store(tmp_path, sample_attempts(2))
    stale = tmp_path / ".progress.json.k3j4h5.tmp"
    stale.write_bytes(b'{"schema_version": 2, "attem')
    assert ProgressStore(tmp_path).load().warning is None
    with ProgressStore(tmp_path) as again:
        again.save(again.load().progress)
    assert not stale.exists()
    assert stale_temp_files(store.path) == []


def test_an_unfinished_last_line_is_skipped_then_set_aside(tmp_path: Path) -> None:
    attempts = sample_attempts(3)
    store = write_store(tmp_path, attempts, snapshot=False)
    with open(store.log_path, "ab") as log:
        log.write(b'{"exercise_id": "ch01.e0", "at": "2025-02-')  # killed mid-write
    reader = ProgressStore(tmp_path).load()
    assert reader.progress == Progress.from_attempts(attempts)
    assert reader.warning is None   # a reader may have caught a writer mid-line

    with ProgressStore(tmp_path) as writer:
        result = writer.load()
        assert "moved to" in (result.warning or "")
        assert backups(tmp_path, "torn", "progress.attempts.jsonl")[0].read_bytes().startswith(b'{"exer')
        extra = sample_attempts(1, start=3)[0]
        writer.append(extra)
    assert ProgressStore(tmp_path).attempts() == [*attempts, extra]
    assert ProgressStore(tmp_path).load().warning is None


def test_a_bad_line_in_the_middle_is_skipped_and_kept(tmp_path: Path) -> None:
    attempts = sample_attempts(2)
    store = write_store(tmp_path, attempts[:1], snapshot=False)
    with open(store.log_path, "ab") as log:
        log.write(b"this line was damaged\n")
    write_store(tmp_path, attempts[1:], snapshot=False)
    result = ProgressStore(tmp_path).load()
    assert result.progress == Progress.from_attempts(attempts)
    assert result.warning is not None and "1 line(s)" in result.warning
    assert b"this line was damaged" in store.log_path.read_bytes()


# --- unreadable snapshots --------------------------------------------------------------------

V2 = (FIXTURES / "v2" / "progress.json").read_bytes()

CORRUPT = {
    "garbage bytes": (b"\x00\xff\xfe\x9a garbage \x13", "not a text file"),
    "truncated JSON": (V2[: len(V2) // 2], "not valid JSON"),
    "empty file": (b"", "empty"),
    "a JSON list": (b"[1, 2, 3]", "holds a list"),
    "no schema_version": (b'{"attempts": []}', "schema_version"),
    "wrong field type": (b'{"schema_version": 2, "exercises": "many"}', "exercises"),
    "naive datetime": (b'{"schema_version": 2, "first_at": "2025-01-01T10:00:00"}', "timezone"),
}


@pytest.mark.parametrize("raw, reason", CORRUPT.values(), ids=list(CORRUPT))
def test_corrupt_snapshot_without_log_is_moved_to_a_backup(tmp_path: Path, raw: bytes, reason: str) -> None:
    path = tmp_path / "progress.json"
    path.write_bytes(raw)
    with ProgressStore(tmp_path) as store:
        result = store.load()
        assert result.progress == Progress()
        assert result.backup_path is not None and result.backup_path.read_bytes() == raw
        assert backups(tmp_path) == [result.backup_path]
        assert result.warning is not None and reason in result.warning
        assert str(result.backup_path) in result.warning and str(path) in result.warning
        assert "moved" in result.warning and "fresh progress" in result.warning
        assert not path.exists()
        store.save(result.progress)
    assert ProgressStore(tmp_path).load().warning is None


def test_corrupt_snapshot_is_rebuilt_from_the_log(tmp_path: Path) -> None:
    attempts = sample_attempts(5)
    store = write_store(tmp_path, attempts)
    store.path.write_bytes(b"{ not json")
    with ProgressStore(tmp_path) as again:
        result = again.load()
    assert result.progress == Progress.from_attempts(attempts)
    assert result.warning is not None and "rebuilt from the attempts log" in result.warning
    assert backups(tmp_path)[0].read_bytes() == b"{ not json"
    session = ProgressSession.open(tmp_path)          # a session keeps the rebuilt snapshot at once
    assert json.loads(store.path.read_text())["log"]["count"] == 5
    session.close()


def test_read_only_load_copies_once_and_leaves_the_file(tmp_path: Path) -> None:
    path = tmp_path / "progress.json"
    path.write_bytes(b"{oops")
    first = ProgressStore(tmp_path).load()
    second = ProgressStore(tmp_path).load()
    assert path.read_bytes() == b"{oops"
    assert first.warning is not None and "copied" in first.warning
    assert first.backup_path == second.backup_path
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


def test_os_level_read_failure_is_raised_not_reset(tmp_path: Path) -> None:
    (tmp_path / "progress.json").mkdir()
    with ProgressStore(tmp_path) as store, pytest.raises(ProgressUnreadable, match="Cannot read"):
        store.load()
    assert (tmp_path / "progress.json").is_dir()
    assert backups(tmp_path) == []


# --- versions --------------------------------------------------------------------------------


def copy_fixture(name: str, into: Path) -> Path:
    source = FIXTURES / name
    if source.is_dir():
        shutil.copytree(source, into, dirs_exist_ok=True)
    else:
        into.mkdir(parents=True, exist_ok=True)
        shutil.copy(source, into / "progress.json")
    return into


def v1_attempts() -> list[Attempt]:
    document = json.loads((FIXTURES / "progress-v1.json").read_text(encoding="utf-8"))
    return [Attempt.model_validate(item) for item in document["attempts"]]


def test_version_1_file_loads_unchanged_read_only(tmp_path: Path) -> None:
    """A file written by the version-1 tutor (kept as a fixture) loads with nothing lost."""
    folder = copy_fixture("progress-v1.json", tmp_path / "p")
    original = (folder / "progress.json").read_bytes()
    store = ProgressStore(folder)
    result = store.load()
    assert result.migrated_from == 1 and result.warning is None
    assert store.attempts() == v1_attempts()
    assert [a.answer for a in store.attempts()][-1] == "√2 “quoted”"
    progress = result.progress
    assert progress.attempt_count == 6 and progress.best_streak == 2
    assert progress.is_solved("0.6") and progress.level("L4.check") == "proficient"
    assert (folder / "progress.json").read_bytes() == original   # a reader writes nothing
    assert not store.log_path.exists()


def test_version_1_file_is_upgraded_by_the_writer(tmp_path: Path) -> None:
    folder = copy_fixture("progress-v1.json", tmp_path / "p")
    original = (folder / "progress.json").read_bytes()
    with ProgressStore(folder) as store:
        result = store.load()
        assert result.migrated_from == 1
        assert result.backup_path is not None and result.backup_path.read_bytes() == original
        assert result.backup_path.name.startswith("progress.json.v1-")
    assert json.loads((folder / "progress.json").read_text())["schema_version"] == 2
    again = ProgressStore(folder)
    assert again.load().migrated_from is None
    assert again.attempts() == v1_attempts()
    assert again.load().progress == result.progress


def test_version_1_upgrade_merges_with_an_existing_log(tmp_path: Path) -> None:
    """An older tutor may have run after a newer one: its answers are added, none doubled."""
    folder = copy_fixture("progress-v1.json", tmp_path / "p")
    fixture = (folder / "progress.json").read_bytes()
    with ProgressStore(folder) as store:
        store.load()
    newer = sample_attempts(2, start=50)
    write_store(folder, newer)
    (folder / "progress.json").write_bytes(fixture)   # the old tutor wrote its own file again
    with ProgressStore(folder) as store:
        store.load()
    assert ProgressStore(folder).attempts() == [*v1_attempts(), *newer]


def test_version_2_fixture_loads(tmp_path: Path) -> None:
    folder = copy_fixture("v2", tmp_path / "p")
    store = ProgressStore(folder)
    result = store.load()
    assert result.warning is None and result.migrated_from is None
    attempts = store.attempts()
    assert result.progress == Progress.from_attempts(attempts)
    assert attempts[-1].seed == 42 and attempts[-1].score == 0.5
    assert "def dot" in attempts[-2].answer and len(attempts[-2].answer) > 500


def test_newer_version_opens_read_only_and_touches_nothing(tmp_path: Path) -> None:
    folder = copy_fixture("v2", tmp_path / "p")
    snapshot = json.loads((folder / "progress.json").read_text())
    snapshot.update(schema_version=99, hologram={"x": 1})
    (folder / "progress.json").write_text(json.dumps(snapshot))
    with open(folder / "progress.attempts.jsonl", "a", encoding="utf-8") as log:
        log.write('{"exercise_id": "0.1", "at": "2026-03-09T10:00:00+01:00", "answer": "19", '
                  '"correct": true, "mood": "curious", "pathway": [1, 2]}\n')
    before = {p.name: p.read_bytes() for p in folder.iterdir()}

    with ProgressStore(folder) as store:
        result = store.load()
        assert result.read_only and "newer linalg-tutor" in result.read_only
        assert "progress format 99" in result.read_only
        with pytest.raises(ProgressSaveError):
            store.append(sample_attempts(1)[0])
    assert result.progress.state("0.1").attempts >= 1
    with pytest.raises(ProgressUnavailable, match="newer linalg-tutor"):
        ProgressSession.open(folder)
    session = ProgressSession.read_only(folder, reason="newer")
    assert any("NOT saved" in m for m in session.messages)
    session.close()
    after = {p.name: p.read_bytes() for p in folder.iterdir() if not p.name.endswith((".lock", ".pid"))}
    assert after == before   # nothing moved aside, nothing written, the unknown fields kept


def migrate_v0(document: dict[str, Any]) -> dict[str, Any]:
    """A fake v0 → v1 step: v0 called attempts "history" with shorter keys."""
    return {"attempts": [{"exercise_id": h["exercise"], "at": h["time"], "answer": "", "correct": h["ok"]}
                         for h in document["history"]]}


V0_BYTES = json.dumps(
    {"schema_version": 0, "history": [{"exercise": "ch01.e1", "time": "2024-12-01T10:00:00+01:00", "ok": True}]}
).encode()


def test_migrations_chain_through_every_version(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(MIGRATIONS, 0, migrate_v0)
    (tmp_path / "progress.json").write_bytes(V0_BYTES)
    with ProgressStore(tmp_path) as store:
        result = store.load()
        assert result.migrated_from == 0 and result.progress.is_solved("ch01.e1")
    assert ProgressStore(tmp_path).load().migrated_from is None
    assert len(ProgressStore(tmp_path).attempts()) == 1


def test_every_version_has_a_migration_and_a_fixture() -> None:
    assert sorted(MIGRATIONS) == list(range(1, SCHEMA_VERSION))
    assert (FIXTURES / "progress-v1.json").is_file()
    for version in range(2, SCHEMA_VERSION + 1):
        assert (FIXTURES / f"v{version}" / "progress.json").is_file()


def test_too_old_or_failing_migration_is_backed_up(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "progress.json").write_bytes(V0_BYTES)
    result = ProgressStore(tmp_path).load()
    assert result.warning is not None and "too old" in result.warning
    monkeypatch.setitem(MIGRATIONS, 0, lambda document: document["missing"])
    result = ProgressStore(tmp_path).load()
    assert result.warning is not None and "upgrading it from progress format 0 failed" in result.warning
    assert result.progress == Progress()


# --- reset -----------------------------------------------------------------------------------


def test_reset_one_exercise_then_everything_with_backups(tmp_path: Path) -> None:
    write_store(tmp_path, sample_attempts(6))
    with ProgressSession.open(tmp_path) as session:
        copies = session.reset(["ch01.e0"])
        assert {p.name.split(".reset-")[0] for p in copies} == {"progress.json", "progress.attempts.jsonl"}
        assert session.progress.state("ch01.e0").attempts == 0
        assert session.progress.state("ch01.e1").attempts == 3
        session.reset()
        assert session.progress == Progress()
    assert ProgressStore(tmp_path).attempts() == []
    logs = backups(tmp_path, "reset", "progress.attempts.jsonl")
    assert len(logs) == 2 and len(logs[0].read_bytes().splitlines()) in (3, 6)


# --- where progress lives ----------------------------------------------------------------------


def test_default_dir_env_override(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LINALG_TUTOR_PROGRESS_DIR", str(tmp_path / "mine"))
    assert default_progress_dir(tmp_path / "whatever") == tmp_path / "mine"


def test_default_dir_source_checkout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LINALG_TUTOR_PROGRESS_DIR", "")
    package = tmp_path / "repo" / "linalg_tutor"
    package.mkdir(parents=True)
    (tmp_path / "repo" / "pyproject.toml").write_text("[project]\n")
    user_dir = platformdirs.user_data_path("linalg-tutor") / "progress"
    assert default_progress_dir(package) == user_dir
    (tmp_path / "repo" / "progress").mkdir()
    assert default_progress_dir(package) == tmp_path / "repo" / "progress"


def test_default_dir_installed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LINALG_TUTOR_PROGRESS_DIR", raising=False)
    site_packages = tmp_path / "site-packages" / "linalg_tutor"
    site_packages.mkdir(parents=True)
    assert default_progress_dir(site_packages) == platformdirs.user_data_path("linalg-tutor") / "progress"


def test_unknown_fields_in_log_lines_survive_later_writes(tmp_path: Path) -> None:
    """Fields this version does not know are never dropped: the log is only appended to."""
    write_store(tmp_path, sample_attempts(1))
    line = ('{"exercise_id": "ch01.e0", "at": "2025-02-04T10:00:00+01:00", "answer": "7", '
            '"correct": true, "confidence": 0.9, "tags": ["a", "b"]}\n')
    with open(tmp_path / "progress.attempts.jsonl", "a", encoding="utf-8") as log:
        log.write(line)
    write_store(tmp_path, sample_attempts(2, start=5))
    with ProgressSession.open(tmp_path) as session:
        session.reset(["ch01.e1"])                       # a reset keeps other lines byte for byte
    assert line in (tmp_path / "progress.attempts.jsonl").read_text(encoding="utf-8")
    assert ProgressStore(tmp_path).load().progress.state("ch01.e0").attempts >= 2


def test_snapshot_is_small_and_loading_does_not_read_the_history(tmp_path: Path) -> None:
    """With a current snapshot, loading reads only the bytes after its mark."""
    attempts = [a for i in range(40) for a in sample_attempts(1, start=i)]
    store = write_store(tmp_path, attempts)
    log = store.log_path.read_bytes()
    # Damage the old history on disk without changing its length or its last bytes: a load
    # that trusted the snapshot never notices; a full re-read would.
    damaged = b"#" * 200 + log[200:]
    store.log_path.write_bytes(damaged)
    result = ProgressStore(tmp_path).load()
    assert result.warning is None and result.progress.attempt_count == 40
    assert store.path.stat().st_size < 4000


def test_a_new_field_needs_a_new_version() -> None:
    """The fixture of the current version has exactly the fields of today's models.

    If this fails, a field was added or removed: bump SCHEMA_VERSION, add a step to
    MIGRATIONS and a fixture ``fixtures/v<N>/`` written by the new code.
    """
    from linalg_tutor.progress import ExerciseState
    from linalg_tutor.progress.streak import StreakState

    folder = FIXTURES / f"v{SCHEMA_VERSION}"
    snapshot = json.loads((folder / "progress.json").read_text(encoding="utf-8"))
    assert set(snapshot) == {"log"} | set(Progress.model_fields)
    assert set(snapshot["streak"]) == set(StreakState.model_fields)
    for state in snapshot["exercises"].values():
        assert set(state) == set(ExerciseState.model_fields)
    for line in (folder / "progress.attempts.jsonl").read_text(encoding="utf-8").splitlines():
        assert set(json.loads(line)) == set(Attempt.model_fields)


def test_a_log_cut_at_any_byte_loads_what_is_whole(tmp_path: Path) -> None:
    """A crash can cut the log anywhere (a power cut, a full disk): every whole line still loads."""
    attempts = sample_attempts(6)
    store = write_store(tmp_path / "full", attempts, snapshot=False)
    data = store.log_path.read_bytes()
    ends = [i + 1 for i, byte in enumerate(data) if byte == ord("\n")]
    for cut in range(0, len(data) + 1, 7):
        folder = tmp_path / f"cut{cut}"
        folder.mkdir()
        (folder / "progress.attempts.jsonl").write_bytes(data[:cut])
        whole = sum(1 for end in ends if end <= cut)
        with ProgressStore(folder) as writer:
            result = writer.load()
            assert result.progress == Progress.from_attempts(attempts[:whole])
            writer.append(attempts[-1])
        assert ProgressStore(folder).attempts() == [*attempts[:whole], attempts[-1]]


def test_a_number_of_thousands_of_digits_is_set_aside_as_unreadable(tmp_path):
    """Python refuses to read an int of more than 4,300 digits; the file is backed up, not fatal."""
    (tmp_path / "progress.json").write_text('{"schema_version": 2, "attempt_count": ' + "1" * 5000 + "}")
    with ProgressStore(tmp_path) as store:
        result = store.load()
    assert result.backup_path is not None and result.backup_path.exists()
    assert "cannot be read" in (result.warning or "")
