"""Factorisations: LU with partial pivoting, QR by Gram–Schmidt, Cholesky.

Each one is an elimination or orthogonalisation the learner has already seen, with the
intermediate numbers kept instead of thrown away: LU keeps the multipliers, QR keeps the
projection coefficients and lengths, Cholesky keeps the square roots. When a factorisation
does not exist (dependent columns for QR, a non-symmetric or indefinite matrix for Cholesky)
the derivation stops at the number that breaks it and shows a witness.
"""

from __future__ import annotations

from typing import Any

import sympy

from linalg_tutor.steps._rowops import (
    Column, RowReducer, all_zero, chain, clean, combo, dot_line, eliminate_down, entry_name, factor,
    columns_text, integer_vector, is_zero, join_signed, matrix_arg, squared, vec,
)
from linalg_tutor.steps.derivation import Derivation, NotPossible
from linalg_tutor.mathtext.fmt import fmt, sub
from linalg_tutor.steps.registry import Input, operation


def _root_text(value: Any) -> str:
    """``√25`` for a plain integer under the root, ``√(9/5)`` otherwise."""
    text = fmt(value)
    return f"√{text}" if text.isdigit() else f"√({text})"


def _ell(i: int, j: int) -> str:
    return entry_name("ℓ", i, j)


# ---- LU -------------------------------------------------------------------------------------


def _is_permutation(P: sympy.Matrix) -> bool:
    return (all(x in (0, 1) for x in P)
            and all(sum(P.row(i)) == 1 for i in range(P.rows))
            and all(sum(P.col(j)) == 1 for j in range(P.cols)))


def _lu_swap_note(i: int, j: int, swaps: int) -> str:
    """Beside each LU swap: the same rows trade places in P (and in L's stored multipliers)."""
    if i == 0:
        return f"P records it: rows {i + 1} and {j + 1} of P swap too"
    return f"rows {i + 1} and {j + 1} of P, and the multipliers already in L, swap too"


@operation(
    "lu",
    "LU factorisation with partial pivoting: P·A = L·U",
    inputs=(Input("A", "matrix", "matrix, e.g. [[1,2,0],[3,4,4],[5,6,3]]"),),
    aliases=("plu",),
)
def lu(A: Any) -> Derivation:
    A = matrix_arg(A, "A", "lu")
    m, n = A.shape
    d = Derivation("lu", "LU factorisation with partial pivoting: P·A = L·U")
    s = d.step("Plan")
    s.show("A", A)
    s.text("Eliminate below the diagonal, column by column. Each multiplier ℓᵢₖ (how many times "
           "the pivot row is subtracted from row i) is stored in L below its diagonal; what is "
           "left of A is U.")
    s.text("Partial pivoting: before clearing column k, swap up the entry of largest absolute "
           "value on or below the diagonal. Then every |ℓᵢₖ| ≤ 1, which is what keeps rounding "
           "errors small when a computer does this in floating point. The swaps are collected "
           "in the permutation matrix P.")
    red = RowReducer(A, swap_note=_lu_swap_note)
    L = sympy.eye(m)
    P = sympy.eye(m)

    def record(info: Column) -> None:
        k, step = info.col, info.step
        if info.pivot is None:
            step.text(f"Nothing to eliminate: U keeps a 0 on its diagonal in column {k + 1} "
                      f"(so A is singular, if square) and we move on to the next column.")
            return
        if info.swapped_from is not None:
            r = info.swapped_from
            P.row_swap(k, r)
            for j in range(k):
                L[k, j], L[r, j] = L[r, j], L[k, j]
        for i, multiplier in info.multipliers.items():
            L[i, k] = multiplier
        if info.multipliers:
            step.text("Multipliers into L: " + ", ".join(
                f"{_ell(i, k)} = {fmt(x)}" for i, x in info.multipliers.items()))
        step.show("L so far", L.copy())

    eliminate_down(d, red, rule="partial", diagonal=True, after_column=record)
    U = red.M
    s = d.step("Result")
    if P == sympy.eye(m):
        s.text("No swaps were needed, so P = I and A = L·U.")
    s.show("P", P).show("L", L).show("U", U.copy())
    s.text("L is unit lower triangular (1s on the diagonal, multipliers below) and U is upper "
           "triangular. To solve A·x = b: solve L·y = P·b forward, then U·x = y backward.")
    d.check("P·A = L·U", all_zero(P * A - L * U))
    d.check("L is unit lower triangular",
            L.is_lower and all(L[i, i] == 1 for i in range(m)))
    d.check("U is upper triangular", U.is_upper)
    d.check("P is a permutation matrix", _is_permutation(P))
    d.result = {"P": P, "L": L, "U": U.copy()}
    d.summary = f"P·A = L·U with P = {fmt(P)}, L = {fmt(L)}, U = {fmt(U)}"
    return d


# ---- QR -------------------------------------------------------------------------------------


def _norm_line(name: str, v: sympy.Matrix) -> tuple[str, Any]:
    """``‖v‖ = √(3² + 4²) = √(9 + 16) = √25 = 5``."""
    squares = [clean(x ** 2) for x in v]
    total = clean(sum(squares, sympy.Integer(0)))
    length = clean(sympy.sqrt(total))
    written = " + ".join(squared(x) for x in v)
    return chain(name, f"√({written})", f"√({' + '.join(fmt(x) for x in squares)})",
                 _root_text(total), fmt(length)), length


def _dependent_column(d: Derivation, A: sympy.Matrix, j: int, step: Any) -> NotPossible:
    """Gram–Schmidt found vⱼ = 0: name the combination that makes column j dependent."""
    a = A.col(j)
    if j == 0:
        step.text("v₁ = a₁ = 0: column 1 of A is the zero vector, which cannot be normalised.")
        d.check("column 1 of A is 0", all_zero(a))
        message = "the columns of A are dependent: column 1 is the zero vector"
    else:
        earlier = A[:, :j]
        coefficients = earlier.gauss_jordan_solve(a)[0]
        names = [f"a{sub(k + 1)}" for k in range(j)]
        relation = f"a{sub(j + 1)} = {combo(list(coefficients), names)}"
        step.text(f"v{sub(j + 1)} = 0: nothing of a{sub(j + 1)} is left after removing its "
                  f"projections, because column {j + 1} is a combination of "
                  f"{columns_text(range(j))}: {relation}.")
        d.check(relation, all_zero(earlier * coefficients - a))
        message = (f"the columns of A are dependent: column {j + 1} is a combination of "
                   f"{columns_text(range(j))} ({relation})")
    step.text("Gram–Schmidt would have to divide by ‖v‖ = 0. QR with an invertible R needs "
              "independent columns.")
    d.summary = f"no QR: {message}"
    return NotPossible(message, d)


@operation(
    "qr",
    "QR factorisation by Gram–Schmidt on the columns: A = Q·R",
    inputs=(Input("A", "matrix", "matrix with independent columns, e.g. [[1,1],[1,0],[0,1]]"),),
    aliases=("gram-schmidt",),
)
def qr(A: Any) -> Derivation:
    A = matrix_arg(A, "A", "qr", rational=True)
    m, n = A.shape
    d = Derivation("qr", "QR factorisation by (classical) Gram–Schmidt")
    s = d.step("Plan")
    s.show("A", A)
    for j in range(n):
        s.text(f"a{sub(j + 1)} = {vec(A.col(j))}")
    s.text("For each column aⱼ: subtract its projections onto the earlier unit vectors, with "
           "coefficients rᵢⱼ = qᵢ·aⱼ; the remainder vⱼ has length rⱼⱼ = ‖vⱼ‖, and qⱼ = vⱼ/rⱼⱼ.")
    s.text("This is classical Gram–Schmidt (each rᵢⱼ uses the original aⱼ). Modified Gram–Schmidt "
           "projects the partly reduced vector instead, which is steadier in floating point; in "
           "exact arithmetic both give the same numbers.")
    qs: list[sympy.Matrix] = []
    R = sympy.zeros(n, n)
    for j in range(n):
        a = A.col(j)
        s = d.step(f"Column {j + 1}: {'remove projections, then ' if j else ''}normalise")
        v = a
        for i in range(j):
            line, R[i, j] = dot_line(f"r{sub(f'{i + 1}{j + 1}')} = q{sub(i + 1)}·a{sub(j + 1)}",
                                     list(qs[i]), list(a))
            s.text(line)
            v = v - R[i, j] * qs[i]
        v = v.applyfunc(clean)
        if j:
            pieces = [(False, f"a{sub(j + 1)}")] + [
                (True, f"r{sub(f'{i + 1}{j + 1}')}·q{sub(i + 1)}") for i in range(j)]
            s.text(chain(f"v{sub(j + 1)}", join_signed(pieces), vec(v)))
        else:
            s.text(f"v₁ = a₁ = {vec(v)}")
        if all_zero(v):
            raise _dependent_column(d, A, j, s)
        line, R[j, j] = _norm_line(f"r{sub(f'{j + 1}{j + 1}')} = ‖v{sub(j + 1)}‖", v)
        s.text(line)
        q = (v / R[j, j]).applyfunc(clean)
        s.text(chain(f"q{sub(j + 1)}", f"v{sub(j + 1)}/r{sub(f'{j + 1}{j + 1}')}", vec(q)))
        qs.append(q)
    Q = sympy.Matrix.hstack(*qs)
    s = d.step("Result")
    s.text("Q holds the unit vectors q₁… as columns; R holds the coefficients rᵢⱼ "
           "(upper triangular, positive diagonal).")
    s.show("Q", Q).show("R", R)
    d.check("Q·R = A", all_zero(Q * R - A))
    d.check("QᵀQ = I (orthonormal columns)", all_zero(Q.T * Q - sympy.eye(n)))
    d.result = {"Q": Q, "R": R}
    d.summary = f"A = Q·R with Q = {fmt(Q)}, R = {fmt(R)}"
    return d


# ---- Cholesky -------------------------------------------------------------------------------


def _witness(A: sympy.Matrix, j: int) -> sympy.Matrix:
    """A vector x with xᵀAx equal to the failing Cholesky pivot (scaled to integers).

    With the leading block A₁₁ (positive definite so far) and the column a above position j,
    x = [−A₁₁⁻¹a; 1; 0…] gives xᵀAx = aⱼⱼ − aᵀA₁₁⁻¹a, exactly the value under the root.
    """
    x = sympy.zeros(A.rows, 1)
    x[j] = 1
    if j:
        y = A[:j, :j].LUsolve(A[:j, j])
        x[:j, 0] = -y
    return integer_vector(x)


def _not_symmetric(d: Derivation, A: sympy.Matrix, step: Any) -> NotPossible | None:
    for i in range(A.rows):
        for j in range(i + 1, A.cols):
            if not is_zero(A[i, j] - A[j, i]):
                mismatch = (f"{entry_name('a', i, j)} = {fmt(A[i, j])} but "
                            f"{entry_name('a', j, i)} = {fmt(A[j, i])}")
                step.text(f"{mismatch}: A is not symmetric. L·Lᵀ is always symmetric, because "
                          f"(L·Lᵀ)ᵀ = L·Lᵀ, so no Cholesky factor exists.")
                d.check("A ≠ Aᵀ", A != A.T)
                d.summary = "no Cholesky factor: A is not symmetric"
                return NotPossible(f"A is not symmetric: {mismatch}", d)
    return None


@operation(
    "cholesky",
    "Cholesky factorisation A = L·Lᵀ of a symmetric positive definite matrix",
    inputs=(Input("A", "matrix", "symmetric positive definite matrix, e.g. [[4,2],[2,3]]"),),
    aliases=("chol",),
)
def cholesky(A: Any) -> Derivation:
    A = matrix_arg(A, "A", "cholesky", square=True, rational=True)
    n = A.rows
    d = Derivation("cholesky", "Cholesky factorisation A = L·Lᵀ")
    s = d.step("Check that A is symmetric")
    s.show("A", A)
    problem = _not_symmetric(d, A, s)
    if problem:
        raise problem
    s.text("A = Aᵀ. Matching entries of A = L·Lᵀ column by column gives")
    s.text("ℓⱼⱼ = √(aⱼⱼ − Σ ℓⱼₖ²)   and   ℓᵢⱼ = (aᵢⱼ − Σ ℓᵢₖ·ℓⱼₖ)/ℓⱼⱼ for i > j (sums over k < j),")
    s.text("and A is positive definite exactly when every value under a root is > 0.")
    L = sympy.zeros(n, n)
    for j in range(n):
        s = d.step(f"Column {j + 1} of L")
        earlier = range(j)
        under = clean(A[j, j] - sum((L[j, k] ** 2 for k in earlier), sympy.Integer(0)))
        name = _ell(j, j)
        symbols = join_signed([(False, entry_name("a", j, j))] + [(True, f"{_ell(j, k)}²") for k in earlier])
        numbers = join_signed([(False, fmt(A[j, j]))] + [(True, squared(L[j, k])) for k in earlier])
        start = [f"√({symbols})", f"√({numbers})"] if j else [f"√{entry_name('a', 0, 0)}"]
        if bool(under <= 0):
            s.text(chain(name, *start, _root_text(under)))
            x = _witness(A, j)
            value = (x.T * A * x)[0, 0]
            s.text(f"The value under the root is {fmt(under)} ≤ 0, so {name} is not a positive "
                   f"real number: A is not positive definite.")
            s.text(f"For example x = {vec(x)} gives xᵀAx = {fmt(value)} ≤ 0, whereas a positive "
                   f"definite matrix has xᵀAx > 0 for every x ≠ 0.")
            d.check(f"xᵀAx = {fmt(value)} ≤ 0 for x = {vec(x)}", bool(value <= 0))
            d.summary = "no Cholesky factor: A is not positive definite"
            raise NotPossible(f"a pivot of {fmt(under)} ≤ 0: A is not positive definite "
                              f"(x = {vec(x)} gives xᵀAx = {fmt(value)})", d)
        L[j, j] = clean(sympy.sqrt(under))
        s.text(chain(name, *start, _root_text(under), fmt(L[j, j])))
        for i in range(j + 1, n):
            numerator = clean(A[i, j] - sum((L[i, k] * L[j, k] for k in earlier), sympy.Integer(0)))
            L[i, j] = clean(numerator / L[j, j])
            symbols = join_signed([(False, entry_name("a", i, j))] +
                                  [(True, f"{_ell(i, k)}·{_ell(j, k)}") for k in earlier])
            numbers = join_signed([(False, fmt(A[i, j]))] +
                                  [(True, f"{factor(L[i, k])}·{factor(L[j, k])}") for k in earlier])
            if j:
                s.text(chain(_ell(i, j), f"({symbols})/{name}", f"({numbers})/{factor(L[j, j])}",
                             f"{factor(numerator)}/{factor(L[j, j])}", fmt(L[i, j])))
            else:
                s.text(chain(_ell(i, j), f"{symbols}/{name}", f"{factor(A[i, j])}/{factor(L[j, j])}",
                             fmt(L[i, j])))
        s.show("L so far", L.copy())
    s = d.step("Result")
    s.show("L", L).show("Lᵀ", L.T)
    d.check("L·Lᵀ = A", all_zero(L * L.T - A))
    d.check("L is lower triangular with a positive diagonal",
            L.is_lower and all(bool(L[k, k] > 0) for k in range(n)))
    d.result = L
    d.summary = f"A = L·Lᵀ with L = {fmt(L)}"
    return d
