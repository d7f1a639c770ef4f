"""One front end's use of the progress store: lock, load, record, compact, release.

The TUI and ``linalg-tutor check --record`` both go through :class:`ProgressSession`, so the
rule "hold the lock, load, then append every attempt" is written once. When the lock is held
by another tutor, or the progress was written by a newer linalg-tutor, the session is
*read-only*: the learner can still work, is told why nothing is saved, and no file is touched.

Recording is cheap on the caller's thread: the in-memory fold plus one ``write`` of one log
line (well under a millisecond), after which the attempt survives ``kill -9``. The rest (an
``fdatasync`` of the log and, every :data:`SNAPSHOT_EVERY` attempts and on close, a new
snapshot) runs on a background thread, so the UI thread never waits for the disk.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from datetime import datetime
from pathlib import Path
from typing import Any

from linalg_tutor.progress.errors import ProgressError
from linalg_tutor.progress.model import (
    Attempt,
    Level,
    MasteryLevel,
    MasterySummary,
    Progress,
    RecordResult,
)
from linalg_tutor.progress.store import LoadResult, ProgressStore, default_progress_dir

#: A new snapshot after this many attempts (and on close). Loading replays at most this many.
SNAPSHOT_EVERY = 50

Clock = Callable[[], datetime]


def local_now() -> datetime:
    """The current time in the system's zone, aware."""
    return datetime.now().astimezone()


class ProgressUnavailable(Exception):
    """Progress cannot be opened for writing (locked by another tutor, unreadable, newer)."""


class ProgressSession:
    """The learner's progress for the lifetime of one tutor (or one CLI command).

    Use :meth:`open` (writable, holds the lock) or :meth:`read_only`. ``messages`` collects
    what the learner must be told (a backup was made, progress is not being saved).

    Args:
        clock: Returns the current aware time; tests inject one. Default: the system clock
            in the system's zone.
    """

    def __init__(self, store: ProgressStore | None, progress: Progress, messages: list[str],
                 writable: bool, *, clock: Clock | None = None) -> None:
        self._store = store
        self.progress = progress
        self.messages = messages
        self.writable = writable
        self.clock: Clock = clock or local_now
        self._lock = threading.RLock()
        self._unsaved: list[Attempt] = []  # attempts of a read-only session, newest last
        self._wake = threading.Condition()
        self._pending = 0
        self._since_snapshot = 0
        self._flushed = 0
        self._submitted = 0
        self._stop = False
        self._worker: threading.Thread | None = None
        self._worker_error: str | None = None

    def __repr__(self) -> str:
        return f"ProgressSession(path={self.path!r}, writable={self.writable})"

    @classmethod
    def open(cls, directory: Path | None = None, *, clock: Clock | None = None) -> ProgressSession:
        """Lock and load the progress in ``directory`` (default: ``default_progress_dir()``).

        Raises :class:`ProgressUnavailable` if another tutor holds the lock, the folder cannot
        be used, or the progress was written by a newer linalg-tutor (then the message says
        so; open it with :meth:`read_only`).
        """
        store = ProgressStore(Path(directory) if directory else default_progress_dir())
        try:
            store.acquire()
            result = store.load()
        except ProgressError as exc:
            store.close()
            raise ProgressUnavailable(str(exc)) from exc
        except OSError as exc:
            store.close()
            raise ProgressUnavailable(f"cannot use the progress folder {store.directory}: {exc}") from exc
        if result.read_only:
            store.close()
            raise ProgressUnavailable(result.read_only)
        if not store.path.exists() and store.log_path.exists():
            # Rebuilt from the log (snapshot lost or set aside): keep the result at once, so
            # the next start is quick even if this one is killed.
            try:
                store.save(result.progress)
            except ProgressError as exc:
                result = LoadResult(result.progress, warning=str(exc), warnings=(*result.warnings, str(exc)))
        messages = list(result.warnings) if result.warnings else (
            [result.warning] if result.warning else [])
        return cls(store, result.progress, messages, writable=True, clock=clock)

    @classmethod
    def read_only(cls, directory: Path | None = None, *, reason: str = "",
                  clock: Clock | None = None) -> ProgressSession:
        """Load without the lock; attempts are kept in memory only and the learner is told so."""
        store = ProgressStore(Path(directory) if directory else default_progress_dir())
        messages: list[str] = []
        try:
            result = store.load()
            progress = result.progress
            for warning in result.warnings or ([result.warning] if result.warning else []):
                if warning not in reason:
                    messages.append(warning)
        except (ProgressError, OSError) as exc:
            progress = Progress()
            messages.append(f"Could not read your progress: {exc}")
        messages.append(f"{reason} Progress in this window is NOT saved." if reason
                        else "Progress in this window is not saved.")
        return cls(store, progress, messages, writable=False, clock=clock)

    @property
    def path(self) -> str | None:
        """The snapshot file written to (None when read-only)."""
        return str(self._store.path) if self._store and self.writable else None

    @property
    def directory(self) -> Path | None:
        return self._store.directory if self._store else None

    def now(self) -> datetime:
        return self.clock()

    # ---- recording ----------------------------------------------------------------------

    def record(self, exercise_id: str, answer: str, verdict: Any, *, hints_used: int = 0,
               derivation_revealed: bool = False, source: str = "tui",
               seed: int | None = None) -> RecordResult:
        """Record one graded attempt; it is on disk (safe from a crash) when this returns.

        ``verdict`` needs ``correct``; its optional ``interpreted_as`` and ``score`` (0..1
        partial credit) are stored too. ``seed`` names the exercise variant shown, if any.
        Raises :class:`ProgressUnavailable` if the attempt could not be written (it still
        counts in this window).
        """
        score = getattr(verdict, "score", None)
        attempt = Attempt(exercise_id=exercise_id, at=self.clock(), answer=answer,
                          correct=bool(verdict.correct), hints_used=hints_used,
                          derivation_revealed=derivation_revealed,
                          interpreted_as=getattr(verdict, "interpreted_as", "") or "",
                          source=source, seed=seed,
                          score=None if score is None else min(1.0, max(0.0, float(score))))
        with self._lock:
            result = self.progress.record(attempt)
            if not (self.writable and self._store is not None):
                self._unsaved.append(attempt)
                return result
            try:
                self._store.append(attempt)
            except ProgressError as exc:
                self._unsaved.append(attempt)
                self.messages.append(str(exc))
                raise ProgressUnavailable(str(exc)) from exc
        self._kick()
        return result

    def _kick(self) -> None:
        with self._wake:
            self._submitted += 1
            self._pending += 1
            if self._worker is None:
                self._worker = threading.Thread(target=self._flush_loop, name="progress-flush",
                                                daemon=True)
                self._worker.start()
            self._wake.notify_all()

    def _flush_loop(self) -> None:
        while True:
            with self._wake:
                while not self._pending and not self._stop:
                    self._wake.wait()
                if not self._pending and self._stop:
                    return
                pending, self._pending = self._pending, 0
                target = self._submitted
            try:
                self._sync(pending)
            except ProgressError as exc:
                self._worker_error = str(exc)
                self.messages.append(str(exc))
            with self._wake:
                self._flushed = target
                self._wake.notify_all()

    def _sync(self, pending: int) -> None:
        assert self._store is not None
        self._store.sync()
        self._since_snapshot += pending
        if self._since_snapshot >= SNAPSHOT_EVERY:
            self._snapshot()

    def _snapshot(self) -> None:
        from linalg_tutor.progress.store import encode_progress

        assert self._store is not None
        with self._lock:
            data = encode_progress(self.progress, self._store.mark)
        self._store.write_snapshot(data)
        self._since_snapshot = 0

    def flush(self, timeout: float | None = 10.0) -> None:
        """Wait until every recorded attempt is flushed to the disk."""
        with self._wake:
            self._wake.wait_for(lambda: self._flushed >= self._submitted, timeout=timeout)

    # ---- questions the screens ask --------------------------------------------------------

    def level(self, exercise_id: str) -> MasteryLevel:
        """The four-mark view (new, tried, solved, mastered) the exercise lists draw."""
        return self.progress.mastery_level(exercise_id)

    def stage(self, exercise_id: str) -> Level:
        """The level: not_started, attempted, familiar, proficient or mastered."""
        return self.progress.level(exercise_id)

    def mastery(self, exercise_ids: Iterable[str]) -> MasterySummary:
        return self.progress.mastery(exercise_ids)

    def current_streak(self) -> int:
        return self.progress.current_streak(self.clock())

    def best_streak(self) -> int:
        return self.progress.best_streak

    def done_today(self) -> bool:
        """A right answer already counts for today's streak."""
        return self.progress.done_today(self.clock())

    def due(self, exercise_ids: Iterable[str] | None = None) -> list[str]:
        """Exercises due for review now, most overdue first."""
        return self.progress.due(self.clock(), exercise_ids)

    def next_due(self, exercise_ids: Iterable[str] | None = None) -> datetime | None:
        return self.progress.next_due(exercise_ids)

    def attempt_count(self, exercise_id: str) -> int:
        return self.progress.state(exercise_id).attempts

    def recent_attempts(self, n: int = 20) -> list[Attempt]:
        """The last ``n`` attempts, newest first (read from the end of the log)."""
        unsaved = self._unsaved[-n:][::-1] if n > 0 else []
        if self._store is None or len(unsaved) >= n:
            return unsaved[:n]
        return unsaved + self._store.recent_attempts(n - len(unsaved))

    def attempts(self) -> list[Attempt]:
        """Every attempt, oldest first (reads the whole log: for reports, not for screens)."""
        saved = self._store.attempts() if self._store is not None else []
        return saved + self._unsaved

    def last_answer(self, exercise_id: str) -> str | None:
        """The latest answer to ``exercise_id``, whole (a Build exercise's code comes back after a
        restart). Reads the log from the newest end; call it off the UI thread."""
        for attempt in reversed(self._unsaved):
            if attempt.exercise_id == exercise_id:
                return attempt.answer
        if self._store is None:
            return None
        for attempt in reversed(self._store.attempts()):
            if attempt.exercise_id == exercise_id:
                return attempt.answer
        return None

    # ---- reset ----------------------------------------------------------------------------

    def reset(self, exercise_ids: Iterable[str] | None = None) -> list[Path]:
        """Forget the attempts at ``exercise_ids`` (None: everything), after a backup.

        Returns the backup files (the snapshot and the log as they were). Asking the learner
        to confirm is the front end's job. Raises :class:`ProgressUnavailable` when read-only.
        """
        if not (self.writable and self._store is not None):
            raise ProgressUnavailable("This window is read-only; nothing can be reset here.")
        self.flush()
        with self._lock:
            try:
                backups = self._store.remove_attempts(None if exercise_ids is None else set(exercise_ids))
                result = self._store.load()
                self.progress = result.progress
                self._store.save(self.progress)
            except ProgressError as exc:
                raise ProgressUnavailable(str(exc)) from exc
        return backups

    def close(self) -> None:
        """Flush, write a final snapshot, and release the lock (idempotent)."""
        worker = self._worker
        if worker is not None:
            with self._wake:
                self._stop = True
                self._wake.notify_all()
            worker.join(timeout=10)
            self._worker = None
        if self._store is not None and self.writable and self._store.is_locked:
            try:
                self._store.sync()
                stale = not self._store.path.exists() and self._store.log_path.exists()
                if self._since_snapshot or stale:
                    self._snapshot()
            except ProgressError as exc:
                self.messages.append(str(exc))
        if self._store is not None:
            self._store.close()

    def __enter__(self) -> ProgressSession:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
