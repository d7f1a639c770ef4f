"""A class table from many learners' JSON exports (``linalg-tutor report --merge``).

One row per learner (overall mastery, then one column per chapter), and one row per exercise
with how hard the class found it. Exports of other formats or broken files are skipped and
named in ``problems``; learners on different course versions are flagged.
"""

from __future__ import annotations

import csv
import io
import json
from html import escape
from pathlib import Path
from typing import Any

from linalg_tutor.progress.model import percent_label
from linalg_tutor.report.build import EXPORT_FORMAT, EXPORT_FORMAT_VERSION


def merge_exports(paths: list[Path]) -> dict[str, Any]:
    """Read the exports and build the class data (see the module docstring)."""
    learners: list[dict[str, Any]] = []
    chapters: dict[str, str] = {}
    exercises: dict[str, dict[str, Any]] = {}
    problems: list[str] = []
    for path in paths:
        try:
            document = json.loads(Path(path).read_bytes())
        except (OSError, ValueError) as exc:
            problems.append(f"{path}: skipped, not a readable JSON export ({exc})")
            continue
        if not isinstance(document, dict) or document.get("format") != EXPORT_FORMAT:
            problems.append(f"{path}: skipped, not a linalg-tutor report export")
            continue
        if document.get("format_version", 0) > EXPORT_FORMAT_VERSION:
            problems.append(f"{path}: written by a newer linalg-tutor (export format "
                            f"{document.get('format_version')}); read as far as understood")
        try:
            learners.append(_learner_row(path, document, chapters))
            _add_exercises(document, exercises)
        except (KeyError, TypeError, ValueError) as exc:
            problems.append(f"{path}: skipped, its content is not as expected ({exc!r})")
    versions = {row["course_version"] for row in learners}
    if len(versions) > 1:
        problems.append("Learners used different course versions: " + ", ".join(sorted(versions)))
    for row in exercises.values():
        row["solved_rate"] = percent_label(row["solved_by"], row["attempted_by"]) if row["attempted_by"] else "—"
        row["right_rate"] = percent_label(row["correct"], row["attempts"]) if row["attempts"] else "—"
    # Hardest first: fewest of those who tried solved it, then the lowest share of right
    # answers; exercises nobody tried go last.
    hardest = sorted(exercises.values(),
                     key=lambda r: (r["attempted_by"] == 0,
                                    r["solved_by"] / r["attempted_by"] if r["attempted_by"] else 0,
                                    r["correct"] / r["attempts"] if r["attempts"] else 0,
                                    -r["attempts"], r["id"]))
    return {"learners": learners, "chapters": list(chapters.items()), "exercises": hardest,
            "problems": problems}


def _learner_row(path: Path, document: dict[str, Any], chapters: dict[str, str]) -> dict[str, Any]:
    summary = document["summary"]
    mastery = summary["mastery"]
    per_chapter = {}
    for chapter in document.get("chapters", []):
        chapters.setdefault(chapter["key"], chapter["title"])
        per_chapter[chapter["key"]] = (chapter["solved"], chapter["total"])
    return {"learner": str(document.get("learner") or Path(path).stem), "file": str(path),
            "course_version": str(document.get("course", {}).get("version", "?")),
            "solved": mastery["solved"], "total": mastery["total"],
            "percent": percent_label(mastery["solved"], mastery["total"]),
            "chapters": per_chapter, "best_streak": summary["streak"]["best"],
            "attempts": summary["attempts"], "last_at": summary.get("last_at") or ""}


def _add_exercises(document: dict[str, Any], exercises: dict[str, dict[str, Any]]) -> None:
    for item in document.get("exercises", []):
        row = exercises.setdefault(item["id"], {"id": item["id"], "title": item.get("title", ""),
                                                "attempted_by": 0, "solved_by": 0, "attempts": 0,
                                                "correct": 0})
        if item["attempts"]:
            row["attempted_by"] += 1
            row["attempts"] += item["attempts"]
            row["correct"] += item["correct"]
            if item["correct"]:
                row["solved_by"] += 1


# ---- renderers ----------------------------------------------------------------------------


def _cell(row: dict[str, Any], key: str) -> str:
    solved, total = row["chapters"].get(key, (0, 0))
    return percent_label(solved, total) if total else "—"


def class_csv(data: dict[str, Any]) -> str:
    """The class table: one row per learner, one column per chapter (percent solved)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    keys = [k for k, _ in data["chapters"]]
    writer.writerow(["learner", "solved", "total", "percent", *keys, "best_streak", "attempts",
                     "last_at", "course_version"])
    for row in data["learners"]:
        writer.writerow([row["learner"], row["solved"], row["total"], row["percent"],
                         *(_cell(row, k) for k in keys), row["best_streak"], row["attempts"],
                         row["last_at"], row["course_version"]])
    return out.getvalue()


def difficulty_csv(data: dict[str, Any]) -> str:
    """Per-exercise difficulty, hardest first."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["exercise", "title", "attempted_by", "solved_by", "solved_rate", "attempts",
                     "right_rate"])
    for r in data["exercises"]:
        writer.writerow([r["id"], r["title"], r["attempted_by"], r["solved_by"], r["solved_rate"],
                         r["attempts"], r["right_rate"]])
    return out.getvalue()


def _md(text: Any) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def class_markdown(data: dict[str, Any]) -> str:
    keys = [k for k, _ in data["chapters"]]
    lines = ["# Class progress", "", f"{len(data['learners'])} learners.", ""]
    lines += ["## Learners", "", "| Learner | Mastery | " + " | ".join(keys) + " |",
              "| --- | ---: | " + " | ".join("---:" for _ in keys) + " |"]
    for row in data["learners"]:
        lines.append(f"| {_md(row['learner'])} | {row['solved']}/{row['total']} ({row['percent']}) | "
                     + " | ".join(_cell(row, k) for k in keys) + " |")
    lines += ["", "Chapters: " + "; ".join(f"{k} {_md(t)}" for k, t in data["chapters"]), ""]
    lines += ["## Exercises, hardest first", "",
              "| Exercise | Title | Solved by / tried by | Right answers |", "| --- | --- | ---: | ---: |"]
    for r in data["exercises"]:
        lines.append(f"| {_md(r['id'])} | {_md(r['title'])} | {r['solved_by']}/{r['attempted_by']} "
                     f"({r['solved_rate']}) | {r['correct']}/{r['attempts']} ({r['right_rate']}) |")
    if data["problems"]:
        lines += ["", "## Problems", ""] + [f"- {_md(p)}" for p in data["problems"]]
    return "\n".join(lines) + "\n"


def class_html(data: dict[str, Any]) -> str:
    from linalg_tutor.report.render import CSS

    e = lambda v: escape(str(v), quote=True)  # noqa: E731
    keys = [k for k, _ in data["chapters"]]
    out = ["<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
           f"<title>Class progress</title><style>{CSS}</style></head><body>",
           "<h1>Class progress</h1>", f'<p class="meta">{len(data["learners"])} learners</p>',
           "<h2>Learners</h2>", '<table><thead><tr><th>Learner</th><th class="num">Mastery</th>'
           + "".join(f'<th class="num" title="{e(t)}">{e(k)}</th>' for k, t in data["chapters"])
           + "</tr></thead><tbody>"]
    for row in data["learners"]:
        out.append(f"<tr><td>{e(row['learner'])}</td><td class=\"num\">{row['solved']}/{row['total']} "
                   f"({e(row['percent'])})</td>" + "".join(f'<td class="num">{e(_cell(row, k))}</td>' for k in keys)
                   + "</tr>")
    out.append("</tbody></table>")
    out.append('<p class="note">' + "; ".join(f"{e(k)} {e(t)}" for k, t in data["chapters"]) + "</p>")
    out.append('<h2>Exercises, hardest first</h2><table><thead><tr><th>Exercise</th><th>Title</th>'
               '<th class="num">Solved by / tried by</th><th class="num">Right answers</th></tr></thead><tbody>')
    for r in data["exercises"]:
        out.append(f"<tr><td>{e(r['id'])}</td><td>{e(r['title'])}</td><td class=\"num\">{r['solved_by']}/"
                   f"{r['attempted_by']} ({e(r['solved_rate'])})</td><td class=\"num\">{r['correct']}/"
                   f"{r['attempts']} ({e(r['right_rate'])})</td></tr>")
    out.append("</tbody></table>")
    if data["problems"]:
        out.append("<h2>Problems</h2><ul>" + "".join(f"<li>{e(p)}</li>" for p in data["problems"]) + "</ul>")
    out.append("</body></html>\n")
    return "\n".join(out)
