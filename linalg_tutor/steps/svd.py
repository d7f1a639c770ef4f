"""Singular value decomposition by hand, through the eigenvalues of AᵀA, and low-rank approximation.

The route taught first in most courses: AᵀA is symmetric and positive semidefinite, its
eigenvalues λᵢ are the squared singular values, its unit eigenvectors are the columns of V, and
each uᵢ = A·vᵢ/σᵢ. Everything stays exact when the eigenvalues of AᵀA are rational or quadratic
surds (σᵢ may then be a nested square root such as √(3 + √5)).

Documented choice: when the characteristic polynomial of AᵀA has an irreducible factor of degree
≥ 3, the exact eigenvalues need the cubic formula (for a symmetric matrix with three real roots it
always goes through complex cube roots, the casus irreducibilis), and U, V would be unreadable and
slow to verify. We then stop with NotPossible, show the numeric singular values, and point to a
numeric SVD. That only happens when min(m, n) ≥ 3.
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy
from sympy import Matrix

from linalg_tutor.steps.derivation import BadInput, Derivation, NotPossible, Step
from linalg_tutor.steps.eigen import (LAM, EigenFactor, NumberField, charpoly_step, decimal, eigen_factors,
                                      divide, has_nested_root, product_is,
                                      is_zero, matrix_is, numeric_value, require_rational_matrix,
                                      root_text, roots_step, row_reduce, show_nullspace, show_reduction,
                                      simplify_number, value_eq)
from linalg_tutor.steps.eigen import fmt, fmt_approx, paren, root_of, squared, term
from linalg_tutor.mathtext.fmt import sub
from linalg_tutor.steps.registry import Input, operation


@dataclass
class SVDParts:
    """Everything the SVD produced, for reuse by low-rank approximation, norms and the condition number."""

    A: Matrix
    eigenvalues: list[sympy.Expr]  # of AᵀA, descending, with repetition (n of them)
    sigmas: list[sympy.Expr]  # the min(m, n) singular values, descending
    V: Matrix
    U: Matrix
    Sigma: Matrix
    rank: int
    vw: list[tuple[Matrix, Matrix, sympy.Expr]]  # (vᵢ, wᵢ, ‖wᵢ‖) with vᵢ = wᵢ/‖wᵢ‖, per column of V


def whole_number(k: object, message: str) -> int:
    """k as an int, refusing 1.5, "two" and the like with ``message``."""
    try:
        value = int(k)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise BadInput(f"{message}; got {fmt(k)}") from None
    if value != k:
        raise BadInput(f"{message}; got {fmt(k)}")
    return value


def rational_field() -> NumberField:
    """ℚ itself, as the number field ℚ[λ]/(λ): every element is a constant."""
    return NumberField(sympy.Poly(LAM, LAM, domain=sympy.QQ))


def dot(u: Matrix, v: Matrix) -> sympy.Expr:
    return simplify_number(sum((a * b for a, b in zip(u, v)), sympy.Integer(0)))


def _squares_text(w: Matrix) -> str:
    return " + ".join(squared(x) for x in w)


def gram_schmidt(step: Step, ws: list[Matrix], name: str = "w") -> list[Matrix]:
    """Orthogonalise a basis of one eigenspace (vectors of a repeated eigenvalue need not be orthogonal)."""
    out: list[Matrix] = []
    for k, w in enumerate(ws):
        u = w
        for j, prev in enumerate(out):
            c = divide(dot(w, prev), dot(prev, prev))
            if c != 0:
                u = (u - c * prev).applyfunc(simplify_number)
                step.text(f"{name}{sub(k + 1)} ← {name}{sub(k + 1)} − ({name}{sub(k + 1)}·{name}{sub(j + 1)})/"
                          f"({name}{sub(j + 1)}·{name}{sub(j + 1)})·{name}{sub(j + 1)}, with coefficient {fmt(c)}")
        if k and u != w:
            step.show(f"{name}{sub(k + 1)} (orthogonal to the ones before)", u)
        out.append(u)
    return out


def normalise(step: Step, w: Matrix, label: str, name: str = "w") -> tuple[Matrix, sympy.Expr]:
    """w/‖w‖ with the length worked out; returns the unit vector and ‖w‖."""
    norm2 = dot(w, w)
    norm = exact_sqrt(norm2)
    shown = f"√({_squares_text(w)})"
    same = fmt(norm) in (f"√{fmt(norm2)}", f"√({fmt(norm2)})")
    middle = f" = {root_of(norm2)}" if not same else ""
    step.text(f"‖{name}‖ = {shown}{middle} = {fmt_approx(norm)}")
    v = (w / norm).applyfunc(_tidy)
    step.show(f"{label} = {name}/‖{name}‖", v)
    return v, norm


def _tidy(x: sympy.Expr) -> sympy.Expr:
    """Rationalise denominators when that stays simple (1/√5 → √5/5).

    Nested roots such as 1/√(5/2 − √5/2) are left exactly as built: the checks rely on SymPy
    cancelling identical roots (‖w‖·‖w‖ = ‖w‖²), which rewriting would hide.
    """
    if has_nested_root(x):
        return x
    y = sympy.radsimp(x)
    return y if sympy.count_ops(y) <= sympy.count_ops(x) else x





def _sorted_eigen(factors: list[EigenFactor]) -> list[tuple[sympy.Expr, EigenFactor]]:
    """Distinct eigenvalues of AᵀA, largest first, each with the factor it comes from."""
    pairs = [(r, f) for f in factors for r in f.roots]
    return sorted(pairs, key=lambda p: -numeric_value(p[0]).real)


def numeric_singular_values(A: Matrix) -> list[float]:
    import numpy as np

    return [float(s) for s in np.linalg.svd(np.array(A.tolist(), dtype=float), compute_uv=False)]


def gram_step(d: Derivation, A: Matrix, *, rows: bool = False) -> Matrix:
    """AᵀA (columns dotted with columns) or, with ``rows``, AAᵀ (rows dotted with rows)."""
    m, n = A.shape
    name = "AAᵀ" if rows else "AᵀA"
    G = A * A.T if rows else A.T * A
    size = m if rows else n
    step = d.step(f"Form {name}")
    step.show("A", A)
    step.show("Aᵀ", A.T)
    what = "row" if rows else "column"
    step.text(f"Entry (i, j) of {name} is {what} i of A dotted with {what} j. {name} is symmetric, so j ≥ i "
              "is enough.")
    for i in range(size):
        for j in range(i, size):
            if rows:
                terms = " + ".join(f"{paren(A[i, k])}·{paren(A[j, k])}" for k in range(n))
            else:
                terms = " + ".join(f"{paren(A[k, i])}·{paren(A[k, j])}" for k in range(m))
            step.text(f"({name}){sub(i + 1)}{sub(j + 1)} = {terms} = {fmt(G[i, j])}")
    step.show(name, G)
    return G


def svd_steps(d: Derivation, A: Matrix, *, verify: bool = True) -> SVDParts:
    """The whole SVD as steps; raises NotPossible when exact eigenvalues of AᵀA need a cubic formula."""
    m, n = A.shape
    p = min(m, n)
    G = gram_step(d, A)
    poly = charpoly_step(d, G, "AᵀA")
    factors = eigen_factors(G)
    roots_step(d, poly, factors, "AᵀA")
    hard = [f for f in factors if f.degree >= 3]
    if hard:
        step = d.step("Why we stop here")
        q = fmt(hard[0].poly.as_expr())
        step.text(f"The factor {q} is an irreducible polynomial of degree {hard[0].degree}. Its roots are real "
                  "(AᵀA is symmetric), yet the cubic formula writes them with complex cube roots (casus "
                  "irreducibilis), so an exact U and V would be unreadable.")
        sv = numeric_singular_values(A)
        step.text("Numeric singular values (numpy.linalg.svd, NOT exact): "
                  + ", ".join(f"σ{sub(i + 1)} ≈ {decimal(complex(s))}" for i, s in enumerate(sv)))
        d.summary = "exact SVD not possible by hand: AᵀA has an irreducible cubic factor"
        raise NotPossible(f"exact SVD needs the roots of {q} (degree {hard[0].degree}, no rational or "
                          "quadratic roots); use a numeric SVD such as numpy.linalg.svd", d)
    ordered = _sorted_eigen(factors)

    step = d.step("Singular values σᵢ = √λᵢ")
    step.text("AᵀA is symmetric and vᵀ(AᵀA)v = ‖Av‖² ≥ 0, so its eigenvalues are real and ≥ 0. Largest first:")
    eigenvalues: list[sympy.Expr] = []
    for r, f in ordered:
        eigenvalues.extend([r] * f.mult)
    step.text(", ".join(value_eq(f"λ{sub(i + 1)}", r) for i, r in enumerate(eigenvalues)))
    if n > m:
        step.text(f"AᵀA is {n}×{n} but A has only {m} rows, so rank(AᵀA) ≤ {m}: at least {n - m} of these "
                  f"eigenvalues are 0 and only min(m, n) = {p} are squared singular values.")
    sigmas = [exact_sqrt(eigenvalues[i]) for i in range(p)]
    for i, s in enumerate(sigmas):
        root = root_of(eigenvalues[i])
        value = _sigma_text(eigenvalues[i], s)
        step.text(f"σ{sub(i + 1)} = √λ{sub(i + 1)} = " + (value if value.startswith(root) else f"{root} = {value}"))
    rank = sum(1 for s in sigmas if s != 0)
    step.text(f"{rank} nonzero singular value{'s' if rank != 1 else ''}: rank(A) = {rank}.")

    v_cols = _v_steps(d, G, ordered)
    V = Matrix.hstack(*[v for v, _, _ in v_cols])
    U = _u_steps(d, A, v_cols, sigmas, rank)
    Sigma = sympy.zeros(m, n)
    for i, s in enumerate(sigmas):
        Sigma[i, i] = s
    step = d.step("Assemble U, Σ and V")
    step.show("U", U)
    step.show("Σ", Sigma)
    step.show("V", V)
    step.text(f"This is the full SVD: U is {m}×{m}, Σ is {m}×{n}, V is {n}×{n}, all square orthogonal "
              "factors. The compact SVD keeps only the first r = rank columns of U and V and the r×r block "
              "of Σ: the other columns meet only zeros in Σ.")
    parts = SVDParts(A, eigenvalues, sigmas, V, U, Sigma, rank, v_cols)
    if verify:
        check = d.step("Verify: U·Σ·Vᵀ = A, UᵀU = I, VᵀV = I")
        nested = any(has_nested_root(x) for F in (U, Sigma, V) for x in F)
        if not nested:
            check.show("U·Σ·Vᵀ", (U * Sigma * V.T).applyfunc(simplify_number))
        else:
            check.text("U and V contain nested square roots; the products below are formed with every entry "
                       "evaluated to 30 significant digits and compared with A and I.")
        d.check("U·Σ·Vᵀ = A", product_is([U, Sigma, V.T], A))
        d.check("UᵀU = I", product_is([U.T, U], sympy.eye(m)))
        d.check("VᵀV = I", product_is([V.T, V], sympy.eye(n)))
    return parts


def exact_sqrt(x: sympy.Expr) -> sympy.Expr:
    """√x, denested when the result stays in the same field: √(3/2 + √5/2) = 1/2 + √5/2.

    The schoolbook rule: √(a + b√d) = √((a + c)/2) ± √((a − c)/2) with c = √(a² − b²d), usable when
    c is rational. A denesting into new square roots (√(7 + √13) = √2/2 + √26/2) is not used:
    keeping one surd keeps every later division a one-line rationalisation.
    """
    root = sympy.sqrt(x)
    if not has_nested_root(root):
        return root
    x = sympy.expand(x)
    surds = [p for p in x.atoms(sympy.Pow) if p.exp == sympy.S.Half and p.base.is_Integer]
    if len(surds) != 1 or x.atoms(sympy.I):
        return root
    r = surds[0]
    b = x.coeff(r)
    a = sympy.expand(x - b * r)
    if not (a.is_Rational and b.is_Rational):
        return root
    disc = a ** 2 - b ** 2 * r.base
    c = sympy.sqrt(disc) if disc >= 0 else None
    if c is None or not c.is_Rational:
        return root
    p, q = (a + c) / 2, (a - c) / 2
    if p < 0 or q < 0:
        return root
    candidate = sympy.expand(sympy.sqrt(p) + sympy.sign(b) * sympy.sqrt(q))
    outer = {t for t in candidate.atoms(sympy.Pow) if t.exp == sympy.S.Half}
    return candidate if outer <= {r} else root


def _sigma_text(lam: sympy.Expr, s: sympy.Expr) -> str:
    plain = sympy.sqrt(lam)
    if plain != s:
        return f"{fmt(plain)} = {fmt_approx(s)}   (denested: square it to check)"
    return fmt_approx(s)


def _v_steps(d: Derivation, G: Matrix, ordered: list[tuple[sympy.Expr, EigenFactor]]
             ) -> list[tuple[Matrix, Matrix, sympy.Expr]]:
    """Unit eigenvectors of AᵀA, eigenvalue by eigenvalue (largest first): the columns of V.

    Returns (vᵢ, wᵢ, ‖wᵢ‖) with vᵢ = wᵢ/‖wᵢ‖, so uᵢ can be built from the simpler wᵢ.
    """
    cols: list[tuple[Matrix, Matrix, sympy.Expr]] = []
    for r, f in ordered:
        cols.extend(unit_eigenvectors_step(d, r, f, len(cols) + 1, "AᵀA", "v"))
    return cols


def unit_eigenvectors_step(d: Derivation, r: sympy.Expr, f: EigenFactor, start: int, matrix: str, vec: str
                           ) -> list[tuple[Matrix, Matrix, sympy.Expr]]:
    """One step: the null space of M − rI, Gram–Schmidt inside the eigenspace, then unit length.

    Used for symmetric matrices (AᵀA, a covariance matrix), whose eigenvectors for different
    eigenvalues are orthogonal already, so only a repeated eigenvalue needs Gram–Schmidt.
    """
    names = ", ".join(f"{vec}{sub(start + k)}" for k in range(f.mult))
    step = d.step(f"{names}: unit eigenvector{'s' if f.mult > 1 else ''} of {matrix} for λ = {root_text(r)}")
    assert f.reduction is not None
    show = f.shower(r)
    label = f"{matrix} − λI at λ = {fmt(r)}" if r != 0 else matrix
    show_reduction(step, label, f.reduction, show, verbose=False)
    ws = show_nullspace(step, f.reduction, show, "w")
    if len(ws) > 1:
        step.text("A repeated eigenvalue: make its eigenvectors orthogonal by Gram–Schmidt (eigenvectors of "
                  "different eigenvalues of a symmetric matrix are orthogonal already).")
        ws = gram_schmidt(step, ws)
    out = []
    for k, w in enumerate(ws):
        v, norm = normalise(step, w, f"{vec}{sub(start + k)}", f"w{sub(k + 1)}" if len(ws) > 1 else "w")
        out.append((v, w, norm))
    return out


def _u_steps(d: Derivation, A: Matrix, v_cols: list[tuple[Matrix, Matrix, sympy.Expr]],
             sigmas: list[sympy.Expr], rank: int) -> Matrix:
    """uᵢ = A·vᵢ/σᵢ for σᵢ > 0, then an orthonormal basis of N(Aᵀ) to fill U up to m columns."""
    m = A.rows
    step = d.step("U from uᵢ = A·vᵢ/σᵢ")
    step.text("A·vᵢ has length σᵢ, so dividing by σᵢ gives a unit vector; different uᵢ are orthogonal "
              "because the vᵢ are. Each vᵢ is w/‖w‖ for the eigenvector w found above, and it is easiest "
              "to work with that w: uᵢ = (A·w/σᵢ)/‖w‖.")
    cols: list[Matrix] = []
    for i in range(rank):
        _, w, norm = v_cols[i]
        Aw = (A * w).applyfunc(simplify_number)
        step.show(f"A·w (the w behind v{sub(i + 1)})", Aw)
        sigma = sigmas[i]
        z = Aw.applyfunc(lambda e, s=sigma: divide(e, s) if not has_nested_root(s) else e / s)
        step.show(f"A·w/σ{sub(i + 1)}", z)
        u = (z / norm).applyfunc(_tidy)
        step.show(f"u{sub(i + 1)} = (A·w/σ{sub(i + 1)})/‖w‖", u)
        cols.append(u)
    if rank < m:
        more = d.step(f"Complete U: {m - rank} more column{'s' if m - rank > 1 else ''} from N(Aᵀ)")
        more.text(f"Only {rank} singular value{'s are' if rank != 1 else ' is'} nonzero, so uᵢ = A·vᵢ/σᵢ gives "
                  f"{rank} of the {m} columns. The rest must be unit vectors orthogonal to them: an orthonormal "
                  "basis of the left null space N(Aᵀ) (solve Aᵀx = 0).")
        F = rational_field()
        red = row_reduce(F, [[F.const(x) for x in A.T.row(i)] for i in range(A.cols)])
        show = F.to_expr
        show_reduction(more, "Aᵀ", red, show, verbose=False)
        ws = show_nullspace(more, red, show, "w")
        if len(ws) > 1:
            more.text("Gram–Schmidt makes them orthogonal to each other:")
            ws = gram_schmidt(more, ws)
        for k, w in enumerate(ws):
            cols.append(normalise(more, w, f"u{sub(rank + k + 1)}", f"w{sub(k + 1)}" if len(ws) > 1 else "w")[0])
    return Matrix.hstack(*cols)


_A_IN = Input("A", "matrix", "any matrix with up to 6 rows and columns, e.g. [[3,0],[4,5]]")


@operation("svd", "Singular value decomposition A = U·Σ·Vᵀ via the eigenvalues of AᵀA",
           inputs=(_A_IN,), aliases=("singular-value-decomposition",))
def svd(A: Matrix) -> Derivation:
    """Full SVD; result {"U", "Sigma", "V", "singular_values"}."""
    A = require_rational_matrix(A, "svd", square=False)
    d = Derivation("svd", "Singular value decomposition through AᵀA")
    parts = svd_steps(d, A)
    d.result = {"U": parts.U, "Sigma": parts.Sigma, "V": parts.V, "singular_values": parts.sigmas}
    d.summary = (f"A = U·Σ·Vᵀ with singular values {', '.join(root_text(s) for s in parts.sigmas)} "
                 f"(rank {parts.rank})")
    return d


@operation("lowrank", "Best rank-k approximation A_k = Σᵢ≤ₖ σᵢuᵢvᵢᵀ and its error (Eckart–Young)",
           inputs=(_A_IN, Input("k", "integer", "the rank to keep, e.g. 1")),
           aliases=("low-rank", "rank-k", "truncated-svd"))
def lowrank(A: Matrix, k: object) -> Derivation:
    """A_k from the SVD; result {"A_k", "frobenius_error", "spectral_error"}."""
    A = require_rational_matrix(A, "lowrank", square=False)
    m, n = A.shape
    p = min(m, n)
    k = whole_number(k, "lowrank needs a whole number k")
    if not 1 <= k <= p:
        raise BadInput(f"k must be between 1 and min(m, n) = {p}; got {k}")
    d = Derivation("lowrank", f"Best rank-{k} approximation (Eckart–Young)")
    parts = svd_steps(d, A, verify=False)
    sig = parts.sigmas

    keep = f"the {k} largest singular values" if k > 1 else "the largest singular value"
    step = d.step(f"Keep {keep}: A{sub(k)} = Σ σᵢ·uᵢ·vᵢᵀ over i ≤ {k}")
    step.text("A = σ₁u₁v₁ᵀ + σ₂u₂v₂ᵀ + …, each term a rank-1 matrix weighted by σᵢ. Keeping the first k terms "
              "keeps the directions along which A stretches most.")
    step.text("Since σᵢuᵢ = A·vᵢ and vᵢ = w/‖w‖ (w the eigenvector behind vᵢ), each term is "
              "σᵢuᵢvᵢᵀ = A·vᵢ·vᵢᵀ = (A·w)·wᵀ/‖w‖²: "
              "no nested square roots are needed.")
    Ak = sympy.zeros(m, n)
    for i in range(min(k, parts.rank)):
        _, w, _ = parts.vw[i]
        norm2 = dot(w, w)
        Aw = (A * w).applyfunc(simplify_number)
        rank_one = (Aw * w.T).applyfunc(lambda e, n2=norm2: divide(e, n2))
        step.text(f"For v{sub(i + 1)}: A·w = {fmt(list(Aw))}, ‖w‖² = {fmt(norm2)}")
        step.show(f"σ{sub(i + 1)}·u{sub(i + 1)}·v{sub(i + 1)}ᵀ", rank_one)
        Ak += rank_one
    Ak = Ak.applyfunc(simplify_number)
    step.show(f"A{sub(k)}", Ak)
    if k >= parts.rank:
        step.text(f"k ≥ rank(A) = {parts.rank}: nothing is dropped, so A{sub(k)} = A exactly.")

    err = d.step("The error")
    E = (A - Ak).applyfunc(simplify_number)
    err.show(f"A − A{sub(k)}", E)
    fro2 = simplify_number(sum((x ** 2 for x in E), sympy.Integer(0)))
    err.text(f"‖A − A{sub(k)}‖_F² = sum of squared entries = {fmt_approx(fro2)}")
    tail = simplify_number(sum(parts.eigenvalues[k:p], sympy.Integer(0)))
    rest = parts.eigenvalues[k:p]
    names = " + ".join(f"λ{sub(i + 1)}" for i in range(k, p)) or "0"
    listing = f" = {' + '.join(term(lam) for lam in rest)}" if len(rest) > 1 else ""
    err.text(f"Σᵢ>ₖ σᵢ² = {names}{listing} = {fmt_approx(tail)}" if rest
             else "Σᵢ>ₖ σᵢ² = 0 (no singular value is dropped)")
    d.check(f"‖A − A{sub(k)}‖_F² = Σᵢ>ₖ σᵢ²", is_zero(fro2 - tail))
    fro = exact_sqrt(tail)
    spectral = sig[k] if k < p else sympy.Integer(0)
    err.text(f"Frobenius error ‖A − A{sub(k)}‖_F = √(Σᵢ>ₖ σᵢ²) = {fmt_approx(fro)}")
    err.text(f"Spectral error ‖A − A{sub(k)}‖₂ = σ{sub(k + 1)} = {fmt_approx(spectral)}"
             if k < p else f"Spectral error ‖A − A{sub(k)}‖₂ = 0")
    err.text("Eckart–Young: no matrix of rank ≤ k is closer to A in either norm.")
    # A − A_k = Σ_{i>k} σᵢuᵢvᵢᵀ is itself an SVD: it kills v₁…v_k and sends v_{k+1} where A does
    # (to σ_{k+1}u_{k+1}). Checked on wᵢ = ‖wᵢ‖·vᵢ to stay free of nested roots.
    killed = all(matrix_is(E * parts.vw[i][1], sympy.zeros(m, 1)) for i in range(k))
    d.check(f"(A − A{sub(k)})·vᵢ = 0 for i ≤ {k}", killed)
    if k < p:
        w_next = parts.vw[k][1]
        d.check(f"(A − A{sub(k)})·v{sub(k + 1)} = A·v{sub(k + 1)} = σ{sub(k + 1)}·u{sub(k + 1)} "
                f"(so ‖A − A{sub(k)}‖₂ = σ{sub(k + 1)})", matrix_is(E * w_next, A * w_next))
    d.result = {"A_k": Ak, "frobenius_error": fro, "spectral_error": spectral}
    d.summary = (f"rank-{k} approximation with ‖A − A{sub(k)}‖_F = {fmt_approx(fro)} and "
                 f"‖A − A{sub(k)}‖₂ = {fmt_approx(spectral)}")
    return d
