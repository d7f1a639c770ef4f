"""Shared bookkeeping for row reduction and for the arithmetic lines around it.

Determinants by elimination, RREF, rank, solving, inverses and LU are all the same loop —
pick a pivot, maybe swap it up, subtract multiples of its row — with different stopping rules.
Writing that loop once keeps the wording identical everywhere (``R2 ← R2 − 2·R1``,
``multiplier 4 ÷ 2 = 2``), so a learner who has read one derivation can read them all.

The module also holds the small text builders every family needs: products with parenthesised
negatives and fractions, signed sums written with a real minus sign, dot-product lines, and
input validation that turns wrong shapes into :class:`BadInput` messages.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Literal, Sequence

import sympy
from sympy.core.sympify import _sympify as _strict_sympify  # strict: never parses strings

from linalg_tutor.steps.derivation import BadInput, Derivation, Step
from linalg_tutor.mathtext import fmt as _fmt
from linalg_tutor.mathtext.fmt import fmt, lead, sub

#: Largest matrix side we derive by hand; beyond it the derivation stops being readable.
MAX_SIZE = 6
#: Vectors may be a little longer than matrix sides (a dot product stays one line).
MAX_VECTOR = 10
#: The minus sign of arithmetic between terms (numbers keep fmt's own sign).
MINUS = "−"

PivotRule = Literal["first", "partial"]

PIVOT_RULE_FIRST = (
    "Pivot rule: in each column we take the first row (from the top) with a nonzero entry. "
    "We work with exact fractions, so there is no rounding error to fight and the "
    "'largest entry' rule that computers use (partial pivoting, see `lu`) is not needed."
)


# ---- input checks -------------------------------------------------------------------------


def as_sympy(value: Any) -> Any:
    """Numbers and SymPy objects to SymPy, refusing text.

    The engine's inputs come from the safe parser (or from tests as Python numbers); a string
    here would mean something skipped the parser, and SymPy's string parsing uses ``eval``.
    """
    if isinstance(value, str):
        raise BadInput("the step engine takes parsed values, not text; type it into the scratchpad or CLI")
    try:
        return _strict_sympify(value)
    except (sympy.SympifyError, TypeError) as error:
        raise BadInput(f"not a number or matrix: {value!r}") from error


def _exact(value: Any) -> Any:
    """Floats become the rationals they were typed as: the derivations are exact."""
    value = as_sympy(value)
    if value.has(sympy.Float):
        return sympy.nsimplify(value, rational=True)
    return value


def _roots(entry: Any) -> set[Any] | None:
    """The square roots (and i) an entry is built from, or None if it uses anything else."""
    found: set[Any] = set()
    for node in sympy.preorder_traversal(entry):
        if node is sympy.I:
            found.add(node)
        elif node.is_Pow:
            if not (node.base.is_Integer and node.exp == sympy.S.Half):
                return None
            found.add(node)
        elif not (node.is_Rational or node.is_Add or node.is_Mul):
            return None
    return found


def check_field(matrix: sympy.Matrix, name: str, operation: str, *, rational: bool = False) -> None:
    """Keep row reduction exact *and* quick: fractions plus at most one kind of root.

    Dividing by a + b√d needs one conjugate; mixing √2, √3 and i makes every division multiply
    out a tower of conjugates, which is slow and unreadable by hand. ``rational`` is for
    factorisations that take square roots themselves (QR, Cholesky): on fractions those roots
    stay simple surds.
    """
    roots: set[Any] = set()
    for entry in matrix:
        found = _roots(entry)
        if found is None:
            raise BadInput(f"{operation} works with fractions and square roots; {name} contains "
                           f"{fmt(entry)}")
        roots |= found
    if rational and roots:
        raise BadInput(f"{operation} works with fractions here (it takes square roots itself); "
                       f"{name} contains {', '.join(sorted(fmt(r) for r in roots))}")
    if len(roots) > 1:
        names = sorted(fmt(r) for r in roots)
        raise BadInput(f"{operation} by hand handles fractions with at most one kind of root "
                       f"(only √2, say, or only i); {name} mixes "
                       f"{', '.join(names[:-1])} and {names[-1]}")


def matrix_arg(value: Any, name: str, operation: str, *, square: bool = False,
               numeric: bool = True, rational: bool = False,
               max_size: int = MAX_SIZE) -> sympy.Matrix:
    """Validate a matrix input and return an exact mutable copy.

    ``numeric`` refuses symbols: row reduction must decide whether each pivot is zero, and an
    entry like ``a`` could be either. It also limits entries to what :func:`check_field`
    accepts; ``rational`` (QR, Cholesky) allows fractions only.
    """
    if not getattr(value, "is_Matrix", False):
        raise BadInput(f"{operation} needs a matrix for {name}, e.g. [[1,2],[3,4]]; got {fmt(value)}")
    matrix = sympy.Matrix(value).applyfunc(_exact)
    rows, cols = matrix.shape
    if rows == 0 or cols == 0:
        raise BadInput(f"{operation} needs a non-empty matrix for {name}")
    if rows > max_size or cols > max_size:
        raise BadInput(f"{operation} works by hand on matrices up to {max_size}×{max_size} "
                       f"(bigger ones make an unreadable derivation); {name} is {rows}×{cols}")
    if square and rows != cols:
        raise BadInput(f"{operation} needs a square matrix; {name} is {rows}×{cols}")
    if numeric:
        for entry in matrix:
            if not entry.is_number:
                raise BadInput(f"{operation} needs numbers in {name}: row reduction must know "
                               f"whether each pivot is zero, and {fmt(entry)} could be")
        check_field(matrix, name, operation, rational=rational)
    return matrix


def vector_arg(value: Any, name: str, operation: str, *, numeric: bool = True,
               max_size: int = MAX_VECTOR) -> sympy.Matrix:
    """Validate a vector input (a column or a row) and return it as an exact column."""
    if not getattr(value, "is_Matrix", False):
        raise BadInput(f"{operation} needs a vector for {name}, e.g. [1,2,3]; got {fmt(value)}")
    rows, cols = value.shape
    if min(rows, cols) != 1:
        raise BadInput(f"{operation} needs a vector for {name}; got a {rows}×{cols} matrix")
    column = sympy.Matrix(list(value)).applyfunc(_exact)
    if column.rows > max_size:
        raise BadInput(f"{operation} works by hand on vectors of up to {max_size} entries; "
                       f"{name} has {column.rows}")
    if numeric:
        for entry in column:
            if not entry.is_number:
                raise BadInput(f"{operation} needs numbers in {name}; {fmt(entry)} is not one")
        check_field(column, name, operation)
    return column


def int_arg(value: Any, name: str, operation: str, low: int, high: int) -> int:
    """An integer slot (a row number…) checked against its range, 1-based as the learner counts."""
    try:
        number = as_sympy(value)
    except BadInput:
        number = None
    if number is None or not getattr(number, "is_Integer", False):
        raise BadInput(f"{operation} needs a whole number for {name}; got {fmt(value)}")
    if not low <= int(number) <= high:
        raise BadInput(f"{operation}: {name} must be between {low} and {high}; got {int(number)}")
    return int(number)


# ---- exact arithmetic -----------------------------------------------------------------------


def _is_plain(expr: Any) -> bool:
    """Only rationals, surds of rationals, sums and products: ``expand`` is canonical for these."""
    for node in sympy.preorder_traversal(expr):
        if node.is_Function or (node.is_Pow and not (node.base.is_Rational and node.exp.is_Rational)):
            return False
    return True


def clean(value: Any) -> Any:
    """Put an entry in simplest exact form without paying for ``simplify`` when it is not needed.

    Rationals are already simplest. Sums of rational multiples of surds and i (everything QR
    and Cholesky produce from rational input) are canonical once expanded, because SymPy
    reduces each root to a square-free form and such roots are linearly independent over the
    rationals. A quotient of such sums becomes one after rationalising the denominator
    (``radsimp``), which is many times cheaper than ``simplify``; anything else gets ``simplify``.
    """
    if getattr(value, "is_Rational", False):
        return value
    value = as_sympy(value)
    expanded = sympy.expand(value)
    if expanded.is_Rational or _is_plain(expanded):
        return expanded
    numerator, denominator = (sympy.expand(part) for part in sympy.fraction(sympy.together(expanded)))
    rationalised = sympy.expand(sympy.radsimp(numerator / denominator))
    if _is_plain(rationalised):
        return rationalised
    return sympy.simplify(value)


def is_zero(value: Any) -> bool:
    """Exact zero test that also sees through unsimplified surds such as √2·√2 − 2."""
    if getattr(value, "is_Rational", False):
        return value == 0
    return clean(value) == 0


def all_zero(matrix: sympy.Matrix) -> bool:
    """Exact test that every entry is 0, e.g. of A·x − b: checks must survive surds too."""
    return all(is_zero(x) for x in matrix)


def require_real(matrix: sympy.Matrix, name: str, operation: str) -> None:
    """Refuse complex entries where the real formula (Aᵀ, not the conjugate Aᴴ) is taught."""
    if any(x.is_real is False for x in matrix):
        raise BadInput(f"{operation} here works with real numbers; {name} has a complex entry")


def is_negative(value: Any) -> bool:
    """Whether the value is written with a leading minus (so a sum shows ``− 3``, not ``+ -3``)."""
    return bool(as_sympy(value).could_extract_minus_sign())


# ---- text builders ------------------------------------------------------------------------


#: A value as a factor of a product: negatives, fractions and sums get brackets (``2·(−3)``).
factor = _fmt.paren

#: A value written after ``+`` or ``−``: negatives and sums get brackets (``3 − (−2)``).
term = _fmt.term


def join_signed(items: Iterable[tuple[bool, str]]) -> str:
    """``[(False, "24"), (False, "10"), (True, "12")]`` → ``24 + 10 − 12``."""
    out = ""
    for k, (negative, text) in enumerate(items):
        if k == 0:
            out = f"{MINUS}{text}" if negative else text
        else:
            out += f" {MINUS} {text}" if negative else f" + {text}"
    return out


def signed_sum(values: Sequence[Any]) -> str:
    """A sum of values written with real minus signs: ``24 + 10 − 12``."""
    if not values:
        return "0"
    items = []
    for k, v in enumerate(values):
        if k == 0:
            items.append((False, lead(v)))  # ``−6 + 4``: a first term keeps its own sign
        elif is_negative(v):
            items.append((True, term(-v)))
        else:
            items.append((False, term(v)))
    return join_signed(items)


def chain(name: str, *parts: str) -> str:
    """``name = p1 = p2 = …`` without repeating a part equal to the one before it."""
    kept: list[str] = []
    for part in parts:
        if not kept or kept[-1] != part:
            kept.append(part)
    return f"{name} = " + " = ".join(kept) if name else " = ".join(kept)


def dot_line(name: str, left: Sequence[Any], right: Sequence[Any]) -> tuple[str, Any]:
    """``C₁₂ = 1·6 + 2·8 = 6 + 16 = 22``: a dot product with every product and the sum shown."""
    products = [sympy.expand(a * b) for a, b in zip(left, right)]
    total = clean(sympy.expand(sum(products, sympy.Integer(0))))
    written = " + ".join(f"{factor(a)}·{factor(b)}" for a, b in zip(left, right))
    return chain(name, written, signed_sum(products), fmt(total)), total


def combo(coeffs: Sequence[Any], names: Sequence[str]) -> str:
    """A linear combination ``2·x₁ − x₂ + (1/2)·x₃``; zero coefficients are left out."""
    items = []
    for c, name in zip(coeffs, names):
        if is_zero(c):
            continue
        negative = is_negative(c)
        size = -c if negative else c
        items.append((negative, name if size == 1 else f"{factor(size)}·{name}"))
    return join_signed(items) or "0"


def columns_text(indices: Iterable[int], word: str = "column") -> str:
    """``[0]`` → ``column 1``; ``[0, 2]`` → ``columns 1 and 3``."""
    indices = list(indices)
    return f"{word}{'s' if len(indices) > 1 else ''} {listing(indices)}"


def two_by_two(M: sympy.Matrix) -> tuple[str, str, Any]:
    """``ad − bc`` with the numbers in (``4·6 − 5·0``), the products (``24 − 0``) and the value."""
    a, b, c, e = M[0, 0], M[0, 1], M[1, 0], M[1, 1]
    ad, bc = sympy.expand(a * e), sympy.expand(b * c)
    value = sympy.expand(ad - bc)
    formula = f"{factor(a)}·{factor(e)} {MINUS} {factor(b)}·{factor(c)}"
    return formula, f"{lead(ad)} {MINUS} {term(bc)}", value


def integer_vector(v: sympy.Matrix) -> sympy.Matrix:
    """``v`` scaled by the lcm of its denominators: same direction, easier to check by hand."""
    if any(not x.is_Rational for x in v):
        return v
    return v * sympy.ilcm(*[x.q for x in v], 1)


#: ``3²``, ``(−3)²``, ``(√2)²``, ``(1/2)²``: brackets whenever the square could be misread.
squared = _fmt.squared


def vec(values: Iterable[Any]) -> str:
    """A vector inline: ``[1, -2, 3/4]``."""
    return "[" + ", ".join(fmt(v) for v in values) + "]"


def inline(matrix: sympy.Matrix) -> str:
    """A small matrix inline as the learner writes a determinant: ``|4 5; 0 6|``."""
    rows = ["  ".join(fmt(x) for x in matrix.row(i)) for i in range(matrix.rows)]
    return "|" + "; ".join(rows) + "|"


def entry_name(letter: str, i: int, j: int) -> str:
    """``entry_name("a", 0, 1)`` → ``a₁₂`` (indices are 0-based in, 1-based out)."""
    return f"{letter}{sub(f'{i + 1}{j + 1}')}"


def var_names(n: int, letter: str = "x") -> list[str]:
    return [f"{letter}{sub(k + 1)}" for k in range(n)]


def listing(numbers: Sequence[int]) -> str:
    """``[0, 2]`` → ``1 and 3`` (0-based in, 1-based out)."""
    words = [str(k + 1) for k in numbers]
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


# ---- row operations -----------------------------------------------------------------------


def swap_text(i: int, j: int) -> str:
    return f"R{i + 1} ↔ R{j + 1}"


def scale_text(i: int, c: Any) -> str:
    return f"R{i + 1} ← {factor(c)}·R{i + 1}"


def subtract_text(target: int, source: int, multiple: Any) -> str:
    """``R2 ← R2 − 2·R1`` (a negative multiple reads as ``R2 ← R2 + 3·R1``)."""
    sign = MINUS
    if is_negative(multiple):
        sign, multiple = "+", -multiple
    times = "" if multiple == 1 else f"{factor(multiple)}·"
    return f"R{target + 1} ← R{target + 1} {sign} {times}R{source + 1}"


class RowReducer:
    """A matrix under row reduction that writes every operation into the current step.

    Args:
        matrix: The starting matrix (copied; the caller's matrix is never changed).
        augment: Column index of the ``│`` bar for ``[A | b]`` or ``[A | I]`` displays.
        swap_note: Optional remark beside each swap, given the two rows (0-based) and the number
            of swaps so far: det notes the sign flip, LU the bookkeeping in P and L.
    """

    def __init__(self, matrix: sympy.Matrix, augment: int | None = None,
                 swap_note: Callable[[int, int, int], str] | None = None) -> None:
        self.M = sympy.Matrix(matrix)
        self.augment = augment
        self.swaps = 0
        self.swap_note = swap_note

    @property
    def rows(self) -> int:
        return self.M.rows

    def _show(self, step: Step, op: str, note: str = "") -> None:
        step.show(f"after {op}", self.M.copy(), augment=self.augment, note=note)

    def swap(self, step: Step, i: int, j: int, note: str = "") -> None:
        self.M.row_swap(i, j)
        self.swaps += 1
        if self.swap_note and not note:
            note = self.swap_note(i, j, self.swaps)
        self._show(step, swap_text(i, j), note)

    def scale(self, step: Step, i: int, c: Any, note: str = "") -> None:
        self.M[i, :] = (c * self.M[i, :]).applyfunc(clean)
        self._show(step, scale_text(i, c), note)

    def subtract(self, step: Step, target: int, source: int, multiple: Any, note: str = "") -> None:
        self.M[target, :] = (self.M[target, :] - multiple * self.M[source, :]).applyfunc(clean)
        self._show(step, subtract_text(target, source, multiple), note)

    def clear(self, step: Step, target: int, pivot_row: int, col: int) -> Any:
        """Make the entry of ``target`` in ``col`` zero using the pivot row; returns the multiplier."""
        entry, pivot = self.M[target, col], self.M[pivot_row, col]
        multiple = clean(entry / pivot)
        self.subtract(step, target, pivot_row, multiple,
                      note=f"multiplier {factor(entry)} ÷ {factor(pivot)} = {fmt(multiple)}")
        return multiple


def find_pivot(matrix: sympy.Matrix, col: int, start: int, rule: PivotRule) -> int | None:
    """The row holding the pivot for ``col`` among rows ``start…``, or None if all are zero.

    ``first`` takes the topmost nonzero entry; ``partial`` the largest in absolute value
    (the topmost of equals, so ties never cause a needless swap).
    """
    candidates = [r for r in range(start, matrix.rows) if not is_zero(matrix[r, col])]
    if not candidates:
        return None
    if rule == "first":
        return candidates[0]
    best = candidates[0]
    for r in candidates[1:]:
        if bool(abs(matrix[r, col]) > abs(matrix[best, col])):
            best = r
    return best


def _bring_up_pivot(step: Step, red: RowReducer, col: int, row: int, found: int, rule: PivotRule) -> None:
    """Explain the pivot choice and swap the pivot row into place."""
    entry = red.M[found, col]
    if rule == "partial":
        head = (f"Largest |entry| in column {col + 1} (rows {row + 1}–{red.rows}) is "
                f"|{fmt(entry)}| = {fmt(abs(entry))} in row {found + 1}")
        if found == row:
            step.text(head + ": already in place, no swap.")
        else:
            step.text(head + f" → {swap_text(row, found)}.")
            red.swap(step, row, found)
        return
    if found == row:
        step.text(f"The entry in row {row + 1} is {fmt(entry)} ≠ 0, so it is the pivot.")
    else:
        step.text(f"The entry in row {row + 1} is 0, so we swap in row {found + 1}, the first row "
                  f"below with a nonzero entry ({fmt(entry)}) in column {col + 1}.")
        red.swap(step, row, found)


def _no_pivot_step(d: Derivation, col: int, row: int) -> Step:
    step = d.step(f"Column {col + 1}: no pivot")
    where = "in every row" if row == 0 else f"from row {row + 1} down"
    step.text(f"Column {col + 1} is 0 {where}, so it has no pivot.")
    return step


@dataclass
class Column:
    """What elimination did in one column (indices 0-based).

    ``pivot`` is None when the column had no pivot; ``swapped_from`` is the row the pivot came
    from when a swap was needed; ``multipliers`` maps each cleared row to its multiplier.
    """

    col: int
    row: int
    pivot: Any
    step: Step
    swapped_from: int | None = None
    multipliers: dict[int, Any] = field(default_factory=dict)


def eliminate_down(d: Derivation, red: RowReducer, *, ncols: int | None = None,
                   rule: PivotRule = "first", diagonal: bool = False, stop_on_missing: bool = False,
                   after_column: Callable[[Column], None] | None = None) -> list[Column]:
    """Forward elimination to echelon form, one step per column.

    Args:
        ncols: Only the first ``ncols`` columns may hold pivots (the ``A`` part of ``[A | b]``).
        rule: ``first`` nonzero entry or ``partial`` pivoting (largest absolute value).
        diagonal: Keep the pivot of column k in row k, skipping a column without a pivot
            (triangular form for det and LU). Otherwise the pivot row only advances when a
            pivot is found (echelon form for rank and solving).
        stop_on_missing: Stop at the first column without a pivot (det, where it means 0).
        after_column: Called with each :class:`Column` so a caller can annotate its step (LU).
    """
    ncols = red.M.cols if ncols is None else ncols
    columns: list[Column] = []
    row = 0
    for col in range(ncols):
        if diagonal:
            row = col
            if row >= red.rows - 1:  # the last diagonal entry has nothing below it to clear
                break
        elif row >= red.rows:
            break
        found = find_pivot(red.M, col, row, rule)
        if found is None:
            step = _no_pivot_step(d, col, row)
            info = Column(col, row, None, step)
            columns.append(info)
            if after_column:
                after_column(info)
            if stop_on_missing:
                break
            continue
        step = d.step(f"Column {col + 1}: pivot in row {row + 1}")
        _bring_up_pivot(step, red, col, row, found, rule)
        info = Column(col, row, red.M[row, col], step, None if found == row else found)
        below = list(range(row + 1, red.rows))
        zero_rows = [r for r in below if is_zero(red.M[r, col])]
        if not below:
            step.text("There are no rows below the pivot.")
        elif len(zero_rows) == len(below):
            step.text("Every entry below the pivot is already 0.")
        else:
            for r in below:
                if r not in zero_rows:
                    info.multipliers[r] = red.clear(step, r, row, col)
            if zero_rows:
                rows_word = "Row" if len(zero_rows) == 1 else "Rows"
                step.text(f"{rows_word} {listing(zero_rows)} already had 0 in column {col + 1}.")
        columns.append(info)
        if after_column:
            after_column(info)
        row += 1
    return columns


def gauss_jordan(d: Derivation, red: RowReducer, *, ncols: int | None = None,
                 stop_on_missing: bool = False) -> tuple[list[int], int | None]:
    """Gauss–Jordan elimination: each pivot scaled to 1 and cleared above and below.

    Returns the pivot columns and, when ``stop_on_missing`` stopped it, the column without a
    pivot (else None). Pivots are taken first-nonzero: exact arithmetic needs no partial pivoting.
    """
    ncols = red.M.cols if ncols is None else ncols
    pivots: list[int] = []
    row = 0
    for col in range(ncols):
        if row >= red.rows:
            break
        found = find_pivot(red.M, col, row, "first")
        if found is None:
            _no_pivot_step(d, col, row)
            if stop_on_missing:
                return pivots, col
            continue
        step = d.step(f"Column {col + 1}: pivot in row {row + 1}")
        _bring_up_pivot(step, red, col, row, found, "first")
        pivot = red.M[row, col]
        if pivot != 1:
            red.scale(step, row, clean(1 / pivot), note="make the pivot 1")
        others = [r for r in range(red.rows) if r != row and not is_zero(red.M[r, col])]
        for r in others:
            red.clear(step, r, row, col)
        if not others:
            step.text(f"Column {col + 1} is already 0 outside the pivot.")
        pivots.append(col)
        row += 1
    return pivots, None


def is_rref(matrix: sympy.Matrix) -> bool:
    """Structural test of reduced row echelon form, used as an independent verification."""
    last = -1
    seen_zero_row = False
    for i in range(matrix.rows):
        nonzero = [j for j in range(matrix.cols) if not is_zero(matrix[i, j])]
        if not nonzero:
            seen_zero_row = True
            continue
        lead = nonzero[0]
        if seen_zero_row or lead <= last or matrix[i, lead] != 1:
            return False
        if any(not is_zero(matrix[k, lead]) for k in range(matrix.rows) if k != i):
            return False
        last = lead
    return True


def same_span(first: Sequence[sympy.Matrix], second: Sequence[sympy.Matrix]) -> bool:
    """Whether two lists of column vectors span the same subspace (equal ranks, jointly too)."""
    def rank(vectors: Sequence[sympy.Matrix]) -> int:
        return sympy.Matrix.hstack(*vectors).rank() if vectors else 0

    r1, r2 = rank(first), rank(second)
    both = rank(list(first) + list(second))
    return r1 == r2 == both
