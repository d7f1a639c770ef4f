"""Principal component analysis by hand: centre, covariance, eigen-decomposition, projection.

PCA finds the orthogonal directions along which the data varies most. The route is the classic
one: subtract the column means, form the sample covariance C = X_cᵀX_c/(n − 1), take its
eigenvalues (variances along the principal directions) and unit eigenvectors (the directions),
and project the centred data onto the top k of them.

Exact whenever the characteristic polynomial of C factors into pieces of degree ≤ 2. A factor of
degree ≥ 3 (common with three or more features) has roots with no readable closed form: those
eigenvalues stay exact as CRootOf objects, their eigenvector is still derived exactly as a
formula v(λ), and only the unit directions and the projection are given numerically, labelled so.
"""

from __future__ import annotations

import sympy
from sympy import Matrix

from linalg_tutor.steps.derivation import BadInput, Derivation, NotPossible
from linalg_tutor.steps.eigen import (EigenFactor, charpoly_step, decimal, divide, eigen_factors, is_zero, matrix_is,
                                      numeric_value, root_text, roots_step, show_nullspace, show_reduction,
                                      simplify_number, value_eq)
from linalg_tutor.steps.eigen import fmt, fmt_approx, paren, term
from linalg_tutor.mathtext.fmt import format_float, sub
from linalg_tutor.steps.registry import Input, operation
from linalg_tutor.steps.svd import dot, unit_eigenvectors_step, whole_number

MAX_SAMPLES = 20
MAX_FEATURES = 6


def _require_data(X: object) -> Matrix:
    if not getattr(X, "is_Matrix", False):
        raise BadInput(f"pca needs a data matrix (rows = samples, columns = features) such as [[1,2],[3,3],[5,7]]; "
                       f"got {fmt(X)}")
    n, p = X.shape
    if n < 2:
        raise BadInput(f"pca needs at least 2 samples (rows) to measure variance; got {n}")
    if n > MAX_SAMPLES or p > MAX_FEATURES:
        raise BadInput(f"pca works by hand up to {MAX_SAMPLES} samples and {MAX_FEATURES} features; "
                       f"X is {n}×{p}")
    for x in X:
        if not getattr(x, "is_Rational", False):
            raise BadInput(f"pca works exactly with integers and fractions; the entry {fmt(x)} is not one")
    return Matrix(X)


@operation("pca", "Principal component analysis: centre, covariance, eigenvectors, explained variance, projection",
           inputs=(Input("X", "matrix", "data matrix, rows = samples, columns = features, e.g. [[1,2],[3,3],[5,7]]"),
                   Input("k", "integer", "number of components to keep", optional=True, default="1")),
           aliases=("principal-components",))
def pca(X: Matrix, k: object = None) -> Derivation:
    """Result {"mean", "covariance", "eigenvalues", "explained_ratio", "components", "projection"}."""
    X = _require_data(X)
    n, p = X.shape
    if k is None:
        k = 1
    k = whole_number(k, "k must be a whole number of components")
    if not 1 <= k <= p:
        raise BadInput(f"k must be between 1 and the number of features {p}; got {k}")
    d = Derivation("pca", f"Principal component analysis (keep k = {k})")

    step = d.step("The data")
    step.show("X", X)
    step.text(f"n = {n} samples (rows), p = {p} feature{'s' if p > 1 else ''} (columns).")

    step = d.step("Column means")
    means = []
    for j in range(p):
        col = X.col(j)
        m = sum(col, sympy.Integer(0)) / n
        means.append(m)
        step.text(f"x̄{sub(j + 1)} = ({' + '.join(term(x) for x in col)})/{n} = {fmt_approx(m)}")

    step = d.step("Centre the data: subtract each column's mean")
    Xc = Matrix(n, p, lambda i, j: X[i, j] - means[j])
    step.text("PCA looks at variation around the mean, so move the mean to the origin. Every column of X_c "
              "now sums to 0.")
    step.show("X_c", Xc)

    C = _covariance_step(d, Xc)
    poly = charpoly_step(d, C, "C")
    factors = eigen_factors(C, closed_form=False)
    roots_step(d, poly, factors, "C")
    ordered = sorted(((r, f) for f in factors for r in f.roots), key=lambda t: -numeric_value(t[0]).real)
    eigenvalues: list[sympy.Expr] = []
    for r, f in ordered:
        eigenvalues.extend([r] * f.mult)
    total = C.trace()
    if total == 0:
        step = d.step("No variance")
        step.text("Every sample is the same point: C = 0, all eigenvalues are 0 and there is no direction of "
                  "variation to find.")
        d.summary = "no variance: all samples are identical"
        raise NotPossible("all samples are identical, so there is no variance to explain", d)

    step = d.step("Eigenvalues = variances along the principal directions, largest first")
    step.text("C is symmetric positive semidefinite, so its eigenvalues are real and ≥ 0. Each is the variance "
              "of the data along its eigenvector.")
    step.text(", ".join(value_eq(f"λ{sub(i + 1)}", r) for i, r in enumerate(eigenvalues)))

    raw: list[tuple[Matrix, sympy.Expr]] = []
    directions, numeric_dirs = _direction_steps(d, C, ordered, raw)
    exact = not numeric_dirs

    step = d.step("Explained variance ratio λᵢ/Σλ")
    diag_sum = f" = {' + '.join(term(C[i, i]) for i in range(p))}" if p > 1 else ""
    step.text(f"Total variance = Σλ = trace(C){diag_sum} = {fmt_approx(total)}")
    ratios = []
    for i, lam in enumerate(eigenvalues):
        ratio = simplify_number(lam / total)
        ratios.append(ratio)
        percent = format_float(100 * numeric_value(ratio).real, 4)
        if isinstance(lam, sympy.CRootOf):
            step.text(f"λ{sub(i + 1)}/Σλ ≈ {decimal(lam)}/{paren(total)} ≈ {format_float(numeric_value(ratio).real)} "
                      f"= {percent}%")
        else:
            step.text(f"λ{sub(i + 1)}/Σλ = {paren(lam)}/{paren(total)} = {fmt_approx(ratio)} = {percent}%")
    kept = sum(numeric_value(r).real for r in ratios[:k])
    first = f"The first {k} components keep" if k > 1 else "The first component keeps"
    step.text(f"{first} {format_float(100 * kept, 4)}% of the variance.")

    step = d.step(f"Project the centred data onto the top {k} directions" if k > 1
                  else "Project the centred data onto the top direction")
    W = Matrix.hstack(*directions[:k])
    step.text("Z = X_c·W: row i holds the coordinates of sample i along the principal directions (its 'scores').")
    if exact:
        step.show("W = [v₁ … vₖ]" if k > 1 else "W = v₁", W)
        cols = []
        for i in range(k):
            w, norm = raw[i]
            scores = (Xc * w).applyfunc(simplify_number)
            step.show(f"X_c·w (w: the eigenvector behind v{sub(i + 1)}, before normalising)", scores)
            cols.append(scores / norm)
        Z = Matrix.hstack(*cols)
        step.text("Divide by ‖w‖ to get the scores along the unit direction:")
        step.show("Z = X_c·W", Z)
        if not all(x.is_Rational for x in Z):
            step.show("Z (decimals)", Z.applyfunc(lambda e: sympy.Float(numeric_value(e).real, 6)))
    else:
        step.show("W = [v₁ … vₖ] (numeric)" if k > 1 else "W = v₁ (numeric)", W)
        Z = (Xc * W).applyfunc(lambda e: sympy.Float(e, 6))
        step.show("Z = X_c·W (numeric)", Z)

    check = d.step("Verify")
    eig_sum = _exact_sum(eigenvalues)
    check.text(f"Σλ = {fmt_approx(eig_sum)} and trace(C) = {fmt_approx(total)}: total variance is preserved.")
    d.check("trace(C) = Σλ", is_zero(eig_sum - total))
    ratio_sum = simplify_number(eig_sum / total)
    d.check("explained ratios sum to 1", is_zero(ratio_sum - 1))
    Wall = Matrix.hstack(*directions)
    if exact:
        # Checked on the unnormalised eigenvectors wᵢ (vᵢ = wᵢ/‖wᵢ‖), whose entries are plain surds.
        check.text("C·w = λ·w for the eigenvector w behind every direction, and different w are orthogonal, so "
                   "the unit vectors vᵢ = w/‖w‖ are orthonormal eigenvectors.")
        d.check("C·vᵢ = λᵢ·vᵢ for every direction",
                all(matrix_is(C * w, eigenvalues[i] * w) for i, (w, _) in enumerate(raw)))
        gram = Matrix(p, p, lambda i, j: divide(dot(raw[i][0], raw[j][0]), raw[i][1] * raw[j][1])
                      if i != j else dot(raw[i][0], raw[i][0]) / raw[i][1] ** 2)
        d.check("directions are orthonormal (WᵀW = I)", matrix_is(gram, sympy.eye(p)))
    else:
        import numpy as np

        Cn = np.array(C.tolist(), dtype=float)
        Wn = np.array(Wall.evalf(20).tolist(), dtype=float)
        lam = np.array([numeric_value(r).real for r in eigenvalues])
        residual = float(np.max(np.abs(Cn @ Wn - Wn * lam)))
        check.text(f"Numerically, max |C·vᵢ − λᵢ·vᵢ| = {format_float(residual, 2)} and WᵀW = I to round-off.")
        d.check("C·vᵢ = λᵢ·vᵢ (numerically)", residual < 1e-8 * max(1.0, float(np.max(np.abs(Cn)))))
        d.check("WᵀW = I (numerically)", float(np.max(np.abs(Wn.T @ Wn - np.eye(p)))) < 1e-8)
    d.result = {"mean": Matrix([means]), "covariance": C, "eigenvalues": eigenvalues, "explained_ratio": ratios,
                "components": W, "projection": Z}
    first = f"the first {k} components explain" if k > 1 else "the first component explains"
    d.summary = (f"λ = {', '.join(root_text(r) for r in eigenvalues)}; {first} "
                 f"{format_float(100 * kept, 4)}% of the variance")
    return d


def _covariance_step(d: Derivation, Xc: Matrix) -> Matrix:
    n, p = Xc.shape
    step = d.step("Covariance matrix C = X_cᵀ·X_c/(n − 1)")
    step.text(f"Why n − 1 = {n - 1} and not n: the centred values must sum to zero, so only n − 1 of them are "
              "free (one degree of freedom went into the mean). Dividing by n − 1 (Bessel's correction) makes "
              "the sample variance an unbiased estimate of the true variance.")
    C = (Xc.T * Xc) / (n - 1)
    for i in range(p):
        for j in range(i, p):
            terms = " + ".join(f"{paren(Xc[r, i])}·{paren(Xc[r, j])}" for r in range(n))
            s = sum((Xc[r, i] * Xc[r, j] for r in range(n)), sympy.Integer(0))
            what = f"variance of feature {i + 1}" if i == j else f"covariance of features {i + 1} and {j + 1}"
            step.text(f"C{sub(i + 1)}{sub(j + 1)} = ({terms})/{n - 1} = {fmt(s)}/{n - 1} = {fmt(C[i, j])}   ({what})")
    step.show("C", C)
    return C


def _direction_steps(d: Derivation, C: Matrix, ordered: list[tuple[sympy.Expr, EigenFactor]],
                     raw: list[tuple[Matrix, sympy.Expr]]) -> tuple[list[Matrix], bool]:
    """Unit eigenvectors of C, largest eigenvalue first; numeric for roots of irreducible cubics and up.

    ``raw`` receives (w, ‖w‖) for each exact direction, so scores can be computed as (X_c·w)/‖w‖.
    """
    directions: list[Matrix] = []
    numeric = False
    done: set[int] = set()
    for r, f in ordered:
        if f.degree <= 2:
            for v, w, norm in unit_eigenvectors_step(d, r, f, len(directions) + 1, "C", "v"):
                directions.append(v)
                raw.append((w, norm))
            continue
        numeric = True
        if id(f) not in done:
            done.add(id(f))
            step = d.step(f"Eigenvector formula for the roots of {fmt(f.poly.as_expr())}")
            step.text("Row-reduce C − λI keeping λ as a symbol (using the polynomial = 0 to keep degrees low): "
                      "the null space gives an exact formula w(λ) valid for each of its roots.")
            assert f.reduction is not None
            show_reduction(step, "C − λI", f.reduction, f.shower(None), verbose=False)
            show_nullspace(step, f.reduction, f.shower(None), "w(λ)")
        step = d.step(f"v{sub(len(directions) + 1)}: unit direction for λ ≈ {decimal(r)} (numeric)")
        lam = numeric_value(r).real
        for basis in f.reduction.basis:
            values = [_eval(x, lam) for x in basis]
            length = sum(v * v for v in values) ** 0.5
            unit = Matrix([sympy.Float(v / length, 15) for v in values])
            step.text(f"w(λ) at λ ≈ {format_float(lam)} has length ≈ {format_float(length)}; divide by it "
                      "(numeric — no readable exact form exists).")
            step.show(f"v{sub(len(directions) + 1)} ≈", unit.applyfunc(lambda e: sympy.Float(e, 6)))
            directions.append(unit)
            raw.append((unit, sympy.Integer(1)))
    return directions, numeric


def _eval(x: list, lam: float) -> float:
    value = 0.0
    for c in x:
        value = value * lam + float(c.numerator) / float(c.denominator)
    return value


def _exact_sum(values: list[sympy.Expr]) -> sympy.Expr:
    """Σ of eigenvalues; CRootOf roots of one factor are summed by Vieta's formula."""
    total = sympy.Integer(0)
    groups: dict[sympy.Poly, int] = {}
    for v in values:
        if isinstance(v, sympy.CRootOf):
            groups[v.poly] = groups.get(v.poly, 0) + 1
        else:
            total += v
    for poly, count in groups.items():
        c = poly.all_coeffs()
        total += sympy.Rational(count, poly.degree()) * (-c[1] / c[0])
    return simplify_number(total)
