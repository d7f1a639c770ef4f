"""The lock file removed while a tutor runs: no second writer gets in, no temp file is lost."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from linalg_tutor.progress import Progress, ProgressLocked, ProgressStore
from linalg_tutor.progress.atomic import removable_temp_files, stale_temp_files
from linalg_tutor.progress.errors import ProgressError

REPO_ROOT = Path(__file__).resolve().parents[2]

HOLD = """
import sys
from pathlib import Path
from linalg_tutor.progress import Progress, ProgressStore
with ProgressStore(Path(sys.argv[1])) as store:
    store.save(Progress())
    print("locked", flush=True)
    sys.stdin.readline()          # the test removes the lock file meanwhile
    store.save(Progress())        # must still work: the holder re-locks the new file
    print("saved", flush=True)
    sys.stdin.readline()
"""


def spawn(code: str, *args: str) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    return subprocess.Popen([sys.executable, "-c", textwrap.dedent(code), *args], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True, env=env)


def test_a_second_process_is_refused_after_the_lock_file_is_removed(tmp_path: Path) -> None:
    holder = spawn(HOLD, str(tmp_path))
    with holder:
        try:
            assert holder.stdout is not None and holder.stdin is not None
            assert holder.stdout.readline().strip() == "locked"
            (tmp_path / "progress.json.lock").unlink()
            with pytest.raises(ProgressLocked) as caught:
                ProgressStore(tmp_path).acquire()
            assert caught.value.pid == holder.pid
            holder.stdin.write("\n")
            holder.stdin.flush()
            assert holder.stdout.readline().strip() == "saved"
            with pytest.raises(ProgressLocked):  # the holder now locks the new lock file too
                ProgressStore(tmp_path).acquire()
            holder.stdin.close()
            assert holder.wait(timeout=10) == 0
        finally:
            if holder.poll() is None:  # pragma: no cover - only if the test failed
                holder.kill()
    with ProgressStore(tmp_path) as after:  # released normally: free again
        after.save(Progress())


def test_two_stores_in_one_folder_after_the_lock_file_is_removed(tmp_path: Path) -> None:
    first = ProgressStore(tmp_path).acquire()
    first.save(Progress())
    first.lock_path.unlink()
    with pytest.raises(ProgressLocked):
        ProgressStore(tmp_path).acquire()
    first.save(Progress())  # notices, locks the file now on disk, and saves
    assert first.lock_path.exists()
    with pytest.raises(ProgressLocked):
        ProgressStore(tmp_path).acquire()
    first.close()
    ProgressStore(tmp_path).acquire().close()


def test_the_holder_stops_writing_if_another_took_the_new_lock_file(tmp_path: Path) -> None:
    first = ProgressStore(tmp_path).acquire()
    first.lock_path.unlink()
    first._lock.pid_path.unlink()  # the sidecar gone too: nothing tells the second about the first
    second = ProgressStore(tmp_path).acquire()
    with pytest.raises(ProgressError, match="was removed while this tutor was running"):
        first.save(Progress())
    second.save(Progress())
    second.close()
    first.close()


def test_clean_up_never_removes_a_live_process_temp_file(tmp_path: Path) -> None:
    other = spawn("import sys; sys.stdin.read()")
    try:
        in_flight = tmp_path / f".progress.json.{other.pid}-abc123.tmp"
        in_flight.write_bytes(b"half a snapshot")
        dead = tmp_path / ".progress.json.999999999-old.tmp"  # no such pid: a crash's leftover
        dead.write_bytes(b"left by a crash")
        with ProgressStore(tmp_path) as store:
            store.save(Progress())
        assert in_flight.exists()
        assert not dead.exists()
        assert stale_temp_files(store.path) == [in_flight]
        assert removable_temp_files(store.path) == []
    finally:
        assert other.stdin is not None
        other.stdin.close()
        other.wait(timeout=10)
    assert removable_temp_files(tmp_path / "progress.json") == [in_flight]  # its writer is gone
