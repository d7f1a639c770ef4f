"""One front end's use of the progress store: lock, load, record-and-save, release.

The TUI and ``linalg-tutor check --record`` both go through :class:`ProgressSession`, so the rule
"hold the lock, load, then save after every attempt" is written once. When the lock is held by
another tutor, the TUI opens a *read-only* session: the learner can still work, is told why
nothing is saved, and the other tutor's file is never overwritten.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterable

from linalg_tutor.progress.errors import ProgressError
from linalg_tutor.progress.model import Attempt, MasteryLevel, MasterySummary, Progress, RecordResult
from linalg_tutor.progress.store import ProgressStore, default_progress_dir


class ProgressUnavailable(Exception):
    """Progress cannot be opened for writing (locked by another tutor, or unreadable folder)."""


class ProgressSession:
    """The learner's progress for the lifetime of one tutor (or one CLI command).

    Use :meth:`open` (writable, holds the lock) or :meth:`read_only`. ``messages`` collects what
    the learner must be told (a backup was made, progress is not being saved).
    """

    def __init__(self, store: ProgressStore | None, progress: Progress, messages: list[str],
                 writable: bool) -> None:
        self._store = store
        self.progress = progress
        self.messages = messages
        self.writable = writable

    def __repr__(self) -> str:
        return f"ProgressSession(path={self.path!r}, writable={self.writable})"

    @classmethod
    def open(cls, directory: Path | None = None) -> "ProgressSession":
        """Lock and load the progress in ``directory`` (default: see ``default_progress_dir``)."""
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
        messages = [result.warning] if result.warning else []
        return cls(store, result.progress, messages, writable=True)

    @classmethod
    def read_only(cls, directory: Path | None = None, *, reason: str = "") -> "ProgressSession":
        """Load without the lock; attempts are kept in memory only and the learner is told so."""
        store = ProgressStore(Path(directory) if directory else default_progress_dir())
        messages = []
        try:
            result = store.load()
            progress = result.progress
            if result.warning:
                messages.append(result.warning)
        except (ProgressError, OSError) as exc:
            progress = Progress()
            messages.append(f"Could not read your progress: {exc}")
        messages.append(f"{reason} Progress in this window is NOT saved." if reason
                        else "Progress in this window is not saved.")
        return cls(store, progress, messages, writable=False)

    @property
    def path(self) -> str | None:
        return str(self._store.path) if self._store and self.writable else None

    def record(self, exercise_id: str, answer: str, verdict: Any, *, hints_used: int = 0,
               derivation_revealed: bool = False, source: str = "tui") -> RecordResult:
        """Record one graded attempt and save at once (a crash loses at most the current screen)."""
        attempt = Attempt(exercise_id=exercise_id, answer=answer, correct=bool(verdict.correct),
                          hints_used=hints_used, derivation_revealed=derivation_revealed,
                          interpreted_as=getattr(verdict, "interpreted_as", "") or "", source=source)
        result = self.progress.record(attempt)
        if self.writable and self._store is not None:
            try:
                self._store.save(self.progress)
            except ProgressError as exc:
                self.messages.append(str(exc))
                raise ProgressUnavailable(str(exc)) from exc
        return result

    # ---- questions the screens ask -------------------------------------------------------------

    def level(self, exercise_id: str) -> MasteryLevel:
        return self.progress.mastery_level(exercise_id)

    def mastery(self, exercise_ids: Iterable[str]) -> MasterySummary:
        return self.progress.mastery(exercise_ids)

    def current_streak(self) -> int:
        return self.progress.current_streak()

    def best_streak(self) -> int:
        return max(self.progress.best_streak, self.current_streak())

    def attempt_count(self, exercise_id: str) -> int:
        return self.progress.state(exercise_id).attempts

    def recent_attempts(self, n: int = 20) -> list[Attempt]:
        return self.progress.recent_attempts(n)

    def close(self) -> None:
        if self._store is not None:
            self._store.close()

    def __enter__(self) -> "ProgressSession":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
