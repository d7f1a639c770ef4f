"""Norms, angles, quadratic forms and the condition number, term by term.

These are the measuring tools of ML: the L1/L2/L∞ lengths behind regularisation and distances, the
cosine similarity behind embeddings, xᵀAx behind every quadratic loss, and κ(A), which says how many
digits a linear solve can lose. Matrix norms that need singular values take them from the
eigenvalues of the smaller of AᵀA and AAᵀ (same nonzero eigenvalues), reusing the eigen engine.
"""

from __future__ import annotations

import math

import sympy
from sympy import Matrix

from linalg_tutor.steps.derivation import BadInput, Derivation, NotPossible
from linalg_tutor.steps.eigen import (charpoly_step, divide, eigen_factors, is_zero, numeric_value,
                                      require_rational_matrix, root_text, roots_step, simplify_number)
from linalg_tutor.steps.eigen import fmt, fmt_approx, paren, root_of, squared, term
from linalg_tutor.mathtext.fmt import format_float, sub
from linalg_tutor.steps.registry import Input, operation
from linalg_tutor.steps.svd import exact_sqrt, gram_step

MAX_LENGTH = 12


# ---- input checks -----------------------------------------------------------------------------

def require_vector(v: object, op: str, name: str = "v") -> Matrix:
    """A column of real numbers (a 1×n row is accepted and turned into a column)."""
    if not getattr(v, "is_Matrix", False):
        raise BadInput(f"{op} needs a vector such as [3, -4]; got {fmt(v)}")
    if v.cols != 1 and v.rows == 1:
        v = v.T
    if v.cols != 1:
        raise BadInput(f"{op} needs a vector, but {name} is a {v.rows}×{v.cols} matrix"
                       + (" (use matrix-norms for matrices)" if op == "norms" else ""))
    if v.rows == 0:
        raise BadInput(f"{op} needs a non-empty vector")
    if v.rows > MAX_LENGTH:
        raise BadInput(f"{op} works by hand up to length {MAX_LENGTH}; {name} has {v.rows} entries")
    for x in v:
        if not (getattr(x, "is_number", False) and x.is_real):
            raise BadInput(f"{op} needs real numbers; the entry {fmt(x)} of {name} is not one")
    return Matrix(v)


def sqrt_chain(total: sympy.Expr, root: sympy.Expr) -> str:
    """``√25 = 5``, ``√8 = 2√2 ≈ 2.8284`` or ``√2 ≈ 1.4142`` (no ``√2 = √2``)."""
    plain = root_of(total)
    if fmt(root) == plain:
        return fmt_approx(root)
    return f"{plain} = {fmt_approx(root)}"


# ---- vector norms ------------------------------------------------------------------------------

@operation("norms", "Vector norms L1, L2 and L∞, term by term",
           inputs=(Input("v", "vector", "a vector, e.g. [3,-4,12]"),), aliases=("vector-norms", "norm"))
def norms(v: Matrix) -> Derivation:
    """‖v‖₁, ‖v‖₂, ‖v‖∞; result {"L1", "L2", "Linf"}."""
    v = require_vector(v, "norms")
    n = v.rows
    d = Derivation("norms", "Vector norms L1, L2 and L∞")
    absolute = [sympy.Abs(x) for x in v]

    step = d.step("L1 norm: sum of absolute values")
    step.text("‖v‖₁ = Σ|vᵢ| — the 'taxicab' length, the penalty of lasso regression.")
    l1 = sympy.Add(*absolute)
    step.text(f"‖v‖₁ = {' + '.join(f'|{fmt(x)}|' for x in v)} = {' + '.join(term(a) for a in absolute)} "
              f"= {fmt_approx(l1)}")

    step = d.step("L2 norm: square root of the sum of squares")
    step.text("‖v‖₂ = √(Σvᵢ²) — ordinary Euclidean length (Pythagoras), the penalty of ridge regression.")
    squares = [x ** 2 for x in v]
    total = sympy.Add(*squares)
    l2 = sympy.sqrt(total)
    step.text(f"‖v‖₂ = √({' + '.join(squared(x) for x in v)}) = √({' + '.join(fmt(s) for s in squares)}) "
              f"= {sqrt_chain(total, l2)}")

    step = d.step("L∞ norm: the largest absolute value")
    step.text("‖v‖∞ = max|vᵢ| — only the worst coordinate counts.")
    linf = sympy.Max(*absolute)
    step.text(f"‖v‖∞ = max({', '.join(fmt(a) for a in absolute)}) = {fmt_approx(linf)}")

    step = d.step("Check: ‖v‖∞ ≤ ‖v‖₂ ≤ ‖v‖₁")
    step.text("The largest term is part of the sum of squares, and (Σ|vᵢ|)² ≥ Σvᵢ², so the three norms "
              "always come in this order.")
    step.text(f"{fmt_approx(linf)} ≤ {fmt_approx(l2)} ≤ {fmt_approx(l1)}")
    d.check("‖v‖∞ ≤ ‖v‖₂", bool(sympy.Le(linf, l2)))
    d.check("‖v‖₂ ≤ ‖v‖₁", bool(sympy.Le(l2, l1)))
    step.text(f"The other way round they are within factors of n = {n}: ‖v‖₂ ≤ √n·‖v‖∞ and ‖v‖₁ ≤ √n·‖v‖₂.")
    d.check("‖v‖₁ ≤ √n·‖v‖₂", bool(sympy.Le(l1 ** 2, n * total)))
    d.result = {"L1": l1, "L2": l2, "Linf": linf}
    d.summary = f"‖v‖₁ = {fmt_approx(l1)}, ‖v‖₂ = {fmt_approx(l2)}, ‖v‖∞ = {fmt_approx(linf)}"
    return d


# ---- singular values for matrix norms ----------------------------------------------------------

def singular_value_steps(d: Derivation, A: Matrix) -> tuple[list[sympy.Expr], list[sympy.Expr]]:
    """(σᵢ, λᵢ): the min(m, n) singular values and the Gram eigenvalues λᵢ = σᵢ², largest first."""
    m, n = A.shape
    rows = m < n
    G = gram_step(d, A, rows=rows)
    name = "AAᵀ" if rows else "AᵀA"
    if rows:
        d.steps[-1].text("AAᵀ is smaller than AᵀA and has the same nonzero eigenvalues, so it gives the same "
                         "singular values with less work.")
    poly = charpoly_step(d, G, name)
    factors = eigen_factors(G, vectors=False, closed_form=False)
    roots_step(d, poly, factors, name)
    eigenvalues: list[sympy.Expr] = []
    for f in factors:
        for r in f.roots:
            eigenvalues.extend([r] * f.mult)
    eigenvalues.sort(key=lambda r: -numeric_value(r).real)
    sigmas = [exact_sqrt(lam) if not isinstance(lam, sympy.CRootOf) else sympy.sqrt(lam) for lam in eigenvalues]
    step = d.step("Singular values σᵢ = √λᵢ, largest first")
    step.text(f"{name} is symmetric positive semidefinite, so its eigenvalues are real and ≥ 0.")
    for i, s in enumerate(sigmas):
        step.text(_eq(f"σ{sub(i + 1)} = √λ{sub(i + 1)}", s))
    return sigmas, eigenvalues


def _num(x: sympy.Expr) -> float:
    """Real value of an exact non-negative quantity (CRootOf-safe and fast)."""
    if x.is_Rational:
        return float(x)
    roots = x.atoms(sympy.CRootOf)
    if roots:
        values = {r: numeric_value(r).real for r in roots}
        return float(x.subs(values))
    return numeric_value(x).real


def _sum_squares_exact(sigmas: list[sympy.Expr]) -> sympy.Expr:
    """Σσᵢ² exactly; roots of one irreducible factor are summed by Vieta, not numerically."""
    total = sympy.Integer(0)
    seen: dict[sympy.Poly, int] = {}
    for s in sigmas:
        lam = s ** 2
        if isinstance(lam, sympy.CRootOf):
            key = lam.poly
            seen[key] = seen.get(key, 0) + 1
        else:
            total += lam
    for poly, count in seen.items():
        c = poly.all_coeffs()
        # every root of the factor appears the same number of times
        total += sympy.Rational(count, poly.degree()) * (-c[1] / c[0])
    return simplify_number(total)


@operation("matrix-norms", "Matrix norms: Frobenius, spectral, nuclear (and max column/row sums)",
           inputs=(Input("A", "matrix", "any matrix, e.g. [[3,0],[4,5]]"),), aliases=("mnorms", "matrix-norm"))
def matrix_norms(A: Matrix) -> Derivation:
    """‖A‖_F, ‖A‖₂, ‖A‖_*, ‖A‖₁, ‖A‖∞; result a dict of them."""
    A = require_rational_matrix(A, "matrix-norms", square=False)
    m, n = A.shape
    d = Derivation("matrix-norms", "Matrix norms")

    step = d.step("Frobenius norm: all entries as one long vector")
    squares = [x ** 2 for x in A]
    total = sympy.Add(*squares)
    fro = sympy.sqrt(total)
    step.text("‖A‖_F = √(Σᵢⱼ aᵢⱼ²)")
    step.text(f"‖A‖_F = √({' + '.join(squared(x) for x in A)}) = {sqrt_chain(total, fro)}")

    step = d.step("Max column sum ‖A‖₁ and max row sum ‖A‖∞")
    col_sums = [sympy.Add(*[abs(x) for x in A.col(j)]) for j in range(n)]
    row_sums = [sympy.Add(*[abs(x) for x in A.row(i)]) for i in range(m)]
    step.text("‖A‖₁ = the largest Σᵢ|aᵢⱼ| over columns j (how much A can stretch an L1 vector); "
              "‖A‖∞ = the largest Σⱼ|aᵢⱼ| over rows i.")
    step.text("Column sums: " + ", ".join(f"{' + '.join(fmt(abs(x)) for x in A.col(j))} = {fmt(s)}"
                                         for j, s in enumerate(col_sums)) + f"  →  ‖A‖₁ = {fmt(max(col_sums))}")
    step.text("Row sums: " + ", ".join(f"{' + '.join(fmt(abs(x)) for x in A.row(i))} = {fmt(s)}"
                                      for i, s in enumerate(row_sums)) + f"  →  ‖A‖∞ = {fmt(max(row_sums))}")

    sigmas, _ = singular_value_steps(d, A)
    spectral = sigmas[0]
    nuclear = sympy.Add(*sigmas)
    step = d.step("Spectral and nuclear norms from the singular values")
    step.text("‖A‖₂ = σ₁, the largest stretch factor: max ‖Ax‖₂ over unit vectors x.")
    step.text(_eq("‖A‖₂ = σ₁", spectral))
    step.text("‖A‖_* = Σσᵢ, the nuclear norm (a convex stand-in for rank, used in matrix completion).")
    step.text(_sum_text("‖A‖_*", sigmas, nuclear))

    step = d.step("Checks")
    sum_sq = _sum_squares_exact(sigmas)
    step.text(f"Σσᵢ² = trace(AᵀA) = sum of all squared entries: {fmt(sum_sq)} vs ‖A‖_F² = {fmt(total)}")
    d.check("Σσᵢ² = ‖A‖_F²", is_zero(sum_sq - total))
    s_val, f_val, n_val = _num(spectral), float(fro), _num(nuclear)
    step.text(f"‖A‖₂ ≤ ‖A‖_F ≤ ‖A‖_*: {format_float(s_val)} ≤ {format_float(f_val)} ≤ {format_float(n_val)}")
    tol = 1e-9 * max(1.0, n_val)
    d.check("‖A‖₂ ≤ ‖A‖_F", s_val <= f_val + tol)
    d.check("‖A‖_F ≤ ‖A‖_*", f_val <= n_val + tol)
    d.result = {"frobenius": fro, "spectral": spectral, "nuclear": nuclear,
                "max_column_sum": max(col_sums), "max_row_sum": max(row_sums)}
    d.summary = (f"‖A‖_F = {fmt_approx(fro)}, {_eq('‖A‖₂', spectral)}, {_eq('‖A‖_*', nuclear)}, "
                 f"‖A‖₁ = {fmt(max(col_sums))}, ‖A‖∞ = {fmt(max(row_sums))}")
    return d


def _show(x: sympy.Expr) -> str:
    """Exact text with its decimal, or ``≈ decimal`` alone when the exact form has no readable formula."""
    if x.atoms(sympy.CRootOf):
        return f"≈ {format_float(_num(x))}"
    return root_text(x)


def _eq(lhs: str, x: sympy.Expr) -> str:
    """``lhs = 3√5 ≈ 6.7082`` or ``lhs ≈ 17.413``."""
    text = _show(x)
    return f"{lhs} {text}" if text.startswith("≈") else f"{lhs} = {text}"


def _exact(x: sympy.Expr) -> bool:
    return not _show(x).startswith("≈")


def _sum_text(lhs: str, terms: list[sympy.Expr], total: sympy.Expr) -> str:
    """``lhs = a + b = total`` exactly, or with decimals when a term has no readable exact form."""
    if all(_exact(t) for t in terms) and _exact(total):
        return f"{lhs} = {' + '.join(term(t) for t in terms)} = {_show(total)}"
    return f"{lhs} ≈ {' + '.join(format_float(_num(t)) for t in terms)} ≈ {format_float(_num(total))}"


# ---- cosine similarity -------------------------------------------------------------------------

@operation("cosine", "Cosine similarity and the angle between two vectors",
           inputs=(Input("u", "vector", "a vector, e.g. [1,0]"), Input("v", "vector", "a vector, e.g. [1,1]")),
           aliases=("angle", "cos"))
def cosine(u: Matrix, v: Matrix) -> Derivation:
    """cos θ = u·v/(‖u‖‖v‖); result {"cos", "degrees"}."""
    u = require_vector(u, "cosine", "u")
    v = require_vector(v, "cosine", "v")
    if u.rows != v.rows:
        raise BadInput(f"u and v must have the same length; u has {u.rows} entries, v has {v.rows}")
    d = Derivation("cosine", "Cosine similarity and angle")
    step = d.step("Dot product u·v")
    dot = sympy.Add(*[a * b for a, b in zip(u, v)])
    products = " + ".join(f"{paren(a)}·{paren(b)}" for a, b in zip(u, v))
    step.text(f"u·v = {products} = {fmt_approx(dot)}")
    step = d.step("Lengths ‖u‖ and ‖v‖")
    nu2 = sympy.Add(*[a ** 2 for a in u])
    nv2 = sympy.Add(*[b ** 2 for b in v])
    nu, nv = sympy.sqrt(nu2), sympy.sqrt(nv2)
    step.text(f"‖u‖ = √({' + '.join(squared(a) for a in u)}) = {fmt_approx(nu)}")
    step.text(f"‖v‖ = √({' + '.join(squared(b) for b in v)}) = {fmt_approx(nv)}")
    if nu2 == 0 or nv2 == 0:
        which = "u" if nu2 == 0 else "v"
        step.text(f"{which} is the zero vector: it has no direction, so the angle is undefined "
                  "(cos θ would divide by ‖" + which + "‖ = 0).")
        d.summary = "angle undefined: zero vector"
        raise NotPossible(f"the angle with the zero vector is undefined ({which} = 0)", d)
    step = d.step("cos θ = u·v / (‖u‖·‖v‖)")
    cos = simplify_number(dot / (nu * nv))
    step.text(f"cos θ = {paren(dot)}/({fmt(nu)}·{fmt(nv)}) = {fmt_approx(cos)}")
    theta = sympy.acos(cos)
    degrees = simplify_number(theta * 180 / sympy.pi)
    if degrees.is_Rational:
        angle_text = f"θ = arccos({fmt(cos)}) = {fmt(degrees)}°"
    else:
        degrees = theta * 180 / sympy.pi
        angle_text = f"θ = arccos({fmt(cos)}) ≈ {format_float(math.degrees(math.acos(max(-1.0, min(1.0, float(cos))))))}°"
    step.text(angle_text)
    if dot == 0:
        step.text("u·v = 0: the vectors are orthogonal (perpendicular), cosine similarity 0.")
    elif is_zero(cos - 1):
        step.text("cos θ = 1: same direction (one is a positive multiple of the other).")
    elif is_zero(cos + 1):
        step.text("cos θ = −1: opposite directions.")
    step.text("Cosine similarity ignores length: scaling u or v does not change it, which is why it compares "
              "embeddings of texts of different sizes.")
    check = d.step("Check")
    step_ok = bool(sympy.Le(abs(cos), 1))
    check.text(f"Cauchy–Schwarz: |u·v| ≤ ‖u‖·‖v‖, so |cos θ| = {fmt_approx(abs(cos))} ≤ 1.")
    d.check("|cos θ| ≤ 1 (Cauchy–Schwarz)", step_ok)
    diff2 = sympy.Add(*[(a - b) ** 2 for a, b in zip(u, v)])
    law = simplify_number(nu2 + nv2 - 2 * nu * nv * cos)
    check.text(f"Law of cosines: ‖u − v‖² = ‖u‖² + ‖v‖² − 2‖u‖‖v‖cos θ: {fmt(diff2)} = {fmt(law)}")
    d.check("‖u − v‖² = ‖u‖² + ‖v‖² − 2‖u‖‖v‖cos θ", is_zero(diff2 - law))
    d.result = {"cos": cos, "degrees": degrees}
    d.summary = f"cos θ = {fmt_approx(cos)}, " + angle_text.split(") ", 1)[-1].replace("= ", "θ = ", 1) \
        if degrees.is_Rational else f"cos θ = {fmt_approx(cos)}, {angle_text.split(') ', 1)[-1].replace('≈', 'θ ≈')}"
    return d


# ---- quadratic form ----------------------------------------------------------------------------

@operation("quadform", "Quadratic form xᵀAx expanded term by term",
           inputs=(Input("A", "matrix", "square matrix, e.g. [[2,1],[1,3]]"),
                   Input("x", "vector", "optional vector, e.g. [1,-1]; leave out for the polynomial in x₁…xₙ",
                         optional=True)),
           aliases=("quadratic-form", "xtax"))
def quadform(A: Matrix, x: Matrix | None = None) -> Derivation:
    """xᵀAx = Σᵢⱼ aᵢⱼxᵢxⱼ; result the number (or polynomial when x is symbolic)."""
    if not getattr(A, "is_Matrix", False) or A.rows != A.cols:
        shape = f"{A.rows}×{A.cols}" if getattr(A, "is_Matrix", False) else "not a matrix"
        raise BadInput(f"quadform needs a square matrix A; A is {shape}")
    n = A.rows
    if n > 6:
        raise BadInput(f"quadform works by hand up to 6×6; A is {n}×{n}")
    symbolic = x is None
    if symbolic:
        x = Matrix([sympy.Symbol(f"x{sub(i + 1)}") for i in range(n)])
    else:
        if not getattr(x, "is_Matrix", False):
            raise BadInput(f"quadform needs a vector x such as [1,-1]; got {fmt(x)}")
        if x.cols != 1 and x.rows == 1:
            x = x.T
        if x.cols != 1 or x.rows != n:
            raise BadInput(f"x must have {n} entries to match the {n}×{n} matrix A; it is {x.rows}×{x.cols}")
    d = Derivation("quadform", "Quadratic form xᵀAx")
    step = d.step("Write out xᵀAx = Σᵢ Σⱼ aᵢⱼ·xᵢ·xⱼ")
    step.show("A", A)
    step.show("x", x)
    step.text("Every entry aᵢⱼ of A multiplies xᵢ (its row) and xⱼ (its column); zero entries drop out.")
    terms = []
    total = sympy.Integer(0)
    for i in range(n):
        for j in range(n):
            a = A[i, j]
            if a == 0:
                continue
            value = sympy.expand(a * x[i] * x[j])
            total += value
            name = f"a{sub(i + 1)}{sub(j + 1)}·x{sub(i + 1)}·x{sub(j + 1)}"
            if symbolic:
                terms.append(f"{name} = {fmt(value)}")
            else:
                terms.append(f"{name} = {paren(a)}·{paren(x[i])}·{paren(x[j])} = {fmt(value)}")
    for t in terms:
        step.text(t)
    total = sympy.expand(total)
    step.text(f"xᵀAx = {fmt(total)}" if terms else "A is the zero matrix, so xᵀAx = 0.")
    sym = (A + A.T) / 2
    if A != A.T:
        note = d.step("Only the symmetric part matters")
        note.text("aᵢⱼxᵢxⱼ and aⱼᵢxⱼxᵢ multiply the same product, so only their average counts: "
                  "xᵀAx = xᵀSx with S = (A + Aᵀ)/2.")
        note.show("S", sym)
    elif symbolic and n > 1:
        note = d.step("Reading the polynomial")
        note.text("Diagonal entries give the squares xᵢ², and each off-diagonal pair aᵢⱼ = aⱼᵢ gives the cross "
                  "term 2·aᵢⱼ·xᵢ·xⱼ.")
    check = d.step("Check: compute xᵀ(Ax) directly")
    Ax = (A * x).applyfunc(sympy.expand)
    check.show("A·x", Ax)
    direct = sympy.expand((x.T * Ax)[0, 0])
    check.text(f"xᵀ(Ax) = {fmt(direct)}")
    d.check("Σᵢⱼ aᵢⱼxᵢxⱼ = xᵀ(Ax)", sympy.expand(direct - total) == 0)
    via_sym = sympy.expand((x.T * sym * x)[0, 0])
    d.check("xᵀAx = xᵀSx with S = (A + Aᵀ)/2", sympy.expand(via_sym - total) == 0)
    d.result = total
    d.summary = f"xᵀAx = {fmt_approx(total)}"
    return d


# ---- condition number --------------------------------------------------------------------------

@operation("cond", "Condition number κ₂(A) = σ_max/σ_min",
           inputs=(Input("A", "matrix", "a matrix, e.g. [[1,1],[1,1.0001]] as fractions: [[1,1],[1,10001/10000]]"),),
           aliases=("condition-number", "kappa"))
def cond(A: Matrix) -> Derivation:
    """κ₂ = σ_max/σ_min (∞ when σ_min = 0); result the exact κ (sympy.oo when singular)."""
    A = require_rational_matrix(A, "cond", square=False)
    m, n = A.shape
    d = Derivation("cond", "Condition number κ₂(A) = σ_max/σ_min")
    sigmas, lams = singular_value_steps(d, A)
    smax, smin = sigmas[0], sigmas[-1]
    step = d.step("κ₂ = σ_max / σ_min")
    step.text("κ₂ measures how unevenly A stretches: the ratio of the largest to the smallest stretch. "
              "Relative errors in b can grow by up to κ₂ in the solution of Ax = b.")
    if m != n:
        step.text(f"A is {m}×{n}: κ₂ uses its min(m, n) = {min(m, n)} singular values (as numpy.linalg.cond does).")
    step.text(f"{_eq('σ_max = σ₁', smax)}, {_eq(f'σ_min = σ{sub(len(sigmas))}', smin)}")
    check = None
    if smin == 0 or (smin.is_number and is_zero(smin)):
        step.text("σ_min = 0: A squashes some direction to zero (it is singular / rank-deficient). No finite "
                  "bound holds — an error along that direction can be amplified without limit — so κ₂ = ∞.")
        kappa = sympy.oo
        d.result = kappa
        d.summary = "κ₂(A) = ∞ (A is singular: σ_min = 0)"
        check = d.step("Check")
        rank = A.rank()
        check.text(f"rank(A) = {rank} < {min(m, n)}, confirming that a singular value is 0.")
        d.check("rank(A) < min(m, n)", rank < min(m, n))
        return d
    if smax.atoms(sympy.CRootOf) or smin.atoms(sympy.CRootOf):
        kappa = smax / smin
        step.text(f"κ₂ = σ₁/σ{sub(len(sigmas))} ≈ {format_float(_num(smax) / _num(smin))}   (numeric)")
    else:
        # κ² = λ_max/λ_min stays in the field of the eigenvalues; its square root often denests.
        ratio = divide(lams[0], lams[-1])
        kappa = exact_sqrt(ratio)
        if smax.is_Rational and smin.is_Rational:
            step.text(f"κ₂ = {paren(smax)}/{paren(smin)} = {_show(kappa)}")
        else:
            step.text(f"κ₂ = σ₁/σ{sub(len(sigmas))} = √(λ₁/λ{sub(len(sigmas))}) = √({paren(lams[0])}/{paren(lams[-1])}) "
                      f"= {root_of(ratio)} = {_show(kappa)}")
    value = _num(smax) / _num(smin)
    digits = math.log10(value) if value > 0 else 0.0
    step.text(f"log₁₀ κ₂ ≈ {format_float(digits, 3)}: solving Ax = b in floating point can lose about "
              f"{max(0, round(digits))} decimal digit{'s' if round(digits) != 1 else ''} of accuracy."
              + (" κ₂ = 1: A is a multiple of an orthogonal matrix, perfectly conditioned." if abs(value - 1) < 1e-12
                 else ""))
    check = d.step("Check")
    import numpy as np

    numeric = float(np.linalg.cond(np.array(A.tolist(), dtype=float)))
    check.text(f"κ₂ ≥ 1 always (σ_max ≥ σ_min): {format_float(value)} ≥ 1. numpy.linalg.cond gives "
               f"{format_float(numeric)}.")
    d.check("κ₂ ≥ 1", value >= 1 - 1e-12)
    d.check("agrees with numpy.linalg.cond", abs(numeric - value) <= 1e-6 * max(1.0, value))
    d.result = kappa
    d.summary = _eq("κ₂(A)", kappa)
    return d
