"""Design: put items in order. ↑↓ choose, shift+↑↓ (or u/d) move the chosen item, space picks it
up so that ↑↓ carry it, ⏎ checks the order. A click picks an item up; a second click drops it there."""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Static

from linalg_tutor.tui.answers import AnswerWidget, answer_widget


class OrderList(Widget, can_focus=True):
    """The items, one per line, in the learner's current order; owns its cursor and carry state."""

    BINDINGS = [
        Binding("up", "cursor(-1)", "Up", show=False),
        Binding("down", "cursor(1)", "Down", show=False),
        Binding("shift+up,u", "move(-1)", "Up", key_display="u"),
        Binding("shift+down,d", "move(1)", "Down", key_display="d"),
        Binding("space", "carry", "Carry"),
        Binding("enter", "check", "Check"),
    ]
    DEFAULT_CSS = """
    OrderList {
        height: auto;
        padding: 0 1;
    }
    OrderList:focus {
        background: $boost;
    }
    """

    cursor: reactive[int] = reactive(0)
    carrying: reactive[bool] = reactive(False)

    def __init__(self, labelled: list[tuple[str, str]], *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id)
        self.items = dict(labelled)
        self.order: list[str] = [letter for letter, _ in labelled]

    def render(self) -> Text:
        text = Text()
        for i, letter in enumerate(self.order):
            here = i == self.cursor
            mark = ("⇕ " if self.carrying else "▸ ") if here else "  "
            style = "bold reverse" if here and self.carrying else ("bold" if here else "")
            text.append(f"{mark}{i + 1}. ", style="dim" if not here else style)
            text.append(f"{letter}  {self.items[letter]}", style=style)
            if i < len(self.order) - 1:
                text.append("\n")
        return text

    def action_cursor(self, step: int) -> None:
        if self.carrying:
            self.action_move(step)
        else:
            self.cursor = max(0, min(len(self.order) - 1, self.cursor + step))

    def action_move(self, step: int) -> None:
        j = self.cursor + step
        if 0 <= j < len(self.order):
            self.order[self.cursor], self.order[j] = self.order[j], self.order[self.cursor]
            self.cursor = j
            self.refresh()

    def action_carry(self) -> None:
        self.carrying = not self.carrying

    def action_check(self) -> None:
        self.carrying = False
        parent = self.parent
        if isinstance(parent, OrderAnswer):
            parent.submit(",".join(self.order))

    def on_click(self, event: events.Click) -> None:
        row = event.y
        if not 0 <= row < len(self.order):
            return
        if self.carrying:
            letter = self.order.pop(self.cursor)
            self.order.insert(row, letter)
            self.carrying = False
        else:
            self.carrying = True
        self.cursor = row
        self.refresh()


@answer_widget("order")
class OrderAnswer(AnswerWidget):
    def compose(self) -> ComposeResult:
        from linalg_tutor.course.kinds.order import labelled

        yield Static(Text.assemble(("Put these in order ", "bold"),
                                   ("— shift+↑↓ or u/d move an item, space carries it, ⏎ checks", "dim")),
                     id="answer-label")
        yield OrderList(labelled(self.instance), id="order")

    def focus_answer(self) -> None:
        self.query_one(OrderList).focus()
