"""Writing a learner's report files where they can find them (the TUI's Export key)."""

from __future__ import annotations

import getpass
import os
from datetime import datetime
from pathlib import Path
from typing import Any

import platformdirs

from linalg_tutor.progress.atomic import atomic_write_bytes
from linalg_tutor.report.render import RENDERERS

#: Environment variable that overrides where exported reports go.
EXPORT_DIR_ENV = "LINALG_TUTOR_EXPORT_DIR"
#: Formats the Export key writes, the one to open first first.
EXPORT_FORMATS = ("html", "md", "json", "csv")


def default_export_dir() -> Path:
    """``$LINALG_TUTOR_EXPORT_DIR``, else ``linalg-tutor`` in the learner's Documents folder."""
    override = os.environ.get(EXPORT_DIR_ENV, "").strip()
    if override:
        return Path(override).expanduser()
    return platformdirs.user_documents_path() / "linalg-tutor"


def learner_name() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return ""


def write_exports(report: dict[str, Any], folder: Path, when: datetime,
                  formats: tuple[str, ...] = EXPORT_FORMATS) -> list[Path]:
    """Write ``report`` in each format as ``linalg-tutor-report-YYYYmmdd-HHMM.<ext>``.

    Raises :class:`OSError` if the folder cannot be made or a file written.
    """
    stem = f"linalg-tutor-report-{when.strftime('%Y%m%d-%H%M')}"
    umask = os.umask(0)
    os.umask(umask)
    written = []
    for fmt in formats:
        path = folder / f"{stem}.{fmt}"
        atomic_write_bytes(path, RENDERERS[fmt](report).encode("utf-8"))
        path.chmod(0o666 & ~umask)
        written.append(path)
    return written
