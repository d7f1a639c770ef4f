"""The layering is kept by tests: the core never imports Textual, start-up never waits for SymPy."""

from __future__ import annotations

import pkgutil
import re
import subprocess
import sys
from pathlib import Path

import linalg_tutor

REPO = Path(__file__).resolve().parent.parent
FORBIDDEN = re.compile(r"(?<![\w])(eval|exec|sympify|parse_expr|S)\(")
FRONT_ENDS = ("linalg_tutor.tui", "linalg_tutor.cli", "linalg_tutor.__main__")


def core_modules() -> list[str]:
    names = []
    for info in pkgutil.walk_packages(linalg_tutor.__path__, "linalg_tutor."):
        if not info.name.startswith(FRONT_ENDS):
            names.append(info.name)
    return sorted(names)


def _run(code: str) -> str:
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, timeout=120)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_core_modules_are_found():
    names = core_modules()
    for expected in ("linalg_tutor.content.loader", "linalg_tutor.grading.parser",
                     "linalg_tutor.progress.store", "linalg_tutor.steps.registry"):
        assert expected in names


def test_core_never_imports_textual():
    modules = core_modules()
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "from linalg_tutor.steps import registry\n"
        "registry.operations()\n"  # the family modules are loaded lazily: load them too
        "print(sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.')))\n"
    )
    assert _run(code) == "[]"


def test_first_screen_does_not_load_sympy_or_numpy():
    code = (
        "import sys\n"
        "from linalg_tutor.tui.app import TutorApp\n"
        "from linalg_tutor.tui.screens.home import HomeScreen\n"
        "app = TutorApp(warm_up=False)\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'sympy', 'numpy'}))\n"
    )
    assert _run(code) == "[]"


def test_no_eval_on_learner_input_in_the_package():
    offenders = []
    for path in (REPO / "linalg_tutor").rglob("*.py"):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            stripped = line.split("#")[0]
            if FORBIDDEN.search(stripped) and "# safe:" not in line:
                    offenders.append(f"{path.relative_to(REPO)}:{number}: {line.strip()}")
    assert offenders == []
