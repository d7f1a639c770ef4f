"""The errors raised while reading learner input.

Every problem the parser can find is a :class:`ParseError` subclass, so callers need one
``except ParseError`` to turn any bad input into feedback. The message is written for the
learner (it is shown under the answer box as is); the subclass and ``position`` are for code.

``ParseError`` derives from :class:`ValueError` because bad input *is* a bad value: generic
code that already handles ``ValueError`` keeps working.
"""

from __future__ import annotations


class ParseError(ValueError):
    """Learner input that could not be read, with a learner-facing explanation.

    Attributes:
        message: The explanation, one or two plain sentences.
        position: 0-based character index in the input where the problem was found, or
            ``None`` when it concerns the input as a whole (e.g. its length).
    """

    def __init__(self, message: str, position: int | None = None) -> None:
        super().__init__(message, position)
        self.message = message
        self.position = position

    def __str__(self) -> str:
        if self.position is None:
            return self.message
        # Learners count characters from 1.
        return f"{self.message} (at character {self.position + 1})"

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.message!r}, position={self.position!r})"


class InputTooLong(ParseError):
    """The input is longer than :attr:`Limits.max_length`."""


class NumberTooLarge(ParseError):
    """A literal has too many digits, or a result would be an unreasonably large number."""


class ExponentTooLarge(ParseError):
    """A power (or ``exp``, scientific notation) would produce an enormous number."""


class NestingTooDeep(ParseError):
    """Brackets or operators nested more deeply than :attr:`Limits.max_depth`."""


class UnknownName(ParseError):
    """An identifier that is not a number, constant, function or allowed variable.

    Attributes:
        name: The identifier as typed.
        allowed: The names that *are* allowed here, for the message and for hints.
    """

    def __init__(self, name: str, position: int | None, allowed: tuple[str, ...], hint: str = "") -> None:
        shown = name if len(name) <= 30 else name[:27] + "…"
        message = f"I don't know the name '{shown}'."
        if hint:
            message += f" {hint}"
        if allowed:
            message += " Names you can use here: " + ", ".join(allowed) + "."
        super().__init__(message, position)
        self.name = name
        self.allowed = allowed


class UnexpectedCharacter(ParseError):
    """A character that has no meaning in a maths answer (quotes, ``=``, ``{`` …)."""


class SyntaxProblem(ParseError):
    """The pieces are all valid but do not fit together: ``2 +``, ``(1``, ``[1, ]``."""


class ShapeError(ParseError):
    """Matrix or vector sizes that do not fit: ragged rows, ``A + B`` of different sizes,
    an index out of range, a matrix where a number is needed."""


class MathError(ParseError):
    """A value that is undefined or cannot be computed: division by zero, ``log(0)``,
    inverting a singular matrix."""


class NotAValue(ParseError):
    """A calculation typed where the exercise asks for its value (``3*6 - 8*4`` for a determinant)."""


class WrongShape(ParseError):
    """A number where a vector was asked for, a matrix where a number was, and so on."""
