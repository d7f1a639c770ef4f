"""How long one redraw of each visual panel takes: a held-down key must never lag.

For every panel, headless at 80×24 (and again at 160×48), the clock covers what one key press
costs: the control changes, the numbers are recomputed, the figure is rebuilt (plotext's
``build`` for plots, the Rich grid for the others) and both are rendered to terminal lines.
Each panel is redrawn many times and the median and the worst are printed. Goal: under 30 ms.

    .venv/bin/python benchmarks/viz_redraw.py [--repeats 30] [chapter …]

A benchmark, not a test: timings depend on the machine and its load.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time

from textual.app import App
from textual.geometry import Region

from linalg_tutor.tui.panels import MODULES, panel_class
from linalg_tutor.tui.panels.screen import PanelScreen
from linalg_tutor.viz.catalog import panel_info

GOAL_MS = 30.0


class Harness(App):
    def __init__(self, chapter: int) -> None:
        super().__init__()
        self.chapter = chapter

    def on_mount(self) -> None:
        self.push_screen(PanelScreen(panel_class(self.chapter)()))


def render(widget) -> None:
    """Render the widget to strips, as a paint would."""
    widget.refresh()
    width, height = widget.size
    widget.render_lines(Region(0, 0, max(width, 1), max(height, 1)))


async def time_panel(chapter: int, size: tuple[int, int], repeats: int) -> list[float]:
    app = Harness(chapter)
    times = []
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        panel = app.screen.panel
        figure, numbers = panel.query_one(".figure"), panel.query_one(".numbers")
        for k in range(repeats):
            sign = 1 if (k // 4) % 2 == 0 else -1  # wander back and forth, as a held key would
            start = time.perf_counter()
            if panel.ANIMATES and k % 2:
                panel.tick()
                panel.redraw()
            else:
                panel.action_adjust(sign, 0)
            render(figure)
            render(numbers)
            times.append((time.perf_counter() - start) * 1000)
    return times


async def main(repeats: int, only: list[int] | None = None) -> int:
    worst_overall = 0.0
    print(f"{'panel':<44} {'80×24 median':>13} {'max':>7} {'160×48 median':>14} {'max':>7}")
    for chapter in sorted(only or MODULES):
        small = await time_panel(chapter, (80, 24), repeats)
        large = await time_panel(chapter, (160, 48), repeats)
        worst_overall = max(worst_overall, statistics.median(small), statistics.median(large))
        name = f"{chapter:>2} {panel_info(chapter).title}"
        print(f"{name:<44} {statistics.median(small):>10.1f} ms {max(small):>4.1f} ms"
              f" {statistics.median(large):>11.1f} ms {max(large):>4.1f} ms")
    verdict = "within" if worst_overall < GOAL_MS else "OVER"
    print(f"\nslowest median {worst_overall:.1f} ms: {verdict} the {GOAL_MS:.0f} ms goal")
    return 0 if worst_overall < GOAL_MS else 1


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=30)
    parser.add_argument("chapters", type=int, nargs="*", help="only these panels (default: all)")
    args = parser.parse_args()
    raise SystemExit(asyncio.run(main(args.repeats, args.chapters)))
