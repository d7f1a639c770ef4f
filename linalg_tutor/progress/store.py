"""The progress on disk: an append-only attempts log beside a compacted snapshot.

One folder holds (for the default ``filename``)::

    progress.attempts.jsonl                the attempts, one JSON object per line (the truth)
    progress.json                          snapshot: levels, cards, streak folded up to a mark
    progress.json.lock                     OS lock handle: one running tutor at a time
    progress.json.pid                      pid of the lock holder and which lock file it holds
    progress.json.corrupt-20250101-093000  an unreadable snapshot, kept as it was found
    progress.json.v1-20250101-093000       the file as it was before a format upgrade
    progress.attempts.jsonl.torn-…         an unfinished last log line left by a crash
    .progress.json.XXXXXXXX.tmp            a snapshot save in flight (or left by a crash)

Why a log and a snapshot (measured on a loaded 2-core machine, ``benchmarks/progress_scale.py``):
the version-1 format rewrote one JSON file of every attempt on each answer; at 100,000
attempts that took 1.6 s to load and 740 ms to save. Appending one line is O(1) (well under
a millisecond with ``fdatasync``), and loading reads only the snapshot (one line per
exercise, a few dozen KB) plus the lines appended since it was written. SQLite in WAL mode
measured the same per commit (both ≈0.1 ms here); we chose the log because it is never
rewritten (a newer tutor's fields survive any older one, by construction), it can be read
and merged with a text editor or ``grep``, and it needs no schema migration for new fields
of an attempt. The snapshot is a cache: when it is missing, unreadable or does not match
the log, everything is rebuilt from the log.

Guarantees:

- **Nothing lost under kill -9**: an attempt is written to the log (one ``write``) before
  :meth:`ProgressStore.append` returns; the snapshot is replaced atomically
  (:mod:`linalg_tutor.progress.atomic`).
- **One writer**: appending and saving require the lock, taken *before* loading.
- **Newer formats are read, never replaced**: a snapshot from a newer linalg-tutor is
  opened read-only (``LoadResult.read_only`` says why); nothing is written.
- **No silent reset**: an unreadable snapshot is backed up byte for byte beside itself and
  rebuilt from the log; :class:`LoadResult` carries a warning naming the backup.
"""

from __future__ import annotations

import contextlib
import json
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import Any

import platformdirs
from pydantic import ValidationError

from linalg_tutor.progress import log as attempts_log
from linalg_tutor.progress.atomic import atomic_write_bytes, fsync_directory, removable_temp_files
from linalg_tutor.progress.errors import ProgressNotLocked, ProgressSaveError, ProgressUnreadable
from linalg_tutor.progress.lock import ProgressLock
from linalg_tutor.progress.log import LogMark, LogWriter
from linalg_tutor.progress.model import SCHEMA_VERSION, Attempt, Progress

__all__ = [
    "DEFAULT_FILENAME",
    "LOG_SUFFIX",
    "MIGRATIONS",
    "PROGRESS_DIR_ENV",
    "SCHEMA_VERSION",
    "LoadResult",
    "ProgressStore",
    "default_progress_dir",
    "encode_progress",
]

DEFAULT_FILENAME = "progress.json"
#: The attempts log is named after the snapshot: ``progress.json`` -> ``progress.attempts.jsonl``.
LOG_SUFFIX = ".attempts.jsonl"
#: Environment variable that overrides where progress lives.
PROGRESS_DIR_ENV = "LINALG_TUTOR_PROGRESS_DIR"
#: Application name for the per-user data folder.
APP_NAME = "linalg-tutor"
#: Timestamp format in backup file names (local time).
BACKUP_TIME_FORMAT = "%Y%m%d-%H%M%S"

Migration = Callable[[dict[str, Any]], dict[str, Any]]


def _v1_to_v2(document: dict[str, Any]) -> dict[str, Any]:
    """Version 1 kept every attempt inline; version 2 keeps them in the log.

    The upgraded document carries them as ``attempts`` once more, for the store to append
    to the log (merged with any log already there); the summaries of version 1 were derived
    and are rebuilt. Version-1 attempts need no change (``seed``/``score`` default to None).
    """
    attempts = document.get("attempts", [])
    if not isinstance(attempts, list):
        raise ValueError("attempts is not a list")
    return {"attempts": attempts}


#: Format upgrades: ``MIGRATIONS[v]`` turns a version ``v`` document into a version
#: ``v + 1`` one (the loader then sets ``schema_version`` itself). A document that comes
#: out with an ``attempts`` list has them imported into the log. Every version has a
#: fixture in ``tests/progress/fixtures`` that must keep loading.
MIGRATIONS: dict[int, Migration] = {1: _v1_to_v2}


def default_progress_dir(package_root: Path | None = None) -> Path:
    """Where progress lives unless the caller (e.g. ``--progress-dir``) says otherwise.

    In order:

    1. ``$LINALG_TUTOR_PROGRESS_DIR`` if set and not empty;
    2. when running from a source checkout, its ``progress/`` folder: the checkout is the
       parent of the ``linalg_tutor`` package folder (``package_root``, default: this
       package's), recognised by a ``pyproject.toml`` *and* an existing ``progress/``
       folder there (git-ignored, so learners who cloned the repo keep progress beside it);
    3. otherwise the per-user data folder, ``platformdirs.user_data_path("linalg-tutor")
       / "progress"`` (e.g. ``~/.local/share/linalg-tutor/progress`` on Linux).
    """
    override = os.environ.get(PROGRESS_DIR_ENV, "").strip()
    if override:
        return Path(override).expanduser()
    if package_root is None:
        package_root = Path(__file__).resolve().parent.parent
    checkout = package_root.parent
    if (checkout / "pyproject.toml").is_file() and (checkout / "progress").is_dir():
        return checkout / "progress"
    return platformdirs.user_data_path(APP_NAME) / "progress"


@dataclass(frozen=True)
class LoadResult:
    """What :meth:`ProgressStore.load` found.

    Attributes:
        progress: The progress to use (fresh if nothing could be used).
        warning: A learner-facing message if something had to be set aside or rebuilt.
        backup_path: Copy of a file made during this load (unreadable, or before an upgrade).
        migrated_from: The older format version the snapshot was upgraded from, else None.
        read_only: Why this progress must not be written (a newer format), else None.
    """

    progress: Progress
    warning: str | None = None
    backup_path: Path | None = None
    migrated_from: int | None = None
    read_only: str | None = None
    warnings: tuple[str, ...] = field(default=())


class _Unusable(Exception):
    """Internal: the snapshot's bytes do not hold progress we can use; ``str`` is the reason."""

    def __init__(self, reason: str, advice: str = "") -> None:
        super().__init__(reason)
        self.reason = reason
        self.advice = advice


class _Newer(Exception):
    """Internal: the snapshot was written by a newer linalg-tutor (format ``version``)."""

    def __init__(self, version: int) -> None:
        super().__init__(version)
        self.version = version


def encode_progress(progress: Progress, mark: LogMark | None = None) -> bytes:
    """The bytes of a snapshot: top-level keys one per line, one exercise per line."""
    document: dict[str, Any] = {"schema_version": SCHEMA_VERSION}
    document["log"] = (mark or LogMark()).to_json()
    body = progress.model_dump(mode="json", exclude={"schema_version"})
    exercises = body.pop("exercises")
    document.update(body)
    document["exercises"] = exercises
    return _layout(document).encode("utf-8")


def _layout(document: dict[str, Any]) -> str:
    """JSON for humans: each entry of a top-level list or object on its own line."""

    def compact(value: Any) -> str:
        return json.dumps(value, ensure_ascii=False, separators=(", ", ": "))

    lines = []
    for key, value in document.items():
        if isinstance(value, list) and value:
            inner = ",\n".join(f"  {compact(item)}" for item in value)
            lines.append(f" {compact(key)}: [\n{inner}\n ]")
        elif isinstance(value, dict) and value and key == "exercises":
            inner = ",\n".join(f"  {compact(k)}: {compact(v)}" for k, v in value.items())
            lines.append(f" {compact(key)}: {{\n{inner}\n }}")
        else:
            lines.append(f" {compact(key)}: {compact(value)}")
    return "{\n" + ",\n".join(lines) + "\n}\n"


def _decode_document(raw: bytes) -> tuple[dict[str, Any], int | None]:
    """Parse a snapshot and upgrade it through :data:`MIGRATIONS`.

    Returns the current-format document and the version it was migrated from (None if
    current). Raises ``_Newer`` for a newer format, ``_Unusable`` for anything unreadable.
    """
    if not raw.strip():
        raise _Unusable("it is empty (probably cut short by a crash or a full disk)")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise _Unusable("it is not a text file (it contains bytes that are not UTF-8)") from None
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise _Unusable(
            f"it is not valid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})"
        ) from None
    except RecursionError:
        raise _Unusable("it is not valid JSON (nested too deeply)") from None
    except ValueError as exc:  # e.g. a number of thousands of digits (Python's int-string limit)
        raise _Unusable(f"it holds a value that cannot be read ({str(exc)[:80]})") from None
    if not isinstance(document, dict):
        raise _Unusable(f"it should hold a JSON object but holds {_json_kind(document)}")

    version = document.get("schema_version")
    if type(version) is not int:
        raise _Unusable('it has no valid "schema_version" number')
    if version > SCHEMA_VERSION:
        raise _Newer(version)
    if version < SCHEMA_VERSION:
        return _migrate(document, version), version
    return document, None


def _migrate(document: dict[str, Any], version: int) -> dict[str, Any]:
    """Apply :data:`MIGRATIONS` from ``version`` up to :data:`SCHEMA_VERSION`."""
    while version < SCHEMA_VERSION:
        step = MIGRATIONS.get(version)
        if step is None:
            raise _Unusable(f"its progress format {version} is too old for this linalg-tutor")
        try:
            document = step(dict(document))
        except Exception as exc:  # a failed upgrade must back up, not crash the tutor
            raise _Unusable(
                f"upgrading it from progress format {version} failed ({exc!r})"
            ) from None
        if not isinstance(document, dict):
            raise _Unusable(f"upgrading it from progress format {version} failed")
        version += 1
        document["schema_version"] = version
    return document


def _json_kind(value: Any) -> str:
    kinds = {list: "a list", str: "a string", bool: "true/false", type(None): "null"}
    return kinds.get(type(value), "a number")


def _summarize(error: ValidationError) -> str:
    """First validation problem in words, e.g. ``attempts.3.at: Input should have timezone info``."""
    problems = error.errors(include_url=False)
    first = problems[0]
    where = ".".join(str(part) for part in first["loc"]) or "top level"
    more = f", and {len(problems) - 1} more problem(s)" if len(problems) > 1 else ""
    return f"{where}: {first['msg']}{more}"


def _attempt_key(attempt: Attempt) -> tuple[str, str, str, bool]:
    return (attempt.exercise_id, attempt.at.isoformat(), attempt.answer, attempt.correct)


class ProgressStore:
    """One learner's progress in ``directory``: the attempts log and its snapshot.

    Typical writer (the TUI, through :class:`~linalg_tutor.progress.session.ProgressSession`)::

        with ProgressStore(folder) as store:      # acquire(): raises ProgressLocked
            result = store.load()                 # load *after* locking
            progress = result.progress
            progress.record(attempt); store.append(attempt)   # the attempt is safe now
            store.save(progress)                  # compact: snapshot up to the log's end

    Readers (reports, ``check`` without ``--record``) call ``ProgressStore(folder).load()``
    and :meth:`attempts` with no lock.

    Args:
        directory: The folder; created on first lock or save.
        filename: Name of the snapshot in it (the log is named after it).
    """

    def __init__(self, directory: Path, *, filename: str = DEFAULT_FILENAME) -> None:
        self.directory = Path(directory)
        self.path = self.directory / filename
        stem = filename[: -len(".json")] if filename.endswith(".json") else filename
        self.log_path = self.directory / (stem + LOG_SUFFIX)
        self._lock = ProgressLock(self.path)
        self._writer: LogWriter | None = None
        self._mark = LogMark()
        self._before_mark = b""
        self._inline: list[Attempt] | None = None  # a version-1 file read without upgrading it
        # One snapshot write at a time in this process: the clean-up after a write must not
        # delete another thread's temporary file.
        self._write_lock = threading.Lock()
        self.read_only_reason: str | None = None

    def __repr__(self) -> str:
        return (
            f"ProgressStore({str(self.directory)!r}, filename={self.path.name!r}, "
            f"locked={self.is_locked})"
        )

    def __enter__(self) -> ProgressStore:
        self.acquire()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    @property
    def lock_path(self) -> Path:
        return self._lock.lock_path

    @property
    def is_locked(self) -> bool:
        return self._lock.is_held

    @property
    def mark(self) -> LogMark:
        """How far the log goes (as far as this store knows: what it loaded and appended)."""
        return self._mark

    def acquire(self) -> ProgressStore:
        """Become the one writer, or raise :class:`ProgressLocked` at once (no waiting)."""
        self._lock.acquire()
        return self

    def close(self) -> None:
        """Close the log and release the lock (idempotent). ``load()`` still works after."""
        if self._writer is not None:
            with contextlib.suppress(OSError):
                self._writer.sync()
            self._writer.close()
            self._writer = None
        self._lock.release()

    # ---- loading --------------------------------------------------------------------------

    def load(self) -> LoadResult:
        """Read the progress; never raises for bad *content*, never resets silently.

        - Nothing there: fresh progress, no warning.
        - Snapshot and log agree: the snapshot plus the lines appended after its mark.
        - Snapshot missing, unreadable, or not matching the log: rebuilt from the log (an
          unreadable snapshot is first copied to ``<file>.corrupt-YYYYmmdd-HHMMSS``).
        - A newer format: read as far as this version understands, ``read_only`` set; no file
          is touched, and a writer should give the lock back (the session does).
        - An older format: upgraded through :data:`MIGRATIONS` after copying the original to
          ``<file>.v<N>-YYYYmmdd-HHMMSS``; when locked, the upgrade is written at once.
        - An unfinished last log line (a crash mid-write): skipped; when locked it is moved
          to ``<log>.torn-…`` so the next line starts clean.

        Raises :class:`ProgressUnreadable` if a file exists but the OS will not let us read
        it, or a needed backup cannot be written: going on would risk overwriting it.
        """
        warnings: list[str] = []
        try:
            raw: bytes | None = self.path.read_bytes()
        except FileNotFoundError:
            raw = None
        except OSError as exc:
            raise ProgressUnreadable(
                f"Cannot read your progress file {self.path}: {exc.strerror or exc}. "
                "Nothing was changed; fix the file's permissions or use --progress-dir."
            ) from exc
        self._check_log_readable()

        if raw is None:
            return self._from_log(warnings)
        try:
            document, migrated_from = _decode_document(raw)
        except _Newer as newer:
            return self._newer(newer.version)
        except _Unusable as problem:
            return self._recover(raw, problem)

        if "attempts" in document:  # an upgraded version-1 file
            return self._upgrade(raw, document, SCHEMA_VERSION if migrated_from is None else migrated_from)
        try:
            progress = Progress.model_validate(document)
        except ValidationError as exc:
            return self._recover(raw, _Unusable(f"its content is not valid progress data ({_summarize(exc)})"))
        mark = LogMark.from_json(document.get("log"))
        if mark is None or attempts_log.fingerprint_at(self.log_path, mark.size) != mark.tail:
            if mark is not None and mark.count and not self.log_path.exists():
                warnings.append(
                    f"The attempts log {self.log_path} is missing: your levels, streak and "
                    "reviews were kept, but the list of past answers is gone.")
                self._mark = LogMark()
                return self._finish(progress, attempts_log.read_from(self.log_path, 0), warnings)
            return self._from_log(warnings)  # the snapshot is stale or from another log
        self._mark = mark
        return self._finish(progress, attempts_log.read_from(self.log_path, mark.size), warnings)

    def _check_log_readable(self) -> None:
        try:
            with open(self.log_path, "rb"):
                pass
        except FileNotFoundError:
            pass
        except OSError as exc:
            raise ProgressUnreadable(
                f"Cannot read your attempts log {self.log_path}: {exc.strerror or exc}. "
                "Nothing was changed; fix the file's permissions or use --progress-dir."
            ) from exc

    def _from_log(self, warnings: list[str], *, warning: str | None = None,
                  backup: Path | None = None) -> LoadResult:
        """Rebuild everything from the whole log."""
        self._mark = LogMark()
        read = attempts_log.read_from(self.log_path, 0)
        result = self._finish(Progress(), read, warnings)
        if warning:
            return LoadResult(result.progress, warning=" ".join([warning, *result.warnings]),
                              backup_path=backup, warnings=(warning, *result.warnings))
        return result

    def _finish(self, progress: Progress, read: attempts_log.ReadResult,
                warnings: list[str]) -> LoadResult:
        """Fold the attempts read after the mark in, and deal with bad or torn lines."""
        for attempt in read.attempts:
            progress.add(attempt)
        self._mark = LogMark(read.end, self._mark.count + len(read.attempts),
                             attempts_log.fingerprint(read.before_end))
        self._before_mark = read.before_end
        if read.bad_lines:
            warnings.append(
                f"{read.bad_lines} line(s) of your attempts log {self.log_path} could not be "
                "read and were skipped; the log itself was left as it is.")
        if read.torn:
            note = self._set_aside_torn(read)
            if note:
                warnings.append(note)
        return LoadResult(progress, warning=" ".join(warnings) or None, warnings=tuple(warnings))

    def _set_aside_torn(self, read: attempts_log.ReadResult) -> str:
        if not self.is_locked:
            # A reader may simply have caught the writer mid-line: skip it, say nothing.
            return ""
        backup = self._back_up(read.torn, "torn", base=self.log_path)
        with contextlib.suppress(OSError):
            os.truncate(self.log_path, read.end)
        return (f"The last line of your attempts log was unfinished (a crash while saving); "
                f"it was moved to {backup}.")

    def _newer(self, version: int) -> LoadResult:
        reason = (
            f"Your progress {self.path} was written by a newer linalg-tutor (progress format "
            f"{version}; this version knows up to {SCHEMA_VERSION}). It is opened read-only: "
            "you can look and practise, but nothing is saved until you upgrade linalg-tutor."
        )
        self.read_only_reason = reason
        read = attempts_log.read_from(self.log_path, 0)
        progress = Progress.from_attempts(read.attempts)
        self._mark = LogMark(read.end, len(read.attempts), attempts_log.fingerprint(read.before_end))
        return LoadResult(progress, warning=reason, read_only=reason, warnings=(reason,))

    def _upgrade(self, raw: bytes, document: dict[str, Any], migrated_from: int) -> LoadResult:
        """Import the inline attempts of an older file into the log (merged, no duplicates)."""
        try:
            inline = [Attempt.model_validate(item) for item in document["attempts"]]
        except (ValidationError, TypeError) as exc:
            problem = _summarize(exc) if isinstance(exc, ValidationError) else str(exc)
            return self._recover(raw, _Unusable(f"its content is not valid progress data ({problem})"))
        backup = self._back_up(raw, f"v{migrated_from}")
        existing = attempts_log.read_from(self.log_path, 0)
        known = {_attempt_key(a) for a in existing.attempts}
        missing = [a for a in inline if _attempt_key(a) not in known]
        if not self.is_locked:
            # Read-only: show the merged history, write nothing.
            self._inline = missing
            progress = Progress.from_attempts([*existing.attempts, *missing])
            return LoadResult(progress, backup_path=backup, migrated_from=migrated_from)
        if existing.torn:
            self._set_aside_torn(existing)
        writer = self._log_writer()
        for attempt in missing:
            writer.append_line(attempts_log.encode(attempt))
        writer.sync()
        result = self._from_log([])
        self.save(result.progress)
        return LoadResult(result.progress, warning=result.warning, backup_path=backup,
                          migrated_from=migrated_from, warnings=result.warnings)

    def _recover(self, raw: bytes, problem: _Unusable) -> LoadResult:
        """Back up an unusable snapshot, drop it if we are the writer, rebuild from the log."""
        backup = self._back_up(raw, "corrupt")
        moved = False
        if self.is_locked:
            with contextlib.suppress(OSError):
                self.path.unlink()
                fsync_directory(self.directory)
                moved = True
        verb = "moved" if moved else "copied"
        has_log = self.log_path.exists()
        warning = (
            f"Your progress file {self.path} could not be read: {problem.reason}. "
            f"It was {verb} to {backup} so nothing is lost"
        )
        warning += (", and your progress was rebuilt from the attempts log." if has_log
                    else ", and you are starting with fresh progress.")
        if problem.advice:
            warning += f" {problem.advice}"
        return self._from_log([], warning=warning, backup=backup)

    def _back_up(self, raw: bytes, kind: str, *, base: Path | None = None) -> Path:
        """Keep ``raw`` as ``<file>.<kind>-<timestamp>[-N]``; reuse an identical backup."""
        base = base or self.path
        prefix = f"{base.name}.{kind}-"
        for existing in sorted(self.directory.glob(f"{prefix}*")):
            with contextlib.suppress(OSError):
                if existing.is_file() and existing.read_bytes() == raw:
                    return existing
        stem = f"{prefix}{datetime.now().strftime(BACKUP_TIME_FORMAT)}"
        counter = 1
        while True:
            candidate = self.directory / (stem if counter == 1 else f"{stem}-{counter}")
            try:
                with open(candidate, "xb") as handle:
                    handle.write(raw)
                    handle.flush()
                    os.fsync(handle.fileno())
            except FileExistsError:
                counter += 1
                continue
            except OSError as exc:
                with contextlib.suppress(OSError):
                    candidate.unlink()
                raise ProgressUnreadable(
                    f"Your progress file {base} cannot be used as it is, and its backup "
                    f"{candidate} could not be written: {exc.strerror or exc}. Nothing was "
                    "changed; free some space or fix the folder's permissions."
                ) from exc
            fsync_directory(self.directory)
            return candidate

    # ---- writing --------------------------------------------------------------------------

    def _require_lock(self) -> None:
        if not self.is_locked:
            raise ProgressNotLocked(self.path)
        self._lock.verify()  # the lock file may have been removed while this tutor ran
        if self.read_only_reason:
            raise ProgressSaveError(self.read_only_reason)

    def _log_writer(self) -> LogWriter:
        if self._writer is None:
            try:
                self._writer = LogWriter(self.log_path)
            except OSError as exc:
                raise ProgressSaveError(
                    f"Could not open your attempts log {self.log_path}: {exc.strerror or exc}."
                ) from exc
        return self._writer

    def append(self, attempt: Attempt) -> LogMark:
        """Add one attempt to the log (requires the lock); returns the new mark.

        When this returns the attempt survives the tutor being killed; :meth:`sync` makes it
        survive a power cut. Raises :class:`ProgressSaveError` if the write fails.
        """
        self._require_lock()
        line = attempts_log.encode(attempt)
        try:
            self._log_writer().append_line(line)
        except OSError as exc:
            raise ProgressSaveError(
                f"Could not save your answer to {self.log_path}: {exc.strerror or exc}."
            ) from exc
        self._before_mark = (self._before_mark + line)[-attempts_log.TAIL_BYTES:]
        self._mark = LogMark(self._mark.size + len(line), self._mark.count + 1,
                             attempts_log.fingerprint(self._before_mark))
        return self._mark

    def sync(self) -> None:
        """Flush appended attempts to the disk (``fdatasync``); a no-op when nothing is open."""
        if self._writer is not None:
            try:
                self._writer.sync()
            except OSError as exc:
                raise ProgressSaveError(f"Could not flush {self.log_path}: {exc.strerror or exc}.") from exc

    def save(self, progress: Progress, mark: LogMark | None = None) -> None:
        """Atomically write the snapshot of ``progress`` folded up to ``mark`` (default: now).

        Requires the lock. Raises :class:`ProgressSaveError` if the write fails (the previous
        snapshot is then untouched; it is only a cache, the log holds the attempts).
        """
        self._require_lock()
        self.write_snapshot(encode_progress(progress, mark or self._mark))

    def write_snapshot(self, data: bytes) -> None:
        """Write snapshot bytes made by :func:`encode_progress` (requires the lock)."""
        self._require_lock()
        with self._write_lock:
            try:
                atomic_write_bytes(self.path, data)
            except OSError as exc:
                raise ProgressSaveError(
                    f"Could not save your progress to {self.path}: {exc.strerror or exc}. "
                    "The previously saved progress is unchanged."
                ) from exc
            for stale in removable_temp_files(self.path):  # never another live process's file
                with contextlib.suppress(OSError):
                    stale.unlink()

    # ---- history --------------------------------------------------------------------------

    def attempts(self) -> list[Attempt]:
        """Every attempt, oldest first (the whole log; reports and exports use this)."""
        history = attempts_log.read_from(self.log_path, 0).attempts
        return history + list(self._inline or [])

    def recent_attempts(self, n: int = 20) -> list[Attempt]:
        """The last ``n`` attempts, newest first, reading only the end of the log."""
        inline = list(reversed(self._inline or []))
        if len(inline) >= n:
            return inline[:n]
        return inline + attempts_log.read_tail(self.log_path, n - len(inline))

    def backup_all(self, kind: str = "reset") -> list[Path]:
        """Copy the snapshot and the log as they are (before a reset); returns the copies."""
        copies = []
        for path in (self.path, self.log_path):
            with contextlib.suppress(FileNotFoundError):
                copies.append(self._back_up(path.read_bytes(), kind, base=path))
        return copies

    def remove_attempts(self, exercise_ids: set[str] | None) -> list[Path]:
        """Reset: drop the attempts at ``exercise_ids`` (None: all) from the log.

        The only time the log is rewritten. The snapshot and the log are first copied to
        ``<file>.reset-…`` backups, which are returned; lines kept are kept byte for byte.
        Requires the lock; the caller rebuilds the progress afterwards.
        """
        self._require_lock()
        backups = self.backup_all("reset")
        try:
            raw = self.log_path.read_bytes()
        except FileNotFoundError:
            raw = b""
        kept = []
        for line in raw.splitlines(keepends=True):
            if not line.endswith(b"\n"):
                continue  # an unfinished line: it is in the backup
            if exercise_ids is not None:
                try:
                    exercise_id = json.loads(line).get("exercise_id")
                except (ValueError, AttributeError):
                    exercise_id = None
                if exercise_id not in exercise_ids:
                    kept.append(line)
        if self._writer is not None:
            self._writer.close()
            self._writer = None
        try:
            atomic_write_bytes(self.log_path, b"".join(kept))
        except OSError as exc:
            raise ProgressSaveError(
                f"Could not reset {self.log_path}: {exc.strerror or exc}. Nothing was changed."
            ) from exc
        with self._write_lock, contextlib.suppress(FileNotFoundError):
            self.path.unlink()  # the snapshot described the old log: the next load rebuilds
        return backups
