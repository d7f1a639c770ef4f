"""The single-writer lock on a progress file, with the holder's pid for error messages.

Two tutors running at once on the same progress would each load, then each save, and the
second save would drop the first one's answers. The lock makes the second tutor fail at
start-up with a clear message instead.

It is an OS-level lock (``flock`` / ``LockFileEx`` through the ``filelock`` package), so it
is released automatically when the holder dies, even by SIGKILL: there are no stale locks
to clean up by hand. The lock file ``progress.json.lock`` is only a handle and stays on
disk. The sidecar ``progress.json.pid`` just records who holds the lock, so the refusal can
name the process; it is best effort and never trusted for locking decisions.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

import filelock

from linalg_tutor.progress.atomic import atomic_write_bytes
from linalg_tutor.progress.errors import ProgressError, ProgressLocked

#: Appended to the progress file name for the lock file.
LOCK_SUFFIX = ".lock"
#: Appended to the progress file name for the holder's pid sidecar.
PID_SUFFIX = ".pid"


class ProgressLock:
    """A non-blocking lock on one progress file; acquiring it again while held is a no-op.

    Args:
        target: The progress file the lock protects (``…/progress.json``).
    """

    def __init__(self, target: Path) -> None:
        self.target = target
        self.lock_path = target.with_name(target.name + LOCK_SUFFIX)
        self.pid_path = target.with_name(target.name + PID_SUFFIX)
        # thread_local=False: the TUI may acquire on its main thread and save from a worker.
        self._lock = filelock.FileLock(self.lock_path, timeout=0, thread_local=False)
        self._held = False

    def __repr__(self) -> str:
        return f"<ProgressLock {str(self.lock_path)!r} held={self._held}>"

    @property
    def is_held(self) -> bool:
        """True if this object holds the lock."""
        return self._held

    def acquire(self) -> None:
        """Take the lock now or raise :class:`ProgressLocked`; a no-op if already held.

        Creates the folder if needed (the lock file lives beside the progress file).
        """
        if self._held:
            return
        try:
            self.target.parent.mkdir(parents=True, exist_ok=True)
            self._lock.acquire(timeout=0)
        except filelock.Timeout:
            raise ProgressLocked(self.target, self.holder_pid()) from None
        except OSError as exc:
            raise ProgressError(
                f"Cannot create the lock file {self.lock_path}: {exc.strerror or exc}. "
                "Check that the progress folder is writable, or use --progress-dir."
            ) from exc
        self._held = True
        with contextlib.suppress(OSError):
            atomic_write_bytes(self.pid_path, f"{os.getpid()}\n".encode("ascii"))

    def release(self) -> None:
        """Give the lock back (idempotent) and remove the pid sidecar if it is ours."""
        if not self._held:
            return
        if self.holder_pid() == os.getpid():
            with contextlib.suppress(OSError):
                self.pid_path.unlink()
        self._lock.release(force=True)
        self._held = False

    def holder_pid(self) -> int | None:
        """The pid recorded by the current (or last) holder, or None if unknown."""
        try:
            text = self.pid_path.read_text(encoding="ascii").strip()
            return int(text)
        except (OSError, ValueError, UnicodeDecodeError):
            return None
