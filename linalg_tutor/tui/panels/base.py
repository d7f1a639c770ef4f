"""What every visual panel shares: a caption, a row of controls, a figure and live numbers.

Keys (the same on every panel)::

    tab / shift+tab   next / previous control
    ← → ↑ ↓           change the highlighted control (a point moves; a number steps)
    + −               step the highlighted control up / down (a point: double / halve)
    space             play / pause   } only on panels that animate (``ANIMATES``);
    s                 one step       } elsewhere they are hidden from the footer
    r                 back to the starting values

With the mouse: click a control to highlight it; the wheel steps it; a click on a plot moves
the highlighted point (or the panel's first point) there.

A subclass sets ``CHAPTER``, ``TITLE`` and ``CAPTION``, returns its controls from
``make_controls`` and fills the figure in ``draw_plot`` (a plotext figure) or ``draw_grid`` (a Rich
renderable); ``numbers`` returns the live readout. The numbers come from ``linalg_tutor.viz``.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass
from typing import Any, ClassVar, Sequence

from rich.console import Console, RenderableType
from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.color import Color
from textual.containers import Horizontal
from textual.message import Message
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Static

from linalg_tutor.viz.fmt import num, vec

#: Seconds between two frames when playing.
PLAY_INTERVAL = 0.4


# ---- controls -------------------------------------------------------------------------------

@dataclass
class Control:
    """Something the learner changes. ``adjust(dx, dy)`` comes from the arrows, ``bump(±1)`` from + −."""

    name: str

    def adjust(self, dx: int, dy: int) -> None:  # pragma: no cover - overridden
        raise NotImplementedError

    def bump(self, sign: int) -> None:
        self.adjust(sign, 0)

    def label(self) -> str:  # pragma: no cover - overridden
        raise NotImplementedError


@dataclass
class Number(Control):
    """A number stepped by ``step`` within [lo, hi]; every arrow key moves it."""

    value: float = 0.0
    step: float = 1.0
    lo: float = -1e9
    hi: float = 1e9
    places: int = 3

    def adjust(self, dx: int, dy: int) -> None:
        delta = dx or dy
        # Round to the step's grid so repeated steps of 0.1 stay exact.
        new = round(self.value + delta * self.step, 10)
        self.value = min(self.hi, max(self.lo, new))

    def label(self) -> str:
        return f"{self.name} {num(self.value, self.places)}"


@dataclass
class Point(Control):
    """A point or vector: arrows move it by ``step``; + doubles it, − halves it."""

    x: float = 0.0
    y: float = 0.0
    step: float = 1.0
    limit: float = 10.0

    def _clip(self, v: float) -> float:
        return min(self.limit, max(-self.limit, round(v, 10)))

    def adjust(self, dx: int, dy: int) -> None:
        self.x, self.y = self._clip(self.x + dx * self.step), self._clip(self.y + dy * self.step)

    def bump(self, sign: int) -> None:
        factor = 2.0 if sign > 0 else 0.5
        self.x, self.y = self._clip(self.x * factor), self._clip(self.y * factor)

    @property
    def xy(self) -> tuple[float, float]:
        return (self.x, self.y)

    def label(self) -> str:
        return f"{self.name} {vec(self.xy)}"


@dataclass
class Choice(Control):
    """One of a few options; any arrow or + − moves to the next or previous one (wrapping)."""

    options: Sequence[Any] = ()
    index: int = 0
    show: Any = str

    def adjust(self, dx: int, dy: int) -> None:
        self.index = (self.index + (dx or -dy)) % len(self.options)

    @property
    def value(self) -> Any:
        return self.options[self.index]

    def label(self) -> str:
        return f"{self.name}: {self.show(self.value)}"


@dataclass
class Values(Control):
    """A number picked from a fixed list (e.g. 1.1, 1.01, 1.001); arrows move along the list."""

    options: Sequence[float] = ()
    index: int = 0
    places: int = 6

    def adjust(self, dx: int, dy: int) -> None:
        self.index = min(len(self.options) - 1, max(0, self.index + (dx or dy)))

    @property
    def value(self) -> float:
        return self.options[self.index]

    def label(self) -> str:
        return f"{self.name} {num(self.value, self.places)}"


# ---- widgets --------------------------------------------------------------------------------

class ControlLabel(Static):
    """One control in the controls row; a click highlights it."""

    class Picked(Message):
        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    def __init__(self, index: int) -> None:
        super().__init__(classes="control", id=f"control-{index}")
        self.index = index

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self.post_message(self.Picked(self.index))


def plain(renderable: RenderableType | str, width: int = 200) -> str:
    """The text a renderable shows, without styles (what a learner reads)."""
    if isinstance(renderable, str):
        return renderable
    console = Console(width=width, file=io.StringIO(), record=True, color_system=None)
    console.print(renderable)
    return console.export_text()


class Panel(Widget, can_focus=True):
    """Base of the chapter panels (see the module docstring for keys and the subclass contract)."""

    BINDINGS = [
        Binding("tab", "next_control", "Next control", key_display="tab"),
        Binding("shift+tab", "previous_control", "Prev", show=False),
        Binding("left", "adjust(-1, 0)", "Change", show=False),
        Binding("right", "adjust(1, 0)", "Change", show=False),
        Binding("up", "adjust(0, 1)", "Change", show=False),
        Binding("down", "adjust(0, -1)", "Change", show=False),
        Binding("plus,equals_sign", "bump(1)", "+", show=False),
        Binding("minus,underscore", "bump(-1)", "−", show=False),
        Binding("space", "play", "Play/pause"),
        Binding("s", "step", "Step"),
        Binding("r", "reset", "Reset"),
    ]

    CHAPTER: ClassVar[int] = -1
    TITLE: ClassVar[str] = ""
    #: What the learner sees and which keys change it (two short lines at 80 columns).
    CAPTION: ClassVar[str] = ""
    #: "plot" for a plotext figure, "grid" for a Rich renderable.
    FIGURE: ClassVar[str] = "plot"
    #: Width of the numbers column in cells.
    NUMBERS_WIDTH: ClassVar[int] = 30
    #: True when space and s do something (an animation or a step-by-step process).
    ANIMATES: ClassVar[bool] = False
    #: plotext marker for curves: "hd" (2×2 block quadrants) draws in every terminal font.
    LINE_MARKER: ClassVar[str] = "hd"

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id)
        self.controls: list[Control] = self.make_controls()
        self.active = 0
        self.playing = False
        self._timer: Timer | None = None

    # ---- to override ---------------------------------------------------------------------

    def make_controls(self) -> list[Control]:
        return []

    def draw_plot(self, plt: Any) -> None:
        """Fill the plotext figure ``plt`` (already cleared)."""

    def draw_grid(self) -> RenderableType:
        return ""

    def numbers(self) -> RenderableType:
        return ""

    def tick(self) -> bool:
        """One animation step; return False when there is nothing more to do (playing stops)."""
        return False

    def shown(self, control: Control) -> bool:
        """Whether ``control`` applies now (e.g. only in one mode); hidden ones are skipped by tab."""
        return True

    def on_reset(self) -> None:
        """Extra state to put back on ``r`` (controls are rebuilt by the base)."""

    # ---- layout --------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Static(self.CAPTION, classes="caption")
        with Horizontal(classes="controls"):
            for index in range(len(self.controls)):
                yield ControlLabel(index)
        with Horizontal(classes="body"):
            if self.FIGURE == "plot":
                from linalg_tutor.tui.panels.plot import FastPlot  # plotext loads with the first panel

                yield FastPlot(classes="figure")
            else:
                yield Static(classes="figure grid")
            numbers = Static(classes="numbers")
            numbers.styles.width = self.NUMBERS_WIDTH
            yield numbers

    def on_mount(self) -> None:
        self._ready = True
        self.redraw()
        self.call_after_refresh(self.redraw)  # again once the figure knows its size

    def on_resize(self) -> None:
        self.redraw()

    # ---- theme colours -------------------------------------------------------------------

    def colour(self, name: str) -> str:
        """A theme colour as ``#rrggbb`` (for Rich styles): primary, accent, success, error, …"""
        value = self.app.theme_variables.get(name) or self.app.theme_variables["foreground"]
        return Color.parse(value).hex6

    def rgb(self, name: str) -> tuple[int, int, int]:
        """A theme colour as an (r, g, b) tuple (for plotext)."""
        return Color.parse(self.colour(name)).rgb

    def dim(self, name: str, t: float = 0.5) -> tuple[int, int, int]:
        """A theme colour faded ``t`` of the way towards the background (for plotext)."""
        return Color.parse(self.blend(name, "surface", t)).rgb

    def blend(self, a: str, b: str, t: float) -> str:
        """``#rrggbb`` part-way (t in [0, 1]) from theme colour ``a`` to theme colour ``b``."""
        return Color.parse(self.colour(a)).blend(Color.parse(self.colour(b)), max(0.0, min(1.0, t))).hex6

    # ---- drawing -------------------------------------------------------------------------

    def figure_size(self) -> tuple[int, int]:
        """The figure's size in cells (a sensible guess before the first layout)."""
        try:
            size = self.query_one(".figure").size
        except Exception:  # noqa: BLE001 - not mounted yet
            return 46, 17
        return (size.width or 46, size.height or 17)

    def equal_limits(self, cx: float, cy: float, radius: float
                     ) -> tuple[tuple[float, float], tuple[float, float]]:
        """x and y ranges centred on (cx, cy), at least ``radius`` each way, with square cells.

        A terminal cell is about twice as tall as it is wide; the plot's frame, tick labels and
        axis labels take roughly 6 columns and 4 rows, which the ratio allows for.
        """
        width, height = self.figure_size()
        w, h = max(width - 6, 10), max(height - 4, 5)
        ratio = w / (2.0 * h)  # x units shown per y unit, for circles to look round
        if ratio >= 1:
            return (cx - radius * ratio, cx + radius * ratio), (cy - radius, cy + radius)
        return (cx - radius, cx + radius), (cy - radius / ratio, cy + radius / ratio)

    def arrow(self, plt: Any, start: tuple[float, float], end: tuple[float, float], colour: str,
              label: str | None = None, tip: bool = True) -> None:
        """A line from ``start`` to ``end`` with a dot on its tip and an optional label there."""
        xs = [start[0] + (end[0] - start[0]) * t / 40 for t in range(41)]
        ys = [start[1] + (end[1] - start[1]) * t / 40 for t in range(41)]
        plt.plot(xs, ys, marker=self.LINE_MARKER, color=self.rgb(colour))
        if tip:
            plt.scatter([end[0]], [end[1]], marker="o", color=self.rgb(colour))
        if label:
            plt.text(label, end[0], end[1], color=self.rgb(colour), background=self.rgb("surface"),
                     alignment="left")

    def contours(self, plt: Any, f, levels, xlim, ylim, colours=("primary",), fade: float = 0.35,
                 key: object = None) -> None:
        """Level curves of ``f`` as fine dots (plotext has no contour plot).

        The grid has about one sample per cell, capped so a large terminal stays quick. Pass a
        ``key`` naming ``f`` when it does not change between redraws: the points are then kept.
        """
        from linalg_tutor.viz.contours import level_points

        width, height = self.figure_size()
        nx, ny = min(width, 90), min(height, 45)
        cache_key = (key, tuple(levels), tuple(xlim), tuple(ylim), nx, ny)
        cache = self.__dict__.setdefault("_contour_cache", {})
        if key is None or cache_key not in cache:
            points = level_points(f, levels, xlim, ylim, nx=nx, ny=ny)
            if key is not None:
                cache.clear()
                cache[cache_key] = points
        else:
            points = cache[cache_key]
        for k, (_c, xs, ys) in enumerate(points):
            if xs:
                plt.scatter(xs, ys, marker=self.LINE_MARKER, color=self.dim(colours[k % len(colours)], fade))

    def frame(self, plt: Any, xlim, ylim, xlabel: str = "x", ylabel: str = "y") -> None:
        """Set the ranges, whole-number ticks where they fit, and the axis labels."""
        plt.xlim(*xlim)
        plt.ylim(*ylim)
        self.limits = (tuple(xlim), tuple(ylim))
        width, height = self.figure_size()
        most = {"x": max(3, min(8, (width - 8) // 6)), "y": max(3, min(7, (height - 3) // 3))}
        for axis, (lo, hi) in (("x", xlim), ("y", ylim)):
            span = hi - lo
            step = next((s for s in (0.25, 0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000)
                         if span / s <= most[axis]), None)
            if step is not None:
                first = math.ceil(lo / step) * step
                ticks = [first + k * step for k in range(int((hi - first) / step) + 1)]
                labels = [num(t, 2) for t in ticks]
                (plt.xticks if axis == "x" else plt.yticks)(ticks, labels)
        plt.xlabel(xlabel)
        plt.ylabel(ylabel)

    def redraw(self) -> None:
        """Recompute and repaint: controls row, figure and numbers."""
        if not getattr(self, "_ready", False):
            return
        for label in self.query(ControlLabel):
            control = self.controls[label.index]
            label.display = self.shown(control)
            prefix = "▸ " if label.index == self.active else "  "
            label.update(prefix + control.label())
            label.set_class(label.index == self.active, "active")
        figure = self.query_one(".figure")
        if self.FIGURE == "plot":
            plt = figure.plt  # type: ignore[attr-defined]
            plt.clear_figure()
            width, height = self.figure_size()
            plt.plotsize(width, height)
            self.draw_plot(plt)
            figure.invalidate()  # type: ignore[attr-defined]
        else:
            figure.update(self.draw_grid())  # type: ignore[attr-defined]
        self.query_one(".numbers", Static).update(self.numbers())

    def readout(self) -> str:
        """The live numbers as plain text (what the learner reads beside the figure)."""
        return plain(self.numbers())

    def control(self, name: str) -> Control:
        for control in self.controls:
            if control.name == name:
                return control
        raise KeyError(name)

    # ---- actions -------------------------------------------------------------------------

    def _move(self, step: int) -> None:
        count = len(self.controls)
        for _ in range(count):
            self.active = (self.active + step) % count
            if self.shown(self.controls[self.active]):
                break
        self.redraw()

    def action_next_control(self) -> None:
        if self.controls:
            self._move(1)

    def action_previous_control(self) -> None:
        if self.controls:
            self._move(-1)

    def action_adjust(self, dx: int, dy: int) -> None:
        if self.controls:
            self.controls[self.active].adjust(dx, dy)
            self.changed()

    def action_bump(self, sign: int) -> None:
        if self.controls:
            self.controls[self.active].bump(sign)
            self.changed()

    def changed(self) -> None:
        """A control moved: subclasses with state derived from controls reset it here."""
        self.redraw()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Play and step exist only on panels that animate; elsewhere they leave the footer.
        if action in ("play", "step") and not self.ANIMATES:
            return False
        return True

    def action_step(self) -> None:
        self.tick()
        self.redraw()

    def action_play(self) -> None:
        self.playing = not self.playing
        if self.playing:
            self._timer = self.set_interval(PLAY_INTERVAL, self._frame)
        elif self._timer is not None:
            self._timer.stop()
            self._timer = None

    def _frame(self) -> None:
        more = self.tick()
        self.redraw()
        if not more:
            self.action_play()  # stop

    def action_reset(self) -> None:
        if self.playing:
            self.action_play()
        self.controls = self.make_controls()
        self.active = min(self.active, max(len(self.controls) - 1, 0))
        self.on_reset()
        self.redraw()

    # ---- mouse ---------------------------------------------------------------------------

    @on(ControlLabel.Picked)
    def _picked(self, event: ControlLabel.Picked) -> None:
        self.active = event.index
        self.focus()
        self.redraw()

    def on_fast_plot_clicked(self, event: Any) -> None:
        """A click on a plot moves the highlighted point (or the first one) there, on its grid."""
        limits = getattr(self, "limits", None)
        points = [c for c in self.controls if isinstance(c, Point) and self.shown(c)]
        if limits is None or not points:
            return
        target = self._current() if isinstance(self._current(), Point) else points[0]
        (x0, x1), (y0, y1) = limits
        x, y = x0 + event.fx * (x1 - x0), y0 + event.fy * (y1 - y0)
        target.x = target._clip(round(x / target.step) * target.step)
        target.y = target._clip(round(y / target.step) * target.step)
        self.active = self.controls.index(target)
        self.focus()
        self.changed()

    def on_mouse_scroll_up(self, event: events.MouseScrollUp) -> None:
        event.stop()
        self.action_bump(1) if isinstance(self._current(), (Number, Values)) else self.action_adjust(0, 1)

    def on_mouse_scroll_down(self, event: events.MouseScrollDown) -> None:
        event.stop()
        self.action_bump(-1) if isinstance(self._current(), (Number, Values)) else self.action_adjust(0, -1)

    def _current(self) -> Control | None:
        return self.controls[self.active] if self.controls else None


class StagedPanel(Panel):
    """A panel that walks through numbered stages (a forward and backward pass, a pipeline):
    s or → goes one stage on, ← back, space plays through to the end."""

    FIGURE = "grid"
    ANIMATES = True
    #: How many stages there are (set by each subclass).
    STAGE_COUNT: ClassVar[int] = 1

    def make_controls(self):
        count = self.STAGE_COUNT
        return [Choice("stage", list(range(count)), show=lambda k: f"{k + 1} of {count}")]

    def tick(self) -> bool:
        stage = self.controls[0]
        if stage.index + 1 < len(stage.options):
            stage.index += 1
            return True
        return False


def bracketed(cells: list[list[Text]]) -> Text:
    """A matrix of styled cells between ⎡ ⎤ / ⎢ ⎥ / ⎣ ⎦, each column right-aligned."""
    widths = [max(len(row[c].plain) for row in cells) for c in range(len(cells[0]))]
    out = Text()
    last = len(cells) - 1
    for r, row in enumerate(cells):
        left, right = ("[", "]") if last == 0 else ("⎡", "⎤") if r == 0 else ("⎣", "⎦") if r == last else ("⎢", "⎥")
        out.append(left + " ")
        for c, cell in enumerate(row):
            out.append(" " * (widths[c] - len(cell.plain) + (2 if c else 0)))
            out.append_text(cell)
        out.append(" " + right + ("\n" if r < last else ""))
    return out


def lines(*rows: str | Text) -> Text:
    """Join rows into one Text (strings or styled Text)."""
    out = Text()
    for k, row in enumerate(rows):
        if k:
            out.append("\n")
        out.append(row if isinstance(row, Text) else Text(row))
    return out
