"""A plotext figure that paints quickly: plotext's ANSI output turned straight into strips.

``textual_plotext.PlotextPlot`` hands plotext's text to ``rich.text.Text.from_ansi`` on every
paint, and Textual then lays that Text out again; at 160×48 with contour plots that costs 30 ms
and more. Here the ANSI colour codes (the few that plotext writes: reset, bold and 8-bit or
24-bit foreground/background colours) are read once per redraw with one regular expression
into ``Segment``s whose ``Style``s are cached, and each line is served as a ``Strip``.
"""

from __future__ import annotations

import re

from rich.color import Color
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.message import Message
from textual.strip import Strip
from textual_plotext import PlotextPlot

_SGR = re.compile(r"\x1b\[([0-9;]*)m")
_STYLES: dict[tuple, Style] = {}


def _style(fg, bg, bold: bool) -> Style:
    key = (fg, bg, bold)
    style = _STYLES.get(key)
    if style is None:
        style = _STYLES[key] = Style(color=_colour(fg), bgcolor=_colour(bg), bold=bold or None)
    return style


def _colour(spec) -> Color | None:
    if spec is None:
        return None
    if isinstance(spec, int):
        return Color.from_ansi(spec)
    return Color.from_rgb(*spec)


def _apply(params: str, state: list) -> None:
    """Update [fg, bg, bold] with one SGR parameter list."""
    codes = [int(p) if p else 0 for p in params.split(";")] if params else [0]
    k = 0
    while k < len(codes):
        code = codes[k]
        if code == 0:
            state[:] = [None, None, False]
        elif code == 1:
            state[2] = True
        elif code == 22:
            state[2] = False
        elif code in (38, 48) and k + 1 < len(codes):
            slot = 0 if code == 38 else 1
            if codes[k + 1] == 5 and k + 2 < len(codes):
                state[slot] = codes[k + 2]
                k += 2
            elif codes[k + 1] == 2 and k + 4 < len(codes):
                state[slot] = (codes[k + 2], codes[k + 3], codes[k + 4])
                k += 4
        elif code == 39:
            state[0] = None
        elif code == 49:
            state[1] = None
        elif 30 <= code <= 37 or 90 <= code <= 97:
            state[0] = code - 30 if code < 90 else code - 82
        elif 40 <= code <= 47 or 100 <= code <= 107:
            state[1] = code - 40 if code < 100 else code - 92
        k += 1


def ansi_to_strips(text: str, width: int) -> list[Strip]:
    """Each line of ``text`` as a Strip exactly ``width`` cells wide."""
    strips = []
    for line in text.split("\n"):
        state: list = [None, None, False]
        segments = []
        pos = 0
        for match in _SGR.finditer(line):
            if match.start() > pos:
                segments.append(Segment(line[pos:match.start()], _style(*state)))
            _apply(match.group(1), state)
            pos = match.end()
        if pos < len(line):
            segments.append(Segment(line[pos:], _style(*state)))
        strips.append(Strip(segments).adjust_cell_length(width))
    return strips


class FastPlot(PlotextPlot):
    """``PlotextPlot`` with the same figure API (``.plt``), painted line by line from a cache.

    A click inside the frame posts :class:`FastPlot.Clicked` with where it fell, as fractions
    of the canvas (0 = left/bottom, 1 = right/top), so the panel can turn it into data.
    """

    class Clicked(Message):
        """The canvas was clicked at ``fx``, ``fy`` (fractions of its width and height)."""

        def __init__(self, fx: float, fy: float) -> None:
            super().__init__()
            self.fx, self.fy = fx, fy

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._strips: list[Strip] | None = None
        self._built_for: tuple | None = None

    def invalidate(self) -> None:
        """The figure changed: rebuild at the next paint."""
        self._strips = None
        self.refresh()

    def _build(self) -> None:
        width, height = self.size
        self._plot.plotsize(width, height)
        self._plot._set_size(width, height)  # as PlotextPlot.render does (textual-plotext issue 5)
        self._plot.theme(self._get_plotext_theme_name(self.app.theme))
        self._strips = ansi_to_strips(self._plot.build(), width)
        self._built_for = (self.size, self.app.theme)

    def canvas(self) -> tuple[int, int, int, int] | None:
        """Cells (left, top, right, bottom) inside the plot's frame, found from its corners."""
        if self._strips is None:
            return None
        top = left = right = bottom = None
        for row, strip in enumerate(self._strips):
            text = strip.text
            if top is None and "┌" in text:
                top, left, right = row, text.index("┌"), text.rindex("┐") if "┐" in text else None
            if "└" in text:
                bottom = row
        if None in (top, left, right, bottom):
            return None
        return left + 1, top + 1, right - 1, bottom - 1

    def on_click(self, event: events.Click) -> None:
        box = self.canvas()
        if box is None:
            return
        left, top, right, bottom = box
        if left <= event.x <= right and top <= event.y <= bottom:
            fx = (event.x - left + 0.5) / (right - left + 1)
            fy = 1 - (event.y - top + 0.5) / (bottom - top + 1)
            self.post_message(self.Clicked(fx, fy))

    def render_line(self, y: int) -> Strip:
        if self._strips is None or self._built_for != (self.size, self.app.theme):
            self._build()
        assert self._strips is not None
        if 0 <= y < len(self._strips):
            return self._strips[y]
        return Strip.blank(self.size.width)
