"""One learner's export document as Markdown, HTML, CSV (the attempt history) or JSON.

The HTML is one self-contained file: inline CSS (with print rules) and inline SVG charts, no
script and no network; every text that came from the learner or the course is escaped.
The Markdown uses plain tables and text bars so it reads well on a code-hosting site.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date, timedelta
from html import escape
from typing import Any

from linalg_tutor.progress.model import LEVEL_LABELS, LEVELS

ATTEMPT_COLUMNS = ["at", "local_date", "exercise_id", "chapter", "correct", "hints_used",
                   "derivation_revealed", "answer", "interpreted_as", "source", "seed", "score"]
#: Weeks shown in the activity calendar.
CALENDAR_WEEKS = 26
RECENT_IN_HTML = 50


def to_json(report: dict[str, Any]) -> str:
    return json.dumps(report, ensure_ascii=False, indent=1) + "\n"


def to_csv(report: dict[str, Any]) -> str:
    """The full attempt history, one row per attempt (a header row even when empty)."""
    chapter_of = {e["id"]: e["chapter"] for e in report["exercises"]}
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(ATTEMPT_COLUMNS)
    for a in report["attempts"]:
        writer.writerow([a["at"], a["at"][:10], a["exercise_id"], chapter_of.get(a["exercise_id"], ""),
                         int(a["correct"]), a.get("hints_used", 0), int(a.get("derivation_revealed", False)),
                         _csv_safe(a.get("answer", "")), _csv_safe(a.get("interpreted_as", "")),
                         a.get("source", ""), _blank(a.get("seed")), _blank(a.get("score"))])
    return out.getvalue()


def _blank(value: Any) -> Any:
    return "" if value is None else value


def _csv_safe(text: str) -> str:
    """Keep a spreadsheet from running a learner's answer as a formula (``=…``, ``+…``)."""
    return "'" + text if text[:1] in ("=", "+", "-", "@") and not _is_number(text) else text


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


# ---- Markdown -----------------------------------------------------------------------------


def _md(text: Any) -> str:
    """Learner or course text in Markdown: no HTML, no table breaks, one line."""
    text = str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    for char in "\\|`*_[]":
        text = text.replace(char, "\\" + char)
    return text.replace("\n", " ")


def text_bar(done: int, total: int, width: int = 10) -> str:
    if total <= 0:
        return "—"
    filled = round(width * done / total)
    if filled == width and done < total:
        filled = width - 1
    return "█" * filled + "░" * (width - filled)


def _when(iso: str | None) -> str:
    return iso[:16].replace("T", " ") if iso else "—"


def to_markdown(report: dict[str, Any]) -> str:
    s = report["summary"]
    m = s["mastery"]
    name = report["learner"] or "learner"
    lines = [f"# Linear algebra progress: {_md(name)}", ""]
    lines += [f"Generated {_when(report['generated_at'])} · course {_md(report['course']['version'])}", ""]
    if not s["attempts"]:
        lines += ["No attempts recorded yet: this report is empty.", ""]
    lines += ["## Summary", "", "| | |", "| --- | --- |",
              f"| Mastery | {m['solved']} / {m['total']} exercises ({m['percent']}) {text_bar(m['solved'], m['total'])} |",
              "| By level | " + ", ".join(f"{LEVEL_LABELS[k]} {m['by_level'].get(k, 0)}" for k in LEVELS) + " |",
              f"| Streak | {s['streak']['current']} days (best {s['streak']['best']}) |",
              f"| Time span | {_when(s['first_at'])} to {_when(s['last_at'])} ({s['active_days']} active days) |",
              f"| Time spent | about {_duration(s['time_spent_minutes'])} |",
              f"| Attempts | {s['attempts']} ({s['correct']} right) |",
              f"| Due for review | {s['due_reviews']} |", ""]
    lines += ["## Chapters", "", "| Chapter | Title | Solved | | Levels (n·a·f·p·m) |",
              "| --- | --- | ---: | --- | --- |"]
    for c in report["chapters"]:
        levels = "·".join(str(c["by_level"].get(k, 0)) for k in LEVELS)
        lines.append(f"| {c['key']} | {_md(c['title'])} | {c['solved']}/{c['total']} ({c['percent']}) "
                     f"| {text_bar(c['solved'], c['total'])} | {levels} |")
    lines += ["", "Levels: n not started, a attempted, f familiar, p proficient, m mastered.", ""]
    lines += ["## Activity", ""]
    if report["activity"]:
        first = date.fromisoformat(report["activity"][0]["date"])
        last = date.fromisoformat(report["activity"][-1]["date"])
        span = (last - timedelta(days=last.weekday())) - (first - timedelta(days=first.weekday()))
        weeks = min(CALENDAR_WEEKS // 2, span.days // 7 + 1)
        lines += ["| Week of | Mo | Tu | We | Th | Fr | Sa | Su |",
                  "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
        for monday, counts in _weeks(report, weeks, end=last):
            lines.append(f"| {monday.isoformat()} | " + " | ".join(str(n) if n else "·" for n in counts) + " |")
        lines += ["", f"Right answers per day, up to your last active day ({last.isoformat()}).", ""]
    else:
        lines += ["No activity yet.", ""]
    lines += ["## Weakest exercises", ""]
    if report["weakest"]:
        lines += ["| Exercise | Title | Level | Right / tries |", "| --- | --- | --- | ---: |"]
        lines += [f"| {_md(w['id'])} | {_md(w['title'])} | {LEVEL_LABELS[w['level']]} | {w['correct']} / {w['attempts']} |"
                  for w in report["weakest"]]
    else:
        lines.append("None yet.")
    lines += ["", "## Due for review", ""]
    if report["due"]:
        lines += [f"- {_md(d['id'])} {_md(d['title'])} (due {_when(d['due'])})" for d in report["due"]]
    else:
        lines.append("Nothing is due.")
    lines += ["", f"The full attempt history ({s['attempts']} attempts) is in the JSON and CSV exports.", ""]
    return "\n".join(lines)


def _duration(minutes: int) -> str:
    hours, mins = divmod(minutes, 60)
    return f"{hours} h {mins:02d} min" if hours else f"{mins} min"


def _weeks(report: dict[str, Any], weeks: int, end: date | None = None) -> list[tuple[date, list[int]]]:
    """Right answers per day for ``weeks`` weeks (Monday first) ending with the week of ``end``
    (default: the report's day)."""
    right = {d["date"]: d["correct"] for d in report["activity"]}
    today = end or date.fromisoformat(report["generated_at"][:10])
    start = today - timedelta(days=today.weekday()) - timedelta(weeks=weeks - 1)
    out = []
    for w in range(weeks):
        monday = start + timedelta(weeks=w)
        out.append((monday, [right.get((monday + timedelta(days=i)).isoformat(), 0) for i in range(7)]))
    return out


# ---- HTML ---------------------------------------------------------------------------------

CSS = """
:root { --ink:#1d2330; --muted:#5b6475; --line:#d9dde5; --accent:#2f6fdf; --good:#2e9d5b; }
* { box-sizing: border-box; }
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--ink);
       max-width: 60rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin: 0 0 .2rem; } h2 { font-size: 1.2rem; margin: 2rem 0 .6rem;
       border-bottom: 1px solid var(--line); padding-bottom: .2rem; }
.meta, .note { color: var(--muted); font-size: .9rem; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(10rem, 1fr)); gap: .6rem; }
.card { border: 1px solid var(--line); border-radius: .5rem; padding: .6rem .8rem; }
.card b { display: block; font-size: 1.4rem; }
table { border-collapse: collapse; width: 100%; font-size: .92rem; }
th, td { text-align: left; padding: .3rem .5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
code, .answer { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: .85rem;
       white-space: pre-wrap; word-break: break-word; }
.ok { color: var(--good); } .no { color: #c0392b; }
svg text { font: 11px system-ui, sans-serif; fill: var(--ink); }
@media print { body { margin: 0; max-width: none; font-size: 10pt;
         -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  @page { margin: 1.5cm; }
  .cards { grid-template-columns: repeat(5, 1fr); } .card b { font-size: 1.1rem; }
  table { font-size: 8.5pt; } th { white-space: nowrap; }
  h2 { break-after: avoid; } tr, .card, svg { break-inside: avoid; }
  .card { border-color: #999; } a { color: inherit; text-decoration: none; } }
"""

LEVEL_COLOURS = {"not_started": "#e6e9ef", "attempted": "#f3c26b", "familiar": "#9cc3f5",
                 "proficient": "#4f8fe8", "mastered": "#2e9d5b"}


def _e(value: Any) -> str:
    return escape(str(value), quote=True)


def _chapter_chart(chapters: list[dict[str, Any]]) -> str:
    """A horizontal stacked bar per chapter, one colour per level."""
    row, label_w, bar_w = 20, 220, 420
    height = row * len(chapters) + 30
    parts = [f'<svg role="img" aria-label="Mastery per chapter" viewBox="0 0 {label_w + bar_w + 70} {height}" '
             f'width="100%" xmlns="http://www.w3.org/2000/svg">']
    for i, c in enumerate(chapters):
        y = i * row + 4
        title = c["title"] if len(c["title"]) <= 30 else c["title"][:29] + "…"
        parts.append(f'<text x="0" y="{y + 12}">{_e(c["key"])} {_e(title)}</text>')
        x = float(label_w)
        total = c["total"] or 1
        for level in reversed(LEVELS):
            n = c["by_level"].get(level, 0)
            if not n:
                continue
            w = bar_w * n / total
            parts.append(f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="{row - 6}" '
                         f'fill="{LEVEL_COLOURS[level]}"><title>{_e(LEVEL_LABELS[level])}: {n}</title></rect>')
            x += w
        if not c["total"]:
            parts.append(f'<rect x="{label_w}" y="{y}" width="{bar_w}" height="{row - 6}" fill="#f4f5f8"/>')
        parts.append(f'<text x="{label_w + bar_w + 6}" y="{y + 12}">{c["solved"]}/{c["total"]}</text>')
    y = len(chapters) * row + 14
    x = 0
    for level in LEVELS:
        parts.append(f'<rect x="{x}" y="{y}" width="10" height="10" fill="{LEVEL_COLOURS[level]}"/>'
                     f'<text x="{x + 14}" y="{y + 9}">{_e(LEVEL_LABELS[level])}</text>')
        x += 110
    parts.append("</svg>")
    return "".join(parts)


def _calendar(report: dict[str, Any]) -> str:
    """Right answers per day as a grid of squares: columns are weeks, rows weekdays."""
    weeks = _weeks(report, CALENDAR_WEEKS)
    top = max([n for _, counts in weeks for n in counts] + [1])
    cell, left = 13, 28
    width, height = left + cell * len(weeks) + 4, cell * 7 + 22
    parts = [f'<svg role="img" aria-label="Activity calendar" viewBox="0 0 {width} {height}" '
             f'width="{width * 3 // 2}" style="max-width:100%;height:auto" xmlns="http://www.w3.org/2000/svg">']
    for i, name in enumerate(("Mo", "", "We", "", "Fr", "", "Su")):
        if name:
            parts.append(f'<text x="0" y="{i * cell + 10}">{name}</text>')
    for w, (monday, counts) in enumerate(weeks):
        if monday.day <= 7:
            parts.append(f'<text x="{left + w * cell}" y="{cell * 7 + 16}">{monday.strftime("%b")}</text>')
        for d, n in enumerate(counts):
            shade = "#eef0f4" if not n else f"rgba(46,157,91,{0.3 + 0.7 * n / top:.2f})"
            day = (monday + timedelta(days=d)).isoformat()
            parts.append(f'<rect x="{left + w * cell}" y="{d * cell}" width="{cell - 2}" height="{cell - 2}" '
                         f'rx="2" fill="{shade}"><title>{day}: {n} right</title></rect>')
    parts.append("</svg>")
    return "".join(parts)


def to_html(report: dict[str, Any]) -> str:
    s = report["summary"]
    m = s["mastery"]
    name = report["learner"] or "learner"
    cards = [
        ("Mastery", f"{m['solved']} / {m['total']}", m["percent"]),
        ("Streak", f"{s['streak']['current']} days", f"best {s['streak']['best']}"),
        ("Time spent", _duration(s["time_spent_minutes"]), f"{s['active_days']} active days"),
        ("Attempts", str(s["attempts"]), f"{s['correct']} right"),
        ("Due for review", str(s["due_reviews"]), "exercises"),
    ]
    out = ["<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
           '<meta name="viewport" content="width=device-width, initial-scale=1">',
           f"<title>Linear algebra progress: {_e(name)}</title><style>{CSS}</style></head><body>",
           f"<h1>Linear algebra progress: {_e(name)}</h1>",
           f'<p class="meta">Generated {_e(_when(report["generated_at"]))} · course {_e(report["course"]["version"])}'
           f' · {_e(_when(s["first_at"]))} to {_e(_when(s["last_at"]))}</p>']
    if not s["attempts"]:
        out.append('<p class="note">No attempts recorded yet: this report is empty.</p>')
    out.append('<div class="cards">' + "".join(
        f'<div class="card">{_e(t)}<b>{_e(v)}</b><span class="note">{_e(n)}</span></div>' for t, v, n in cards)
        + "</div>")
    out.append('<p class="note">By level: ' + ", ".join(
        f"{_e(LEVEL_LABELS[k])} {m['by_level'].get(k, 0)}" for k in LEVELS) + "</p>")
    out += ["<h2>Chapters</h2>", _chapter_chart(report["chapters"])]
    out.append('<table><thead><tr><th>Chapter</th><th>Title</th><th class="num">Solved</th>'
               + "".join(f'<th class="num">{_e(LEVEL_LABELS[k])}</th>' for k in LEVELS) + "</tr></thead><tbody>")
    for c in report["chapters"]:
        out.append(f"<tr><td>{_e(c['key'])}</td><td>{_e(c['title'])}</td>"
                   f'<td class="num">{c["solved"]}/{c["total"]} ({_e(c["percent"])})</td>'
                   + "".join(f'<td class="num">{c["by_level"].get(k, 0)}</td>' for k in LEVELS) + "</tr>")
    out.append("</tbody></table>")
    out += ["<h2>Activity</h2>", _calendar(report),
            f'<p class="note">Right answers per day over the last {CALENDAR_WEEKS} weeks.</p>']
    out.append("<h2>Weakest exercises</h2>")
    if report["weakest"]:
        out.append('<table><thead><tr><th>Exercise</th><th>Title</th><th>Level</th>'
                   '<th class="num">Right / tries</th></tr></thead><tbody>')
        out += [f"<tr><td>{_e(w['id'])}</td><td>{_e(w['title'])}</td><td>{_e(LEVEL_LABELS[w['level']])}</td>"
                f'<td class="num">{w["correct"]} / {w["attempts"]}</td></tr>' for w in report["weakest"]]
        out.append("</tbody></table>")
    else:
        out.append('<p class="note">None yet.</p>')
    out.append("<h2>Due for review</h2>")
    if report["due"]:
        out.append("<ul>" + "".join(f"<li>{_e(d['id'])} {_e(d['title'])} (due {_e(_when(d['due']))})</li>"
                                    for d in report["due"]) + "</ul>")
    else:
        out.append('<p class="note">Nothing is due.</p>')
    recent = report["attempts"][-RECENT_IN_HTML:][::-1]
    out.append("<h2>Recent attempts</h2>")
    if recent:
        out.append('<table><thead><tr><th>When</th><th>Exercise</th><th>Answer</th><th>Result</th>'
                   "<th>Help</th></tr></thead><tbody>")
        for a in recent:
            helped = ", ".join(filter(None, [f"{a['hints_used']} hint(s)" if a.get("hints_used") else "",
                                             "derivation" if a.get("derivation_revealed") else ""])) or "—"
            mark = '<span class="ok">✓ right</span>' if a["correct"] else '<span class="no">✗ wrong</span>'
            out.append(f"<tr><td>{_e(_when(a['at']))}</td><td>{_e(a['exercise_id'])}</td>"
                       f'<td class="answer">{_e(a.get("answer", ""))}</td><td>{mark}</td><td>{_e(helped)}</td></tr>')
        out.append("</tbody></table>")
        out.append(f'<p class="note">The last {len(recent)} of {s["attempts"]} attempts; the full history '
                   "is in the JSON and CSV exports.</p>")
    else:
        out.append('<p class="note">No attempts yet.</p>')
    out.append("</body></html>\n")
    return "\n".join(out)


RENDERERS = {"md": to_markdown, "html": to_html, "json": to_json, "csv": to_csv}
