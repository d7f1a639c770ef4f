"""Helpers for the browser tests: a served tutor in a subprocess, the system Chromium, and
a look at what a screenshot holds.

The terminal is drawn on a canvas, so the tests read the screen through screenshots (a PNG
decoded here without Pillow) and through the learners' progress files, never the DOM.
"""

from __future__ import annotations

import os
import shutil
import socket
import struct
import subprocess
import sys
import time
import zlib
from pathlib import Path

CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
VIEWPORT = {"width": 1000, "height": 560}  # about 100×28 cells at the page's 16 px font


def skip_reason() -> str | None:
    """Why the browser tests cannot run here, or None."""
    if CHROMIUM is None:
        return "no Chromium installed (apt-get install -y chromium; .ci/run installs it)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright for Python is not installed (pip install -e '.[test]')"
    try:
        import textual_serve  # noqa: F401
    except ImportError:
        return "textual-serve is not installed"
    return None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Served:
    """``linalg-tutor serve`` on a free local port, stopped with SIGINT as Ctrl-C would."""

    def __init__(self, data: Path) -> None:
        self.data = data
        self.port = free_port()
        env = {k: v for k, v in os.environ.items() if not k.startswith("LINALG_TUTOR_")}
        self.process = subprocess.Popen(
            [sys.executable, "-P", "-m", "linalg_tutor", "serve", "--port", str(self.port), "--data", str(data)],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
        assert self.process.stdout is not None
        self.banner = self.process.stdout.readline()  # printed once the server listens
        if self.process.poll() is not None:
            raise RuntimeError(f"serve did not start: {self.banner}{self.process.stdout.read()}")

    def url(self, learner: str | None = None) -> str:
        base = f"http://127.0.0.1:{self.port}/"
        return base if learner is None else f"{base}?learner={learner}"

    def stop(self) -> tuple[int, str]:
        import signal

        self.process.send_signal(signal.SIGINT)
        try:
            out, _ = self.process.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            out, _ = self.process.communicate()
        return self.process.returncode, out


# ---- screenshots --------------------------------------------------------------------------------


def png_pixels(data: bytes) -> tuple[int, int, list[bytes]]:
    """Width, height and rows of RGB(A) bytes of an 8-bit, non-interlaced PNG (what Chromium writes)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, width = 8, b"", 0
    height = color_type = 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, color_type, _, _, interlace = struct.unpack(">IIBBBBB", body)
            assert depth == 8 and interlace == 0 and color_type in (2, 6), (depth, color_type, interlace)
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    bpp = 3 if color_type == 2 else 4
    raw = zlib.decompress(idat)
    stride = width * bpp
    rows, prev = [], bytearray(stride)
    for y in range(height):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            if f == 1:
                line[i] = (line[i] + a) & 255
            elif f == 2:
                line[i] = (line[i] + b) & 255
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line[i] for i in range(stride) if bpp == 3 or i % 4 != 3))
        prev = line
    return width, height, rows


def ink(data: bytes) -> float:
    """The share of pixels that differ from the most common colour (the background): 0 is blank."""
    width, height, rows = png_pixels(data)
    counts: dict[bytes, int] = {}
    for row in rows[::2]:
        for x in range(0, width * 3, 6):
            key = row[x:x + 3]
            counts[key] = counts.get(key, 0) + 1
    total = sum(counts.values())
    return 1 - max(counts.values()) / total


def focus_terminal(page) -> None:
    """Give the terminal the keyboard (xterm.js reads keys through a hidden textarea)."""
    page.focus(".xterm-helper-textarea")


def wait_for_screen(page, *, min_ink: float = 0.02, timeout: float = 40.0, differs_from: bytes | None = None) -> bytes:
    """A screenshot once the terminal shows something (and, if given, something new), taken after
    a moment more so that what was loading has been drawn (a blinking cursor keeps screenshots
    from ever being identical, so "still" cannot be the test)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        shot = page.screenshot()
        if ink(shot) >= min_ink and (differs_from is None or shot != differs_from):
            page.wait_for_timeout(1500)
            return page.screenshot()
        page.wait_for_timeout(500)
    raise AssertionError(f"the page never settled on a drawn screen within {timeout:.0f} s")
