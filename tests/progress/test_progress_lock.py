"""One writer at a time, across stores and processes; and SIGKILL never breaks the file."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

from linalg_tutor.progress import Progress, ProgressLocked, ProgressStore
from linalg_tutor.progress.atomic import stale_temp_files

REPO_ROOT = Path(__file__).resolve().parents[2]


def spawn(code: str, *args: str) -> subprocess.Popen[str]:
    """Run ``code`` in a fresh interpreter that can import the package."""
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    return subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(code), *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )


def test_second_store_is_refused_with_a_clear_message(tmp_path: Path) -> None:
    first = ProgressStore(tmp_path).acquire()
    second = ProgressStore(tmp_path)
    with pytest.raises(ProgressLocked) as caught:
        second.acquire()
    message = str(caught.value)
    assert str(tmp_path / "progress.json") in message
    assert f"(pid {os.getpid()})" in message and "--progress-dir" in message
    assert caught.value.pid == os.getpid()
    assert not second.is_locked

    assert second.load().warning is None  # reading needs no lock
    first.close()
    second.acquire()
    assert second.is_locked
    second.close()


def test_lock_lifecycle(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path / "new")
    assert "locked=False" in repr(store)
    with store as entered:
        assert entered is store and store.is_locked
        assert store.acquire() is store  # idempotent
        assert (tmp_path / "new" / "progress.json.pid").read_text().split()[0] == str(os.getpid())
        assert "locked=True" in repr(store)
    assert not store.is_locked
    assert not (tmp_path / "new" / "progress.json.pid").exists()
    store.close()  # idempotent
    with ProgressStore(tmp_path / "new"):
        pass


def test_separate_filenames_do_not_conflict(tmp_path: Path) -> None:
    with ProgressStore(tmp_path), ProgressStore(tmp_path, filename="other.json") as other:
        other.save(Progress())
    assert (tmp_path / "other.json").exists()


def test_save_from_another_thread(tmp_path: Path) -> None:
    """The TUI locks on its main thread and may save from a worker thread."""
    errors: list[BaseException] = []
    with ProgressStore(tmp_path) as store:

        def work() -> None:
            try:
                store.save(Progress())
            except BaseException as exc:  # pragma: no cover - reported below
                errors.append(exc)

        worker = threading.Thread(target=work)
        worker.start()
        worker.join()
    assert errors == []
    assert store.path.exists()


def test_lock_held_by_another_process(tmp_path: Path) -> None:
    holder = spawn(
        """
        import sys
        from pathlib import Path
        from linalg_tutor.progress import ProgressStore
        with ProgressStore(Path(sys.argv[1])):
            print("locked", flush=True)
            sys.stdin.read()
        """,
        str(tmp_path),
    )
    with holder:
        try:
            assert holder.stdout is not None and holder.stdin is not None
            assert holder.stdout.readline().strip() == "locked"
            with pytest.raises(ProgressLocked) as caught:
                ProgressStore(tmp_path).acquire()
            assert caught.value.pid == holder.pid
            assert f"(pid {holder.pid})" in str(caught.value)
            holder.stdin.close()  # lets the holder finish and release
            assert holder.wait(timeout=10) == 0
        finally:
            if holder.poll() is None:  # pragma: no cover - only if the test failed
                holder.kill()
    with ProgressStore(tmp_path):
        pass


RECORD_FOREVER = """
import itertools, sys
from pathlib import Path
from types import SimpleNamespace
from linalg_tutor.progress.session import ProgressSession

session = ProgressSession.open(Path(sys.argv[1]))
assert not session.messages, session.messages
print("recording", flush=True)
for i in itertools.count():
    session.record(f"e{i % 40}", "x" * 300, SimpleNamespace(correct=i % 3 == 0))
    print(session.progress.attempt_count, flush=True)  # recorded: must survive from here on
"""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL (POSIX)")
def test_sigkill_while_recording_loses_nothing_recorded(tmp_path: Path) -> None:
    """Kill a process that records in a tight loop, at a few different moments."""
    seen = 0
    for delay in (0.05, 0.17, 0.31):
        with spawn(RECORD_FOREVER, str(tmp_path)) as writer:
            assert writer.stdout is not None
            assert writer.stdout.readline().strip() == "recording"
            time.sleep(delay)
            writer.send_signal(signal.SIGKILL)
            writer.wait(timeout=10)
            reported = [int(line) for line in writer.stdout.read().split() if line.isdigit()]

        result = ProgressStore(tmp_path).load()
        assert result.warning is None or "unfinished" in result.warning
        count = result.progress.attempt_count
        assert count >= max(reported, default=0)  # every recorded attempt is there
        assert count >= seen
        seen = count
    assert seen > 0

    with ProgressStore(tmp_path) as store:
        store.save(store.load().progress)
    assert stale_temp_files(store.path) == []
    assert len(ProgressStore(tmp_path).attempts()) == seen


def test_progress_package_is_pure_core() -> None:
    """Importing the package must not pull in Textual (it runs headless in the CLI)."""
    probe = spawn(
        """
        import sys
        import linalg_tutor.progress
        print(sorted(m for m in sys.modules if m.split(".")[0] == "textual"))
        """
    )
    out, _ = probe.communicate(timeout=10)
    assert probe.returncode == 0 and out.strip() == "[]"
