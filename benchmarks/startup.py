"""Time to first screen: linalg-tutor against a bare Textual app, in the same run.

Each app runs in a fresh interpreter (so imports are counted, as a learner would feel them),
headless. The clock starts just before the interpreter is launched and stops when the app
reports that its first screen has been painted (the child prints a wall-clock timestamp from
``call_after_refresh``). The two apps run in alternation, several times, and medians are
compared. The goal: linalg-tutor's first screen within 1.25× the bare app's time.

linalg-tutor loads the course and the progress file in a thread right after its first paint;
the time until the home screen is filled in is reported too, so nothing is hidden.

    .venv/bin/python benchmarks/startup.py [--runs 15]

A benchmark, not a test: timings depend on the machine and its load.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

GOAL = 1.25

BARE = """
import time
from textual.app import App
from textual.widgets import Footer, Header, OptionList

class Bare(App):
    def compose(self):
        yield Header()
        yield OptionList("one", "two", "three")
        yield Footer()

    def on_mount(self):
        self.call_after_refresh(self.painted)

    def painted(self):
        print("first", time.time(), flush=True)
        self.exit()

Bare().run(headless=True, size=(80, 24))
"""

TUTOR = """
import time
from linalg_tutor.tui.app import TutorApp

class FirstScreenOnly(TutorApp):
    def on_mount(self):
        # Registered before the app's own after-refresh callback, which starts the loading thread:
        # the screen is painted by then either way, and the mark should not wait on that thread.
        self.call_after_refresh(self.painted)
        super().on_mount()

    def painted(self):
        print("first", time.time(), flush=True)

    def on_course_ready(self, message):
        super().on_course_ready(message)
        self.call_after_refresh(self.filled)

    def filled(self):
        print("ready", time.time(), flush=True)
        self.exit()

FirstScreenOnly().run(headless=True, size=(80, 24))
"""


def time_once(code: str, env: dict[str, str]) -> dict[str, float]:
    """Seconds from launching the interpreter to each event the child reports."""
    start = time.time()
    out = subprocess.run([sys.executable, "-c", code], check=True, env=env, text=True,
                         capture_output=True).stdout
    marks = {}
    for line in out.splitlines():
        name, _, stamp = line.partition(" ")
        if name in ("first", "ready"):
            marks[name] = float(stamp) - start
    return marks


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as progress:
        env = {**os.environ, "LINALG_TUTOR_PROGRESS_DIR": progress}
        # A learner's Python caches compiled modules; a sandbox that sets this would time the
        # compiler instead (linalg_tutor, installed editable, has no .pyc from pip).
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        time_once(BARE, env), time_once(TUTOR, env)  # warm the OS file cache and .pyc files
        bare, tutor, ready = [], [], []
        for _ in range(args.runs):
            bare.append(time_once(BARE, env)["first"])
            marks = time_once(TUTOR, env)
            tutor.append(marks["first"])
            ready.append(marks["ready"])
    b, t, r = statistics.median(bare), statistics.median(tutor), statistics.median(ready)
    ratio = t / b
    print(f"bare Textual app, first screen   : {b * 1000:7.1f} ms (median of {args.runs})")
    print(f"linalg-tutor, first screen       : {t * 1000:7.1f} ms")
    print(f"linalg-tutor, home filled in     : {r * 1000:7.1f} ms  ({r / b:.2f}× the bare app)")
    print(f"first-screen ratio               : {ratio:.2f}×  (goal ≤ {GOAL}×) "
          f"{'OK' if ratio <= GOAL else 'SLOWER THAN GOAL'}")
    return 0 if ratio <= GOAL else 1


if __name__ == "__main__":
    raise SystemExit(main())
