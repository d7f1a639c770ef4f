"""Scratchpad: type your own matrix (or vector, or expression), pick an operation, read every step."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, OptionList, Static
from textual.widgets.option_list import Option

from linalg_tutor.tui.keys import browser_key

if TYPE_CHECKING:
    from linalg_tutor.tui.app import TutorApp

#: Example inputs offered for each kind of slot, so the screen is never a blank page.
EXAMPLES = {
    "matrix": "[[2, 1], [1, 3]]",
    "vector": "[3, 5]",
    "scalar": "2",
    "integer": "1",
    "expression": "x^2*y + 3*y^2",
    "variables": "x, y",
    "text": "ij,jk->ik",  # an einsum string, the one text input today
}


class ScratchpadScreen(Screen):
    """Hand calculations on the learner's own numbers, by the exact step engine."""

    CSS_PATH = "scratchpad.tcss"
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("ctrl+r,f4", "run", "Show steps", priority=True, key_display=browser_key("F4")),
        Binding("ctrl+o,f3", "focus_ops", "Operations", priority=True, key_display=browser_key("F3")),
    ]

    app: "TutorApp"

    def __init__(self, operation: str | None = None) -> None:
        super().__init__()
        self.initial = operation
        self.operation = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal():
            yield OptionList(id="ops")
            with Vertical(id="work"):
                yield Static(id="op-title")
                yield Vertical(id="inputs")
                yield Static(id="input-status")
                with VerticalScroll(id="output"):
                    yield Static(id="steps")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Scratchpad"
        self.query_one("#steps", Static).update(Text("Loading the step engine…", style="dim"))
        self._load_operations()

    @work(thread=True, group="ops")
    def _load_operations(self) -> None:
        from linalg_tutor.steps import registry

        ops = registry.operations()
        self.app.call_from_thread(self._show_operations, ops)

    async def _show_operations(self, ops) -> None:  # noqa: ANN001
        options = self.query_one("#ops", OptionList)
        for op in ops:
            options.add_option(Option(op.name, id=op.name))
        names = [op.name for op in ops]
        start = self.initial if self.initial in names else ("det" if "det" in names else (names[0] if names else None))
        if start:
            await self._choose(start)
            options.highlighted = names.index(start)
        # A learner comes here to type a matrix: start in the first input (ctrl+o picks the operation).
        first = self.query("#inputs Input")
        (first.first() if first else options).focus()
        if not ops:
            self.query_one("#steps", Static).update("No operations are available.")

    @on(OptionList.OptionHighlighted, "#ops")
    async def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id and (self.operation is None or event.option.id != self.operation.name):
            await self._choose(event.option.id)

    @on(OptionList.OptionSelected, "#ops")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        first = self.query("#inputs Input")
        if first:
            first.first().focus()

    async def _choose(self, name: str) -> None:
        from linalg_tutor.steps import registry

        op = registry.get(name)
        self.operation = op
        self.query_one("#op-title", Static).update(Text.assemble((op.name, "bold"), "  ", op.summary))
        box = self.query_one("#inputs", Vertical)
        # Removal is asynchronous: wait for it, or the old inputs (and their ids) linger beside
        # the new ones and the operation is handed the wrong number of inputs.
        await box.remove_children()
        widgets = []
        for slot in op.inputs:
            label = Static(Text.assemble((slot.name, "bold"), f"  {slot.help}"), classes="slot-label")
            field = Input(value=slot.default or EXAMPLES.get(slot.kind, ""), id=f"in-{slot.name}",
                          placeholder=slot.help, classes="slot")
            widgets += [label, field]
        await box.mount_all(widgets)
        self.query_one("#input-status", Static).update(Text("⏎ shows the steps · tab next field · ctrl+o operations", style="dim"))
        self.action_run()

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.action_run()

    def action_focus_ops(self) -> None:
        self.query_one("#ops").focus()

    def action_run(self) -> None:
        if self.operation is None:
            return
        texts = [i.value for i in self.query("#inputs Input").results(Input)]
        slots = self.operation.inputs
        # Optional inputs left empty are simply not passed.
        while texts and not texts[-1].strip() and slots[len(texts) - 1].optional:
            texts.pop()
        self._run(self.operation.name, texts)

    @work(thread=True, exclusive=True, group="run")
    def _run(self, name: str, texts: list[str]) -> None:
        from linalg_tutor.steps.derivation import BadInput, NotPossible
        from linalg_tutor.course.scratchpad import InputError, run

        status, body = Text(""), Text("")
        try:
            derivation = run(name, texts)
            body = Text(derivation.to_text())
            status = Text("✓ every step exact; checks at the end", style="green")
        except (InputError, BadInput, KeyError) as exc:
            status = Text(f"⚠ {exc.args[0] if exc.args else exc}", style="yellow")
        except NotPossible as exc:
            status = Text(f"✗ {exc.message}", style="red")
            body = Text(exc.derivation.to_text() if exc.derivation else exc.message)
        except Exception as exc:  # the scratchpad must survive anything the learner types
            status = Text(f"⚠ could not compute this: {exc}", style="yellow")
        self.app.call_from_thread(self._show, status, body)

    def _show(self, status: Text, body: Text) -> None:
        self.query_one("#input-status", Static).update(status)
        if body.plain:
            self.query_one("#steps", Static).update(body)
            self.query_one("#output", VerticalScroll).scroll_home(animate=False)
