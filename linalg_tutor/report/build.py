"""Build the export document (schema in :mod:`linalg_tutor.report`) from progress and attempts."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from linalg_tutor import __version__
from linalg_tutor.progress.model import LEVELS, Attempt, Progress

EXPORT_FORMAT = "linalg-tutor-report"
EXPORT_FORMAT_VERSION = 1
#: Gaps between answers longer than this are breaks, not study time.
BREAK = timedelta(minutes=15)
#: Time counted for the first answer of a sitting (reading the exercise).
FIRST_ANSWER = timedelta(minutes=2)
WEAKEST = 10


@dataclass(frozen=True)
class ChapterOutline:
    key: str
    kind: str
    number: int
    title: str
    exercise_ids: tuple[str, ...]


@dataclass(frozen=True)
class CourseOutline:
    """What a report needs of the course: chapters, their exercises, and titles."""

    chapters: tuple[ChapterOutline, ...] = ()
    titles: dict[str, str] = field(default_factory=dict)
    workbook_ids: tuple[str, ...] = ()
    version: str = __version__

    def chapter_of(self) -> dict[str, str]:
        """Exercise id -> the key of its chapter (workbook first, as the workbook counts)."""
        found: dict[str, str] = {}
        for chapter in sorted(self.chapters, key=lambda c: c.kind != "workbook"):
            for exercise_id in chapter.exercise_ids:
                found.setdefault(exercise_id, chapter.key)
        return found


def outline_of(course: Any) -> CourseOutline:
    """The outline of a loaded :class:`~linalg_tutor.content.loader.Course`."""
    chapters = [ChapterOutline(f"W{wb.chapter}", "workbook", wb.chapter, wb.title,
                               tuple(e.id for e in course.for_workbook(wb.chapter)))
                for wb in course.workbook]
    chapters += [ChapterOutline(f"L{ch.id}", "lesson", ch.id, ch.title,
                                tuple(e.id for e in course.for_lesson(ch.id)))
                 for ch in course.chapters]
    titles = {e.id: e.title for e in course.exercises}
    workbook_ids = tuple(e.id for e in course.workbook_exercises)
    digest = hashlib.sha256("\n".join(f"{e.id}\t{e.title}" for e in course.exercises).encode()).hexdigest()
    return CourseOutline(tuple(chapters), titles, workbook_ids, f"{__version__}+{digest[:10]}")


def time_spent(attempts: Iterable[Attempt]) -> timedelta:
    """Study time estimated from answer times: gaps up to :data:`BREAK` count in full."""
    times = sorted(a.at for a in attempts)
    total = timedelta()
    previous: datetime | None = None
    for at in times:
        gap = at - previous if previous is not None else None
        total += gap if gap is not None and gap <= BREAK else FIRST_ANSWER
        previous = at
    return total


def _iso(value: datetime | None, zone: Any = None) -> str | None:
    if value is None:
        return None
    return (value.astimezone(zone) if zone is not None else value).isoformat()


def _mastery(progress: Progress, ids: Sequence[str]) -> dict[str, Any]:
    summary = progress.mastery(ids)
    return {"solved": summary.solved, "total": summary.total, "percent": summary.percent_text,
            "by_level": dict(summary.by_level)}


def build_report(progress: Progress, attempts: Sequence[Attempt], outline: CourseOutline, *,
                 now: datetime, learner: str = "") -> dict[str, Any]:
    """The export document for one learner (see the schema in :mod:`linalg_tutor.report`)."""
    chapter_of = outline.chapter_of()
    titles = outline.titles
    course_ids = list(outline.workbook_ids) or [i for c in outline.chapters for i in c.exercise_ids]

    chapters = []
    for chapter in outline.chapters:
        mastery = _mastery(progress, chapter.exercise_ids)
        chapters.append({"key": chapter.key, "kind": chapter.kind, "number": chapter.number,
                         "title": chapter.title, **mastery})

    known = [i for c in outline.chapters for i in c.exercise_ids]
    extra = [i for i in progress.exercises if i not in set(known)]  # retired or renamed exercises
    exercises = []
    for exercise_id in dict.fromkeys(known + extra):
        state = progress.state(exercise_id)
        exercises.append({
            "id": exercise_id, "title": titles.get(exercise_id, ""),
            "chapter": chapter_of.get(exercise_id, ""), "level": progress.level(exercise_id),
            "attempts": state.attempts, "correct": state.correct,
            "first_correct_at": _iso(state.first_correct_at), "due": _iso(state.due, now.tzinfo),
        })

    per_day: dict[str, list[int]] = {}
    for attempt in attempts:
        day = per_day.setdefault(attempt.at.date().isoformat(), [0, 0])
        day[0] += 1
        day[1] += attempt.correct
    activity = [{"date": d, "attempts": n, "correct": c} for d, (n, c) in sorted(per_day.items())]

    order = {level: i for i, level in enumerate(LEVELS)}
    tried = [e for e in exercises if e["attempts"] and e["level"] != "mastered"]
    tried.sort(key=lambda e: (order[e["level"]], e["correct"] / e["attempts"], -e["attempts"], e["id"]))
    weakest = [{k: e[k] for k in ("id", "title", "level", "attempts", "correct")} for e in tried[:WEAKEST]]

    due_ids = progress.due(now)
    due = [{"id": i, "title": titles.get(i, ""), "due": _iso(progress.state(i).due, now.tzinfo)}
           for i in due_ids]

    return {
        "format": EXPORT_FORMAT,
        "format_version": EXPORT_FORMAT_VERSION,
        "generated_at": now.isoformat(timespec="seconds"),
        "learner": learner,
        "course": {"version": outline.version, "tool_version": __version__,
                   "exercises": len(course_ids)},
        "summary": {
            "mastery": _mastery(progress, course_ids),
            "streak": {"current": progress.current_streak(now), "best": progress.best_streak,
                       "today_done": progress.done_today(now)},
            "attempts": len(attempts), "correct": sum(a.correct for a in attempts),
            "first_at": _iso(min((a.at for a in attempts), default=None)),
            "last_at": _iso(max((a.at for a in attempts), default=None)),
            "active_days": len(activity),
            "time_spent_minutes": round(time_spent(attempts).total_seconds() / 60),
            "due_reviews": len(due_ids),
        },
        "chapters": chapters,
        "exercises": exercises,
        "activity": activity,
        "weakest": weakest,
        "due": due,
        "attempts": [a.model_dump(mode="json") for a in attempts],
    }

