"""Learner progress: what was attempted and solved, and a store that never loses it.

Two layers, both pure core (no Textual):

- :mod:`~linalg_tutor.progress.model`: pydantic models. :class:`Progress` holds every
  :class:`Attempt` (the source of truth) plus derived per-exercise :class:`ExerciseState`
  and the best streak; it answers mastery and streak questions.
- :mod:`~linalg_tutor.progress.store`: :class:`ProgressStore` reads and writes
  ``progress.json`` atomically, allows one writing tutor at a time (:class:`ProgressLocked`),
  backs up unreadable files instead of resetting, and upgrades old formats.

Supporting modules: :mod:`~linalg_tutor.progress.atomic` (crash-safe replace),
:mod:`~linalg_tutor.progress.lock` (the OS lock + pid sidecar),
:mod:`~linalg_tutor.progress.streak` (day-run arithmetic),
:mod:`~linalg_tutor.progress.errors`.
"""

from linalg_tutor.progress.errors import (
    ProgressError,
    ProgressLocked,
    ProgressNotLocked,
    ProgressSaveError,
    ProgressUnreadable,
)
from linalg_tutor.progress.model import (
    MAX_ANSWER_CHARS,
    SCHEMA_VERSION,
    Attempt,
    AttemptSource,
    ExerciseState,
    MasteryLevel,
    MasterySummary,
    Progress,
    RecordResult,
    mastery_level_of,
)
from linalg_tutor.progress.store import (
    MIGRATIONS,
    PROGRESS_DIR_ENV,
    LoadResult,
    ProgressStore,
    default_progress_dir,
)

__all__ = [
    "MAX_ANSWER_CHARS",
    "MIGRATIONS",
    "PROGRESS_DIR_ENV",
    "SCHEMA_VERSION",
    "Attempt",
    "AttemptSource",
    "ExerciseState",
    "LoadResult",
    "MasteryLevel",
    "MasterySummary",
    "Progress",
    "ProgressError",
    "ProgressLocked",
    "ProgressNotLocked",
    "ProgressSaveError",
    "ProgressStore",
    "ProgressUnreadable",
    "RecordResult",
    "default_progress_dir",
    "mastery_level_of",
]
