"""Reports: one learner's export in four formats, empty stores, and the class merge.

Real stores in tmp_path built through ProgressSession with an injected clock.
"""

from __future__ import annotations

import csv
import io
import json
import re
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path
from types import SimpleNamespace

import pytest

from linalg_tutor.cli import main
from linalg_tutor.progress import Progress
from linalg_tutor.progress.session import ProgressSession
from linalg_tutor.report import EXPORT_FORMAT, EXPORT_FORMAT_VERSION, build_report
from linalg_tutor.report.build import ChapterOutline, CourseOutline
from linalg_tutor.report.merge import class_csv, class_markdown, difficulty_csv, merge_exports
from linalg_tutor.report.render import to_csv, to_html, to_markdown

TZ = timezone(timedelta(hours=1))
T0 = datetime(2026, 9, 1, 18, 0, tzinfo=TZ)
OUTLINE = CourseOutline(
    chapters=(ChapterOutline("W0", "workbook", 0, "Matrix operations", ("0.1", "0.2", "0.3")),
              ChapterOutline("W1", "workbook", 1, "Vectors", ("1.1", "1.2")),
              ChapterOutline("L4", "lesson", 4, "Matrix multiplication", ("0.1", "L4.check"))),
    titles={"0.1": "2×2 multiply", "0.2": "Bottom-right entry", "0.3": "Transpose",
            "1.1": "Norm", "1.2": "Angle", "L4.check": "Check"},
    workbook_ids=("0.1", "0.2", "0.3", "1.1", "1.2"), version="test+1")
EVIL = "<script>alert('x')</script> & | `x`"


def learner_store(folder: Path, plan: list[tuple[str, bool, str]], *, step: timedelta = timedelta(hours=3)) -> None:
    """Record ``(exercise, correct, answer)`` attempts ``step`` apart from T0."""
    now = [T0]
    with ProgressSession.open(folder, clock=lambda: now[0]) as session:
        for exercise_id, correct, answer in plan:
            session.record(exercise_id, answer, SimpleNamespace(correct=correct, interpreted_as=answer))
            now[0] += step


def report_of(folder: Path, *, now: datetime, learner: str = "Ada") -> dict:
    session = ProgressSession.read_only(folder)
    return build_report(session.progress, session.attempts(), OUTLINE, now=now, learner=learner)


@pytest.fixture
def ada(tmp_path: Path) -> Path:
    plan = [("0.1", False, "20"), ("0.1", True, "19"), ("0.2", True, EVIL), ("0.3", False, "=1+2"),
            ("1.1", True, "5"), ("0.1", True, "19")] * 50  # 300 attempts over about 5 weeks
    learner_store(tmp_path / "ada", plan)
    return tmp_path / "ada"


def test_export_document(ada: Path) -> None:
    now = T0 + timedelta(days=40)
    report = report_of(ada, now=now)
    assert report["format"] == EXPORT_FORMAT and report["format_version"] == EXPORT_FORMAT_VERSION
    assert report["learner"] == "Ada" and report["course"]["version"] == "test+1"
    summary = report["summary"]
    assert summary["attempts"] == 300 and summary["correct"] == 200
    assert summary["mastery"]["solved"] == 3 and summary["mastery"]["total"] == 5
    assert summary["mastery"]["percent"] == "60%"
    assert summary["first_at"] == T0.isoformat()
    assert summary["active_days"] == len(report["activity"]) > 30
    assert summary["time_spent_minutes"] == 300 * 2   # answers 3 h apart: 2 minutes each
    chapters = {c["key"]: c for c in report["chapters"]}
    assert (chapters["W0"]["solved"], chapters["W0"]["total"]) == (2, 3)
    assert (chapters["L4"]["solved"], chapters["L4"]["total"]) == (1, 2)
    assert [w["id"] for w in report["weakest"]][0] == "0.3"   # tried 50 times, never right
    later = report_of(ada, now=T0 + timedelta(days=400))
    assert {d["id"] for d in later["due"]} == {"0.1", "0.2", "1.1"}   # solved ones only
    assert later["summary"]["due_reviews"] == 3
    assert len(report["attempts"]) == 300 and report["attempts"][2]["answer"] == EVIL
    json.dumps(report)  # serialisable as is


def test_html_is_self_contained_escaped_and_printable(ada: Path) -> None:
    html = to_html(report_of(ada, now=T0 + timedelta(days=40), learner="Ada <b>"))
    assert html.startswith("<!DOCTYPE html>") and html.rstrip().endswith("</html>")
    assert "<script" not in html and "&lt;script&gt;" in html
    assert "Ada &lt;b&gt;" in html
    assert "@media print" in html and html.count("<svg") == 2
    urls = set(re.findall(r"(?:src|href)=\"([^\"]+)\"", html)) | set(re.findall(r"url\(", html))
    assert urls == set()   # nothing fetched: no network
    assert "http://www.w3.org/2000/svg" in html   # the SVG namespace is a name, not a fetch


def test_markdown_reads_well(ada: Path) -> None:
    md = to_markdown(report_of(ada, now=T0 + timedelta(days=40), learner="Ada | <b>"))
    assert md.startswith("# Linear algebra progress: Ada \\| &lt;b&gt;")
    assert "| Mastery | 3 / 5 exercises (60%)" in md
    assert "| W0 | Matrix operations | 2/3 (67%) |" in md
    assert "## Weakest exercises" in md and "## Due for review" in md
    for line in md.splitlines():
        if line.startswith("|"):
            assert line.endswith("|")
    assert "<script>" not in md


def test_csv_is_the_whole_history(ada: Path) -> None:
    rows = list(csv.DictReader(io.StringIO(to_csv(report_of(ada, now=T0)))))
    assert len(rows) == 300
    assert rows[2]["answer"] == EVIL and rows[2]["chapter"] == "W0"
    assert rows[3]["answer"] == "'=1+2"   # a spreadsheet must not run it as a formula
    assert rows[0]["local_date"] == "2026-09-01" and rows[0]["correct"] == "0"


def test_missing_or_empty_store_gives_a_valid_empty_report(tmp_path: Path) -> None:
    report = report_of(tmp_path / "nobody", now=T0)
    assert report["summary"]["attempts"] == 0 and report["attempts"] == []
    assert report["summary"]["mastery"]["percent"] == "0%"
    assert "empty" in to_markdown(report) and "empty" in to_html(report)
    assert to_csv(report).splitlines() == [to_csv(report).splitlines()[0]]
    assert not (tmp_path / "nobody").exists()


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("fmt", ["md", "html", "json", "csv"])
def test_cli_report_every_format(capsys: pytest.CaptureFixture[str], ada: Path, tmp_path: Path, fmt: str) -> None:
    target = tmp_path / "out" / f"report.{fmt}"
    code, _, err = run(capsys, "--progress-dir", str(ada), "report", "--format", fmt, "-o", str(target),
                       "--name", "Ada")
    assert code == 0 and str(target) in err
    text = target.read_text(encoding="utf-8")
    if fmt == "json":
        assert json.loads(text)["learner"] == "Ada"
    elif fmt == "csv":
        assert len(text.splitlines()) == 301
    else:
        assert "Ada" in text


def test_cli_report_of_an_empty_store(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, _ = run(capsys, "report", "--format", "json", "--progress-dir", str(tmp_path / "none"))
    assert code == 0 and json.loads(out)["summary"]["attempts"] == 0


# --- the class table ---------------------------------------------------------------------------


def export(tmp_path: Path, name: str, plan: list[tuple[str, bool, str]]) -> Path:
    learner_store(tmp_path / name, plan)
    path = tmp_path / f"{name}.json"
    path.write_text(json.dumps(report_of(tmp_path / name, now=T0 + timedelta(days=3), learner=name)))
    return path


def test_merge_three_learners(tmp_path: Path) -> None:
    files = [
        export(tmp_path, "ana", [("0.1", True, "19"), ("0.2", True, "1"), ("1.1", True, "5")]),
        export(tmp_path, "ben", [("0.1", False, "2"), ("0.1", True, "19")]),
        export(tmp_path, "cai", [("0.1", False, "2"), ("0.2", False, "1"), ("0.3", True, "x")]),
    ]
    data = merge_exports(files)
    assert data["problems"] == []
    table = list(csv.DictReader(io.StringIO(class_csv(data))))
    assert [(r["learner"], r["solved"], r["percent"], r["W0"], r["W1"], r["L4"]) for r in table] == [
        ("ana", "3", "60%", "67%", "50%", "50%"),
        ("ben", "1", "20%", "33%", "0%", "50%"),
        ("cai", "1", "20%", "33%", "0%", "0%"),
    ]
    difficulty = {r["exercise"]: r for r in csv.DictReader(io.StringIO(difficulty_csv(data)))}
    assert (difficulty["0.1"]["attempted_by"], difficulty["0.1"]["solved_by"]) == ("3", "2")
    assert difficulty["0.1"]["right_rate"] == "50%"          # 2 right of 4 attempts
    assert (difficulty["0.2"]["solved_by"], difficulty["0.2"]["attempted_by"]) == ("1", "2")
    assert difficulty["1.2"]["attempted_by"] == "0" and difficulty["1.2"]["solved_rate"] == "—"
    order = [r["exercise"] for r in csv.DictReader(io.StringIO(difficulty_csv(data)))]
    assert order[:2] == ["0.2", "0.1"]         # 0.2: 1 of 2 solved it; 0.1: 2 of 3
    assert order[-1] in {"1.2", "L4.check"}      # nobody tried: last
    md = class_markdown(data)
    assert "| ana | 3/5 (60%) | 67% | 50% | 50% |" in md


def test_merge_cli_and_bad_files(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    good = export(tmp_path, "ana", [("0.1", True, "19")])
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    other = tmp_path / "other.json"
    other.write_text('{"format": "something-else"}')
    out = tmp_path / "class.csv"
    code, _, err = run(capsys, "report", "--merge", str(good), str(bad), str(other), "--format", "csv",
                       "-o", str(out))
    assert code == 0 and "bad.json: skipped" in err and "other.json: skipped" in err
    assert out.read_text().splitlines()[1].startswith("ana,1,5,20%")
    assert (tmp_path / "class-exercises.csv").read_text().startswith("exercise,")
    code, html, _ = run(capsys, "report", "--merge", str(good), "--format", "html")
    assert code == 0 and "<h1>Class progress</h1>" in html


def test_merging_a_thousand_exports_is_quick(tmp_path: Path) -> None:
    source = export(tmp_path, "ana", [("0.1", i % 3 != 0, "19" * 20) for i in range(300)])
    document = json.loads(source.read_text())
    folder = tmp_path / "class"
    folder.mkdir()
    for i in range(1000):
        document["learner"] = f"learner {i}"
        (folder / f"{i}.json").write_text(json.dumps(document))
    began = time.perf_counter()
    data = merge_exports(sorted(folder.glob("*.json")))
    class_csv(data), difficulty_csv(data)
    elapsed = time.perf_counter() - began
    assert len(data["learners"]) == 1000
    assert elapsed <= 2.0, f"merging 1,000 exports took {elapsed:.2f} s"


def test_report_fold_matches_progress(ada: Path) -> None:
    session = ProgressSession.read_only(ada)
    assert Progress.from_attempts(session.attempts()) == session.progress
