"""Matrix arithmetic written out entry by entry: products, transposes, traces, dot products.

These are the first hand calculations of the course, so every entry is shown as the sum it is
(``C₁₂ = 1·6 + 2·8 = 6 + 16 = 22``) and every shape rule is stated before it is used.
Symbols are allowed here: nothing in these operations needs to decide whether a value is zero.
"""

from __future__ import annotations

from typing import Any

import sympy

from linalg_tutor.steps._rowops import (
    as_sympy,
    chain, dot_line, entry_name, factor, matrix_arg, signed_sum, vec, vector_arg,
)
from linalg_tutor.steps.derivation import BadInput, Derivation
from linalg_tutor.mathtext.fmt import fmt, sub
from linalg_tutor.steps.registry import Input, operation

_MATRIX_HELP = "matrix, e.g. [[1,2],[3,4]]"


def _shape(matrix: sympy.Matrix) -> str:
    return f"{matrix.rows}×{matrix.cols}"


def _same_shape(a: sympy.Matrix, b: sympy.Matrix, operation: str) -> None:
    if a.shape != b.shape:
        raise BadInput(f"{operation} needs matrices of the same shape; A is {_shape(a)} and B is {_shape(b)}")


@operation(
    "matmul",
    "Matrix product C = A·B, each entry a row·column dot product",
    inputs=(Input("A", "matrix", "left matrix (m×n), e.g. [[1,2],[3,4]]"),
            Input("B", "matrix", "right matrix (n×p), e.g. [[5,6],[7,8]]")),
    aliases=("multiply",),
)
def matmul(A: Any, B: Any) -> Derivation:
    A = matrix_arg(A, "A", "matmul", numeric=False)
    B = matrix_arg(B, "B", "matmul", numeric=False)
    m, n = A.shape
    rows_b, p = B.shape
    if n != rows_b:
        raise BadInput(f"matmul needs the inner dimensions to match: A is {m}×{n} and B is "
                       f"{rows_b}×{p}, but {n} ≠ {rows_b} (A needs as many columns as B has rows)")
    d = Derivation("matmul", f"Matrix product C = A·B ({m}×{n} times {n}×{p})")
    s = d.step("Check the shapes")
    s.show("A", A).show("B", B)
    s.text(f"[{m}×{n}]·[{n}×{p}] → [{m}×{p}]: the inner sizes agree ({n} = {n}), "
           f"and C takes its rows from A and its columns from B.")
    s.text(f"Entry Cᵢⱼ is row i of A dotted with column j of B ({n} product{'s' if n > 1 else ''} each).")
    C = sympy.zeros(m, p)
    for i in range(m):
        s = d.step(f"Row {i + 1} of C: row {i + 1} of A times each column of B")
        for j in range(p):
            line, C[i, j] = dot_line(entry_name("C", i, j), list(A.row(i)), list(B.col(j)))
            s.text(line)
    s = d.step("Assemble C")
    s.show("C = A·B", C)
    # Summing each row of C must equal A times the row sums of B: a cheap independent check.
    ones = sympy.ones(p, 1)
    d.check("row sums: C·𝟙 = A·(B·𝟙)", (C * ones - A * (B * ones)).expand() == sympy.zeros(m, 1))
    d.result = C
    d.summary = f"A·B = {fmt(C)}"
    return d


@operation(
    "transpose",
    "Transpose Aᵀ: rows become columns",
    inputs=(Input("A", "matrix", _MATRIX_HELP),),
)
def transpose(A: Any) -> Derivation:
    A = matrix_arg(A, "A", "transpose", numeric=False)
    m, n = A.shape
    d = Derivation("transpose", f"Transpose of a {m}×{n} matrix")
    s = d.step("Turn each row into a column")
    s.show("A", A)
    s.text(f"(Aᵀ)ⱼᵢ = Aᵢⱼ, so the {m}×{n} matrix A becomes {n}×{m}.")
    for i in range(m):
        s.text(f"row {i + 1} of A {vec(A.row(i))} → column {i + 1} of Aᵀ")
    T = sympy.Matrix(n, m, lambda j, i: A[i, j])
    s = d.step("Result")
    s.show("Aᵀ", T)
    d.check("(Aᵀ)ᵀ = A", T.T == A)
    d.check("(Aᵀ)ⱼᵢ = Aᵢⱼ for every entry", all(T[j, i] == A[i, j] for i in range(m) for j in range(n)))
    d.result = T
    d.summary = f"Aᵀ = {fmt(T)}"
    return d


@operation(
    "trace",
    "Trace: the sum of the diagonal entries",
    inputs=(Input("A", "matrix", "square matrix, e.g. [[1,2],[3,4]]"),),
    aliases=("tr",),
)
def trace(A: Any) -> Derivation:
    A = matrix_arg(A, "A", "trace", square=True, numeric=False)
    n = A.rows
    d = Derivation("trace", f"Trace of a {n}×{n} matrix")
    s = d.step("Add the diagonal entries")
    s.show("A", A)
    diagonal = [A[k, k] for k in range(n)]
    names = " + ".join(entry_name("a", k, k) for k in range(n))
    value = sympy.expand(sum(diagonal, sympy.Integer(0)))
    s.text(chain("tr(A)", names, signed_sum(diagonal), fmt(value)))
    # The trace ignores transposition; SymPy's own trace of Aᵀ is an independent recount.
    d.check(f"tr(Aᵀ) = {fmt(value)} as well", sympy.expand(A.T.trace() - value) == 0)
    d.result = value
    d.summary = f"tr(A) = {fmt(value)}"
    return d


@operation(
    "dot",
    "Dot product u·v: multiply matching entries and add",
    inputs=(Input("u", "vector", "vector, e.g. [1,2,3]"), Input("v", "vector", "vector, e.g. [4,5,6]")),
    aliases=("inner",),
)
def dot(u: Any, v: Any) -> Derivation:
    u = vector_arg(u, "u", "dot", numeric=False)
    v = vector_arg(v, "v", "dot", numeric=False)
    if u.rows != v.rows:
        raise BadInput(f"dot needs vectors of the same length; u has {u.rows} entries and v has {v.rows}")
    d = Derivation("dot", f"Dot product of two vectors with {u.rows} entries")
    s = d.step("Multiply matching entries, then add")
    s.text(f"u = {vec(u)}")
    s.text(f"v = {vec(v)}")
    s.text("u·v = " + " + ".join(f"u{sub(k + 1)}v{sub(k + 1)}" for k in range(u.rows)))
    line, value = dot_line("u·v", list(u), list(v))
    s.text(line)
    d.check("u·v = uᵀv as a 1×n times n×1 matrix product", sympy.expand((u.T * v)[0, 0] - value) == 0)
    d.result = value
    d.summary = f"u·v = {fmt(value)}"
    return d


@operation(
    "add",
    "Matrix sum A + B, entry by entry",
    inputs=(Input("A", "matrix", _MATRIX_HELP), Input("B", "matrix", "matrix of the same shape")),
)
def add(A: Any, B: Any) -> Derivation:
    A = matrix_arg(A, "A", "add", numeric=False)
    B = matrix_arg(B, "B", "add", numeric=False)
    _same_shape(A, B, "add")
    m, n = A.shape
    d = Derivation("add", f"Sum of two {m}×{n} matrices")
    s = d.step("Add matching entries")
    s.show("A", A).show("B", B)
    C = sympy.zeros(m, n)
    for i in range(m):
        for j in range(n):
            C[i, j] = sympy.expand(A[i, j] + B[i, j])
            s.text(chain(entry_name("C", i, j), signed_sum([A[i, j], B[i, j]]), fmt(C[i, j])))
    d.step("Result").show("A + B", C)
    d.check("C − B = A", (C - B).expand() == A.expand())
    d.result = C
    d.summary = f"A + B = {fmt(C)}"
    return d


@operation(
    "scale",
    "Scalar multiple c·A: every entry times c",
    inputs=(Input("c", "scalar", "number, e.g. 3 or -1/2"), Input("A", "matrix", _MATRIX_HELP)),
)
def scale(c: Any, A: Any) -> Derivation:
    c = as_sympy(c)
    if getattr(c, "is_Matrix", False):
        raise BadInput("scale needs a number for c, e.g. 3 or -1/2")
    A = matrix_arg(A, "A", "scale", numeric=False)
    m, n = A.shape
    d = Derivation("scale", f"Scalar multiple of a {m}×{n} matrix")
    s = d.step(f"Multiply every entry by {fmt(c)}")
    s.show("A", A)
    C = sympy.zeros(m, n)
    for i in range(m):
        for j in range(n):
            C[i, j] = sympy.expand(c * A[i, j])
            s.text(chain(entry_name("C", i, j), f"{factor(c)}·{factor(A[i, j])}", fmt(C[i, j])))
    d.step("Result").show(f"{factor(c)}·A", C)
    if c != 0:
        d.check("C ÷ c = A", (C / c).applyfunc(sympy.simplify) == A.applyfunc(sympy.simplify))
    else:
        d.check("0·A is the zero matrix", C == sympy.zeros(m, n))
    d.result = C
    d.summary = f"{factor(c)}·A = {fmt(C)}"
    return d
