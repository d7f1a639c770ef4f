"""The exercise screen: prompt, answer with a live preview, hints, derivation, feedback.

Grading and previews run in thread workers: the parser builds SymPy objects, and the first
use of SymPy may still be importing (it is warmed after the first paint). The UI never waits.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, Markdown, OptionList, Static
from textual.widgets.option_list import Option

from linalg_tutor.tui.widgets.given import given_markdown

if TYPE_CHECKING:
    from linalg_tutor.content.models import Exercise
    from linalg_tutor.tui.app import TutorApp

TYPE_LABELS = {
    "derive": "Derive: work it out by hand",
    "trace": "Trace: reason it through",
    "build": "Build: write the code",
    "debug": "Debug: find and fix the bug",
    "design": "Design: choose and justify",
}


class ExerciseScreen(Screen):
    """Work through a sequence of exercises, one at a time (``sequence[index]`` is shown)."""

    CSS_PATH = "exercise.tcss"
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("ctrl+t", "hint", "Hint", priority=True),
        Binding("ctrl+r", "reveal", "Derivation", priority=True),
        Binding("ctrl+n", "next", "Next", priority=True),
        Binding("ctrl+b", "previous", "Prev", priority=True),
    ]

    app: "TutorApp"

    def __init__(self, sequence: list[str], index: int = 0) -> None:
        super().__init__()
        self.sequence = sequence
        self.index = index
        self.exercise: Exercise = None  # type: ignore[assignment]
        self.hints_shown = 0
        self.derivation_revealed = False
        self.solved_now = False

    # ---- layout ----------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="ex-header")
        with VerticalScroll(id="ex-body"):
            yield Markdown(id="prompt")
            with Vertical(id="answer-box"):
                yield Static(id="answer-label")
                yield Input(id="answer", select_on_focus=False)
                yield Static(id="preview")
                yield OptionList(id="choices")
                yield Markdown(id="code")
            yield Static(id="feedback")
            yield Static(id="hints")
            yield Static(id="derivation")
            yield Static(id="engine")
            yield Markdown(id="explanation")
        yield Footer()

    def on_mount(self) -> None:
        self.load(self.index)

    def load(self, index: int) -> None:
        """Show exercise ``sequence[index]`` with a fresh state."""
        self.index = index
        self.exercise = self.app.course.exercise(self.sequence[index])
        self.hints_shown = 0
        self.derivation_revealed = False
        self.solved_now = False
        ex = self.exercise
        self.sub_title = f"Exercise {ex.id}"
        self._update_header()

        prompt = ex.prompt.rstrip() + "\n"
        if ex.given:
            prompt += "\n" + given_markdown(ex.given)
        self.query_one("#prompt", Markdown).update(prompt)

        kind = ex.answer.kind
        answer, preview, choices, code = (self.query_one(s) for s in ("#answer", "#preview", "#choices", "#code"))
        answer.display = preview.display = kind == "value"
        choices.display = kind == "choice"
        code.display = kind == "code"
        label = self.query_one("#answer-label", Static)
        if kind == "value":
            answer.value = ""
            answer.placeholder = f"{ex.answer.label} = …   (e.g. 19, 3/4, 5√2, [1, 2], [[1,2],[3,4]])"
            label.update(Text.assemble((f"{ex.answer.label} = ? ", "bold"), ("— type your answer, ⏎ checks it", "dim")))
            self.query_one("#preview", Static).update("")
            answer.focus()
        elif kind == "choice":
            label.update(Text.assemble(("Choose one ", "bold"), ("— ↑↓ then ⏎, or press its number", "dim")))
            choices.clear_options()
            for i, choice in enumerate(ex.answer.choices, 1):
                choices.add_option(Option(f"{i}. {choice}", id=str(i)))
            choices.highlighted = 0
            choices.focus()
        else:
            label.update(Text.assemble(("Write the code ", "bold"),
                                       ("— running your code arrives in a later version; ctrl+r shows a solution",
                                        "dim")))
            self.query_one("#code", Markdown).update(_code_markdown(ex))
            self.query_one("#ex-body").focus()

        for selector in ("#feedback", "#hints", "#derivation", "#engine"):
            widget = self.query_one(selector, Static)
            widget.update("")
            widget.display = False
        self.query_one("#explanation", Markdown).display = False
        self.query_one("#ex-body", VerticalScroll).scroll_home(animate=False)

    def _update_header(self) -> None:
        ex = self.exercise
        level = self.app.session.level(ex.id)
        mark = {"new": "", "tried": "○ tried", "solved": "✓ solved", "mastered": "★ mastered"}[level]
        text = Text.assemble(
            (f" {ex.id} ", "bold reverse"), " ", (ex.title, "bold"), "  ",
            (TYPE_LABELS[ex.type], "italic"), "  ",
            (f"{self.index + 1} of {len(self.sequence)}", "dim"), "  ", (mark, "green"))
        self.query_one("#ex-header", Static).update(text)

    # ---- answering -------------------------------------------------------------------------

    @on(Input.Changed, "#answer")
    def _changed(self, event: Input.Changed) -> None:
        self._preview(event.value)

    @work(thread=True, exclusive=True, group="preview")
    def _preview(self, text: str) -> None:
        from linalg_tutor.grading.grader import preview

        message = preview(text) if text.strip() else ""
        self.app.call_from_thread(self.query_one("#preview", Static).update, message)

    @on(Input.Submitted, "#answer")
    def _submitted(self, event: Input.Submitted) -> None:
        if event.value.strip():
            self._grade(event.value)
        else:
            self._show_feedback(Text("Type an answer first, then press ⏎.", style="yellow"))

    @on(OptionList.OptionSelected, "#choices")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self._grade(event.option.id or "")

    def on_key(self, event) -> None:  # noqa: ANN001 - Textual's Key event
        """Number keys pick and check a choice at once (the list itself handles ↑↓ and ⏎)."""
        if self.exercise.answer.kind == "choice" and event.character and event.character.isdigit():
            number = int(event.character)
            if 1 <= number <= len(self.exercise.answer.choices):
                choices = self.query_one("#choices", OptionList)
                choices.highlighted = number - 1
                self._grade(str(number))
                event.stop()

    @work(thread=True, exclusive=True, group="grade")
    def _grade(self, text: str) -> None:
        from linalg_tutor.grading.exercise import ContentError, grade_exercise

        exercise = self.exercise
        try:
            verdict = grade_exercise(exercise, text)
        except ContentError as exc:
            message = Text(f"This exercise's data is broken: {self.app.course.problem(exercise.id, str(exc))}",
                           style="red")
            self.app.call_from_thread(self._show_feedback, message)
            return
        self.app.call_from_thread(self._after_grade, exercise, text, verdict)

    def _after_grade(self, exercise: "Exercise", text: str, verdict: Any) -> None:
        if exercise is not self.exercise:
            return  # the learner moved on while this was being graded
        if verdict.error:
            # Not an attempt: nothing is recorded, and the learner is told what to fix.
            self._show_feedback(Text.assemble(("⚠ Could not read that: ", "bold yellow"), verdict.error,
                                              ("\nNothing was recorded; fix it and press ⏎ again.", "dim")))
            return
        from linalg_tutor.progress.session import ProgressUnavailable

        try:
            result = self.app.session.record(exercise.id, text, verdict, hints_used=self.hints_shown,
                                             derivation_revealed=self.derivation_revealed)
        except ProgressUnavailable as exc:
            result = None
            self.notify(f"Your answer was graded but could not be saved: {exc}", severity="error", timeout=10)
        # The verdict's own sentence leads (it may be targeted: "that is C₁₂…"); how the answer
        # was read follows, so a misread is visible without repeating "correct" twice.
        read_as = Text.assemble(("\nread as: ", "dim"), verdict.interpreted_as) if verdict.interpreted_as else Text()
        if verdict.correct:
            message = Text.assemble(("✓ ", "bold green"), (verdict.feedback or "Correct.", "bold green"), read_as)
            self._reveal_explanation()
            if result is not None and result.newly_solved:
                streak = result.streak_after
                self.notify(f"Solved {exercise.id}. Day streak: {streak}.", title="Well done", timeout=5)
        else:
            message = Text.assemble(("✗ ", "bold red"), verdict.feedback or "Not yet.", read_as,
                                    ("\nctrl+t for a hint, ctrl+r to see the derivation.", "dim"))
        self._show_feedback(message)
        self._update_header()

    def _show_feedback(self, message: Text) -> None:
        feedback = self.query_one("#feedback", Static)
        feedback.update(message)
        feedback.display = True
        feedback.scroll_visible(animate=False)

    # ---- help along the way ------------------------------------------------------------------

    def action_hint(self) -> None:
        hints = self.exercise.hints
        if self.hints_shown >= len(hints):
            self.notify("No more hints. ctrl+r shows the full derivation.", timeout=4)
            return
        self.hints_shown += 1
        text = Text()
        for i, hint in enumerate(hints[: self.hints_shown], 1):
            text.append(f"Hint {i}/{len(hints)}: ", style="bold cyan")
            text.append(hint.strip() + "\n")
        widget = self.query_one("#hints", Static)
        widget.update(text)
        widget.display = True
        widget.scroll_visible(animate=False)

    def action_reveal(self) -> None:
        ex = self.exercise
        self.derivation_revealed = True
        widget = self.query_one("#derivation", Static)
        body = Text("Derivation\n", style="bold magenta")
        body.append(ex.derivation.text.strip() or "(generated below)")
        if ex.answer.kind == "code":
            body.append("\n\nA solution:\n", style="bold")
            body.append(ex.answer.solution.rstrip())
        widget.update(body)
        widget.display = True
        self._reveal_explanation()
        if ex.derivation.engine is not None:
            engine = self.query_one("#engine", Static)
            engine.update(Text("Working out every step…", style="dim"))
            engine.display = True
            self._engine_steps(ex)
        widget.scroll_visible(top=True, animate=False)

    @work(thread=True, exclusive=True, group="engine")
    def _engine_steps(self, exercise: "Exercise") -> None:
        from linalg_tutor.grading.exercise import engine_derivation

        try:
            derivation = engine_derivation(exercise)
            text = Text("Every step, computed from this exercise's numbers\n", style="bold magenta")
            text.append(_renaming_note(exercise))
            text.append(derivation.to_text() if derivation else "")
        except Exception as exc:  # a broken engine call must not take the screen down
            text = Text(f"The step engine could not derive this one: {exc}", style="yellow")
        self.app.call_from_thread(self._show_engine, exercise, text)

    def _show_engine(self, exercise: "Exercise", text: Text) -> None:
        if exercise is self.exercise:
            self.query_one("#engine", Static).update(text)

    def _reveal_explanation(self) -> None:
        explanation = self.exercise.explanation.strip()
        widget = self.query_one("#explanation", Markdown)
        if explanation:
            widget.update("**Why it works.** " + explanation)
            widget.display = True

    # ---- moving ------------------------------------------------------------------------------

    def action_next(self) -> None:
        if self.index + 1 < len(self.sequence):
            self.load(self.index + 1)
        else:
            self.notify("That was the last exercise here. esc goes back.", timeout=4)

    def action_previous(self) -> None:
        if self.index > 0:
            self.load(self.index - 1)
        else:
            self.notify("This is the first exercise here.", timeout=3)


def _renaming_note(exercise: "Exercise") -> str:
    """The engine names its inputs by slot (A, B, u …); say which of the exercise's values is which."""
    from linalg_tutor.steps import registry

    call = exercise.derivation.engine
    slots = [slot.name for slot in registry.get(call.op).inputs]
    pairs = [f"{slot} is this exercise's {arg}" for slot, arg in zip(slots, call.args) if slot != arg]
    return f"(Below, {'; '.join(pairs)}.)\n" if pairs else ""


def _code_markdown(ex: "Exercise") -> str:
    spec = ex.answer
    tests = "\n".join(f"    {spec.function}(*{t.args!r})  →  {t.expect!r}" for t in spec.tests)
    return (f"Write `{spec.function}` in Python. Starting point:\n\n```python\n{spec.starter.rstrip()}\n```\n\n"
            f"It should pass:\n\n```text\n{tests}\n```\n")
