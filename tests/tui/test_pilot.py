"""Drive the tutor as a learner would, with Textual's pilot: read, answer, come back later."""

from __future__ import annotations

import json

from textual.widgets import Input, OptionList

from linalg_tutor.tui.app import TutorApp
from linalg_tutor.tui.screens.exercise import ExerciseScreen
from linalg_tutor.tui.screens.home import HomeScreen
from linalg_tutor.tui.screens.reader import ReaderScreen

from support.pilot import SIZE, answer, settle, started, text_of, until


async def test_open_chapter_then_answer_right_and_wrong(tmp_path):
    app = TutorApp(progress_dir=tmp_path, warm_up=False)
    async with app.run_test(size=SIZE) as pilot:
        await started(app, pilot)
        assert isinstance(app.screen, HomeScreen)
        total = len(app.course.workbook_exercises)
        assert f"0 / {total} exercises" in text_of(app, "#mastery")
        assert "0 days" in text_of(app, "#streak")

        await pilot.press("enter")  # the highlighted chapter: lesson 0
        assert isinstance(app.screen, ReaderScreen) and app.screen.chapter.id == 0
        await pilot.press("escape")

        app.open_exercise("0.1", ["0.1", "0.2"])
        await pilot.pause()
        assert isinstance(app.screen, ExerciseScreen)
        await until(app, pilot, lambda: app.screen.query("#answer") and app.screen.query_one("#answer").has_focus,
                    "the answer box, focused")

        await pilot.press(*"20")
        await settle(app, pilot)
        assert "20" in text_of(app, "#preview")  # the live preview shows how it was read
        await pilot.press("enter")
        await settle(app, pilot)
        assert "✗" in text_of(app, "#feedback")

        feedback = await answer(app, pilot, "19")
        assert "Correct" in feedback

        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert f"1 / {total} exercises ({round(100 / total)}%)" in text_of(app, "#mastery")
        assert "1 day" in text_of(app, "#streak")

    saved = [json.loads(line) for line in (tmp_path / "progress.attempts.jsonl").read_text().splitlines()]
    assert [(a["exercise_id"], a["correct"]) for a in saved] == [("0.1", False), ("0.1", True)]

    # Restart: everything is still there.
    again = TutorApp(progress_dir=tmp_path, warm_up=False)
    async with again.run_test(size=SIZE) as pilot:
        await started(again, pilot)
        assert f"1 / {len(again.course.workbook_exercises)} exercises" in text_of(again, "#mastery")
        assert "1 day" in text_of(again, "#streak")


async def test_targeted_feedback_hints_and_derivation(tmp_path):
    app = TutorApp(progress_dir=tmp_path, warm_up=False)
    async with app.run_test(size=SIZE) as pilot:
        app.open_exercise("0.6")
        await pilot.pause()
        feedback = await answer(app, pilot, "2")  # the alternating signs forgotten
        assert "✗" in feedback and "sign" in feedback.lower()

        await pilot.press("ctrl+t")
        assert "Hint 1/" in text_of(app, "#hints")
        await pilot.press("ctrl+t")
        assert "Hint 2/" in text_of(app, "#hints")

        await pilot.press("ctrl+r")
        await settle(app, pilot)
        assert "22" in text_of(app, "#derivation")
        engine = text_of(app, "#engine")
        assert "cofactor" in engine.lower() and "22" in engine

        assert "Correct" in await answer(app, pilot, "22")
    attempt = json.loads((tmp_path / "progress.attempts.jsonl").read_text().splitlines()[-1])
    assert attempt["hints_used"] == 2 and attempt["derivation_revealed"] is True


async def test_unreadable_answer_is_explained_and_not_recorded(tmp_path):
    app = TutorApp(progress_dir=tmp_path, warm_up=False)
    async with app.run_test(size=SIZE) as pilot:
        app.open_exercise("0.1")
        await pilot.pause()
        feedback = await answer(app, pilot, "__import__('os')")
        assert "Not checked" in feedback
        assert isinstance(app.screen, ExerciseScreen)  # still running, still here
    assert not (tmp_path / "progress.json").exists()
    assert not (tmp_path / "progress.attempts.jsonl").exists()


async def test_choice_question_by_number_key(tmp_path):
    app = TutorApp(progress_dir=tmp_path, warm_up=False)
    course = app.course
    choice = next(e for e in course.exercises if e.answer.kind == "choice")
    async with app.run_test(size=SIZE) as pilot:
        app.open_exercise(choice.id)
        await pilot.pause()
        assert app.screen.query_one("#choices", OptionList).has_focus
        wrong = 1 if choice.answer.correct != 1 else 2
        await pilot.press(str(wrong))
        await settle(app, pilot)
        assert "✗" in text_of(app, "#feedback")
        await pilot.press(str(choice.answer.correct))
        await settle(app, pilot)
        assert "Correct" in text_of(app, "#feedback")


async def test_next_and_previous_exercise(tmp_path):
    app = TutorApp(progress_dir=tmp_path, warm_up=False)
    async with app.run_test(size=SIZE) as pilot:
        app.open_workbook(0)
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.exercise.id == "0.1"
        await pilot.press("ctrl+n")
        assert app.screen.exercise.id == "0.2"
        await pilot.press("ctrl+b")
        assert app.screen.exercise.id == "0.1"


async def test_second_tutor_runs_read_only(tmp_path):
    first = TutorApp(progress_dir=tmp_path, warm_up=False)
    assert first.session.writable
    try:
        second = TutorApp(progress_dir=tmp_path, warm_up=False)
        assert not second.session.writable
        assert any("Another linalg-tutor" in m for m in second.session.messages)
        second.session.close()
    finally:
        first.session.close()


async def test_corrupt_progress_is_backed_up_and_reported(tmp_path):
    (tmp_path / "progress.json").write_text("{ not json")
    app = TutorApp(progress_dir=tmp_path, warm_up=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert any("corrupt" in m.lower() or "could not" in m.lower() for m in app.session.messages)
    backups = list(tmp_path.glob("progress.json.corrupt-*"))
    assert len(backups) == 1 and backups[0].read_text() == "{ not json"


async def test_broken_content_shows_the_report(tmp_path, course_copy):
    path = course_copy / "exercises" / "workbook-0.yaml"
    path.write_text(path.read_text().replace("    hints:", "    hintz: []\n    hints:", 1))
    app = TutorApp(content=course_copy, progress_dir=tmp_path, warm_up=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        report = text_of(app, "#errors-list")
        assert f"{path}:" in report and "unknown key `hintz`" in report
        await pilot.press("c")
        assert isinstance(app.screen, HomeScreen)


async def test_tiny_terminal_gets_a_message(tmp_path):
    app = TutorApp(progress_dir=tmp_path, warm_up=False)
    async with app.run_test(size=(50, 12)) as pilot:
        await pilot.pause()
        assert "Terminal too small" in text_of(app, "#too-small")


async def test_help_and_palette_and_progress(tmp_path):
    app = TutorApp(progress_dir=tmp_path, warm_up=False)
    async with app.run_test(size=SIZE) as pilot:
        await started(app, pilot)
        await pilot.press("question_mark")
        assert "Home screen" in text_of(app, "#help-keys")
        await pilot.press("escape")
        await pilot.press("p")
        assert type(app.screen).__name__ == "ProgressScreen"
        await pilot.press("escape")
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"exercise 0.5")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ExerciseScreen) and app.screen.exercise.id == "0.5"


async def test_scratchpad_switches_operation_and_explains_bad_input(tmp_path):
    app = TutorApp(progress_dir=tmp_path, warm_up=False)
    async with app.run_test(size=SIZE) as pilot:
        await started(app, pilot)
        await pilot.press("s")
        await until(app, pilot, lambda: "det(A) = 5" in text_of(app, "#steps"), "the opening example")

        assert isinstance(app.focused, Input)  # ready for a matrix
        await pilot.press("ctrl+o")
        await until(app, pilot, lambda: isinstance(app.focused, OptionList), "the operations list to take focus")
        await pilot.press("home")  # matmul is first
        await until(app, pilot, lambda: len(app.screen.query("#inputs Input")) == 2, "matmul's inputs")
        assert [i.id for i in app.screen.query("#inputs Input")] == ["in-A", "in-B"]

        field = app.screen.query_one("#in-B", Input)
        field.focus()
        field.value = "[[1,2],[3]]"
        await pilot.press("enter")
        await settle(app, pilot)
        status = text_of(app, "#input-status")
        assert "⚠" in status and "inputs" not in status  # the ragged row is the problem, not the count

        field.value = "[[5,6],[7,8]]"
        await pilot.press("enter")
        await until(app, pilot, lambda: "✓" in text_of(app, "#input-status"), "the steps")
        assert "A·B = [[17, 20], [26, 30]]" in text_of(app, "#steps")  # A keeps its example [[2,1],[1,3]]


async def test_too_small_notice_comes_and_goes_with_the_window(tmp_path):
    from linalg_tutor.tui.screens.too_small import TooSmallScreen

    app = TutorApp(progress_dir=tmp_path, warm_up=False)
    async with app.run_test(size=SIZE) as pilot:
        await started(app, pilot)
        await pilot.resize_terminal(50, 15)
        await settle(app, pilot)
        assert isinstance(app.screen, TooSmallScreen)
        await pilot.resize_terminal(80, 24)
        await settle(app, pilot)
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("p")  # keys reach the tutor again
        await settle(app, pilot)
        assert not isinstance(app.screen, (HomeScreen, TooSmallScreen))


async def test_an_exercise_opened_alone_sits_among_its_chapter(tmp_path):
    app = TutorApp(progress_dir=tmp_path, warm_up=False)
    async with app.run_test(size=SIZE) as pilot:
        await started(app, pilot)
        app.open_exercise("0.5")
        await until(app, pilot, lambda: isinstance(app.screen, ExerciseScreen), "the exercise")
        total = len(app.course.for_workbook(0))
        assert f"5 of {total}" in text_of(app, "#ex-header")
        await pilot.press("ctrl+n")
        await settle(app, pilot)
        assert app.screen.exercise.id == "0.6"


async def test_palette_jumps_lead_home_with_one_escape(tmp_path):
    from linalg_tutor.tui.commands import TutorCommands

    app = TutorApp(progress_dir=tmp_path, warm_up=False)
    async with app.run_test(size=SIZE) as pilot:
        await started(app, pilot)
        provider = TutorCommands(app.screen)
        jumps = {name: cb for name, cb, _ in provider._commands()}
        for name in ("chapter 3: Dot product, cosine similarity, attention", "screen: progress", "exercise 0.2: Bottom-right entry"):
            key = next(k for k in jumps if k.startswith(name.split(":")[0]) and name.split(": ")[1][:10] in k)
            provider._from_home(jumps[key])()
            await settle(app, pilot)
        assert isinstance(app.screen, ExerciseScreen)
        await pilot.press("escape")
        await settle(app, pilot)
        assert isinstance(app.screen, HomeScreen)
