"""The Build editor in a small harness app: edit, reset, run in a worker, keep typing meanwhile."""

from __future__ import annotations

import time
from functools import partial
from pathlib import Path

import yaml
from rich.text import Text
from textual.app import App, ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static, TextArea

from linalg_tutor.sandbox import Case, Limits, RunReport, run_tests
from linalg_tutor.sandbox.text import report_lines
from linalg_tutor.tui.widgets.code_editor import CodeEditor, highlighting_available

REPO = Path(__file__).resolve().parents[2]
SIZE = (80, 30)


def exercise_07() -> dict:
    data = yaml.safe_load((REPO / "exercises" / "workbook-0.yaml").read_text(encoding="utf-8"))
    return next(e for e in data["exercises"] if e["id"] == "0.7")["answer"]


SPEC = exercise_07()
CASES = [Case(t["args"], t["expect"]) for t in SPEC["tests"]] + [
    Case([[[1, 2]], [[1, 2]]], raises="ValueError", hidden=True)]


# The harness's own view of a run: what a Build screen would show under the editor.


def render_report(report: RunReport, function: str) -> Text:
    """The run as Rich text: the verdict, then each case with input, expected and got."""
    text = Text()
    for i, line in enumerate(report_lines(report, function)):
        if i:
            text.append("\n")
        for part, style in line:
            text.append(part, style=style or None)
    return text


class TestResults(VerticalScroll):
    """The outcome of the latest run, one block per test case."""

    __test__ = False  # not a pytest class, despite the name

    DEFAULT_CSS = """
    TestResults {
        height: auto;
        max-height: 50%;
        border-top: solid $primary-darken-2;
    }
    TestResults > #results-body {
        padding: 0 1;
    }
    """

    def __init__(self, function: str, *, name: str | None = None, id: str | None = None,
                 classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.function = function
        self.report: RunReport | None = None

    def compose(self) -> ComposeResult:
        yield Static("Press F5 to run the tests.", id="results-body")

    @property
    def body(self) -> Static:
        return self.query_one("#results-body", Static)

    def show_running(self) -> None:
        self.body.update(Text("Running the tests…", style="italic"))

    def show_report(self, report: RunReport) -> None:
        self.report = report
        self.body.update(render_report(report, self.function))
        self.scroll_home(animate=False)


class Harness(App):
    """What a Build screen does: the editor, the results, and a thread worker per run."""

    def __init__(self, code: str | None = None, limits: Limits | None = None) -> None:
        super().__init__()
        self.code = code
        self.limits = limits or Limits(wall=3.0)
        self.submitted: list[str] = []
        self.reports: list[RunReport] = []

    def compose(self) -> ComposeResult:
        yield CodeEditor(SPEC["starter"], self.code, id="editor")
        yield TestResults(SPEC["function"], id="results")

    def on_mount(self) -> None:
        self.query_one(CodeEditor).focus_code()

    def on_code_editor_submitted(self, message: CodeEditor.Submitted) -> None:
        self.submitted.append(message.code)
        self.query_one(TestResults).show_running()
        self.run_worker(partial(self._run, message.code), thread=True, group="run")

    def _run(self, code: str) -> None:
        report = run_tests(code, SPEC["function"], CASES, limits=self.limits)
        self.call_from_thread(self._show, report)

    def _show(self, report: RunReport) -> None:
        self.reports.append(report)
        self.query_one(TestResults).show_report(report)
        self.query_one(CodeEditor).running = False


async def finished(app: Harness, pilot, runs: int = 1, timeout: float = 20.0) -> RunReport:
    deadline = time.monotonic() + timeout
    while len(app.reports) < runs and time.monotonic() < deadline:
        await pilot.pause(0.05)
    assert len(app.reports) >= runs, "the run never reported back"
    await pilot.pause()
    return app.reports[-1]


def results_text(app: Harness) -> str:
    return str(app.query_one("#results-body").render())


async def test_opens_with_the_starter_code_and_line_numbers():
    app = Harness()
    async with app.run_test(size=SIZE):
        area = app.query_one("#code-area", TextArea)
        assert area.text == SPEC["starter"]
        assert area.show_line_numbers
        assert app.focused is area
        assert area.language == ("python" if highlighting_available() else None)


async def test_saved_code_comes_back_and_reset_restores_the_starter_undoably():
    app = Harness(code="def matmul(A, B):\n    return 'mine'\n")
    async with app.run_test(size=SIZE) as pilot:
        area = app.query_one("#code-area", TextArea)
        assert "'mine'" in area.text
        await pilot.press("f6")
        assert area.text == SPEC["starter"]
        await pilot.press("ctrl+z")
        assert "'mine'" in area.text


async def test_typing_then_running_posts_the_code_and_shows_results():
    app = Harness(code="")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"def matmul(A, B):", "enter", "tab", *"return [[19, 22], [43, 50]]")
        await pilot.press("f5")
        report = await finished(app, pilot)
        assert app.submitted == ["def matmul(A, B):\n    return [[19, 22], [43, 50]]"]
        assert report.passed == 1 and report.total == len(CASES)
        text = results_text(app)
        assert f"1 of {len(CASES)} tests pass." in text
        assert "✓ test 1  matmul([[1, 2], [3, 4]], [[5, 6], [7, 8]])" in text
        assert "✗ test 2" in text and "expected [[23, 34], [31, 46]]" in text
        assert "✗ test 7 (hidden)" in text and "should raise ValueError" in text
        assert app.query_one(CodeEditor).running is False


async def test_the_reference_solution_passes_in_the_editor():
    app = Harness(code=SPEC["solution"])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f5")
        report = await finished(app, pilot)
        assert report.all_passed, report.message
        assert f"{len(CASES)} of {len(CASES)} tests pass." in results_text(app)


async def test_syntax_error_is_shown_with_its_line():
    app = Harness(code="def matmul(A, B)\n    return A\n")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f5")
        await finished(app, pilot)
        assert "Syntax error on line 1" in results_text(app)


async def test_endless_loop_runs_off_the_ui_thread_while_keys_keep_working():
    app = Harness(code="def matmul(A, B):\n    while True:\n        pass\n", limits=Limits(wall=2.0))
    async with app.run_test(size=SIZE) as pilot:
        area = app.query_one("#code-area", TextArea)
        started = time.monotonic()
        await pilot.press("f5")
        await pilot.pause()
        assert "Running the tests" in results_text(app)
        editor = app.query_one(CodeEditor)
        assert editor.running
        # the learner goes on typing while the loop spins in the child process
        area.move_cursor(area.document.end)
        typed_at = []
        for key in "# still here":
            await pilot.press(key if key != " " else "space")
            typed_at.append(time.monotonic() - started)
        assert area.text.endswith("# still here")
        assert app.reports == [], "the keys were handled only after the run: the UI was blocked"
        assert typed_at[-1] < 1.5
        await pilot.press("f5")  # a second run is not started while one is going
        report = await finished(app, pilot)
        assert time.monotonic() - started < 6
        assert report.error == "timeout"
        assert "Stopped after 2 seconds in test 1" in results_text(app)
        assert len(app.submitted) == 1
        assert not editor.running


def test_render_report_for_a_stopped_run_skips_unfinished_cases():
    report = RunReport(error="timeout", message="Stopped after 2 seconds in test 1: an endless loop.")
    text = render_report(report, "matmul").plain
    assert text == "Stopped after 2 seconds in test 1: an endless loop."
