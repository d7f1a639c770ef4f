"""Progress reports: one learner's export, and a class table merged from many.

Pure core (no Textual): :func:`~linalg_tutor.report.build.build_report` turns a learner's
progress and attempts into a plain dictionary, the **export document**, and the renderers
write it as Markdown, HTML, JSON or CSV; :mod:`~linalg_tutor.report.merge` reads many JSON
exports and builds one class table.

The export document (``--format json``) has its own versioned schema, separate from the
progress store's format, so instructors' scripts keep working when the store changes:

.. code-block:: text

    format            "linalg-tutor-report"
    format_version    1                      (bumped on any incompatible change)
    generated_at      ISO 8601 with offset
    learner           the learner's name (report --name, default: the login name)
    course            {"version", "tool_version", "exercises": total workbook exercises}
    summary           {"mastery": {"solved", "total", "percent", "by_level"},
                       "streak": {"current", "best", "today_done"},
                       "attempts", "correct", "first_at", "last_at",
                       "active_days", "time_spent_minutes", "due_reviews"}
                      (time spent is estimated from answer times: a gap of up to 15
                      minutes between answers counts in full, the first answer of a
                      sitting counts 2 minutes)
    chapters          [{"key": "W3" | "L4", "kind": "workbook" | "lesson", "number",
                        "title", "solved", "total", "percent", "by_level"}]
    exercises         [{"id", "title", "chapter": key, "level", "attempts", "correct",
                        "first_correct_at", "due"}]
    activity          [{"date": "YYYY-MM-DD", "attempts", "correct"}]   (local days)
    weakest           [{"id", "title", "level", "attempts", "correct"}]  (at most 10)
    due               [{"id", "title", "due"}]
    attempts          [{"at", "exercise_id", "answer", "correct", "hints_used",
                        "derivation_revealed", "interpreted_as", "source", "seed",
                        "score"}]                              (every attempt, oldest first)

Levels are ``not_started``, ``attempted``, ``familiar``, ``proficient``, ``mastered``.
Readers must ignore keys they do not know; a newer ``format_version`` may change meanings.
"""

from linalg_tutor.report.build import (
    EXPORT_FORMAT,
    EXPORT_FORMAT_VERSION,
    CourseOutline,
    build_report,
    outline_of,
)

__all__ = ["EXPORT_FORMAT", "EXPORT_FORMAT_VERSION", "CourseOutline", "build_report", "outline_of"]
