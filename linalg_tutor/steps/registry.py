"""The table of operations the step engine offers.

Each family module (``determinants``, ``eigen`` …) registers its operations with
:func:`operation`. The CLI ``steps`` command, its ``--help``, the TUI scratchpad and the
exercise "show derivation" all read this one table, so adding an operation touches one module.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Callable, Literal

from linalg_tutor.steps.derivation import Derivation

#: What kind of value an input slot takes; the front ends parse learner text accordingly.
InputKind = Literal["matrix", "vector", "scalar", "expression", "variables", "integer", "text"]

#: Family modules, imported on first use of the registry so that importing the package stays cheap.
FAMILIES = (
    "basics",
    "determinants",
    "elimination",
    "inverse",
    "decompositions",
    "eigen",
    "svd",
    "norms",
    "least_squares",
    "calculus",
    "pca",
)


@dataclass(frozen=True)
class Input:
    """One input slot of an operation.

    Args:
        name: Short name shown in help and the scratchpad (``"A"``, ``"b"``, ``"f"``).
        kind: The kind of value (see :data:`InputKind`).
        help: How to type it, e.g. ``"square matrix, [[1,2],[3,4]]"``.
        optional: Whether the slot may be left out.
        default: Text used when an optional slot is left out.
    """

    name: str
    kind: InputKind
    help: str
    optional: bool = False
    default: str | None = None


@dataclass(frozen=True)
class Operation:
    """A registered operation: its name, one-line summary, input slots and function."""

    name: str
    summary: str
    inputs: tuple[Input, ...]
    func: Callable[..., Derivation]
    aliases: tuple[str, ...] = ()
    family: str = ""


_REGISTRY: dict[str, Operation] = {}
_ALIASES: dict[str, str] = {}
_loaded = False


def operation(name: str, summary: str, inputs: tuple[Input, ...] | list[Input],
              aliases: tuple[str, ...] = ()) -> Callable[[Callable[..., Derivation]], Callable[..., Derivation]]:
    """Decorator registering ``func`` as operation ``name``.

    The function receives one argument per input slot (already parsed into SymPy objects,
    or ``None`` for an omitted optional slot) and returns a :class:`Derivation`.
    """

    def register(func: Callable[..., Derivation]) -> Callable[..., Derivation]:
        if name in _REGISTRY or name in _ALIASES:
            raise ValueError(f"operation {name!r} registered twice")
        family = func.__module__.rsplit(".", 1)[-1]
        _REGISTRY[name] = Operation(name, summary, tuple(inputs), func, tuple(aliases), family)
        for alias in aliases:
            _ALIASES[alias] = name
        return func

    return register


def _load() -> None:
    global _loaded
    if _loaded:
        return
    _loaded = True
    for family in FAMILIES:
        try:
            importlib.import_module(f"linalg_tutor.steps.{family}")
        except ModuleNotFoundError as exc:  # a family not written yet must not break the others
            if exc.name != f"linalg_tutor.steps.{family}":
                raise


def operations() -> list[Operation]:
    """Every registered operation, in registration (curriculum) order."""
    _load()
    return list(_REGISTRY.values())


def get(name: str) -> Operation:
    """The operation called ``name`` (or one of its aliases); KeyError with suggestions otherwise."""
    _load()
    key = name.strip().lower()
    key = _ALIASES.get(key, key)
    try:
        return _REGISTRY[key]
    except KeyError:
        import difflib

        close = difflib.get_close_matches(key, list(_REGISTRY) + list(_ALIASES), n=3)
        hint = f" Did you mean {', '.join(close)}?" if close else ""
        raise KeyError(f"unknown operation {name!r}.{hint} `linalg-tutor steps --help` lists them.") from None
