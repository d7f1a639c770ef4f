"""The single-writer lock on a progress file, with the holder's pid for error messages.

Two tutors running at once on the same progress would each load, then each save, and the
second save would drop the first one's answers. The lock makes the second tutor fail at
start-up with a clear message instead.

It is an OS-level lock (``flock`` / ``LockFileEx`` through the ``filelock`` package), so it
is released automatically when the holder dies, even by SIGKILL: there are no stale locks
to clean up by hand. The lock file ``progress.json.lock`` is only a handle and stays on
disk. The sidecar ``progress.json.pid`` records who holds the lock (so the refusal can name
the process) and which lock file they locked (its device and inode).

Deleting ``progress.json.lock`` while a tutor runs would let a second tutor lock a new file
of the same name. Both sides notice: the second tutor, having locked a new file, reads in
the sidecar that a live process holds a *different* lock file and gives up; the first
re-checks, before every write (:meth:`ProgressLock.verify`), that the file it locked is
still the one on disk, and locks the new one or stops writing with a message.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

import filelock

from linalg_tutor.progress.atomic import atomic_write_bytes, pid_alive
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
        self._identity: str | None = None

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
        self._take(self._lock)
        holder = self._recorded()
        if holder is not None:
            pid, identity = holder
            if identity is not None and identity != self._identity and pid_alive(pid):
                # A live tutor locked a lock file that has since been removed: it still writes.
                self._lock.release(force=True)
                self._identity = None
                raise ProgressLocked(self.target, pid)
        self._held = True
        self._record()

    def verify(self) -> None:
        """Check, before a write, that the lock file on disk is still the one this object locked.

        If it was removed (or replaced), lock the file now there instead, so that no second
        tutor can take it; if another tutor already holds that one, raise
        :class:`ProgressError` and write nothing.
        """
        if not self._held or self._current_identity() == self._identity:
            return
        fresh = filelock.FileLock(self.lock_path, timeout=0, thread_local=False)
        try:
            self._take(fresh)
        except ProgressLocked as exc:
            raise ProgressError(
                f"The lock file {self.lock_path} was removed while this tutor was running, and "
                f"another linalg-tutor{f' (pid {exc.pid})' if exc.pid else ''} has taken it. "
                "Nothing more is saved from here: close one of the two tutors."
            ) from None
        self._lock.release(force=True)  # the old handle's file is gone from the folder
        self._lock = fresh
        self._record()

    def _take(self, lock: filelock.FileLock) -> None:
        """Lock ``lock`` without waiting and remember which file (device, inode) was locked."""
        try:
            self.target.parent.mkdir(parents=True, exist_ok=True)
            for _ in range(3):  # the file may be replaced between opening and locking it
                lock.acquire(timeout=0)
                self._identity = self._current_identity()
                if self._identity is not None:
                    break
                lock.release(force=True)
            else:
                raise ProgressError(f"The lock file {self.lock_path} keeps disappearing; is something removing it?")
        except filelock.Timeout:
            raise ProgressLocked(self.target, self.holder_pid()) from None
        except OSError as exc:
            raise ProgressError(
                f"Cannot create the lock file {self.lock_path}: {exc.strerror or exc}. "
                "Check that the progress folder is writable, or use --progress-dir."
            ) from exc

    def _current_identity(self) -> str | None:
        """``device:inode`` of the lock file now on disk, or None if there is none."""
        try:
            info = os.stat(self.lock_path)
        except OSError:
            return None
        return f"{info.st_dev}:{info.st_ino}"

    def _record(self) -> None:
        with contextlib.suppress(OSError):
            atomic_write_bytes(self.pid_path, f"{os.getpid()}\n{self._identity}\n".encode("ascii"))

    def _recorded(self) -> tuple[int, str | None] | None:
        """The sidecar's pid and lock-file identity (None for a sidecar of an older tutor)."""
        try:
            lines = self.pid_path.read_text(encoding="ascii").split()
            return int(lines[0]), (lines[1] if len(lines) > 1 else None)
        except (OSError, ValueError, UnicodeDecodeError, IndexError):
            return None

    def release(self) -> None:
        """Give the lock back (idempotent) and remove the pid sidecar if it is ours."""
        if not self._held:
            return
        if self._recorded() == (os.getpid(), self._identity):
            with contextlib.suppress(OSError):
                self.pid_path.unlink()
        self._lock.release(force=True)
        self._held = False
        self._identity = None

    def holder_pid(self) -> int | None:
        """The pid recorded by the current (or last) holder, or None if unknown."""
        recorded = self._recorded()
        return recorded[0] if recorded else None
