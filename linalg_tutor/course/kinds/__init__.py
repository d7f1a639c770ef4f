"""The answer kinds: one registered object per kind, found by name everywhere.

An answer kind is one spec model (what its ``answer:`` in YAML holds), one grader, the
content checks ``validate`` runs, and one text encoding of an answer (what ``check ID ANSWER``
takes and what an attempt stores). The input widget of each kind lives in the TUI
(``linalg_tutor.tui.answers``), registered there under the same name, since the core never
imports Textual. The loader, the grader, the CLI and the exercise screen all find kinds
through :func:`get`; none of them compares kind names.

Adding a kind: a module here that builds an :class:`AnswerKind` and passes it to
:func:`register`, its name in :data:`_MODULES`, and a widget in ``tui/answers/``.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable

if TYPE_CHECKING:  # pragma: no cover
    from linalg_tutor.content.models import AnswerSpec
    from linalg_tutor.course.instance import ExerciseInstance
    from linalg_tutor.grading.verdict import Verdict

#: The modules that register the built-in kinds, in the order `show` lists them.
_MODULES = ("value", "expression", "direction", "choice", "line", "order", "code")

_KINDS: dict[str, "AnswerKind"] = {}
_loaded = False


@dataclass(frozen=True)
class AnswerKind:
    """Everything the core knows about one kind of answer.

    Attributes:
        name: The ``kind:`` in YAML (``value``, ``choice`` …).
        spec: The pydantic model of its ``answer:`` mapping.
        grade: ``(instance, text) → Verdict``; never raises on learner text.
        check: ``instance → [problem, …]``: what ``validate`` reports for an author.
        describe: ``instance → text``: the answer part as a learner sees it, for ``show``
            (choices numbered, code with line numbers, items with letters).
        encoding: One line saying how an answer is written as text (``check ID ANSWER``).
        data: ``instance → dict``: what ``show --json`` adds about the answer part.
        preview: ``(instance, text) → line`` shown under a text box while typing, or None.
        reveal: ``instance → text`` shown with the derivation when the learner asks for it
            (a solution, the fix, the right order), or None.
        from_file: Answers are long (code): ``check`` takes them with ``--file``.
    """

    name: str
    spec: type["AnswerSpec"]
    grade: Callable[["ExerciseInstance", str], "Verdict"]
    check: Callable[["ExerciseInstance"], list[str]]
    describe: Callable[["ExerciseInstance"], str]
    encoding: str
    data: Callable[["ExerciseInstance"], dict[str, Any]] = field(default=lambda instance: {})
    preview: Callable[["ExerciseInstance", str], str] | None = None
    reveal: Callable[["ExerciseInstance"], str] | None = None
    from_file: bool = False


def register(kind: AnswerKind) -> AnswerKind:
    """Add ``kind`` to the registry (a second kind of the same name is a programming error)."""
    if kind.name in _KINDS and _KINDS[kind.name] is not kind:
        raise ValueError(f"answer kind {kind.name!r} is registered twice")
    _KINDS[kind.name] = kind
    return kind


def _load() -> None:
    global _loaded
    if not _loaded:
        for module in _MODULES:
            importlib.import_module(f"{__name__}.{module}")
        _loaded = True


def get(name: str) -> AnswerKind:
    """The kind called ``name``; KeyError if there is none."""
    _load()
    return _KINDS[name]


def all_kinds() -> list[AnswerKind]:
    _load()
    return list(_KINDS.values())


def specs() -> dict[str, type["AnswerSpec"]]:
    """Kind name → spec model: what the content loader validates answers against."""
    _load()
    return {name: kind.spec for name, kind in _KINDS.items()}
