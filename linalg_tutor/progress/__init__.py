"""Learner progress: what was attempted and solved, and a store that never loses it.

Two layers, both pure core (no Textual):

- :mod:`~linalg_tutor.progress.model`: pydantic models. :class:`Attempt` is one answer (the
  source of truth); :class:`Progress` folds them into per-exercise :class:`ExerciseState`
  (levels, FSRS review cards) and the streak.
- :mod:`~linalg_tutor.progress.store`: :class:`ProgressStore` appends attempts to
  ``progress.attempts.jsonl`` and keeps a compacted snapshot ``progress.json`` beside it,
  allows one writing tutor at a time (:class:`ProgressLocked`), opens newer formats
  read-only, backs up unreadable files instead of resetting, and upgrades old formats.
- :mod:`~linalg_tutor.progress.session`: what a front end uses (lock, load, record, reset).

Supporting modules: :mod:`~linalg_tutor.progress.atomic` (crash-safe replace),
:mod:`~linalg_tutor.progress.lock` (the OS lock + pid sidecar),
:mod:`~linalg_tutor.progress.log` (the attempts log), :mod:`~linalg_tutor.progress.review` (FSRS),
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
    LEVEL_LABELS,
    LEVELS,
    MAX_ANSWER_CHARS,
    SCHEMA_VERSION,
    Attempt,
    AttemptSource,
    ExerciseState,
    Level,
    MasteryLevel,
    MasterySummary,
    Progress,
    RecordResult,
    level_of,
    mastery_level_of,
    percent_label,
)
from linalg_tutor.progress.store import (
    MIGRATIONS,
    PROGRESS_DIR_ENV,
    LoadResult,
    ProgressStore,
    default_progress_dir,
)

__all__ = [
    "LEVELS",
    "LEVEL_LABELS",
    "Level",
    "level_of",
    "percent_label",
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
