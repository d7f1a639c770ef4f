"""Each answer kind's widget in the exercise screen, driven by keys as a learner would."""

from __future__ import annotations

from support.pilot import SIZE, answer, settle, text_of, until

from linalg_tutor.course.kinds.order import labelled
from linalg_tutor.course.service import instantiate
from linalg_tutor.tui.app import TutorApp
from linalg_tutor.tui.answers.order import OrderList


async def opened(app, pilot, exercise_id: str, widget: str) -> None:
    app.open_exercise(exercise_id)
    await until(app, pilot, lambda: bool(app.screen.query(widget)), f"the {widget} of {exercise_id}")


def attempts(tmp_path) -> list[dict]:
    from linalg_tutor.progress.store import ProgressStore

    return [a.model_dump() for a in ProgressStore(tmp_path).attempts()]


EXTRA = """\
exercises:
  - id: "L4.x1"
    lesson: 4
    type: derive
    title: "A gradient"
    prompt: "Give the gradient of f(x, y) = x²y + 3xy²."
    answer:
      kind: expression
      variables: [x, y]
      compute: "[2*x*y + 3*y^2, x^2 + 6*x*y]"
      label: "∇f"
    hints: ["Differentiate in x, then in y."]
    derivation: {text: "∂f/∂x = 2xy + 3y², ∂f/∂y = x² + 6xy"}
  - id: "L4.x2"
    lesson: 4
    type: derive
    title: "An eigenvector"
    prompt: "Give an eigenvector of A for λ = 3."
    given:
      A: [[2, 1], [1, 2]]
    answer:
      kind: direction
      compute: "[1, 1]"
      label: "v"
    hints: ["Solve (A − 3I)·v = 0."]
    derivation: {engine: {op: eigen, args: [A]}, text: "v = [1, 1]"}
"""


def with_extra(course_copy):
    (course_copy / "exercises" / "lesson-99-extra.yaml").write_text(EXTRA, encoding="utf-8")
    return course_copy


async def test_expression_answer(tmp_path, course_copy):
    app = TutorApp(content=with_extra(course_copy), progress_dir=tmp_path, warm_up=False)
    async with app.run_test(size=SIZE) as pilot:
        await opened(app, pilot, "L4.x1", "#answer")
        assert "✗" in await answer(app, pilot, "[2xy, x^2]")
        assert "✓" in await answer(app, pilot, "[3y^2 + 2xy, x^2 + 6xy]")
    assert [a["correct"] for a in attempts(tmp_path)] == [False, True]


async def test_direction_answer_up_to_scale(tmp_path, course_copy):
    app = TutorApp(content=with_extra(course_copy), progress_dir=tmp_path, warm_up=False)
    async with app.run_test(size=SIZE) as pilot:
        await opened(app, pilot, "L4.x2", "#answer")
        assert "zero vector" in await answer(app, pilot, "[0, 0]")
        assert "✓" in await answer(app, pilot, "[-2, -2]")


async def test_line_pick_with_keys(tmp_path):
    app = TutorApp(progress_dir=tmp_path, warm_up=False)
    async with app.run_test(size=SIZE) as pilot:
        await opened(app, pilot, "5.6", "#code-lines")
        await until(app, pilot, lambda: app.screen.query_one("#code-lines").has_focus, "focus on the code")
        await pilot.press("down", "down", "enter")  # line 3
        await settle(app, pilot)
        assert "✗" in text_of(app, "#feedback") and "prediction" in text_of(app, "#feedback")
        await pilot.press("6", "enter")
        await settle(app, pilot)
        assert "✓" in text_of(app, "#feedback") and "A.T @ r" in text_of(app, "#feedback")
    assert [(a["answer"], a["correct"]) for a in attempts(tmp_path)] == [("3", False), ("6", True)]


async def test_order_moved_with_keys_then_checked(tmp_path):
    app = TutorApp(progress_dir=tmp_path, warm_up=False)
    async with app.run_test(size=SIZE) as pilot:
        await opened(app, pilot, "9.6", "#order")
        order = app.screen.query_one(OrderList)
        await until(app, pilot, lambda: order.has_focus, "focus on the list")
        instance = instantiate(app.course.exercise("9.6"))
        letter = {item: letter for letter, item in labelled(instance)}
        wanted = [letter[item] for item in instance.answer.items]
        # Sort the list by moving items with the keys: pick up the item that belongs at
        # each position and carry it there.
        for position, target in enumerate(wanted):
            at = order.order.index(target)
            while order.cursor != at:
                await pilot.press("down" if order.cursor < at else "up")
            await pilot.press("space")
            for _ in range(at - position):
                await pilot.press("up")
            await pilot.press("space")
        assert order.order == wanted
        await pilot.press("enter")
        await settle(app, pilot)
        assert "✓" in text_of(app, "#feedback")
    assert attempts(tmp_path)[-1]["answer"] == ",".join(wanted)


async def test_partial_order_says_which_positions_are_right(tmp_path):
    app = TutorApp(progress_dir=tmp_path, warm_up=False)
    async with app.run_test(size=SIZE) as pilot:
        await opened(app, pilot, "9.6", "#order")
        await pilot.press("enter")  # the shuffled order as shown
        await settle(app, pilot)
        feedback = text_of(app, "#feedback")
        assert "✗" in feedback and "of it" in feedback or "No position" in feedback


async def test_new_numbers_with_f2(tmp_path):
    app = TutorApp(progress_dir=tmp_path, warm_up=False)
    async with app.run_test(size=SIZE) as pilot:
        await opened(app, pilot, "0.5", "#answer")
        screen = app.screen
        first = screen.instance
        assert "✓" in await answer(app, pilot, "-14")
        await pilot.press("f2")
        await until(app, pilot, lambda: screen.instance is not None and screen.instance is not first, "new numbers")
        A = screen.instance.values["A"]
        assert screen.seed != 0 and "new numbers" in text_of(app, "#ex-header")
        assert "✓" in await answer(app, pilot, str(A.det()))
    assert attempts(tmp_path)[-1]["correct"] is True


async def test_calculation_is_refused_in_the_preview_and_on_enter(tmp_path):
    app = TutorApp(progress_dir=tmp_path, warm_up=False)
    async with app.run_test(size=SIZE) as pilot:
        await opened(app, pilot, "0.5", "#answer")
        await until(app, pilot, lambda: app.screen.query_one("#answer").has_focus, "focus")
        await pilot.press(*"3*6-8*4")
        await until(app, pilot, lambda: "not the calculation" in text_of(app, "#preview"), "the preview's refusal")
        assert "-14" not in text_of(app, "#preview") and "−14" not in text_of(app, "#preview")
        await pilot.press("enter")
        await settle(app, pilot)
        assert "Nothing was recorded" in text_of(app, "#feedback")
    assert not (tmp_path / "progress.json").exists() or attempts(tmp_path) == []


async def test_build_exercise_runs_in_the_sandbox_and_keeps_the_code(tmp_path):
    from linalg_tutor.tui.widgets.code_editor import CodeEditor

    wrong = "def matmul(A, B):\n    return A\n"
    app = TutorApp(progress_dir=tmp_path, warm_up=False)
    async with app.run_test(size=SIZE) as pilot:
        await opened(app, pilot, "0.7", "#code-editor")
        editor = app.screen.query_one(CodeEditor)
        await until(app, pilot, lambda: "starter" not in editor.code and editor.code.startswith("def matmul"),
                    "the starter code")
        editor.area.load_text(wrong)
        editor.focus_code()
        await pilot.press("f5")
        await until(app, pilot, lambda: "tests pass" in text_of(app, "#feedback"), "the first run's report")
        feedback = text_of(app, "#feedback")
        assert "✗" in feedback and "expected [[19, 22], [43, 50]]" in feedback
        assert editor.running is False
        editor.area.load_text(app.course.exercise("0.7").answer.solution)
        await pilot.press("f5")
        await until(app, pilot, lambda: "✓" in text_of(app, "#feedback"), "the solution's report")
    assert [a["correct"] for a in attempts(tmp_path)] == [False, True]

    again = TutorApp(progress_dir=tmp_path, warm_up=False)
    async with again.run_test(size=SIZE) as pilot:
        await opened(again, pilot, "0.7", "#code-editor")
        editor = again.screen.query_one(CodeEditor)
        solution = again.course.exercise("0.7").answer.solution
        await until(again, pilot, lambda: editor.code == solution, "the saved code after a restart")
        assert again.focused is editor.area, again.focused
        await pilot.press("f6")  # back to the starter code
        await pilot.pause()
        assert editor.code == again.course.exercise("0.7").answer.starter


async def test_a_not_checked_warning_goes_when_the_answer_is_edited(tmp_path):
    app = TutorApp(progress_dir=tmp_path, warm_up=False)
    async with app.run_test(size=SIZE) as pilot:
        await opened(app, pilot, "0.5", "#answer")
        assert "Not checked" in await answer(app, pilot, "3*6-8*4")
        await pilot.press("backspace")
        await settle(app, pilot)
        assert not app.screen.query_one("#feedback").display
        assert "✓" in await answer(app, pilot, "-14")  # a verdict stays while the learner retypes
        await pilot.press("1")
        await settle(app, pilot)
        assert app.screen.query_one("#feedback").display


async def test_an_answer_too_costly_to_judge_is_refused_while_keys_keep_working(tmp_path):
    """The slowest input the fuzz test found: the screen gives up on it after the deadline and
    answers keys meanwhile (issue 20)."""
    slow = "tan(exp(log(sqrt(cos(log(sqrt(sqrt(exp(sqrt(tan(sin((π+e)^177*(π+e)^177))))))))))))"
    app = TutorApp(progress_dir=tmp_path, warm_up=False)
    async with app.run_test(size=SIZE) as pilot:
        await opened(app, pilot, "L8.p3", "#answer")
        field = app.screen.query_one("#answer")
        field.value = slow
        field.focus()
        await pilot.press("enter")
        await pilot.press("ctrl+t")  # a hint, while the answer is being judged
        await pilot.pause()
        assert "Hint 1/" in text_of(app, "#hints")
        await until(app, pilot, lambda: app.screen.query_one("#feedback").display, "the verdict")
        assert "too long" in text_of(app, "#feedback") and "Nothing was recorded" in text_of(app, "#feedback")
    assert attempts(tmp_path) == []
