"""The progress file on disk: load, save, lock, and never lose what the learner did.

One folder holds (for the default ``filename``)::

    progress.json                          the progress (see below)
    progress.json.lock                     OS lock handle: one running tutor at a time
    progress.json.pid                      pid of the tutor holding the lock (for messages)
    progress.json.corrupt-20250101-093000  an unreadable file, kept as it was found
    progress.json.v0-20250101-093000       the file as it was before a format upgrade
    .progress.json.XXXXXXXX.tmp            a save in flight (or left by a crash)

``progress.json`` is UTF-8 JSON: ``{"schema_version": 1, ...}`` followed by the fields of
:class:`~linalg_tutor.progress.model.Progress`, with one attempt per line so it stays
readable and diffable.

Guarantees:

- **Atomic saves** (:mod:`linalg_tutor.progress.atomic`): a crash leaves the old or the
  new file, never a mix.
- **One writer**: :meth:`ProgressStore.save` requires the lock (:meth:`~ProgressStore.acquire`),
  and it must be taken *before* loading, so a tutor never saves over answers recorded by
  another. We chose "save requires the lock" over "save locks briefly" because a brief lock
  cannot prevent a stale load from overwriting newer data. Read-only use (export, a
  ``check`` that does not record) just calls :meth:`~ProgressStore.load` without the lock.
- **No silent reset**: a file that cannot be understood is backed up byte for byte beside
  itself, and :class:`LoadResult` carries a warning naming the backup and the reason.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import Any

import platformdirs
from pydantic import ValidationError

from linalg_tutor.progress.atomic import atomic_write_bytes, fsync_directory, stale_temp_files
from linalg_tutor.progress.errors import ProgressNotLocked, ProgressSaveError, ProgressUnreadable
from linalg_tutor.progress.lock import ProgressLock
from linalg_tutor.progress.model import SCHEMA_VERSION, Progress

__all__ = [
    "DEFAULT_FILENAME",
    "MIGRATIONS",
    "PROGRESS_DIR_ENV",
    "SCHEMA_VERSION",
    "LoadResult",
    "ProgressStore",
    "default_progress_dir",
    "encode_progress",
]

DEFAULT_FILENAME = "progress.json"
#: Environment variable that overrides where progress lives.
PROGRESS_DIR_ENV = "LINALG_TUTOR_PROGRESS_DIR"
#: Application name for the per-user data folder.
APP_NAME = "linalg-tutor"
#: Timestamp format in backup file names (local time).
BACKUP_TIME_FORMAT = "%Y%m%d-%H%M%S"

Migration = Callable[[dict[str, Any]], dict[str, Any]]

#: Format upgrades: ``MIGRATIONS[v]`` turns a version ``v`` document into a version
#: ``v + 1`` one (the loader then sets ``schema_version`` itself). Empty while only
#: version 1 exists. Loading applies them in a chain up to :data:`SCHEMA_VERSION`, after
#: keeping a copy of the original file; an older version without a path up is treated as
#: unreadable (backed up, fresh start, warning).
MIGRATIONS: dict[int, Migration] = {}


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
        progress: The progress to use (fresh if the file was missing or unreadable).
        warning: A learner-facing message to show if the file could not be used, else None.
        backup_path: Copy of the original file made during this load (unreadable file or
            format upgrade), else None.
        migrated_from: The older format version the file was upgraded from, else None.
    """

    progress: Progress
    warning: str | None = None
    backup_path: Path | None = None
    migrated_from: int | None = None


class _Unusable(Exception):
    """Internal: the file's bytes do not hold progress we can use; ``str`` is the reason."""

    def __init__(self, reason: str, advice: str = "") -> None:
        super().__init__(reason)
        self.reason = reason
        self.advice = advice


def encode_progress(progress: Progress) -> bytes:
    """The bytes of a progress file: top-level keys one per line, one attempt per line."""
    document = progress.model_dump(mode="json")
    document["schema_version"] = SCHEMA_VERSION
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
        elif isinstance(value, dict) and value:
            inner = ",\n".join(f"  {compact(k)}: {compact(v)}" for k, v in value.items())
            lines.append(f" {compact(key)}: {{\n{inner}\n }}")
        else:
            lines.append(f" {compact(key)}: {compact(value)}")
    return "{\n" + ",\n".join(lines) + "\n}\n"


def _decode_progress(raw: bytes) -> tuple[Progress, int | None]:
    """Parse a progress file, upgrading older formats through :data:`MIGRATIONS`.

    Returns the progress and the version it was migrated from (None if current). Raises
    ``_Unusable`` with a learner-facing reason for anything it cannot use.
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
    if not isinstance(document, dict):
        raise _Unusable(f"it should hold a JSON object but holds {_json_kind(document)}")

    version = document.get("schema_version")
    if type(version) is not int:
        raise _Unusable('it has no valid "schema_version" number')
    if version > SCHEMA_VERSION:
        raise _Unusable(
            f"it was written by a newer linalg-tutor (progress format {version}; "
            f"this version reads up to format {SCHEMA_VERSION})",
            advice="Upgrade linalg-tutor, then copy the backup back to continue from it.",
        )
    migrated_from = version if version < SCHEMA_VERSION else None
    if migrated_from is not None:
        document = _migrate(document, version)

    try:
        return Progress.model_validate(document), migrated_from
    except ValidationError as exc:
        raise _Unusable(f"its content is not valid progress data ({_summarize(exc)})") from None


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


class ProgressStore:
    """Loads and saves one learner's progress file in ``directory``.

    Typical writer (the TUI)::

        with ProgressStore(folder) as store:      # acquire(): raises ProgressLocked
            result = store.load()                 # load *after* locking
            if result.warning: show(result.warning)
            progress = result.progress
            ...
            progress.record(attempt)
            store.save(progress)

    Readers (export, reports) call ``ProgressStore(folder).load()`` with no lock.

    Args:
        directory: The folder holding the progress file; created on first lock or save.
        filename: Name of the progress file in it.
    """

    def __init__(self, directory: Path, *, filename: str = DEFAULT_FILENAME) -> None:
        self.directory = Path(directory)
        self.path = self.directory / filename
        self._lock = ProgressLock(self.path)

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
        """The lock file beside the progress file."""
        return self._lock.lock_path

    @property
    def is_locked(self) -> bool:
        """True while this store holds the writer lock."""
        return self._lock.is_held

    def acquire(self) -> ProgressStore:
        """Become the one writer, or raise :class:`ProgressLocked` at once (no waiting).

        Idempotent. Returns the store so ``store = ProgressStore(d).acquire()`` reads well.
        """
        self._lock.acquire()
        return self

    def close(self) -> None:
        """Release the lock if held (idempotent). The store can still ``load()`` after."""
        self._lock.release()

    def load(self) -> LoadResult:
        """Read the progress; never raises for bad *content*, never resets silently.

        - Missing file: fresh progress, no warning.
        - Unreadable content (not JSON, wrong shape, invalid data, a newer format): the
          bytes are copied to ``<file>.corrupt-YYYYmmdd-HHMMSS`` (an identical earlier
          backup is reused; an existing name gets ``-2``, ``-3``…; nothing is
          overwritten), fresh progress is returned with a warning naming the backup. If
          this store holds the lock the broken file is then removed (so it is *moved*);
          without the lock it is left in place for the lock holder to deal with.
        - Older format: upgraded through :data:`MIGRATIONS`, after copying the original to
          ``<file>.v<N>-YYYYmmdd-HHMMSS``; the upgrade is written by the next save.

        Raises :class:`ProgressUnreadable` if the file exists but the OS will not let us read
        it, or the backup cannot be written: going on would risk overwriting it.
        """
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return LoadResult(Progress())
        except OSError as exc:
            raise ProgressUnreadable(
                f"Cannot read your progress file {self.path}: {exc.strerror or exc}. "
                "Nothing was changed; fix the file's permissions or use --progress-dir."
            ) from exc

        try:
            progress, migrated_from = _decode_progress(raw)
        except _Unusable as problem:
            return self._recover(raw, problem)
        if migrated_from is None:
            return LoadResult(progress)
        backup = self._back_up(raw, f"v{migrated_from}")
        return LoadResult(progress, backup_path=backup, migrated_from=migrated_from)

    def save(self, progress: Progress) -> None:
        """Atomically write ``progress``; requires the lock (see :meth:`acquire`).

        Raises :class:`ProgressNotLocked` without the lock, and :class:`ProgressSaveError`
        if the write fails (the previous file is then untouched). After a successful save,
        temporary files left by earlier crashes are deleted.
        """
        if not self.is_locked:
            raise ProgressNotLocked(self.path)
        data = encode_progress(progress)
        try:
            atomic_write_bytes(self.path, data)
        except OSError as exc:
            raise ProgressSaveError(
                f"Could not save your progress to {self.path}: {exc.strerror or exc}. "
                "The previously saved progress is unchanged."
            ) from exc
        for stale in stale_temp_files(self.path):
            with contextlib.suppress(OSError):
                stale.unlink()

    def _recover(self, raw: bytes, problem: _Unusable) -> LoadResult:
        """Back up an unusable file, drop it if we are the writer, and start fresh."""
        backup = self._back_up(raw, "corrupt")
        moved = False
        if self.is_locked:
            with contextlib.suppress(OSError):
                self.path.unlink()
                fsync_directory(self.directory)
                moved = True
        verb = "moved" if moved else "copied"
        warning = (
            f"Your progress file {self.path} could not be read: {problem.reason}. "
            f"It was {verb} to {backup} so nothing is lost, and you are starting with "
            "fresh progress."
        )
        if problem.advice:
            warning += f" {problem.advice}"
        return LoadResult(Progress(), warning=warning, backup_path=backup)

    def _back_up(self, raw: bytes, kind: str) -> Path:
        """Keep ``raw`` as ``<file>.<kind>-<timestamp>[-N]``; reuse an identical backup.

        Exclusive creation (mode ``xb``) guarantees no existing file is ever overwritten.
        """
        prefix = f"{self.path.name}.{kind}-"
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
                    f"Your progress file {self.path} cannot be used as it is, and its backup "
                    f"{candidate} could not be written: {exc.strerror or exc}. Nothing was "
                    "changed; free some space or fix the folder's permissions."
                ) from exc
            fsync_directory(self.directory)
            return candidate
