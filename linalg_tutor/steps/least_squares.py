"""Least squares and orthogonal projection, both through the normal equations AᵀA·x̂ = Aᵀb.

The normal equations are solved with the same elimination as ``solve`` (reused, not
re-derived), so a learner sees one method throughout. When the columns of A are dependent,
AᵀA is singular: ``lstsq`` stops there (the best x̂ is not unique), while ``project`` carries
on with the pivot columns, because the projection itself is still unique.
"""

from __future__ import annotations

from typing import Any

import sympy

from linalg_tutor.steps._rowops import (
    all_zero, chain, check_field, clean, columns_text, dot_line, factor, matrix_arg, require_real, vec, vector_arg,
)
from linalg_tutor.steps.derivation import BadInput, Derivation, NotPossible
from linalg_tutor.steps.elimination import solve_system
from linalg_tutor.mathtext.fmt import fmt, sub
from linalg_tutor.steps.registry import Input, operation


def _column(k: int) -> str:
    return f"a{sub(k + 1)}"


def _normal_equations(d: Derivation, A: sympy.Matrix, b: sympy.Matrix,
                      numbers: list[int] | None = None) -> tuple[sympy.Matrix, sympy.Matrix]:
    """Build AᵀA and Aᵀb entry by entry: each entry is a dot product of columns.

    ``numbers`` are the original column indices, when A is a selection of a bigger matrix's columns.
    """
    n = A.cols
    numbers = list(range(n)) if numbers is None else numbers
    cols = [list(A.col(k)) for k in range(n)]
    AtA = sympy.zeros(n, n)
    s = d.step("Form AᵀA: every entry is a dot product of two columns of A")
    for i in range(n):
        for j in range(i, n):
            line, AtA[i, j] = dot_line(f"(AᵀA){sub(f'{i + 1}{j + 1}')} = "
                                       f"{_column(numbers[i])}·{_column(numbers[j])}",
                                       cols[i], cols[j])
            AtA[j, i] = AtA[i, j]
            s.text(line)
    if n > 1:
        s.text("AᵀA is symmetric ((AᵀA)ⱼᵢ = (AᵀA)ᵢⱼ), so the entries below the diagonal repeat those above.")
    s.show("AᵀA", AtA)
    Atb = sympy.zeros(n, 1)
    s = d.step("Form Aᵀb: every entry is a column of A dotted with b")
    for i in range(n):
        line, Atb[i] = dot_line(f"(Aᵀb){sub(i + 1)} = {_column(numbers[i])}·b", cols[i], list(b))
        s.text(line)
    s.show("Aᵀb", Atb)
    return AtA, Atb


def _pair(A: Any, b: Any, operation_name: str) -> tuple[sympy.Matrix, sympy.Matrix]:
    A = matrix_arg(A, "A", operation_name)
    b = vector_arg(b, "b", operation_name)
    if A.rows == 1 and A.cols == b.rows and b.rows > 1:
        A = A.T  # a single vector typed as a row: it is meant as one column
    require_real(A, "A", operation_name)
    require_real(b, "b", operation_name)
    if A.rows != b.rows:
        raise BadInput(f"{operation_name} needs b with one entry per row of A: A is {A.rows}×{A.cols}, "
                       f"so b needs {A.rows} entries, but it has {b.rows}")
    check_field(A.row_join(b), "A and b together", operation_name)
    return A, b


@operation(
    "lstsq",
    "Least squares: the x̂ minimising ‖b − A·x‖, via the normal equations AᵀA·x̂ = Aᵀb",
    inputs=(Input("A", "matrix", "tall matrix with independent columns, e.g. [[1,0],[1,1],[1,2]]"),
            Input("b", "vector", "one entry per row of A, e.g. [6,0,0]")),
    aliases=("least-squares",),
)
def lstsq(A: Any, b: Any) -> Derivation:
    A, b = _pair(A, b, "lstsq")
    m, n = A.shape
    d = Derivation("lstsq", "Least squares by the normal equations")
    s = d.step("Why the normal equations")
    s.show("A", A).show("b", b)
    s.text("The best x̂ makes A·x̂ the point of the column space closest to b, so the residual "
           "r = b − A·x̂ is perpendicular to every column of A: Aᵀ(b − A·x̂) = 0, that is "
           "AᵀA·x̂ = Aᵀb.")
    AtA, Atb = _normal_equations(d, A, b)
    solution = solve_system(d, AtA, Atb, letter="x̂", a_name="AᵀA", b_name="Aᵀb")
    if solution.kind != "unique":
        # The normal equations are always consistent, so "not unique" means "infinitely many".
        r = len(solution.pivots)
        free = [j for j in range(n) if j not in solution.pivots]
        s = d.step("AᵀA is singular")
        s.text(f"AᵀA has no pivot in {columns_text(free)}: it is singular because the columns "
               f"of A are dependent (rank(A) = {r} < {n} columns).")
        s.text("Many x̂ then give the same closest point A·x̂, so the least-squares solution is "
               "not unique. Remove dependent columns (see `colspace`), or use `project` for the "
               "closest point itself.")
        d.check(f"rank(A) = {r} < {n}", A.rank() == r < n)
        d.summary = "no unique least-squares solution: the columns of A are dependent"
        raise NotPossible(f"AᵀA is singular: the columns of A are dependent (rank {r} < {n} "
                          f"columns), so the least-squares solution is not unique", d)
    x = solution.x
    p = (A * x).applyfunc(clean)
    residual = (b - p).applyfunc(clean)
    s = d.step("Residual r = b − A·x̂")
    s.show("A·x̂", p, note="the closest point to b in the column space")
    s.show("r = b − A·x̂", residual)
    line, error = dot_line("‖r‖² = r·r", list(residual), list(residual))
    s.text(line)
    s.text(f"No other x gives a smaller ‖b − A·x‖² than {fmt(error)}.")
    d.check("Aᵀr = 0 (the residual is perpendicular to every column)", all_zero(A.T * residual))
    d.result = x
    d.summary = f"x̂ = {vec(x)}, with ‖r‖² = {fmt(error)}"
    return d


def _onto_line(d: Derivation, a: sympy.Matrix, b: sympy.Matrix) -> sympy.Matrix:
    """p = (a·b / a·a)·a: the multiple of a whose gap to b is perpendicular to a."""
    s = d.step("Project onto the line through a")
    s.text(f"a = {vec(a)},  b = {vec(b)}")
    s.text("p = (a·b / a·a)·a: the multiple of a that leaves b − p perpendicular to a.")
    ab_line, ab = dot_line("a·b", list(a), list(b))
    aa_line, aa = dot_line("a·a", list(a), list(a))
    s.text(ab_line)
    s.text(aa_line)
    if aa == 0:
        s.text("a = 0 spans only the zero vector, so p = 0.")
        return sympy.zeros(a.rows, 1)
    c = clean(ab / aa)
    s.text(chain("a·b / a·a", f"{factor(ab)}/{factor(aa)}", fmt(c)))
    p = (c * a).applyfunc(clean)
    s.text(chain("p", f"{factor(c)}·{vec(a)}", vec(p)))
    return p


@operation(
    "project",
    "Projection of b onto the column space of A (or onto the line through one vector a)",
    inputs=(Input("b", "vector", "the vector to project, e.g. [6,0,0]"),
            Input("A", "matrix", "columns spanning the subspace, e.g. [[1,0],[1,1],[1,2]], or one vector a")),
    aliases=("projection",),
)
def project(b: Any, A: Any) -> Derivation:
    A, b = _pair(A, b, "project")
    m, n = A.shape
    if n == 1:
        d = Derivation("project", "Projection of b onto the line through a")
        p = _onto_line(d, A.col(0), b)
    else:
        d = Derivation("project", "Projection of b onto the column space of A")
        s = d.step("Plan")
        s.show("A", A).show("b", b)
        s.text("p = A·x̂ where AᵀA·x̂ = Aᵀb: the point A·x̂ whose gap b − A·x̂ is perpendicular to "
               "every column. (This is p = A(AᵀA)⁻¹Aᵀb, found without computing an inverse.)")
        pivots = list(A.rref()[1])
        basis = A[:, pivots] if pivots else sympy.zeros(m, 0)
        if len(pivots) < n:
            s.text(f"The columns of A are dependent (rank {len(pivots)} < {n}), so AᵀA would be "
                   f"singular. The pivot columns ({columns_text(pivots) if pivots else 'none'}) "
                   f"span the same column space (see `colspace`), so we project onto those; from "
                   f"here on AᵀA and Aᵀb are built from them.")
        if not pivots:
            s.text("A is the zero matrix: its column space is {0}, so p = 0.")
            p = sympy.zeros(m, 1)
        elif len(pivots) == 1:
            p = _onto_line(d, basis, b)
        else:
            AtA, Atb = _normal_equations(d, basis, b, pivots)
            solution = solve_system(d, AtA, Atb, letter="x̂", a_name="AᵀA", b_name="Aᵀb")
            p = (basis * solution.x).applyfunc(clean)
            s = d.step("Combine the columns: p = A·x̂")
            combination = " + ".join(f"{factor(x)}·{vec(basis.col(k))}" for k, x in enumerate(solution.x))
            s.text(chain("p", combination, vec(p)))
    s = d.step("Result")
    s.show("p", p)
    e = (b - p).applyfunc(clean)
    s.show("b − p", e, note="the part of b perpendicular to the subspace")
    d.check("b − p is perpendicular to every column of A", all_zero(A.T * e))
    d.result = p
    d.summary = f"p = {vec(p)}"
    return d
