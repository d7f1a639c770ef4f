"""The layering is kept by tests: imports point one way, the core never imports Textual, start-up
never waits for SymPy.

The layers, bottom up (docs/ARCHITECTURE.md draws them):

    mathtext                                  exact-number text; imports nothing of ours
    content · grading · steps · progress      side by side, each independent of the others
    report                                    progress reports, built from progress data
    sandbox                                   runs learner code in a limited child process
    course                                    ties exercises to grading and the step engine
    tui · cli                                 the front ends

``paths`` (where content and progress live) and the package root may be used by any layer.
"""

from __future__ import annotations

import ast
import pkgutil
import re
import subprocess
import sys
from pathlib import Path

import linalg_tutor

REPO = Path(__file__).resolve().parent.parent
FORBIDDEN = re.compile(r"(?<![\w])(eval|exec|sympify|parse_expr|lambdify|S)\(")
FRONT_ENDS = ("linalg_tutor.tui", "linalg_tutor.cli", "linalg_tutor.__main__")


#: What each package may import of ours (besides itself, ``linalg_tutor`` and ``linalg_tutor.paths``).
ALLOWED: dict[str, set[str]] = {
    "mathtext": set(),
    "content": {"mathtext"},
    "grading": {"mathtext"},
    "steps": {"mathtext"},
    "progress": {"mathtext"},
    "report": {"mathtext", "progress"},  # reports are built from progress data
    "sandbox": {"mathtext"},  # runs learner code in a child process
    "viz": {"mathtext"},  # the numbers behind each picture; no Textual, no plotext
    "course": {"mathtext", "content", "grading", "steps", "progress", "sandbox"},
}
FRONT_END_PACKAGES = {"tui", "cli", "__main__"}
BASE = {"paths", "__init__"}


def _imports(path: Path, root: Path = REPO) -> list[tuple[int, str]]:
    """Every module an import statement in ``path`` names (inside functions and TYPE_CHECKING too)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    package = ".".join(path.relative_to(root).parts[:-1])
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            out.append((node.lineno, module))
            # "from linalg_tutor import course" names a package too
            if module == "linalg_tutor":
                package_dir = root / "linalg_tutor"
                out.extend((node.lineno, f"linalg_tutor.{alias.name}") for alias in node.names
                           if (package_dir / alias.name).is_dir() or (package_dir / f"{alias.name}.py").is_file())
    return out


def _layer(module: str) -> str | None:
    parts = module.split(".")
    if parts[0] != "linalg_tutor":
        return None
    return parts[1] if len(parts) > 1 else "__init__"


def test_imports_point_one_way():
    offenders = []
    for path in sorted((REPO / "linalg_tutor").rglob("*.py")):
        rel = path.relative_to(REPO / "linalg_tutor")
        own = rel.parts[0].removesuffix(".py")
        if own in FRONT_END_PACKAGES or own in BASE:
            continue
        assert own in ALLOWED, f"{rel}: package {own!r} has no place in the layers of tests/test_layering.py"
        for line, module in _imports(path):
            layer = _layer(module)
            if layer is None or layer == own or layer in BASE:
                continue
            if layer not in ALLOWED[own]:
                offenders.append(f"linalg_tutor/{rel}:{line}: {own} imports {module}")
    assert offenders == []


def test_imports_inside_functions_and_relative_ones_are_read(tmp_path):
    folder = tmp_path / "linalg_tutor" / "grading"
    folder.mkdir(parents=True)
    bad = folder / "x.py"
    bad.write_text("def f():\n    from linalg_tutor.course import service\n    from ..steps import fmt\n")
    found = _imports(bad, tmp_path)
    assert (2, "linalg_tutor.course") in found and (3, "linalg_tutor.steps") in found
    assert {_layer(m) for _, m in found} == {"course", "steps"}


def test_grading_and_steps_do_not_know_each_other():
    assert "steps" not in ALLOWED["grading"] and "grading" not in ALLOWED["steps"]
    assert not ALLOWED["content"] & {"grading", "steps", "progress", "course"}


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
