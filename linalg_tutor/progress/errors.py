"""Errors raised by the progress store.

They all derive from :class:`ProgressError`, so a front end can catch one type and show
``str(error)``: every message is written for the learner, names the file involved and says
what to do next.
"""

from __future__ import annotations

from pathlib import Path


class ProgressError(Exception):
    """Base class of every error the progress package raises on purpose."""


class ProgressLocked(ProgressError):
    """Another running tutor holds the lock on this progress folder.

    Two tutors saving into the same file would overwrite each other's answers, so the
    second one is refused instead of silently racing.
    """

    def __init__(self, path: Path, pid: int | None = None) -> None:
        self.path = path
        self.pid = pid
        holder = f" (pid {pid})" if pid is not None else ""
        super().__init__(
            f"Another linalg-tutor is already using {path}{holder}. Close it first, "
            "or use --progress-dir to keep separate progress."
        )


class ProgressNotLocked(ProgressError):
    """``save()`` was called without holding the lock (a programming error, not the learner's).

    Writers must acquire first and load after, otherwise a second tutor's answers could be
    overwritten by a stale copy.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__(
            f"Progress can only be saved to {path} while holding its lock: "
            "call ProgressStore.acquire() (or use the store as a context manager) first."
        )


class ProgressUnreadable(ProgressError):
    """The progress file exists but cannot be read or backed up, so it must not be replaced.

    Raised for operating-system failures (permissions, a folder where the file should be,
    a full disk while writing the backup). Starting fresh here would overwrite the learner's
    progress on the next save, so the store refuses to continue instead.
    """


class ProgressSaveError(ProgressError):
    """Writing the progress file failed; the previous file is untouched."""
