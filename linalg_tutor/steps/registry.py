"""The table of operations the step engine offers.

Each family module (``determinants``, ``eigen`` …) registers its operations with
:func:`operation`. The CLI ``steps`` command, its ``--help``, the TUI scratchpad and the
exercise "show derivation" all read this one table, so adding an operation touches one module.

A family whose names clash with another's (two operations, or an alias, claiming the same
name) is left out whole, with a warning naming both registrants and a note in :func:`problems`:
one family's slip must not take every other operation away from the CLI and the scratchpad.
"""

from __future__ import annotations

import importlib
import warnings
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
    "training",
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
        default: For an optional slot, the text used when the learner leaves it out, written as
            a learner would type it (``"1"``, ``"[0,0]"``). The runner parses it with the same safe
            parser and kind check as typed input (:func:`linalg_tutor.course.scratchpad.parse_input`), so
            it must be a string, never a SymPy object. ``None`` means the operation itself receives
            ``None`` and picks its own default (e.g. "the row with most zeros").
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
#: Family → why its operations are unavailable (see :func:`problems`).
_PROBLEMS: dict[str, str] = {}
_loaded = False

#: The package the family modules live in.
_PACKAGE = "linalg_tutor.steps"


class RegistrationError(ValueError):
    """An operation's name or alias is already taken, or is not written as :func:`get` looks it up."""


def _where(func: Callable[..., Derivation]) -> str:
    return f"{func.__module__}.{func.__qualname__}"


def _holder(key: str) -> str | None:
    """Who already claims ``key``, in words, or None."""
    if key in _REGISTRY:
        return f"operation {key!r} of {_where(_REGISTRY[key].func)}"
    if key in _ALIASES:
        op = _REGISTRY[_ALIASES[key]]
        return f"alias {key!r} of operation {op.name!r} ({_where(op.func)})"
    return None


def operation(name: str, summary: str, inputs: tuple[Input, ...] | list[Input],
              aliases: tuple[str, ...] = ()) -> Callable[[Callable[..., Derivation]], Callable[..., Derivation]]:
    """Decorator registering ``func`` as operation ``name``.

    The function receives one argument per input slot (already parsed into SymPy objects,
    or ``None`` for an omitted optional slot without a default) and returns a
    :class:`Derivation`. Raises :class:`RegistrationError` naming both registrants when the name
    or an alias is taken.
    """

    def register(func: Callable[..., Derivation]) -> Callable[..., Derivation]:
        keys = (name, *aliases)
        for key in keys:
            kind = "name" if key == name else "alias"
            if key != key.strip().lower() or not key:
                raise RegistrationError(f"{_where(func)}: {kind} {key!r} must be lowercase without "
                                        "surrounding spaces, as `get` looks names up")
            holder = _holder(key)
            if holder is not None:
                raise RegistrationError(f"{_where(func)} registers {kind} {key!r}, "
                                        f"already taken by {holder}")
        if len(set(keys)) != len(keys):
            raise RegistrationError(f"{_where(func)} lists a name twice in {keys!r}")
        family = func.__module__.rsplit(".", 1)[-1]
        _REGISTRY[name] = Operation(name, summary, tuple(inputs), func, tuple(aliases), family)
        for alias in aliases:
            _ALIASES[alias] = name
        return func

    return register


def _forget(family: str) -> None:
    """Unregister what ``family`` registered before its import failed."""
    for key in [k for k, op in _REGISTRY.items() if op.family == family]:
        del _REGISTRY[key]
    for alias in [a for a, target in _ALIASES.items() if target not in _REGISTRY]:
        del _ALIASES[alias]


def _load() -> None:
    global _loaded
    if _loaded:
        return
    _loaded = True
    for family in FAMILIES:
        module = f"{_PACKAGE}.{family}"
        try:
            importlib.import_module(module)
        except ModuleNotFoundError as exc:  # a family not written yet must not break the others
            if exc.name != module:
                _forget(family)
                _loaded = False
                raise
        except RegistrationError as exc:
            _forget(family)
            _PROBLEMS[family] = f"the {family} operations are unavailable: {exc}"
            warnings.warn(_PROBLEMS[family], RuntimeWarning, stacklevel=3)
        except BaseException:
            # Anything else is a bug to see, on every call: without the half-registered family,
            # the next call imports it afresh and fails the same way instead of meeting its own names.
            _forget(family)
            _loaded = False
            raise


def problems() -> dict[str, str]:
    """Families left out of the table, each with the reason (empty when all loaded)."""
    _load()
    return dict(_PROBLEMS)


def operations() -> list[Operation]:
    """Every registered operation in curriculum order: family by family as :data:`FAMILIES` lists them.

    Sorted rather than taken in registration order, which depends on which family module some
    caller happened to import first.
    """
    _load()
    rank = {f"{__package__}.{family}": i for i, family in enumerate(FAMILIES)}
    ordered = sorted(enumerate(_REGISTRY.values()), key=lambda p: (rank.get(p[1].func.__module__, len(rank)), p[0]))
    return [op for _, op in ordered]


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
        missing = "".join(f" Note: {why}." for why in _PROBLEMS.values())
        raise KeyError(f"unknown operation {name!r}.{hint} `linalg-tutor steps --help` lists them."
                       + missing) from None
