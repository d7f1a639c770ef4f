"""Resource limits for reading learner input.

The parser builds exact SymPy values, and exact arithmetic is happy to spend minutes (or all
memory) on ``9^9^9^9``. Every limit here is checked *before* the expensive step it protects:
the length before tokenizing, digits before ``int()``, bracket depth while tokenizing, the
size of a power from logarithms before the power is built.

The defaults are generous for linear-algebra answers (a 20×20 matrix, 60-digit numbers) and
small enough that any input is read in milliseconds.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    """How much work one answer may ask for.

    Attributes:
        max_length: Characters in the whole input.
        max_digits: Digits in one number literal (mantissa of ``1.5e3`` included).
        max_exponent: Largest magnitude of a numeric exponent: of ``^``/``**``/superscripts,
            of the ``e`` in scientific notation, and of the argument of ``exp``.
        max_result_digits: Largest number of digits any exact intermediate value may have.
            Kept below CPython's 4300-digit int→str limit so every accepted value can be
            printed without raising.
        max_root_digits: Largest integer (in digits) whose root or fractional power is taken
            exactly: SymPy simplifies ``n^(1/k)`` by primality tests and trial factoring, whose
            cost grows steeply with the size of ``n`` (a 1000-digit root takes ~0.4 s).
        max_depth: Nesting depth of brackets and of operators that recurse (``-``, ``^``, ``√``).
        max_matrix_entries: Entries in one matrix or vector (400 = 20×20).
        max_matrix_power: Largest ``|k|`` in ``A^k`` for a square matrix ``A``.
        max_tower: How many exponentials with a *variable* exponent may be stacked
            (``x^x^x`` is 2). Towers cannot be bounded numerically, so they are counted.
        max_expression_size: Nodes in the final SymPy expression tree (summed over matrix
            entries); bounds the cost of printing and of comparing the answer.
    """

    max_length: int = 2000
    max_digits: int = 60
    max_exponent: int = 1000
    max_result_digits: int = 4000
    max_root_digits: int = 200
    max_depth: int = 50
    max_matrix_entries: int = 400
    max_matrix_power: int = 64
    max_tower: int = 3
    max_expression_size: int = 5000


#: The limits used when none are passed.
DEFAULT_LIMITS = Limits()
