"""Matrix inverses: the 2×2 formula and Gauss–Jordan elimination on [A | I].

A singular matrix is not an error to hide: the derivation stops exactly where the method
breaks (det = 0 in the formula, a column with no pivot in Gauss–Jordan) and says what that
means, with a concrete vector v ≠ 0 that A sends to 0.
"""

from __future__ import annotations

from typing import Any

import sympy

from linalg_tutor.steps._rowops import (
    PIVOT_RULE_FIRST, RowReducer, all_zero, chain, factor, gauss_jordan, integer_vector, is_zero,
    matrix_arg, two_by_two, vec,
)
from linalg_tutor.steps.derivation import Derivation, NotPossible, Step
from linalg_tutor.mathtext.fmt import fmt
from linalg_tutor.steps.registry import Input, operation

_SQUARE_HELP = "square matrix, e.g. [[2,1],[5,3]]"


def _integer_null_vector(A: sympy.Matrix) -> sympy.Matrix:
    """A nonzero solution of A·v = 0, scaled to integers so it is easy to check by hand."""
    return integer_vector(A.nullspace()[0])


def _singular(d: Derivation, A: sympy.Matrix, s: Step, reason: str) -> NotPossible:
    """Finish a derivation at the point where A turned out singular, and return the exception."""
    v = _integer_null_vector(A)
    s.text(reason)
    s.text(f"The columns of A are dependent: for example A·v = 0 with v = {vec(v)}.")
    s.text("So A has no inverse (no matrix can undo sending v to 0), and A·x = b has no unique "
           "solution: for each b there are none or infinitely many.")
    d.check("det(A) = 0", is_zero(A.det()))
    d.check(f"A·v = 0 for v = {vec(v)}", all_zero(A * v) and not all_zero(v))
    d.summary = "A is singular (det(A) = 0): no inverse"
    return NotPossible("A is singular (det(A) = 0): the columns are dependent, so there is no "
                       "inverse and A·x = b has no unique solution", d)


def _verify(d: Derivation, A: sympy.Matrix, inverse: sympy.Matrix) -> None:
    identity = sympy.eye(A.rows)
    d.check("A·A⁻¹ = I", all_zero(A * inverse - identity))
    d.check("A⁻¹·A = I", all_zero(inverse * A - identity))
    d.result = inverse
    d.summary = f"A⁻¹ = {fmt(inverse)}"


def _by_formula(A: sympy.Matrix, operation_name: str) -> Derivation:
    """1×1: A⁻¹ = [1/a]. 2×2: swap the diagonal, negate the off-diagonal, divide by det."""
    if A.rows == 1:
        d = Derivation(operation_name, "Inverse of a 1×1 matrix")
        s = d.step("Invert the single entry")
        s.show("A", A)
        a = A[0, 0]
        if a == 0:
            raise _singular(d, A, s, "The entry is 0, and 0 has no reciprocal.")
        inverse = sympy.Matrix([[1 / a]])
        s.text(chain("A⁻¹", f"[1/{factor(a)}]", f"[{fmt(1 / a)}]"))
        _verify(d, A, inverse)
        return d

    d = Derivation(operation_name, "Inverse of a 2×2 matrix by the formula")
    s = d.step("The formula")
    s.show("A", A)
    s.text("For A = [[a, b], [c, d]]: A⁻¹ = (1/det(A))·[[d, −b], [−c, a]], "
           "which exists exactly when det(A) = ad − bc ≠ 0.")
    s = d.step("Compute det(A)")
    formula, products, det = two_by_two(A)
    s.text(chain("det(A)", "a·d − b·c", formula, products, fmt(det)))
    if det == 0:
        raise _singular(d, A, s, "det(A) = 0, so 1/det(A) does not exist.")
    s = d.step("Swap a and d, change the signs of b and c")
    adjugate = sympy.Matrix([[A[1, 1], -A[0, 1]], [-A[1, 0], A[0, 0]]])
    s.show("[[d, −b], [−c, a]]", adjugate)
    s = d.step("Divide by det(A)")
    inverse = (adjugate / det).applyfunc(sympy.simplify)
    s.text(f"Multiply every entry by 1/det(A) = 1/{factor(det)} = {fmt(1 / det)}:")
    s.show("A⁻¹", inverse)
    _verify(d, A, inverse)
    return d


def _by_gauss_jordan(A: sympy.Matrix, operation_name: str) -> Derivation:
    """Row-reduce [A | I]; the operations that take A to I take I to A⁻¹."""
    n = A.rows
    d = Derivation(operation_name, f"Inverse of a {n}×{n} matrix by Gauss–Jordan on [A | I]")
    s = d.step("Set up [A | I]")
    augmented = A.row_join(sympy.eye(n))
    s.show("[A | I]", augmented, augment=n)
    s.text("Row-reduce the left half to I. Every row operation is a multiplication on the left, "
           "so the operations that turn A into I multiply to A⁻¹ — and they turn I into A⁻¹.")
    s.text(PIVOT_RULE_FIRST)
    red = RowReducer(augmented, augment=n)
    _, missing = gauss_jordan(d, red, ncols=n, stop_on_missing=True)
    if missing is not None:
        raise _singular(d, A, d.steps[-1],
                        f"No row operation can create a pivot in column {missing + 1}, so the left "
                        f"half can never become I: A is singular and det(A) = 0.")
    s = d.step("Read off A⁻¹ from the right half")
    s.show("[I | A⁻¹]", red.M.copy(), augment=n)
    inverse = red.M[:, n:]
    s.show("A⁻¹", inverse)
    _verify(d, A, inverse)
    return d


@operation(
    "inverse",
    "Inverse A⁻¹: the formula for 2×2, Gauss–Jordan on [A | I] for larger",
    inputs=(Input("A", "matrix", _SQUARE_HELP),),
    aliases=("inv",),
)
def inverse(A: Any) -> Derivation:
    A = matrix_arg(A, "A", "inverse", square=True)
    if A.rows <= 2:
        return _by_formula(A, "inverse")
    return _by_gauss_jordan(A, "inverse")


@operation(
    "inverse-gj",
    "Inverse by Gauss–Jordan on [A | I], also for 1×1 and 2×2",
    inputs=(Input("A", "matrix", _SQUARE_HELP),),
    aliases=("inv-gj",),
)
def inverse_gj(A: Any) -> Derivation:
    return _by_gauss_jordan(matrix_arg(A, "A", "inverse-gj", square=True), "inverse-gj")
