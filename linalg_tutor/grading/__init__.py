"""Reading and grading learner answers, safely.

Learner text is read by a hand-written tokenizer and precedence-climbing parser
(:func:`parse`) that builds exact SymPy values directly — it never reaches ``eval``, ``exec``
or SymPy's string parser — under resource :class:`Limits` checked before any expensive work.
Answers are then compared with the expected value under a :class:`Tolerance` and the result
is a :class:`Verdict` with learner-facing feedback.

Importing this package is cheap: SymPy is only imported when something is parsed or graded.

Typical use::

    from linalg_tutor.grading import grade_expression, preview

    preview("5√2")                                  # 'reads as: 5√2 ≈ 7.0711'
    grade_expression("sqrt(2)", "1.414", "rel:0.001").correct   # True
"""

from linalg_tutor.grading.errors import (
    ExponentTooLarge,
    InputTooLong,
    MathError,
    NestingTooDeep,
    NumberTooLarge,
    ParseError,
    ShapeError,
    SyntaxProblem,
    UnexpectedCharacter,
    UnknownName,
)
from linalg_tutor.grading.grader import grade_expression, grade_value, preview
from linalg_tutor.grading.limits import DEFAULT_LIMITS, Limits
from linalg_tutor.grading.parser import Parsed, parse
from linalg_tutor.mathtext.tolerance import Tolerance, parse_tolerance
from linalg_tutor.grading.verdict import Verdict

__all__ = [
    "DEFAULT_LIMITS",
    "ExponentTooLarge",
    "InputTooLong",
    "Limits",
    "MathError",
    "NestingTooDeep",
    "NumberTooLarge",
    "ParseError",
    "Parsed",
    "ShapeError",
    "SyntaxProblem",
    "Tolerance",
    "UnexpectedCharacter",
    "UnknownName",
    "Verdict",
    "grade_expression",
    "grade_value",
    "parse",
    "parse_tolerance",
    "preview",
]
