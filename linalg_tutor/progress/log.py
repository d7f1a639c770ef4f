"""The attempts log: one JSON object per line, appended to, never rewritten.

``progress.attempts.jsonl`` is the source of truth of a learner's progress. It is only ever
appended to, so:

- a crash (even ``kill -9``) can at worst leave the *last* line unfinished; readers skip an
  unfinished line and the next writer sets it aside (see ``ProgressStore.load``);
- fields written by a newer linalg-tutor stay on disk untouched, whatever an older one does;
- reading it needs nothing but a JSON parser, one line at a time (reports, exports, ``grep``).

An attempt becomes safe against the tutor being killed as soon as :func:`append_line`
returns (the bytes are in the operating system's cache); :func:`sync` (``fdatasync``) makes
it safe against a power cut too, and runs off the UI thread.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from linalg_tutor.progress.model import Attempt

#: Bytes before a mark that its fingerprint covers (enough to tell two logs apart).
TAIL_BYTES = 128
#: How much of the end of the log :func:`read_tail` reads at a time.
TAIL_CHUNK = 64 * 1024


@dataclass(frozen=True)
class LogMark:
    """A position in the log: ``size`` bytes holding ``count`` attempts, and a fingerprint.

    The snapshot stores the mark it was folded up to. On load, the fingerprint (a hash of
    the ``TAIL_BYTES`` bytes before ``size``) tells whether the log is still the one the
    snapshot was made from; if not, everything is rebuilt from the log.
    """

    size: int = 0
    count: int = 0
    tail: str = ""

    def to_json(self) -> dict[str, object]:
        return {"bytes": self.size, "count": self.count, "tail": self.tail}

    @classmethod
    def from_json(cls, data: object) -> LogMark | None:
        if not isinstance(data, dict):
            return None
        size, count, tail = data.get("bytes"), data.get("count"), data.get("tail")
        if type(size) is not int or type(count) is not int or not isinstance(tail, str):
            return None
        return cls(size, count, tail)


def fingerprint(before: bytes) -> str:
    """The fingerprint of a mark from the bytes just before it."""
    return hashlib.sha1(before[-TAIL_BYTES:]).hexdigest()[:16] if before else ""


def encode(attempt: Attempt) -> bytes:
    """One log line (compact JSON, UTF-8, ending in a newline)."""
    data = attempt.model_dump(mode="json")
    return (json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


@dataclass
class ReadResult:
    """What :func:`read_from` found after a given offset."""

    attempts: list[Attempt]
    end: int
    """Offset just after the last complete line."""
    bad_lines: int = 0
    """Complete lines that are not a valid attempt (skipped, left on disk)."""
    torn: bytes = b""
    """An unfinished last line (a crash mid-write), not counted."""
    before_end: bytes = b""
    """The bytes just before ``end`` (for the next mark's fingerprint)."""


def parse_lines(data: bytes) -> tuple[list[Attempt], int, bytes]:
    """Attempts in ``data`` (complete lines only), the number of bad lines, and the torn rest."""
    cut = data.rfind(b"\n") + 1
    body, torn = data[:cut], data[cut:]
    attempts: list[Attempt] = []
    bad = 0
    validate = Attempt.model_validate_json
    for line in body.splitlines():
        if not line.strip():
            continue
        try:
            attempts.append(validate(line))
        except (ValidationError, ValueError):
            bad += 1
    return attempts, bad, torn


def read_from(path: Path, offset: int = 0) -> ReadResult:
    """Every attempt after byte ``offset`` (0: the whole log). A missing log reads as empty."""
    try:
        with open(path, "rb") as handle:
            start = max(0, offset - TAIL_BYTES)
            handle.seek(start)
            data = handle.read()
    except FileNotFoundError:
        return ReadResult([], 0)
    head, data = data[: offset - start], data[offset - start:]
    attempts, bad, torn = parse_lines(data)
    end = offset + len(data) - len(torn)
    before_end = (head + data[: len(data) - len(torn)])[-TAIL_BYTES:]
    return ReadResult(attempts, end, bad, torn, before_end)


def fingerprint_at(path: Path, offset: int) -> str | None:
    """The fingerprint of ``offset`` in the log as it is now; None if the log is shorter."""
    try:
        with open(path, "rb") as handle:
            handle.seek(0, os.SEEK_END)
            if handle.tell() < offset:
                return None
            start = max(0, offset - TAIL_BYTES)
            handle.seek(start)
            return fingerprint(handle.read(offset - start))
    except FileNotFoundError:
        return None if offset else ""


def read_tail(path: Path, n: int, end: int | None = None) -> list[Attempt]:
    """The last ``n`` valid attempts before byte ``end`` (default: the end), newest first.

    Reads backwards in chunks, so it costs the same for ten attempts or ten years of them.
    """
    if n <= 0:
        return []
    try:
        handle = open(path, "rb")
    except FileNotFoundError:
        return []
    with handle:
        handle.seek(0, os.SEEK_END)
        stop = handle.tell() if end is None else min(end, handle.tell())
        start, chunk = stop, b""
        while True:
            start = max(0, start - TAIL_CHUNK)
            handle.seek(start)
            chunk = handle.read(stop - start)
            lines = chunk.split(b"\n")
            complete = lines if start == 0 else lines[1:]  # the first may be cut in half
            if not chunk.endswith(b"\n"):
                complete = complete[:-1]  # an unfinished last line
            attempts, _, _ = parse_lines(b"\n".join(complete) + b"\n")
            if len(attempts) >= n or start == 0:
                return attempts[-n:][::-1]


def iter_attempts(path: Path) -> Iterator[Attempt]:
    """Every valid attempt in the log, oldest first (bad and unfinished lines skipped)."""
    yield from read_from(path).attempts


class LogWriter:
    """Appends lines to the log through one ``O_APPEND`` descriptor (held by the lock holder)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        self._fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)

    def append_line(self, line: bytes) -> None:
        """Write one whole line; safe against the process being killed once this returns."""
        view = memoryview(line)
        while view:
            written = os.write(self._fd, view)
            view = view[written:]

    def sync(self) -> None:
        """Flush to the disk (safe against a power cut)."""
        if hasattr(os, "fdatasync"):
            os.fdatasync(self._fd)
        else:  # pragma: no cover - macOS, Windows
            os.fsync(self._fd)

    def close(self) -> None:
        if self._fd >= 0:
            os.close(self._fd)
            self._fd = -1
