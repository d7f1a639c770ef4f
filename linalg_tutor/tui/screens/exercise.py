"""The exercise screen: prompt, the answer widget of the exercise's kind, hints, derivation, feedback.

The exercise is made concrete (its seed's numbers, its templates filled), graded and derived in
thread workers: the first use of SymPy may still be importing (it is warmed after the first
paint), and the UI never waits. Which widget answers is the answer kind's business
(:mod:`linalg_tutor.tui.answers`); this screen only mounts it and grades what it submits.
"""

from __future__ import annotations

import random
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, Markdown, Static

from linalg_tutor.tui.answers import AnswerWidget, widget_for
from linalg_tutor.tui.keys import browser_key
from linalg_tutor.tui.widgets.given import given_markdown

if TYPE_CHECKING:
    from linalg_tutor.content.models import Exercise
    from linalg_tutor.course.instance import ExerciseInstance
    from linalg_tutor.grading.verdict import Verdict
    from linalg_tutor.tui.app import TutorApp


class ExerciseScreen(Screen):
    """Work through a sequence of exercises, one at a time (``sequence[index]`` is shown)."""

    CSS_PATH = "exercise.tcss"
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("ctrl+t,f3", "hint", "Hint", priority=True, key_display=browser_key("F3")),
        Binding("ctrl+r,f4", "reveal", "Derivation", priority=True, key_display=browser_key("F4")),
        Binding("ctrl+n,f8", "next", "Next", priority=True, key_display=browser_key("F8")),
        Binding("ctrl+b,f7", "previous", "Prev", priority=True, key_display=browser_key("F7")),
        Binding("f2", "another", "New numbers", priority=True, key_display="F2"),
    ]

    app: "TutorApp"

    def __init__(self, sequence: list[str], index: int = 0, seed: int = 0, *, fresh: bool = False) -> None:
        """``fresh``: every exercise that varies comes with new numbers (a review session)."""
        super().__init__()
        self.sequence = sequence
        self.index = index
        self.seed = seed
        self.fresh = fresh
        self.exercise: Exercise = None  # type: ignore[assignment]
        self.instance: ExerciseInstance | None = None
        self.hints_shown = 0
        self.derivation_revealed = False

    # ---- layout ----------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="ex-header")
        with VerticalScroll(id="ex-body"):
            yield Markdown(id="prompt")
            yield Vertical(id="answer-box")
            yield Static(id="feedback")
            yield Static(id="hints")
            yield Static(id="derivation")
            yield Static(id="engine")
            yield Markdown(id="explanation")
        yield Footer()

    def on_mount(self) -> None:
        self.load(self.index, self.seed)

    def load(self, index: int, seed: int = 0) -> None:
        """Show exercise ``sequence[index]`` (with ``seed``'s numbers) with a fresh state."""
        self.index = index
        self.exercise = self.app.course.exercise(self.sequence[index])
        if self.fresh and not seed and self.exercise.varies:
            seed = random.randint(1, 999_999)
        self.seed = seed
        self.instance = None
        self.hints_shown = 0
        self.derivation_revealed = False
        self.sub_title = f"Exercise {self.exercise.id}"
        self.refresh_bindings()
        self._update_header()
        for selector in ("#feedback", "#hints", "#derivation", "#engine"):
            widget = self.query_one(selector, Static)
            widget.update("")
            widget.display = False
        self.query_one("#explanation", Markdown).display = False
        self.query_one("#prompt", Markdown).update(self.exercise.prompt if "{{" not in self.exercise.prompt else "…")
        self.query_one("#answer-box").remove_children()
        self.query_one("#ex-body", VerticalScroll).scroll_home(animate=False)
        self._instantiate(self.exercise, seed)

    @work(thread=True, exclusive=True, group="instance")
    def _instantiate(self, exercise: "Exercise", seed: int) -> None:
        from linalg_tutor.course.service import ContentError, instantiate

        try:
            instance = instantiate(exercise, seed)
        except ContentError as exc:
            self.app.call_from_thread(self._broken, exercise.id, exc)
            return
        self.app.call_from_thread(self._show_instance, instance)

    async def _show_instance(self, instance: "ExerciseInstance") -> None:
        if instance.exercise is not self.exercise:
            return  # the learner moved on while this was being prepared
        self.instance = instance
        prompt = instance.prompt.rstrip() + "\n"
        if instance.data:
            prompt += "\n" + given_markdown(instance.data)
        self.query_one("#prompt", Markdown).update(prompt)
        box = self.query_one("#answer-box")
        await box.remove_children()
        widget = widget_for(instance.answer.kind)(instance)
        await box.mount(widget)
        widget.focus_answer()
        self._update_header()

    def _update_header(self) -> None:
        from linalg_tutor.course.show import TYPE_LABELS

        ex = self.exercise
        level = self.app.session.stage(ex.id)
        mark = {"attempted": "○ attempted", "familiar": "◐ familiar", "proficient": "● proficient",
                "mastered": "★ mastered"}.get(level, "")
        numbers = f"  new numbers #{self.seed}" if self.seed else ""
        text = Text.assemble(
            (f" {ex.id} ", "bold reverse"), " ", (ex.title, "bold"), "  ",
            (TYPE_LABELS.get(ex.type, ex.type), "italic"), "  ",
            (f"{self.index + 1} of {len(self.sequence)}", "dim"), (numbers, "dim"), "  ", (mark, "green"))
        self.query_one("#ex-header", Static).update(text)

    # ---- answering -------------------------------------------------------------------------

    @on(AnswerWidget.Submitted)
    def _submitted(self, event: AnswerWidget.Submitted) -> None:
        if self.instance is None:
            return
        if event.text.strip():
            self._grade(self.instance, event.text)
        else:
            self._show_feedback(Text("Type an answer first, then press ⏎.", style="yellow"), warning=True)

    @work(thread=True, exclusive=True, group="grade")
    def _grade(self, instance: "ExerciseInstance", text: str) -> None:
        from linalg_tutor.course.service import ContentError, grade

        try:
            verdict = grade(instance, text)
        except ContentError as exc:
            self.app.call_from_thread(self._broken, instance.id, exc)
            return
        self.app.call_from_thread(self._after_grade, instance, text, verdict)

    def _broken(self, exercise_id: str, exc: Exception) -> None:
        """An author's mistake in the exercise: say where it is; no answer is waiting any more."""
        from linalg_tutor.grading.verdict import Verdict

        problem = self.app.course.problem(exercise_id, str(exc))
        self._show_feedback(Text(f"This exercise's data is broken: {problem}", style="red"))
        for widget in self.query(AnswerWidget):
            widget.graded(Verdict.unreadable("the exercise is broken"))

    def _after_grade(self, instance: "ExerciseInstance", text: str, verdict: "Verdict") -> None:
        if instance is not self.instance:
            return  # the learner moved on while this was being graded
        for widget in self.query(AnswerWidget):
            widget.graded(verdict)
        if verdict.error:
            # Not an attempt: nothing is recorded, and the learner is told what to fix.
            reason = verdict.feedback if verdict.feedback and verdict.feedback != verdict.error else verdict.error
            self._show_feedback(Text.assemble(("⚠ Not checked: ", "bold yellow"), reason,
                                              ("\nNothing was recorded; fix it and press ⏎ again.", "dim")),
                                warning=True)
            return
        from linalg_tutor.progress.session import ProgressUnavailable

        try:
            result = self.app.session.record(instance.id, text, verdict, hints_used=self.hints_shown,
                                             derivation_revealed=self.derivation_revealed,
                                             seed=instance.seed or None)
        except ProgressUnavailable as exc:
            result = None
            self.notify(f"Your answer was graded but could not be saved: {exc}", severity="error", timeout=10)
        # The verdict's own sentence leads (it may be targeted: "that is C₁₂…"); how the answer
        # was read follows, so a misread is visible without repeating "correct" twice.
        read_as = Text.assemble(("\nread as: ", "dim"), verdict.interpreted_as) if verdict.interpreted_as else Text()
        parts = Text()
        for detail in verdict.details:
            parts.append("\n")
            parts.append("✓ " if detail.correct else "✗ ", style="green" if detail.correct else "red")
            parts.append(detail.label + (f"  {detail.note}" if detail.note else ""))
        if verdict.correct:
            message = Text.assemble(("✓ ", "bold green"), (verdict.feedback or "Correct.", "bold green"), read_as, parts)
            if instance.exercise.varies:
                message.append("\nF2 gives the same exercise with new numbers.", style="dim")
            self._reveal_explanation()
            if result is not None and result.newly_solved:
                self.notify(f"Solved {instance.id}. Day streak: {result.streak_after}.", title="Well done", timeout=5)
        else:
            score = f"  ({round(verdict.score * 100)}% of it)" if verdict.score else ""
            message = Text.assemble(("✗ ", "bold red"), verdict.feedback or "Not yet.", (score, "dim"), read_as, parts,
                                    ("\nctrl+t for a hint, ctrl+r to see the derivation.", "dim"))
        self._show_feedback(message)
        self._update_header()

    def _show_feedback(self, message: Text, *, warning: bool = False) -> None:
        """Show a verdict, or (``warning``) why an answer was not checked: a warning goes away as
        soon as the learner edits the answer, so it never sits beside new input."""
        feedback = self.query_one("#feedback", Static)
        feedback.update(message)
        feedback.display = True
        feedback.set_class(warning, "-warning")
        feedback.scroll_visible(animate=False)

    @on(Input.Changed)
    def _edited(self, event: Input.Changed) -> None:
        feedback = self.query_one("#feedback", Static)
        if feedback.has_class("-warning"):
            feedback.display = False
            feedback.remove_class("-warning")

    # ---- help along the way ------------------------------------------------------------------

    def action_hint(self) -> None:
        if self.instance is None:
            return
        hints = self.instance.hints
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
        instance = self.instance
        if instance is None:
            return
        self.derivation_revealed = True
        widget = self.query_one("#derivation", Static)
        body = Text("Derivation\n", style="bold magenta")
        body.append(instance.derivation_text.strip() or "(generated below)")
        reveal = instance.kind.reveal
        if reveal is not None:
            body.append("\n\n")
            body.append(reveal(instance).rstrip())
        widget.update(body)
        widget.display = True
        self._reveal_explanation()
        if instance.exercise.derivation.engine is not None:
            engine = self.query_one("#engine", Static)
            engine.update(Text("Working out every step…", style="dim"))
            engine.display = True
            self._engine_steps(instance)
        widget.scroll_visible(top=True, animate=False)

    @work(thread=True, exclusive=True, group="engine")
    def _engine_steps(self, instance: "ExerciseInstance") -> None:
        from linalg_tutor.course.service import derive, renaming_note

        try:
            derivation = derive(instance)
            text = Text("Every step, computed from this exercise's numbers\n", style="bold magenta")
            text.append(renaming_note(instance))
            text.append(derivation.to_text() if derivation else "")
        except Exception as exc:  # noqa: BLE001 - a broken engine call must not take the screen down
            text = Text(f"The step engine could not derive this one: {exc}", style="yellow")
        self.app.call_from_thread(self._show_engine, instance, text)

    def _show_engine(self, instance: "ExerciseInstance", text: Text) -> None:
        if instance is self.instance:
            self.query_one("#engine", Static).update(text)

    def _reveal_explanation(self) -> None:
        explanation = self.instance.explanation.strip() if self.instance else ""
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

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """F2 (new numbers) is offered only by exercises that vary."""
        if action == "another":
            return bool(self.exercise is not None and self.exercise.varies)
        return True

    def action_another(self) -> None:
        """The same exercise with fresh numbers (exercises that vary)."""
        if not self.exercise.varies:
            self.notify("This exercise has one set of numbers: the workbook's.", timeout=4)
            return
        seed = self.seed
        while seed == self.seed:
            seed = random.randint(1, 999_999)
        self.load(self.index, seed)
