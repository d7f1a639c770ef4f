"""Determinants by the formula, by cofactor expansion and by row reduction.

``det`` picks what a person would do with pencil and paper: the formula ad − bc for a 2×2,
cofactor expansion for a 3×3 or 4×4 (along the row with the most zeros, because each zero
entry deletes a whole minor from the work), and row reduction from 5×5 up, where cofactor
expansion would need 60 or more 2×2 determinants. ``det-rows`` and ``det-cofactor`` force a
method so a learner can compare them on the same matrix.
"""

from __future__ import annotations

from typing import Any

import sympy

from linalg_tutor.steps._rowops import (
    MINUS, PIVOT_RULE_FIRST, RowReducer, chain, eliminate_down, entry_name, factor,
    inline, int_arg, is_zero, join_signed, listing, matrix_arg, signed_sum, two_by_two,
)
from linalg_tutor.steps.derivation import BadInput, Derivation
from linalg_tutor.mathtext.fmt import fmt, sub, sup
from linalg_tutor.steps.registry import Input, operation

#: Cofactor expansion of an n×n needs n!/2 two-by-two determinants: 60 for 5×5, 360 for 6×6.
COFACTOR_MAX = 5
#: Up to this size ``det`` expands by cofactors; beyond it, row reduction is less work.
COFACTOR_AUTO_MAX = 4

_SQUARE_HELP = "square matrix, e.g. [[1,2,3],[0,4,5],[1,0,6]]"


def _minor_name(i: int, j: int) -> str:
    return f"M{sub(f'{i + 1}{j + 1}')}"


def _signs(row: int, n: int) -> str:
    return " ".join("+" if (row + j) % 2 == 0 else MINUS for j in range(n))


def _choose_row(M: sympy.Matrix) -> tuple[int, str, str]:
    """The row to expand along, a sentence saying why, and a short form for nested minors.

    The rule: the row with the most zeros (each zero entry removes a minor from the work),
    the first such row on ties. One exception: in a 3×3 a single extra zero only saves one
    2×2 minor, so row 1, with the + − + signs everyone remembers, is kept.
    """
    n = M.rows
    zeros = [sum(1 for x in M.row(i) if is_zero(x)) for i in range(n)]
    most = max(zeros)
    best = zeros.index(most)
    if most == 0:
        return 0, ("No row has a zero entry, so we expand along row 1 "
                   "(every row gives the same determinant)."), "row 1"
    if best == 0:
        return 0, (f"Row 1 has the most zeros ({most}), so {most} of its {n} terms vanish "
                   f"and their minors need not be computed."), "row 1, most zeros"
    if n == 3 and most - zeros[0] == 1:
        tied = [i for i in range(n) if zeros[i] == most]
        who = f"Row {tied[0] + 1} has" if len(tied) == 1 else f"Rows {listing(tied)} each have"
        return 0, (f"{who} one zero more than row 1, but in a 3×3 that saves only a single 2×2 "
                   f"minor, so we keep row 1 and its familiar + − + signs."), "row 1"
    skipped = "one term vanishes" if most == 1 else f"{most} terms vanish"
    return best, (f"Row {best + 1} has the most zeros ({most}): {skipped}, so only {n - most} of "
                  f"the {n} minors need computing."), f"row {best + 1}, most zeros"


def _expansion_lines(name: str, M: sympy.Matrix, indent: str = "") -> tuple[list[str], Any]:
    """Lines expanding the determinant ``name`` of a k×k matrix (k ≥ 2), nested minors inline."""
    if M.rows == 2:
        formula, products, value = two_by_two(M)
        return [indent + chain(name, formula, products, fmt(value))], value
    row, _, why = _choose_row(M)
    lines = [f"{indent}{name}: expand along its {why}, signs {_signs(row, M.rows)}:"]
    values = []
    for j in range(M.cols):
        a = M[row, j]
        sign = "+" if (row + j) % 2 == 0 else MINUS
        sub_minor = M.minor_submatrix(row, j)
        if is_zero(a):
            lines.append(f"{indent}   {sign} 0·{inline(sub_minor)} → 0 (the entry is 0)")
            continue
        signed = 1 if sign == "+" else -1
        if sub_minor.rows == 2:
            formula, products, minor = two_by_two(sub_minor)
            value = sympy.expand(signed * a * minor)
            lines.append(f"{indent}   {sign} {factor(a)}·{inline(sub_minor)} = "
                         f"{sign} {factor(a)}·({formula}) = {sign} {factor(a)}·{factor(minor)} = {fmt(value)}")
        else:
            nested, minor = _expansion_lines(inline(sub_minor), sub_minor, indent + "      ")
            lines.append(f"{indent}   {sign} {factor(a)}·{inline(sub_minor)}, where")
            lines.extend(nested)
            value = sympy.expand(signed * a * minor)
            lines.append(f"{indent}     so this term is {sign} {factor(a)}·{factor(minor)} = {fmt(value)}")
        values.append(value)
    total = sympy.expand(sum(values, sympy.Integer(0)))
    lines.append(indent + chain(name, signed_sum(values), fmt(total)))
    return lines, total


def _check_against_sympy(d: Derivation, A: sympy.Matrix, value: Any) -> None:
    """Independent verification by SymPy's Bareiss elimination (a different algorithm)."""
    reference = A.det(method="bareiss")
    d.check(f"det(A) = {fmt(value)} by an independent elimination (Bareiss)",
            sympy.simplify(reference - value) == 0)


def _small(A: sympy.Matrix, operation_name: str) -> Derivation:
    """1×1 and 2×2: the determinant is the entry, or the formula ad − bc."""
    if A.rows == 1:
        d = Derivation(operation_name, "Determinant of a 1×1 matrix")
        s = d.step("The single entry")
        s.show("A", A)
        s.text(f"A 1×1 matrix [a] scales lengths on the line by a, so det(A) = a = {fmt(A[0, 0])}.")
        value = A[0, 0]
    else:
        d = Derivation(operation_name, "Determinant of a 2×2 matrix by the formula ad − bc")
        s = d.step("Apply det [[a, b], [c, d]] = ad − bc")
        s.show("A", A)
        formula, products, value = two_by_two(A)
        s.text(chain("det(A)", "a·d − b·c", formula, products, fmt(value)))
    _check_against_sympy(d, A, value)
    d.result = value
    d.summary = f"det(A) = {fmt(value)}"
    return d


def _by_cofactors(A: sympy.Matrix, operation_name: str, row: int | None = None) -> Derivation:
    """Cofactor (Laplace) expansion along one row; ``row`` is 0-based or None to choose."""
    n = A.rows
    if n <= 2:
        return _small(A, operation_name)
    if row is None:
        row, why, _ = _choose_row(A)
    else:
        why = f"You asked for row {row + 1}; any row gives the same determinant."
    d = Derivation(operation_name, f"Determinant by cofactor expansion along row {row + 1}")
    s = d.step("Choose a row to expand along")
    s.show("A", A)
    s.text(why)

    s = d.step(f"Write the expansion along row {row + 1}")
    pieces = " + ".join(f"{entry_name('a', row, j)}·C{sub(f'{row + 1}{j + 1}')}" for j in range(n))
    s.text(f"det(A) = {pieces}")
    s.text("where the cofactor Cᵢⱼ = (−1)ⁱ⁺ʲ·Mᵢⱼ and the minor Mᵢⱼ is the determinant of A "
           "with row i and column j deleted.")
    s.text(f"The signs (−1)ⁱ⁺ʲ along row {row + 1} are {_signs(row, n)}.")
    for j in range(n):
        if is_zero(A[row, j]):
            s.text(f"{entry_name('a', row, j)} = 0, so its term is 0 and "
                   f"{_minor_name(row, j)} is not needed.")

    items: list[tuple[bool, str]] = []
    values = []
    for j in range(n):
        a = A[row, j]
        if is_zero(a):
            continue
        name = _minor_name(row, j)
        minor_matrix = A.minor_submatrix(row, j)
        s = d.step(f"Minor {name}: delete row {row + 1} and column {j + 1}")
        s.show(f"submatrix for {name}", minor_matrix)
        lines, minor = _expansion_lines(name, minor_matrix)
        for line in lines:
            s.text(line)
        sign = 1 if (row + j) % 2 == 0 else -1
        cofactor = sympy.expand(sign * minor)
        cname = f"C{sub(f'{row + 1}{j + 1}')}"
        signed_minor = fmt(minor) if sign > 0 else f"{MINUS}{factor(minor)}"
        s.text(chain(cname, f"(−1){sup(f'{row + 1}+{j + 1}')}·{name}", signed_minor, fmt(cofactor)))
        items.append((sign < 0, f"{factor(a)}·{factor(minor)}"))
        values.append(sympy.expand(sign * a * minor))

    s = d.step("Combine the terms")
    total = sympy.expand(sum(values, sympy.Integer(0)))
    if not items:
        s.text(f"Every entry of row {row + 1} is 0, so every term vanishes: det(A) = 0.")
    else:
        s.text(chain("det(A)", join_signed(items), signed_sum(values), fmt(total)))
    _check_against_sympy(d, A, total)
    d.result = total
    d.summary = f"det(A) = {fmt(total)}"
    return d


def _zero_column_text(k: int) -> str:
    if k == 0:
        return "Column 1 is entirely 0, so the columns of A are dependent and det(A) = 0."
    rows = "row 1" if k == 1 else f"rows 1–{k}"
    return (f"Columns 1–{k + 1} of the current matrix now have nonzero entries only in {rows}: "
            f"that is {k + 1} vectors living in a {k}-dimensional space, so they are "
            f"dependent and the determinant is 0. Row operations only change the determinant's "
            f"sign, so det(A) = 0 as well.")


def _by_rows(A: sympy.Matrix, operation_name: str) -> Derivation:
    """Reduce to upper triangular form, counting swaps; det is ± the product of the diagonal."""
    d = Derivation(operation_name, "Determinant by row reduction to triangular form")
    s = d.step("Plan")
    s.show("A", A)
    s.text("Reduce A to an upper triangular U using only two kinds of row operation:")
    s.text("• Ri ← Ri − m·Rj does not change the determinant;")
    s.text("• Ri ↔ Rj flips its sign.")
    s.text("(We never scale a row: R ← c·R would multiply the determinant by c.)")
    s.text("Then det(A) = (−1)^(number of swaps) · (product of the diagonal of U).")
    s.text(PIVOT_RULE_FIRST)
    red = RowReducer(A, swap_note=lambda i, j, swaps: f"det changes sign (swaps so far: {swaps})")
    columns = eliminate_down(d, red, diagonal=True, stop_on_missing=True)
    missing = next((c for c in columns if c.pivot is None), None)
    if missing is not None:
        missing.step.text(_zero_column_text(missing.col))
        value = sympy.Integer(0)
    else:
        U = red.M
        diagonal = [U[k, k] for k in range(U.rows)]
        sign = (-1) ** red.swaps
        value = sympy.expand(sign * sympy.Mul(*diagonal))
        s = d.step("Multiply the diagonal")
        s.show("U", U.copy())
        s.text(f"{red.swaps} swap{'s' if red.swaps != 1 else ''}, so the sign is "
               f"(−1){sup(red.swaps)} = {fmt(sign)}.")
        product = "·".join(factor(x) for x in diagonal)
        s.text(chain("det(A)", f"(−1){sup(red.swaps)}·{product}", fmt(value)))
        if any(is_zero(x) for x in diagonal):
            s.text("U has a 0 on its diagonal, so det(A) = 0: A is singular.")
    _check_against_sympy(d, A, value)
    d.result = value
    d.summary = f"det(A) = {fmt(value)}"
    return d


@operation(
    "det",
    "Determinant: ad − bc for 2×2, cofactor expansion for 3×3 and 4×4, row reduction beyond",
    inputs=(Input("A", "matrix", _SQUARE_HELP),),
    aliases=("determinant",),
)
def det(A: Any) -> Derivation:
    A = matrix_arg(A, "A", "det", square=True, numeric=False)
    if A.rows <= COFACTOR_AUTO_MAX:
        return _by_cofactors(A, "det")
    return _by_rows(matrix_arg(A, "A", "det", square=True), "det")


@operation(
    "det-rows",
    "Determinant by row reduction to triangular form (tracks swaps), any size",
    inputs=(Input("A", "matrix", _SQUARE_HELP),),
    aliases=("det-elim",),
)
def det_rows(A: Any) -> Derivation:
    return _by_rows(matrix_arg(A, "A", "det-rows", square=True), "det-rows")


@operation(
    "det-cofactor",
    "Determinant by cofactor expansion along a row you choose (default: most zeros)",
    inputs=(Input("A", "matrix", _SQUARE_HELP),
            Input("row", "integer", "row to expand along, 1…n (default: the row with most zeros)",
                  optional=True)),
    aliases=("det-laplace",),
)
def det_cofactor(A: Any, row: Any = None) -> Derivation:
    A = matrix_arg(A, "A", "det-cofactor", square=True, numeric=False)
    if A.rows > COFACTOR_MAX:
        raise BadInput(f"det-cofactor stops at {COFACTOR_MAX}×{COFACTOR_MAX}: a {A.rows}×{A.rows} "
                       f"expansion needs hundreds of 2×2 determinants; use det-rows instead")
    chosen = None if row is None else int_arg(row, "row", "det-cofactor", 1, A.rows) - 1
    return _by_cofactors(A, "det-cofactor", chosen)
