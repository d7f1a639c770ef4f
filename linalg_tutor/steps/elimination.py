"""Gaussian elimination and what it reveals: solutions, RREF, rank, null space, column space.

All five operations run the same row reduction from :mod:`._rowops`; they differ in what they
read off the echelon form. ``solve`` is also used by least squares (the normal equations), so
:func:`solve_system` appends its steps to a derivation it is given rather than making its own.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

import sympy

from linalg_tutor.steps._rowops import (
    PIVOT_RULE_FIRST, RowReducer, all_zero, chain, check_field, clean, columns_text, combo, eliminate_down, factor, gauss_jordan,
    is_negative, is_rref, is_zero, join_signed, listing, matrix_arg, same_span, var_names, vec,
    vector_arg,
)
from linalg_tutor.steps.derivation import BadInput, Derivation, Step
from linalg_tutor.mathtext.fmt import fmt, sub, term
from linalg_tutor.steps.registry import Input, operation

_MATRIX_HELP = "matrix, e.g. [[1,2,3],[4,5,6]]"


@dataclass
class Solution:
    """The outcome of solving A·x = b.

    ``x`` is the general solution (with parameters t₁, t₂ … when there are free variables),
    ``particular`` is x at t = 0 and ``directions`` are the null-space vectors multiplying each
    parameter, so x = particular + Σ tₖ·directions[k]. For ``none`` they are empty and
    ``contradiction`` is the (0-based) row that reads 0 = c.
    """

    kind: Literal["unique", "none", "infinite"]
    pivots: list[int]
    x: sympy.Matrix | None = None
    particular: sympy.Matrix | None = None
    directions: list[sympy.Matrix] = field(default_factory=list)
    params: list[sympy.Symbol] = field(default_factory=list)
    contradiction: int | None = None
    contradiction_value: Any = None


def _equation(coeffs: Any, rhs: Any, names: list[str]) -> str:
    return f"{combo(list(coeffs), names)} = {fmt(rhs)}"


def _substitute_row(s: Step, E: sympy.Matrix, i: int, p: int, values: dict[int, Any],
                    names: list[str]) -> Any:
    """Solve pivot row ``i`` for its pivot variable ``x_p``, showing the move and substitution."""
    n = len(names)
    s.text(f"Row {i + 1}: {_equation(E.row(i)[:n], E[i, n], names)}")
    pivot, constant = E[i, p], E[i, n]
    others = [(j, E[i, j]) for j in range(p + 1, n) if not is_zero(E[i, j])]
    rhs = clean(constant - sum((c * values[j] for j, c in others), sympy.Integer(0)))
    if others:
        moved: list[tuple[bool, str]] = [] if is_zero(constant) else [(False, fmt(constant))]
        plugged: list[tuple[bool, str]] = list(moved)
        for j, c in others:
            negative = not is_negative(c)  # the term changes sign as it crosses the = sign
            size = -c if is_negative(c) else c
            times = "" if size == 1 else f"{factor(size)}·"
            moved.append((negative, f"{times}{names[j]}"))
            plugged.append((negative, f"{times}{factor(values[j]) if times else term(values[j])}"))
        left = names[p] if pivot == 1 else f"{factor(pivot)}·{names[p]}"
        s.text(chain(left, join_signed(moved), join_signed(plugged), fmt(rhs)))
    if pivot == 1:
        return rhs
    value = clean(rhs / pivot)
    s.text(chain(names[p], f"{factor(rhs)}/{factor(pivot)}", fmt(value)))
    return value


def _parametric(d: Derivation, x: sympy.Matrix, params: list[sympy.Symbol], letter: str,
                a_name: str) -> tuple[sympy.Matrix, list[sympy.Matrix]]:
    """Split the general solution into x₀ + t₁·v₁ + …, the form that shows its geometry."""
    zero = {t: 0 for t in params}
    particular = x.subs(zero)
    directions = [x.diff(t) for t in params]
    s = d.step("Write the solution in parametric form")
    s.show(letter, x)
    pieces = " + ".join(f"{fmt(t)}·v{sub(k + 1)}" for k, t in enumerate(params))
    s.text(f"{letter} = {letter}₀ + {pieces}, where {letter}₀ is the solution with every "
           f"parameter 0 and each vₖ solves {a_name}·v = 0:")
    s.show(f"{letter}₀", particular)
    for k, v in enumerate(directions):
        s.show(f"v{sub(k + 1)}", v)
    count = len(params)
    s.text(f"{count} free variable{'s' if count > 1 else ''}: the solutions form a "
           f"{'line' if count == 1 else 'plane' if count == 2 else f'{count}-dimensional flat'} "
           f"through {letter}₀, so there are infinitely many.")
    return particular, directions


def solve_system(d: Derivation, A: sympy.Matrix, b: sympy.Matrix, *, letter: str = "x",
                 a_name: str = "A", b_name: str = "b") -> Solution:
    """Append the elimination and back-substitution for A·x = b to ``d``; returns the outcome.

    Pivoting is first-nonzero (exact arithmetic has no rounding error to control).
    Checks for the outcome are added to ``d`` here, so every caller verifies the same way;
    ``a_name``/``b_name`` let a caller solving, say, the normal equations label them truthfully.
    """
    m, n = A.shape
    names = var_names(n, letter)
    aug = A.row_join(b)
    s = d.step(f"Write the system as an augmented matrix [{a_name} | {b_name}]")
    for i in range(m):
        s.text(_equation(A.row(i), b[i], names))
    s.show(f"[{a_name} | {b_name}]", aug, augment=n)
    s.text(PIVOT_RULE_FIRST)

    red = RowReducer(aug, augment=n)
    columns = eliminate_down(d, red, ncols=n)
    pivots = [c.col for c in columns if c.pivot is not None]
    free = [j for j in range(n) if j not in pivots]
    E = red.M
    rank = len(pivots)

    s = d.step("Read the echelon form")
    s.show("[U | c]", E.copy(), augment=n)
    if pivots:
        s.text(f"Pivots in {columns_text(pivots)}, so the pivot "
               f"variable{'s are' if len(pivots) > 1 else ' is'} "
               f"{', '.join(names[j] for j in pivots)}.")
    if free:
        s.text(f"No pivot in {columns_text(free)}: "
               f"{', '.join(names[j] for j in free)} {'is' if len(free) == 1 else 'are'} free.")
    for i in range(rank, m):
        if not is_zero(E[i, n]):
            zeros = " + ".join(f"0·{name}" for name in names)
            s.text(f"Row {i + 1} reads {zeros} = {fmt(E[i, n])}, i.e. 0 = {fmt(E[i, n])}, "
                   f"which is impossible.")
            s.text(f"So {a_name}·{letter} = {b_name} has no solution: {b_name} is not a combination "
                   f"of the columns of {a_name}.")
            d.check(f"rank({a_name}) = {rank} < rank([{a_name} | {b_name}]) = {aug.rank()}",
                    A.rank() < aug.rank())
            return Solution("none", pivots, contradiction=i, contradiction_value=E[i, n])
    if rank < m:
        s.text(f"{'Rows' if m - rank > 1 else 'Row'} {listing(range(rank, m))} "
               f"{'read' if m - rank > 1 else 'reads'} 0 = 0: "
               f"no information, and no contradiction.")

    s = d.step("Back-substitution, from the last pivot row up")
    params = [sympy.Symbol(f"t{sub(k + 1)}") for k in range(len(free))]
    values: dict[int, Any] = {}
    for t, j in zip(params, free):
        values[j] = t
        s.text(f"{names[j]} is free: {names[j]} = {fmt(t)}")
    for i in reversed(range(rank)):
        values[pivots[i]] = _substitute_row(s, E, i, pivots[i], values, names)
    x = sympy.Matrix([values[j] for j in range(n)])

    if not free:
        s = d.step("Solution")
        s.show(letter, x)
        d.check(f"{a_name}·{letter} = {b_name}", all_zero(A * x - b))
        return Solution("unique", pivots, x, x)
    particular, directions = _parametric(d, x, params, letter, a_name)
    d.check(f"{a_name}·{letter}₀ = {b_name}", all_zero(A * particular - b))
    for k, v in enumerate(directions):
        d.check(f"{a_name}·v{sub(k + 1)} = 0", all_zero(A * v))
    d.check(f"{a_name}·{letter} = {b_name} for every value of the parameters",
            all_zero(A * x - b))
    return Solution("infinite", pivots, x, particular, directions, params)


def describe(solution: Solution, letter: str = "x") -> str:
    """One sentence for the summary line."""
    if solution.kind == "unique":
        return f"unique solution {letter} = {vec(solution.x)}"
    if solution.kind == "none":
        return (f"no solution: row {solution.contradiction + 1} of the echelon form reads "
                f"0 = {fmt(solution.contradiction_value)}")
    pieces = " + ".join(f"{fmt(t)}·{vec(v)}" for t, v in zip(solution.params, solution.directions))
    return f"infinitely many solutions: {letter} = {vec(solution.particular)} + {pieces}"


@operation(
    "solve",
    "Solve A·x = b: Gaussian elimination, back-substitution, and how many solutions",
    inputs=(Input("A", "matrix", "coefficient matrix, e.g. [[2,1],[1,3]]"),
            Input("b", "vector", "right-hand side, one entry per row of A, e.g. [3,5]")),
    aliases=("gauss",),
)
def solve(A: Any, b: Any) -> Derivation:
    A = matrix_arg(A, "A", "solve")
    b = vector_arg(b, "b", "solve")
    if b.rows != A.rows:
        raise BadInput(f"solve needs one entry of b per row of A: A is {A.rows}×{A.cols}, "
                       f"so b needs {A.rows} entries, but it has {b.rows}")
    check_field(A.row_join(b), "A and b together", "solve")
    d = Derivation("solve", f"Solving A·x = b ({A.rows} equation{'s' if A.rows > 1 else ''}, "
                            f"{A.cols} unknown{'s' if A.cols > 1 else ''}) by Gaussian elimination")
    solution = solve_system(d, A, b)
    d.result = solution.x if solution.kind != "none" else sympy.S.EmptySet
    d.summary = describe(solution)
    return d


def _plan(d: Derivation, A: sympy.Matrix, *lines: str) -> None:
    s = d.step("Plan")
    s.show("A", A)
    for line in lines:
        s.text(line)


@operation(
    "rref",
    "Reduced row echelon form by Gauss–Jordan elimination, with the pivot columns",
    inputs=(Input("A", "matrix", _MATRIX_HELP),),
    aliases=("gauss-jordan",),
)
def rref(A: Any) -> Derivation:
    A = matrix_arg(A, "A", "rref")
    d = Derivation("rref", "Reduced row echelon form by Gauss–Jordan elimination")
    _plan(d, A, "Column by column: find a pivot (the first nonzero entry at or below the current "
                "row), swap it up, scale it to 1, then clear every other entry of its column, "
                "above and below.")
    red = RowReducer(A)
    pivots, _ = gauss_jordan(d, red)
    R = red.M
    s = d.step("Result")
    s.show("rref(A)", R.copy())
    if pivots:
        where = ", ".join(f"({k + 1}, {j + 1})" for k, j in enumerate(pivots))
        s.text(f"Pivots in {columns_text(pivots)} (at {where}); rank {len(pivots)}.")
    else:
        s.text("A is the zero matrix: no pivots, rank 0.")
    d.check("the result is in reduced row echelon form", is_rref(R))
    d.check("rref(A) has the same row space as A (row operations never change it)",
            A.rank() == R.rank() == A.col_join(R).rank())
    d.result = (R, tuple(pivots))
    d.summary = f"rref(A) = {fmt(R)}, pivot columns {listing(pivots) or 'none'}"
    return d


def _echelon(d: Derivation, A: sympy.Matrix, why: str) -> tuple[sympy.Matrix, list[int]]:
    """Forward elimination to echelon form; returns it with the pivot columns."""
    _plan(d, A, why, PIVOT_RULE_FIRST)
    red = RowReducer(A)
    columns = eliminate_down(d, red)
    return red.M, [c.col for c in columns if c.pivot is not None]


@operation(
    "rank",
    "Rank: the number of pivots in an echelon form",
    inputs=(Input("A", "matrix", _MATRIX_HELP),),
)
def rank(A: Any) -> Derivation:
    A = matrix_arg(A, "A", "rank")
    d = Derivation("rank", "Rank by reduction to echelon form")
    U, pivots = _echelon(d, A, "Row operations do not change the rank, and the rank of an echelon "
                               "form is its number of pivots.")
    r = len(pivots)
    s = d.step("Count the pivots")
    s.show("echelon form", U.copy())
    if pivots:
        s.text(f"{r} pivot{'s' if r > 1 else ''} (in {columns_text(pivots)}): rank(A) = {r}.")
        s.text(f"So A has {r} independent column{'s' if r > 1 else ''} and "
               f"{r} independent row{'s' if r > 1 else ''}.")
    else:
        s.text("A is the zero matrix: no pivots, rank(A) = 0.")
    d.check(f"rank(Aᵀ) = {r} too (row rank = column rank)", A.T.rank() == r)
    d.result = sympy.Integer(r)
    d.summary = f"rank(A) = {r}"
    return d


@operation(
    "nullspace",
    "Null space: a basis of all x with A·x = 0, from the RREF's free variables",
    inputs=(Input("A", "matrix", _MATRIX_HELP),),
    aliases=("kernel", "null"),
)
def nullspace(A: Any) -> Derivation:
    A = matrix_arg(A, "A", "nullspace")
    m, n = A.shape
    names = var_names(n)
    d = Derivation("nullspace", "Null space from the reduced row echelon form")
    _plan(d, A, "A·x = 0 has the same solutions as R·x = 0 for R = rref(A). In R each pivot "
                "variable is written in terms of the free ones, and each free variable gives "
                "one basis vector.")
    red = RowReducer(A)
    pivots, _ = gauss_jordan(d, red)
    R = red.M
    free = [j for j in range(n) if j not in pivots]
    s = d.step("Solve R·x = 0 for the pivot variables")
    s.show("R", R.copy())
    if not free:
        s.text("Every column has a pivot, so there are no free variables: x = 0 is the only "
               "solution and the null space is {0}.")
        d.check(f"rank(A) = {n} = number of columns", A.rank() == n)
        d.result = []
        d.summary = "the null space is {0} (the columns of A are independent)"
        return d
    for k, p in enumerate(pivots):
        rest = combo([-R[k, f] for f in free], [names[f] for f in free])
        s.text(f"Row {k + 1}: {names[p]} = {rest}")
    s.text(f"Free: {', '.join(names[f] for f in free)}.")

    s = d.step("One basis vector per free variable")
    basis = []
    for k, f in enumerate(free):
        v = sympy.zeros(n, 1)
        v[f] = 1
        for row, p in enumerate(pivots):
            v[p] = -R[row, f]
        others = [names[g] for g in free if g != f]
        zeros = f", {', '.join(others)} = 0" if others else ""
        s.text(f"{names[f]} = 1{zeros}: v{sub(k + 1)} = {vec(v)}")
        basis.append(v)
    s.text(f"dim N(A) = {len(free)} = {n} columns − rank {len(pivots)}.")
    for k, v in enumerate(basis):
        d.check(f"A·v{sub(k + 1)} = 0", all_zero(A * v))
    d.check(f"{len(basis)} independent vectors = {n} − rank(A)",
            sympy.Matrix.hstack(*basis).rank() == len(basis) == n - A.rank())
    d.result = basis
    d.summary = f"null space basis: {', '.join(vec(v) for v in basis)}"
    return d


@operation(
    "colspace",
    "Column space: the pivot columns of the original A form a basis",
    inputs=(Input("A", "matrix", _MATRIX_HELP),),
    aliases=("columnspace", "range"),
)
def colspace(A: Any) -> Derivation:
    A = matrix_arg(A, "A", "colspace")
    d = Derivation("colspace", "Column space basis from the pivot columns")
    U, pivots = _echelon(d, A, "Row operations change the columns but not the dependencies "
                               "between them, so the columns of A that become pivot columns "
                               "are independent and span the column space.")
    s = d.step("Take the pivot columns of the original A")
    s.show("echelon form", U.copy())
    if not pivots:
        s.text("A is the zero matrix: its column space is {0}, with the empty basis.")
        d.check("every column of A is 0", A == sympy.zeros(*A.shape))
        d.result = []
        d.summary = "the column space is {0}"
        return d
    s.text(f"Pivots in {columns_text(pivots)}. Use those columns of A itself, not of the "
           f"echelon form (row operations moved the column space).")
    basis = [A.col(j) for j in pivots]
    for j in pivots:
        s.text(f"column {j + 1} of A: {vec(A.col(j))}")
    others = [j for j in range(A.cols) if j not in pivots]
    if others:
        s.text(f"{columns_text(others).capitalize()} "
               f"{'is a combination' if len(others) == 1 else 'are combinations'} of these.")
    s.text(f"dim C(A) = {len(pivots)} = rank(A).")
    d.check("the basis vectors are independent", sympy.Matrix.hstack(*basis).rank() == len(basis))
    d.check("they span every column of A", same_span(basis, [A.col(j) for j in range(A.cols)]))
    d.result = basis
    d.summary = f"column space basis: {', '.join(vec(v) for v in basis)}"
    return d
