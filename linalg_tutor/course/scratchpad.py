"""Run a step-engine operation on text inputs, as typed on the command line or in the scratchpad.

Every input goes through the one safe reader (:func:`linalg_tutor.grading.reader.read`, never
``sympify``) with the shape the operation's input slot needs, so that a learner who types a
vector where a matrix is needed hears that, in those words, instead of meeting a SymPy traceback.
"""

from __future__ import annotations

import re
from typing import Any, Sequence

from linalg_tutor.steps import registry
from linalg_tutor.steps.derivation import Derivation

#: Variable names a learner may use in expressions for gradient, Jacobian and Hessian.
EXPRESSION_SYMBOLS = ("x", "y", "z", "w", "t", "u", "v", "s")


class InputError(ValueError):
    """An input could not be read, or is not of the kind the operation needs."""


#: What a ``text`` slot accepts (an einsum string such as ``ij,jk->ik``): letters, digits and a
#: few marks, kept as a string. Nothing in it is evaluated; the operation checks its own grammar.
_TEXT = re.compile(r"[A-Za-z0-9,.\->_ ]{1,40}")

#: The reader's shape for each kind of operation input.
#: A matrix slot also takes a vector (an n×1 matrix: x in W·x), which the operation then checks.
_SHAPES = {"matrix": "array", "vector": "vector", "scalar": "number", "integer": "number"}


def parse_input(text: str, slot: registry.Input) -> Any:
    """Parse one input for ``slot``; raises :class:`InputError` with a learner-facing message."""
    from linalg_tutor.grading.errors import ParseError
    from linalg_tutor.grading.reader import Expect, read

    if slot.kind == "text":
        stripped = text.strip()
        if not _TEXT.fullmatch(stripped):
            raise InputError(f"{slot.name}: type 1 to 40 letters, digits, commas or ->, "
                             f"e.g. ij,jk->ik; got {text[:40]!r}")
        return stripped
    expect = Expect(_SHAPES.get(slot.kind, "any"),  # type: ignore[arg-type]
                    variables=EXPRESSION_SYMBOLS if slot.kind == "expression" else ())
    try:
        parsed = read(text, expect)
    except ParseError as exc:
        raise InputError(f"{slot.name}: {exc}") from None
    value = parsed.value
    if slot.kind == "vector":
        return value.reshape(len(value), 1) if value.cols != 1 else value
    if slot.kind == "integer" and not getattr(value, "is_Integer", False):
        raise InputError(f"{slot.name} must be a whole number, not {text!r}")
    return value


def run(op_name: str, texts: Sequence[str]) -> Derivation:
    """Parse ``texts`` for operation ``op_name`` and return its derivation.

    Raises KeyError (unknown operation), InputError (unreadable or wrong-kind input),
    :class:`~linalg_tutor.steps.derivation.BadInput` and
    :class:`~linalg_tutor.steps.derivation.NotPossible` from the operation itself.
    """
    op = registry.get(op_name)
    required = [i for i in op.inputs if not i.optional]
    if len(texts) < len(required) or len(texts) > len(op.inputs):
        names = " ".join(f"[{i.name}]" if i.optional else i.name for i in op.inputs)
        raise InputError(f"`{op.name}` takes {names}; got {len(texts)} input{'s' if len(texts) != 1 else ''}. "
                         + "; ".join(f"{i.name}: {i.help}" for i in op.inputs))
    values = []
    for slot, text in zip(op.inputs, list(texts) + [None] * (len(op.inputs) - len(texts))):
        if text is None:
            values.append(parse_input(slot.default, slot) if slot.default is not None else None)
        else:
            values.append(parse_input(text, slot))
    return op.func(*values)
