"""Every chapter's code runs and prints exactly what the chapter says it prints.

Convention (see the chapters): a ```python block is self-contained and is followed by an
```output block holding its exact standard output; a ```python block with no output block must
print nothing. Fragments that are not meant to run are fenced as ```python no-run.
Every line inside any fenced block fits the reader: at most 72 characters.
"""

from __future__ import annotations

import difflib
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
CHAPTERS = sorted((REPO / "chapters").glob("*.md"))
MAX_CODE_LINE = 72
TIMEOUT = 60  # seconds per block


@dataclass
class Fence:
    info: str  # the info string after ```, e.g. "python" or "python no-run"
    line: int  # 1-based line of the opening ```
    lines: list[str]
    end: int = 0  # 1-based line of the closing ```

    @property
    def language(self) -> str:
        words = self.info.split()
        return words[0] if words else ""


def fences(text: str) -> list[Fence]:
    """The fenced blocks of a Markdown text, in order."""
    found: list[Fence] = []
    current: Fence | None = None
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if current is None:
            if stripped.startswith("```"):
                current = Fence(stripped[3:].strip(), number, [])
        elif stripped == "```":
            current.end = number
            found.append(current)
            current = None
        else:
            current.lines.append(line)
    assert current is None, f"line {current.line}: code block never closed"
    return found


def _normalise(lines: list[str]) -> list[str]:
    out = [line.rstrip() for line in lines]
    while out and not out[-1]:
        out.pop()
    return out


def _run(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code],
        check=False,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        cwd=REPO,
        env={**os.environ, "PYTHONHASHSEED": "0", "PYTHONIOENCODING": "utf-8"},
    )


def _id(path: Path) -> str:
    return path.name


def test_chapters_exist():
    assert CHAPTERS, "no chapters/*.md found"


@pytest.mark.parametrize("path", CHAPTERS, ids=_id)
def test_python_blocks_print_their_output_block(path: Path):
    rel = path.relative_to(REPO)
    blocks = fences(path.read_text(encoding="utf-8"))
    failures: list[str] = []
    for index, block in enumerate(blocks):
        if block.language != "python" or "no-run" in block.info.split()[1:]:
            continue
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        has_output = following is not None and following.language == "output"
        expected = _normalise(following.lines) if has_output else []
        try:
            result = _run("\n".join(block.lines) + "\n")
        except subprocess.TimeoutExpired:
            failures.append(f"{rel}:{block.line}: timed out after {TIMEOUT} s")
            continue
        if result.returncode != 0:
            failures.append(f"{rel}:{block.line}: exited with {result.returncode}\n{result.stderr}")
            continue
        actual = _normalise(result.stdout.splitlines())
        if actual != expected:
            where = f"output block at line {following.line}" if has_output else "no output block"
            diff = "\n".join(difflib.unified_diff(
                expected, actual, f"{rel}:{block.line} ({where})", "printed", lineterm=""))
            failures.append(f"{rel}:{block.line}: printed output differs\n{diff}")
    assert not failures, "\n\n".join(failures)


@pytest.mark.parametrize("path", CHAPTERS, ids=_id)
def test_output_blocks_follow_a_python_block(path: Path):
    rel = path.relative_to(REPO)
    lines = path.read_text(encoding="utf-8").splitlines()
    blocks = fences("\n".join(lines))
    bad = []
    for index, block in enumerate(blocks):
        if block.language != "output":
            continue
        before = blocks[index - 1] if index else None
        if before is None or before.info != "python":
            bad.append(f"{rel}:{block.line}: ```output block does not follow "
                       "a runnable ```python block")
        elif any(text.strip() for text in lines[before.end:block.line - 1]):
            bad.append(f"{rel}:{block.line}: text between the ```python block "
                       f"(line {before.line}) and its ```output block")
    assert not bad, "\n".join(bad)


@pytest.mark.parametrize("path", CHAPTERS, ids=_id)
def test_code_lines_fit_the_reader(path: Path):
    rel = path.relative_to(REPO)
    long = [f"{rel}:{block.line + 1 + offset}: {len(line)} characters"
            for block in fences(path.read_text(encoding="utf-8"))
            for offset, line in enumerate(block.lines)
            if len(line) > MAX_CODE_LINE]
    assert not long, f"code lines over {MAX_CODE_LINE} characters:\n" + "\n".join(long)
