"""Crash-safe file replacement: the target is always either the old or the new content.

The recipe (as in ``python-atomicwrites`` and pip's ``utils/filesystem.py``, but with
:func:`os.replace` and a folder fsync):

1. write the new bytes to a temporary file in the *same* folder (a rename across file
   systems would not be atomic), flush and ``fsync`` it so the data is on disk;
2. :func:`os.replace` it onto the target, which is atomic on POSIX and Windows;
3. ``fsync`` the folder so the rename itself survives a power cut.

If anything fails the temporary file is removed and the target is untouched. A crash (power
cut, SIGKILL) can still leave a temporary file behind; its name matches
:func:`stale_temp_files` and carries the writer's pid; readers ignore it and the next
successful save deletes it once that process is gone (:func:`removable_temp_files`).
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

#: Suffix of in-flight temporary files; readers never look at these.
TEMP_SUFFIX = ".tmp"


def temp_prefix(target: Path) -> str:
    """Prefix of the temporary files for ``target``: hidden, and named after it."""
    return f".{target.name}."


def owner_pid(temp: Path, target: Path) -> int | None:
    """The pid written into a temporary file's name (``.progress.json.1234-abcd.tmp``), or None."""
    middle = temp.name[len(temp_prefix(target)):]
    head, dash, _ = middle.partition("-")
    return int(head) if dash and head.isdigit() and len(head) <= 10 else None


def pid_alive(pid: int) -> bool:
    """Whether process ``pid`` exists (True when that cannot be told, to stay on the safe side)."""
    if pid == os.getpid():
        return True
    if os.name == "nt":  # os.kill would terminate the process there
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError, OverflowError):
        return True
    return True


def removable_temp_files(target: Path) -> list[Path]:
    """The temporary files for ``target`` that clean-up may delete.

    Only this process's own files and those whose writer is gone (named by a pid that no
    longer runs, or by an older linalg-tutor that did not put its pid in the name): never
    another running process's file in flight.
    """
    own = os.getpid()
    removable = []
    for path in stale_temp_files(target):
        pid = owner_pid(path, target)
        if pid is None or pid == own or not pid_alive(pid):
            removable.append(path)
    return removable


def stale_temp_files(target: Path) -> list[Path]:
    """Temporary files for ``target`` left in its folder, e.g. by a crash mid-save.

    Only call this to clean up while no other process can be writing ``target`` (the store
    does it while holding its lock), otherwise a live writer's file could be listed.
    """
    folder = target.parent
    if not folder.is_dir():
        return []
    prefix = temp_prefix(target)
    return sorted(
        path
        for path in folder.iterdir()
        if path.name.startswith(prefix) and path.name.endswith(TEMP_SUFFIX)
    )


def fsync_directory(folder: Path) -> None:
    """Flush a folder's entries (a just-made rename) to disk.

    Best effort: Windows and some file systems refuse to open or fsync a folder, and the
    rename has already happened, so failures here are ignored.
    """
    flags = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0)
    try:
        fd = os.open(folder, flags)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def atomic_write_bytes(target: Path, data: bytes) -> None:
    """Replace ``target`` with ``data`` so that a crash never leaves a partial file.

    Creates the parent folder if needed. Raises :class:`OSError` on failure, in which case
    ``target`` still holds its previous content and no temporary file is left behind.
    The new file gets :func:`tempfile.mkstemp`'s private ``0o600`` permissions, which suits
    personal data.
    """
    folder = target.parent
    folder.mkdir(parents=True, exist_ok=True)
    # The pid in the name lets clean-up tell another live process's file from a crash's leftover.
    prefix = f"{temp_prefix(target)}{os.getpid()}-"
    fd, temp_name = tempfile.mkstemp(dir=folder, prefix=prefix, suffix=TEMP_SUFFIX)
    temp_path = Path(temp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp_path, target)
    except BaseException:
        # BaseException: a KeyboardInterrupt mid-write must not leave the temp file either.
        with contextlib.suppress(OSError):
            temp_path.unlink()
        raise
    fsync_directory(folder)
