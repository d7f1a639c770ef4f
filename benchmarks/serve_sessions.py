"""Capacity of ``linalg-tutor serve``: memory and time to the first screen per browser session.

Starts a local ``serve`` on a free port with a fresh data folder, opens N sessions (one learner
each, ``?learner=benchN``) in the system's headless Chromium through Playwright, waits until
every page shows the home screen, lets SymPy warm up, then adds up the resident memory of the
tutor processes the server started (each session is its own Python process) and of the server.

    .venv/bin/python benchmarks/serve_sessions.py [--sessions 4]

Prints one line: ``sessions=N rss_mb_per_session=… server_rss_mb=… first_screen_s=…
(median; max …) pss_mb_per_session=… cpu_s_per_session=…``. RSS counts the shared libraries in
every process; PSS splits them between the processes sharing them, so it is closer to what
one more session costs. The sessions are opened at once, so on a small machine
first_screen_s also measures how N start-ups share the CPUs. A benchmark, not a test:
numbers depend on the machine and its load. Needs Chromium (``apt-get install chromium``)
and Playwright for Python (the test extras).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from support.browser import CHROMIUM, CHROMIUM_ARGS, VIEWPORT, Served, ink, skip_reason  # noqa: E402

PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")
TICKS = os.sysconf("SC_CLK_TCK")


def _descendants(pid: int) -> list[int]:
    parents: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            parents.setdefault(ppid, []).append(int(entry.name))
    found, todo = [], list(parents.get(pid, []))
    while todo:
        child = todo.pop()
        found.append(child)
        todo += parents.get(child, [])
    return found


def _cmdline(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


def _rss_mb(pid: int) -> float:
    try:
        return int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * PAGE_SIZE / 2**20
    except OSError:
        return 0.0


def _pss_mb(pid: int) -> float:
    """Proportional set size: shared pages (libraries) split between the processes sharing them."""
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def _cpu_s(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / TICKS  # utime + stime
    except OSError:
        return 0.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", type=int, default=4)
    args = parser.parse_args()
    reason = skip_reason()
    if reason:
        print(f"cannot run: {reason}", file=sys.stderr)
        return 2
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as data:
        server = Served(Path(data))
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                pages, started = [], time.monotonic()
                for n in range(args.sessions):
                    page = browser.new_context(viewport=VIEWPORT).new_page()
                    page.goto(server.url(f"bench{n}"))
                    pages.append(page)
                first_screen: list[float] = []
                waiting = dict(enumerate(pages))
                deadline = started + 60 + 15 * args.sessions
                while waiting and time.monotonic() < deadline:
                    for n, page in list(waiting.items()):
                        if ink(page.screenshot()) > 0.05:
                            first_screen.append(time.monotonic() - started)
                            del waiting[n]
                    time.sleep(0.2)
                if waiting:
                    print(f"{len(waiting)} sessions never showed a screen", file=sys.stderr)
                    return 1
                time.sleep(5)  # the course loads and SymPy warms up after the first paint
                # the tutors themselves (textual-serve starts each through a shell: not the shell)
                tutors = [pid for pid in _descendants(server.process.pid)
                          if b"\x00-m\x00linalg_tutor\x00--progress-dir\x00" in _cmdline(pid)]
                rss = sum(_rss_mb(pid) for pid in tutors)
                pss = sum(_pss_mb(pid) for pid in tutors)
                cpu = sum(_cpu_s(pid) for pid in tutors)
                server_rss = _rss_mb(server.process.pid)
                browser.close()
        finally:
            server.stop()
    n = args.sessions
    print(f"sessions={n} rss_mb_per_session={rss / max(len(tutors), 1):.0f} server_rss_mb={server_rss:.0f} "
          f"first_screen_s={statistics.median(first_screen):.2f} (median; max {max(first_screen):.2f}) "
          f"pss_mb_per_session={pss / max(len(tutors), 1):.0f} cpu_s_per_session={cpu / max(len(tutors), 1):.2f} tutor_processes={len(tutors)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
