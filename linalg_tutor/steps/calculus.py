"""Multivariable calculus for ML: gradients, Jacobians, Hessians and critical points.

Training a model is walking downhill on a loss surface: the gradient says which way is down, the
Jacobian is how a vector-valued layer responds to its inputs, and the Hessian's eigenvalues say
whether a flat spot is a valley (minimum), a peak or a saddle. Derivatives come from SymPy, but
every partial derivative is shown term by term with the rule that produces it (power, product,
chain…), so the learner can redo it by hand.

Variables are the free symbols of the expression in alphabetical order of their names; a point
is given in that same order, and the derivation says so.
"""

from __future__ import annotations

import sympy
from sympy import Matrix, Symbol

from linalg_tutor.steps.derivation import BadInput, Derivation, NotPossible, Step
from linalg_tutor.steps.eigen import (LAM, charpoly_step, decimal, reduce_mod_root, eigen_factors, is_zero, numeric_value, roots_step, root_text,
                                      value_eq)
from linalg_tutor.steps.eigen import fmt, fmt_approx
from linalg_tutor.mathtext.fmt import sub
from linalg_tutor.steps.registry import Input, operation

MAX_VARIABLES = 6
#: Term-by-term rule lines are shown up to this many terms; longer sums show only the result.
MAX_TERMS = 12
#: Critical points listed at most (a polynomial system can have many).
MAX_CRITICAL = 8

_T = Symbol("t")


# ---- inputs ------------------------------------------------------------------------------------

def require_expression(f: object, op: str) -> sympy.Expr:
    if getattr(f, "is_Matrix", False):
        raise BadInput(f"{op} needs a single expression such as x**2*y; got a matrix"
                       + (" (use jacobian for a vector of functions)" if op != "jacobian" else ""))
    if not isinstance(f, sympy.Expr):
        raise BadInput(f"{op} needs an expression in variables such as x**2 + 3*x*y; got {f!r}")
    if not f.free_symbols:
        raise BadInput(f"{op} needs an expression with at least one variable; {fmt(f)} is a constant")
    return f


def variables_of(*exprs: sympy.Expr) -> list[Symbol]:
    """Free symbols in alphabetical order of their names (the order a point is read in)."""
    found: set[Symbol] = set()
    for e in exprs:
        found |= e.free_symbols
    xs = sorted(found, key=lambda s: s.name)
    if len(xs) > MAX_VARIABLES:
        raise BadInput(f"at most {MAX_VARIABLES} variables; got {len(xs)}: {', '.join(s.name for s in xs)}")
    return xs


def require_point(p: object, xs: list[Symbol], op: str) -> dict[Symbol, sympy.Expr] | None:
    if p is None:
        return None
    if not getattr(p, "is_Matrix", False):
        p = Matrix([p])
    if p.cols != 1 and p.rows == 1:
        p = p.T
    names = ", ".join(s.name for s in xs)
    if p.cols != 1 or p.rows != len(xs):
        raise BadInput(f"the point needs {len(xs)} coordinate{'s' if len(xs) != 1 else ''}, one for each of "
                       f"({names}) in that order; got {p.rows * p.cols}")
    for v in p:
        if v.free_symbols or not v.is_number:
            raise BadInput(f"point coordinates must be numbers; got {fmt(v)}")
    return dict(zip(xs, list(p)))


def _tuple(xs: list[Symbol]) -> str:
    return "(" + ", ".join(fmt(x) for x in xs) + ")"


def _point_text(xs: list[Symbol], point: dict[Symbol, sympy.Expr]) -> str:
    """``(x, y) = (1, 2)``; coordinates without a short exact form are shown by their decimals."""
    values = [point[x] for x in xs]
    if any(not v.is_Rational and root_text(v).startswith("≈") for v in values):
        shown = [fmt(v) if v.is_Rational else root_text(v) for v in values]
        if len(xs) == 1:
            return f"{fmt(xs[0])} {shown[0]}" if shown[0].startswith("≈") else f"{fmt(xs[0])} = {shown[0]}"
        return f"{_tuple(xs)} ≈ (" + ", ".join(s.lstrip("≈ ") for s in shown) + ")"
    if len(xs) == 1:
        return f"{fmt(xs[0])} = {fmt(values[0])}"
    return f"{_tuple(xs)} = (" + ", ".join(fmt(v) for v in values) + ")"


def variables_step(d: Derivation, label: str, exprs: list[sympy.Expr], xs: list[Symbol],
                   point: dict[Symbol, sympy.Expr] | None) -> None:
    step = d.step("The function and its variables")
    for e, name in zip(exprs, [label] if len(exprs) == 1 else [f"{label}{sub(i + 1)}" for i in range(len(exprs))]):
        step.text(f"{name}{_tuple(xs)} = {fmt(e)}")
    step.text(f"Variables in alphabetical order: {_tuple(xs)}"
              + (" — the point's coordinates are read in this order." if point is not None else "."))
    if point is not None:
        step.text(f"Point: {_point_text(xs, point)}")


# ---- derivative rules --------------------------------------------------------------------------

_FUNCTION_RULES = {
    "exp": "(eᵘ)′ = eᵘ",
    "log": "(ln u)′ = 1/u",
    "sin": "(sin u)′ = cos u",
    "cos": "(cos u)′ = −sin u",
    "tan": "(tan u)′ = 1 + tan² u",
    "sinh": "(sinh u)′ = cosh u",
    "cosh": "(cosh u)′ = sinh u",
    "tanh": "(tanh u)′ = 1 − tanh² u",
    "atan": "(arctan u)′ = 1/(1 + u²)",
    "asin": "(arcsin u)′ = 1/√(1 − u²)",
    "acos": "(arccos u)′ = −1/√(1 − u²)",
}


def rule_for(term: sympy.Expr, x: Symbol) -> str:
    """The differentiation rule a learner would use for ``term`` with respect to ``x``."""
    if not term.has(x):
        return f"constant with respect to {fmt(x)}"
    coeff, rest = term.as_independent(x, as_Add=False)
    lead = f"constant factor {fmt(coeff)} kept; " if coeff != 1 and coeff != -1 else ""
    if coeff == -1:
        lead = "sign kept; "
    if rest == x:
        return lead + f"d/d{fmt(x)} {fmt(x)} = 1"
    if rest.is_Pow:
        base, exp = rest.as_base_exp()
        if base == x and not exp.has(x):
            if exp == sympy.S.Half:
                return lead + "power rule: (√x)′ = 1/(2√x)"
            return lead + "power rule: (xⁿ)′ = n·xⁿ⁻¹"
        if not base.has(x):
            inner = "" if exp == x else f" and the chain rule (inner {fmt(exp)})"
            return lead + f"exponential rule: (aᵘ)′ = aᵘ·ln a·u′{inner}"
        if not exp.has(x):
            return lead + f"chain rule: (uⁿ)′ = n·uⁿ⁻¹·u′ with inner u = {fmt(base)}"
        return lead + "logarithmic differentiation (variable in base and exponent)"
    if rest.is_Mul:
        return lead + "product rule: (g·h)′ = g′·h + g·h′"
    if isinstance(rest, sympy.Function) and len(rest.args) == 1:
        name = type(rest).__name__
        base_rule = _FUNCTION_RULES.get(name, f"derivative of {name}")
        arg = rest.args[0]
        if arg == x:
            return lead + base_rule
        return lead + f"chain rule: {base_rule}, times u′ with inner u = {fmt(arg)}"
    return lead + "differentiation rules (SymPy)"


def partial_lines(step: Step, f: sympy.Expr, x: Symbol, name: str, others: list[Symbol]) -> sympy.Expr:
    """Write ∂f/∂x term by term with the rule used; returns the derivative."""
    result = sympy.diff(f, x)
    if others:
        step.text(f"Hold {', '.join(fmt(o) for o in others)} constant and differentiate with respect to {fmt(x)}.")
    terms = sympy.Add.make_args(sympy.expand(f)) if f.is_polynomial() else sympy.Add.make_args(f)
    if len(terms) > 1 and len(terms) <= MAX_TERMS:
        step.text("Sum rule: differentiate term by term.")
        for term in terms:
            step.text(f"∂/∂{fmt(x)} [{fmt(term)}] = {fmt(sympy.diff(term, x))}   ({rule_for(term, x)})")
    elif len(terms) == 1:
        step.text(f"∂/∂{fmt(x)} [{fmt(f)}]   ({rule_for(f, x)})")
    step.text(f"{name} = {fmt(result)}")
    return result


def _at(expr: sympy.Expr, point: dict[Symbol, sympy.Expr]) -> sympy.Expr:
    return sympy.simplify(expr.subs(point)) if not expr.is_polynomial() else sympy.expand(expr.subs(point))


def _same(a: sympy.Expr, b: sympy.Expr) -> bool:
    diff = sympy.expand(a - b)
    return diff == 0 or sympy.simplify(diff) == 0


def _line_check(f: sympy.Expr, x: Symbol, partial: sympy.Expr) -> bool:
    """∂f/∂x as the ordinary derivative of t ↦ f(…, x + t, …) at t = 0 — the definition itself."""
    g = f.subs(x, x + _T)
    return _same(sympy.diff(g, _T).subs(_T, 0), partial)


def recheck(f: sympy.Expr, x: Symbol, partial: sympy.Expr) -> bool:
    """An independent recomputation of ∂f/∂x.

    A polynomial is differentiated monomial by monomial from its coefficient table (the power rule
    applied by hand, in SymPy's polynomial module rather than its expression calculus); any other
    function through the definition, as d/dt f(…, x + t, …) at t = 0.
    """
    gens = sorted(f.free_symbols | {x}, key=lambda s: s.name)
    if f.is_polynomial(*gens):
        poly = sympy.Poly(f, *gens)
        k = gens.index(x)
        total = sympy.Integer(0)
        for exps, c in poly.terms():
            if exps[k]:
                total += c * exps[k] * sympy.Mul(*[g ** (e - (1 if i == k else 0)) for i, (g, e) in enumerate(zip(gens, exps))])
        return sympy.expand(total - partial) == 0
    return _line_check(f, x, partial)


def recheck_text(exprs: list[sympy.Expr], what: str) -> str:
    if all(e.is_polynomial(*e.free_symbols) for e in exprs):
        return (f"{what} recomputed monomial by monomial with the power rule (c·xᵃ·yᵇ → a·c·xᵃ⁻¹·yᵇ), "
                "independently of the rules above: they agree.")
    return (f"{what} recomputed from the definition, as d/dt f(…, xᵢ + t, …) at t = 0 (move one variable "
            "only): they agree.")


def _finite_difference_ok(f: sympy.Expr, xs: list[Symbol], point: dict[Symbol, sympy.Expr],
                          grad_at: list[sympy.Expr]) -> bool | None:
    """Central differences at the point agree with the exact gradient (None when f is not real there).

    f is evaluated by the guarded walker of :mod:`linalg_tutor.mathtext.numeric` (never by
    generated code), which gives up on astronomically large intermediate values."""
    from linalg_tutor.mathtext.numeric import evaluate_at

    def value(at: list[sympy.Expr]) -> float | None:
        v = evaluate_at(f, dict(zip(xs, at)), digits=30)
        return None if v is None or abs(v.imag) > 1e-20 else float(v.real)

    try:
        base = [point[x] for x in xs]
        h = sympy.Rational(1, 10**5)
        for i, g in enumerate(grad_at):
            up, down = list(base), list(base)
            up[i] += h
            down[i] -= h
            hi, lo = value(up), value(down)
            if hi is None or lo is None:
                return None
            approx_value = (hi - lo) / (2 * float(h))
            exact = float(g)
            if abs(approx_value - exact) > 1e-4 * max(1.0, abs(exact)):
                return False
        return True
    except (TypeError, ValueError, ZeroDivisionError, OverflowError):
        return None


# ---- gradient ----------------------------------------------------------------------------------

_F_IN = Input("f", "expression", "an expression in variables, e.g. x**2*y + 3*y")
_P_IN = Input("p", "vector", "optional point, coordinates in alphabetical order of the variables, e.g. [1,2]; "
              "leave out for the symbolic result", optional=True)


@operation("gradient", "Gradient ∇f: every partial derivative, with the rule used", inputs=(_F_IN, _P_IN),
           aliases=("grad",))
def gradient(f: sympy.Expr, p: Matrix | None = None) -> Derivation:
    """∇f (evaluated at p when given); result the gradient column vector."""
    f = require_expression(f, "gradient")
    xs = variables_of(f)
    point = require_point(p, xs, "gradient")
    d = Derivation("gradient", "Gradient ∇f")
    variables_step(d, "f", [f], xs, point)
    partials = []
    for x in xs:
        step = d.step(f"∂f/∂{fmt(x)}")
        partials.append(partial_lines(step, f, x, f"∂f/∂{fmt(x)}", [o for o in xs if o != x]))
    grad = Matrix(partials)
    step = d.step("The gradient vector")
    step.text("∇f stacks the partial derivatives; it points in the direction of steepest increase, and "
              "gradient descent steps against it.")
    step.show(f"∇f{_tuple(xs)}", grad)
    result = grad
    if point is not None:
        step = d.step(f"At the point {_point_text(xs, point)}")
        values = []
        for x, g in zip(xs, partials):
            value = _at(g, point)
            values.append(value)
            step.text(f"∂f/∂{fmt(x)} = {fmt(g)} → {fmt_approx(value)}")
        result = Matrix(values)
        step.show("∇f at the point", result)
        norm = sympy.sqrt(sum((v ** 2 for v in values), sympy.Integer(0)))
        if all(is_zero(v) for v in values):
            step.text("∇f = 0 here: a critical point (flat in every direction). Use hessian to classify it.")
        else:
            step.text(f"Slope in the steepest direction: ‖∇f‖ = {fmt_approx(norm if f.is_polynomial() else sympy.simplify(norm))}")
    check = d.step("Check")
    check.text(recheck_text([f], "Every partial derivative"))
    d.check("every ∂f/∂xᵢ recomputed independently", all(recheck(f, x, g) for x, g in zip(xs, partials)))
    if point is not None and not f.is_polynomial(*xs):
        ok = _finite_difference_ok(f, xs, point, list(result))
        if ok is not None:
            check.text("Numerically, central differences (f(p + h·eᵢ) − f(p − h·eᵢ))/(2h) with h = 10⁻⁵ agree.")
            d.check("central differences agree at the point (numeric)", ok)
    d.result = result
    d.summary = f"∇f = {fmt(list(result))}" + (f" at {_point_text(xs, point)}" if point is not None else "")
    return d


# ---- Jacobian ----------------------------------------------------------------------------------

def _require_vector_function(F: object) -> list[sympy.Expr]:
    if getattr(F, "is_Matrix", False):
        if F.cols != 1 and F.rows != 1:
            raise BadInput(f"jacobian needs a vector of expressions such as [x*y, x + y]; got a {F.rows}×{F.cols} "
                           "matrix")
        comps = list(F)
    elif isinstance(F, (list, tuple)):
        comps = list(F)
    elif isinstance(F, sympy.Expr):
        comps = [F]
    else:
        raise BadInput(f"jacobian needs a vector of expressions such as [x*y, x + y]; got {F!r}")
    if not comps or len(comps) > MAX_VARIABLES:
        raise BadInput(f"jacobian handles 1 to {MAX_VARIABLES} component functions; got {len(comps)}")
    if not any(c.free_symbols for c in comps):
        raise BadInput("jacobian needs expressions with at least one variable")
    out = [sympy.Integer(c) if isinstance(c, int) else c for c in comps]
    if not all(isinstance(c, sympy.Expr) for c in out):
        raise BadInput("jacobian needs expressions as components, e.g. [x*y, x + y**2]")
    return out


@operation("jacobian", "Jacobian matrix: row i is the gradient of component Fᵢ",
           inputs=(Input("F", "expression", "a vector of expressions, e.g. [x*y, x + y**2]"), _P_IN),
           aliases=("jac",))
def jacobian(F: Matrix, p: Matrix | None = None) -> Derivation:
    """J with Jᵢⱼ = ∂Fᵢ/∂xⱼ (evaluated at p when given); result the matrix."""
    comps = _require_vector_function(F)
    xs = variables_of(*comps)
    point = require_point(p, xs, "jacobian")
    d = Derivation("jacobian", "Jacobian matrix J")
    variables_step(d, "F", comps, xs, point)
    rows = []
    for i, c in enumerate(comps):
        step = d.step(f"Row {i + 1}: the gradient of F{sub(i + 1)} = {fmt(c)}")
        row = []
        for x in xs:
            g = sympy.diff(c, x)
            row.append(g)
            if len(sympy.Add.make_args(c)) > 1:
                terms = [t for t in sympy.Add.make_args(c) if t.has(x)]
                rules = "; ".join(f"{fmt(t)}: {rule_for(t, x)}" for t in terms[:4]) or f"no {fmt(x)} in F{sub(i + 1)}"
                step.text(f"∂F{sub(i + 1)}/∂{fmt(x)} = {fmt(g)}   (sum rule — {rules})")
            else:
                step.text(f"∂F{sub(i + 1)}/∂{fmt(x)} = {fmt(g)}   ({rule_for(c, x)})")
        rows.append(row)
    J = Matrix(rows)
    step = d.step("The Jacobian matrix")
    step.text(f"J is {len(comps)}×{len(xs)}: one row per component, one column per variable. It is the best "
              "linear approximation of F near a point: F(p + h) ≈ F(p) + J·h.")
    step.show("J", J)
    result = J
    if point is not None:
        step = d.step(f"At the point {_point_text(xs, point)}")
        result = J.applyfunc(lambda e: _at(e, point))
        step.show("J at the point", result)
        if result.rows == result.cols:
            det = result.det()
            det = sympy.expand(det) if all(e.is_Rational for e in result) else sympy.simplify(det)
            step.text(f"det J = {fmt_approx(det)}: the factor by which F scales small areas/volumes near the point"
                      + (" (0: F squashes some direction — not locally invertible)." if det == 0 else "."))
    check = d.step("Check")
    check.text(recheck_text(comps, "Every entry ∂Fᵢ/∂xⱼ"))
    ok = all(recheck(c, x, J[i, j]) for i, c in enumerate(comps) for j, x in enumerate(xs))
    d.check("every entry ∂Fᵢ/∂xⱼ recomputed independently", ok)
    d.result = result
    d.summary = f"J = {fmt(result)}" + (f" at {_point_text(xs, point)}" if point is not None else "")
    return d


# ---- Hessian and classification ----------------------------------------------------------------

def hessian_matrix_steps(d: Derivation, f: sympy.Expr, xs: list[Symbol]) -> tuple[list[sympy.Expr], Matrix]:
    """First partials, then all second partials with the symmetry check; returns (gradient, H)."""
    step = d.step("First partial derivatives")
    grad = []
    for x in xs:
        g = sympy.diff(f, x)
        grad.append(g)
        step.text(f"∂f/∂{fmt(x)} = {fmt(g)}")
    n = len(xs)
    H = sympy.zeros(n)
    step = d.step("Second partial derivatives")
    step.text("Hᵢⱼ = ∂/∂xⱼ (∂f/∂xᵢ): differentiate each first partial again.")
    symmetric = True
    for i in range(n):
        for j in range(n):
            H[i, j] = sympy.diff(grad[i], xs[j])
    for i in range(n):
        for j in range(i, n):
            xi, xj = fmt(xs[i]), fmt(xs[j])
            if i == j:
                step.text(f"∂²f/∂{xi}² = ∂/∂{xi} ({fmt(grad[i])}) = {fmt(H[i, i])}")
            else:
                step.text(f"∂²f/∂{xi}∂{xj} = ∂/∂{xj} ({fmt(grad[i])}) = {fmt(H[i, j])};  "
                          f"∂²f/∂{xj}∂{xi} = ∂/∂{xi} ({fmt(grad[j])}) = {fmt(H[j, i])}")
                symmetric = symmetric and _same(H[i, j], H[j, i])
    if n > 1:
        step.text("Mixed partials agree (Schwarz/Clairaut: the order of differentiation does not matter for "
                  "smooth f), so H is symmetric.")
        d.check("∂²f/∂xᵢ∂xⱼ = ∂²f/∂xⱼ∂xᵢ (H symmetric)", symmetric)
    step.show(f"H{_tuple(xs)}", H)
    return grad, H


def hessian_eigenvalues(d: Derivation | None, H: Matrix, *, steps: bool = True) -> list[tuple[sympy.Expr, int]]:
    """Eigenvalues of a Hessian at a point, with multiplicities.

    Exact (through the characteristic polynomial, with steps) for rational entries. With irrational
    entries (a point such as x = √2) they are given as decimals — the signs that classify the point
    are then decided exactly by :func:`sign_counts`.
    """
    if H.rows == 1:
        return [(H[0, 0], 1)]
    if all(x.is_Rational for x in H):
        factors = eigen_factors(H, vectors=False, closed_form=False)
        if steps and d is not None:
            p = charpoly_step(d, H, "H")
            roots_step(d, p, factors, "H")
        return [(r, f.mult) for f in factors for r in f.roots]
    import numpy as np

    values = np.linalg.eigvalsh(np.array([[numeric_value(e).real for e in H.row(i)] for i in range(H.rows)]))
    return [(sympy.Float(float(v), 8), 1) for v in sorted(values)]


def _sign(r: sympy.Expr) -> int:
    if is_zero(r):
        return 0
    value = numeric_value(r).real
    if abs(value) > 1e-9:
        return 1 if value > 0 else -1
    return 1 if r.is_positive else -1


def sign_counts(H: Matrix, eigenvalues: list[tuple[sympy.Expr, int]]) -> tuple[int, int, int]:
    """(# positive, # negative, # zero) eigenvalues of the symmetric matrix H, decided exactly.

    For rational H the exact eigenvalues are signed directly. Otherwise Descartes' rule of signs on
    det(λI − H) is used: with only real roots (H is symmetric) the number of sign changes in the
    coefficients is exactly the number of positive roots, and likewise for p(−λ).
    """
    if H.rows == 1 or all(x.is_Rational for x in H):
        pos = sum(m for r, m in eigenvalues if _sign(r) > 0)
        neg = sum(m for r, m in eigenvalues if _sign(r) < 0)
        return pos, neg, H.rows - pos - neg
    coeffs = [reduce_mod_root(c) for c in H.charpoly(LAM, simplify=sympy.expand).all_coeffs()]
    signs = [_sign(c) for c in coeffs]
    zero = 0
    while signs and signs[-1] == 0:
        signs.pop()
        zero += 1
    n = len(coeffs) - 1

    def changes(seq: list[int]) -> int:
        seq = [s for s in seq if s]
        return sum(1 for a, b in zip(seq, seq[1:]) if a != b)

    pos = changes(signs)
    neg = changes([s * (-1) ** (n - i) for i, s in enumerate(signs)])
    return pos, neg, zero


def classify(counts: tuple[int, int, int], critical: bool) -> tuple[str, str]:
    """(kind, explanation) from the numbers of positive, negative and zero Hessian eigenvalues."""
    npos, nneg, nzero = counts
    pos, neg, zero = npos > 0, nneg > 0, nzero > 0
    if critical:
        if pos and neg:
            return "saddle point", ("eigenvalues of both signs: f curves up along some directions and down "
                                    "along others — a saddle point (neither minimum nor maximum)")
        if zero:
            return "inconclusive", ("an eigenvalue is 0: the second-derivative test is inconclusive (f is flat to "
                                    "second order in that direction; higher-order terms decide)")
        if pos:
            return "local minimum", "all eigenvalues > 0: f curves up in every direction — a local minimum"
        return "local maximum", "all eigenvalues < 0: f curves down in every direction — a local maximum"
    if pos and neg:
        return "not critical", "eigenvalues of both signs: saddle-shaped there"
    if zero:
        return "not critical", "an eigenvalue is 0: flat curvature in some direction"
    if pos:
        return "not critical", "all eigenvalues > 0: f is locally convex (curves up) there"
    return "not critical", "all eigenvalues < 0: f is locally concave (curves down) there"


def _eigen_list_text(eigenvalues: list[tuple[sympy.Expr, int]]) -> str:
    return ", ".join((f"λ ≈ {fmt(r)}" if isinstance(r, sympy.Float) else value_eq("λ", r))
                     + (f" (×{m})" if m > 1 else "") for r, m in eigenvalues)


@operation("hessian", "Hessian matrix of second partials; classify a point by its eigenvalues",
           inputs=(_F_IN, _P_IN), aliases=("hess",))
def hessian(f: sympy.Expr, p: Matrix | None = None) -> Derivation:
    """H (evaluated at p when given) and, at a point, the second-derivative test; result the Hessian."""
    f = require_expression(f, "hessian")
    xs = variables_of(f)
    point = require_point(p, xs, "hessian")
    d = Derivation("hessian", "Hessian matrix H")
    variables_step(d, "f", [f], xs, point)
    grad, H = hessian_matrix_steps(d, f, xs)
    result = H
    if point is not None:
        step = d.step(f"At the point {_point_text(xs, point)}")
        g_at = [_at(g, point) for g in grad]
        Hp = H.applyfunc(lambda e: _at(e, point))
        result = Hp
        step.show("∇f at the point", Matrix(g_at))
        step.show("H at the point", Hp)
        critical = all(is_zero(g) for g in g_at)
        if critical:
            step.text("∇f = 0: this is a critical point. The eigenvalues of H decide what kind.")
        else:
            step.text("∇f ≠ 0: this is NOT a critical point (f still slopes here), so it is no minimum or "
                      "maximum. The Hessian still describes the curvature.")
        eigenvalues = hessian_eigenvalues(d, Hp)
        kind, why = classify(sign_counts(Hp, eigenvalues), critical)
        step = d.step("Classify by the signs of the eigenvalues")
        step.text(f"Eigenvalues of H: {_eigen_list_text(eigenvalues)}")
        step.text(why[0].upper() + why[1:] + ".")
        summary = f"{kind} at {_point_text(xs, point)}" if critical else f"not a critical point; {why}"
    else:
        summary = f"H = {fmt(H)}"
    check = d.step("Check")
    check.text("H is the Jacobian of the gradient. " + recheck_text(grad, "Every entry ∂(∂f/∂xᵢ)/∂xⱼ"))
    d.check("H = Jacobian of ∇f (recomputed independently)",
            all(recheck(g, x, H[i, j]) for i, g in enumerate(grad) for j, x in enumerate(xs)))
    d.result = result
    d.summary = summary
    return d


# ---- critical points ---------------------------------------------------------------------------

@operation("critical", "Critical points of a polynomial: solve ∇f = 0, classify each with the Hessian",
           inputs=(Input("f", "expression", "a polynomial in up to 3 variables, e.g. x**3 - 3*x + y**2"),),
           aliases=("critical-points", "stationary"))
def critical(f: sympy.Expr) -> Derivation:
    """Solve ∇f = 0 exactly; result [{"point": column, "kind": str}] for the real isolated points."""
    f = require_expression(f, "critical")
    xs = variables_of(f)
    if len(xs) > 3:
        raise BadInput(f"critical handles up to 3 variables; f has {len(xs)}")
    if not f.is_polynomial(*xs):
        raise BadInput("critical needs a polynomial (∇f = 0 is then a polynomial system that can be solved "
                       "exactly); use gradient/hessian at a point for other functions")
    degree = sympy.Poly(f, *xs).total_degree()
    if degree > 4:
        raise BadInput(f"critical handles polynomials of degree ≤ 4 (∇f = 0 then has degree ≤ 3); f has degree {degree}")
    d = Derivation("critical", "Critical points: solve ∇f = 0")
    variables_step(d, "f", [f], xs, None)
    grad, H = hessian_matrix_steps(d, f, xs)
    step = d.step("Solve ∇f = 0")
    step.text("A critical point is where every partial derivative vanishes (the tangent plane is flat):")
    for x, g in zip(xs, grad):
        step.text(f"∂f/∂{fmt(x)} = {fmt(g)} = 0")
    if degree <= 2:
        step.text("Every equation is linear, so this is a linear system.")
    if len(xs) == 1:
        solutions = _univariate_roots(step, grad[0], xs[0])
    elif degree <= 2:
        solutions = sympy.solve(grad, xs, dict=True)
    else:
        solutions = _triangular_solve(d, step, grad, xs)
    real_points: list[dict[Symbol, sympy.Expr]] = []
    families: list[dict[Symbol, sympy.Expr]] = []
    complex_count = 0
    for sol in solutions:
        if any(x not in sol for x in xs) or any(v.free_symbols for v in sol.values()):
            families.append(sol)
            continue
        values = [sympy.nsimplify(sol[x]) if sol[x].is_Float else sol[x] for x in xs]
        if all(_is_real(v) for v in values):
            real_points.append({x: _tidy_value(v) for x, v in zip(xs, values)})
        else:
            complex_count += 1
    if not solutions:
        step.text("The system has no solution: f has no critical points (it keeps sloping everywhere).")
    for fam in families:
        rel = ", ".join(f"{fmt(k)} = {fmt(v)}" for k, v in fam.items())
        step.text(f"A whole family of solutions: {rel} (the other variables free) — the critical points are not "
                  "isolated, and along that set the Hessian has a zero eigenvalue, so the second-derivative test "
                  "is inconclusive there.")
    if complex_count:
        step.text(f"{complex_count} solution{'s are' if complex_count > 1 else ' is'} complex and "
                  "not a point of the real graph; dropped.")
    real_points.sort(key=lambda pt: [numeric_value(pt[x]).real for x in xs])
    shown = real_points[:MAX_CRITICAL]
    if len(real_points) > MAX_CRITICAL:
        step.text(f"{len(real_points)} real critical points; the first {MAX_CRITICAL} are classified below.")
    if shown:
        step.text("Real critical points: " + "; ".join(_point_text(xs, pt) for pt in shown))
    results = []
    for k, pt in enumerate(shown):
        s = d.step(f"Point {k + 1}: {_point_text(xs, pt)}")
        Hp = H.applyfunc(lambda e, pt=pt: reduce_mod_root(e.subs(pt)))
        if all(_short(e) for e in Hp):
            s.show("H at the point", Hp)
        else:
            s.show("H at the point (decimals; exact entries are long)", _decimals(Hp))
        eigenvalues = hessian_eigenvalues(None, Hp, steps=False)
        if Hp.rows == 2:
            tr, det = reduce_mod_root(Hp.trace()), reduce_mod_root(Hp.det())
            if _short(tr) and _short(det):
                poly = sympy.expand(LAM ** 2 - tr * LAM + det)
                s.text(f"For 2×2 the eigenvalues solve λ² − tr(H)·λ + det(H) = 0 with tr(H) = {fmt(tr)}, "
                       f"det(H) = {fmt(det)}: {fmt(poly)} = 0")
            else:
                s.text(f"For 2×2 the eigenvalues solve λ² − tr(H)·λ + det(H) = 0 with tr(H) ≈ {decimal(tr)}, "
                       f"det(H) ≈ {decimal(det)}.")
        s.text(f"Eigenvalues of H: {_eigen_list_text(eigenvalues)}")
        kind, why = classify(sign_counts(Hp, eigenvalues), True)
        s.text(why[0].upper() + why[1:] + ".")
        value = reduce_mod_root(f.subs(pt))
        s.text(f"f there = {fmt_approx(value)}" if _short(value) else f"f there ≈ {decimal(value)}")
        results.append({"point": Matrix([pt[x] for x in xs]), "kind": kind})
    check = d.step("Check: ∇f = 0 at every point found")
    for pt in shown:
        vals = [reduce_mod_root(g.subs(pt)) for g in grad]
        if all(_short(v) for v in vals):
            check.text(f"∇f at {_point_text(xs, pt)} = {fmt(vals)}")
        else:
            check.text(f"∇f at {_point_text(xs, pt)}: every component is 0 (the exact values are long)")
        d.check(f"∇f = 0 at {_point_text(xs, pt)}", all(is_zero(v) for v in vals))
    if not shown:
        d.check("no real isolated critical point (solver found none)", not real_points)
    d.result = results
    if results:
        d.summary = "; ".join(f"{r['kind']} at {_point_text(xs, dict(zip(xs, list(r['point']))))}" for r in results)
    else:
        d.summary = "no isolated real critical points"
    return d


def _triangular_solve(d: Derivation, step: Step, grad: list[sympy.Expr], xs: list[Symbol]
                      ) -> list[dict[Symbol, sympy.Expr]]:
    """Solve a non-linear polynomial system ∇f = 0 by elimination, then back-substitution.

    A Gröbner basis in lexicographic order is the polynomial analogue of row reduction: it ends in
    an equation in the last variable alone, and (in the usual 'shape' case) every other variable is
    a polynomial in that one. SymPy's general ``solve`` would instead nest cubic and quartic
    formulas for seconds; the roots of the one-variable equation are found as for one variable.
    """
    G = sympy.groebner(grad, *xs, order="lex")
    exprs = list(G.exprs)
    if exprs == [1]:
        return []
    if not G.is_zero_dimensional:
        step.text("Elimination shows infinitely many solutions (a curve or surface of critical points): they are "
                  "not isolated and the second-derivative test is inconclusive along them.")
        return [{}]
    step.text("Eliminate variables (a Gröbner basis in lexicographic order — row reduction for polynomials). "
              "The same solutions satisfy the triangular system:")
    for e in exprs:
        step.text(f"{fmt(e)} = 0")
    found_shape = _shape(exprs, xs)
    if found_shape is None:
        raise NotPossible("these critical points have no short exact form (the eliminated system is not "
                          "triangular); find them numerically, e.g. with scipy.optimize", d)
    last, univariate, back = found_shape
    for v, expr in back.items():
        step.text(f"Back-substitute: {fmt(v)} = {fmt(expr)}")
    found = []
    for sol in _univariate_roots(step, univariate, last):
        r = sol[last]
        point = {last: r}
        for v, expr in back.items():
            point[v] = reduce_mod_root(expr.subs(last, r))
        found.append(point)
    return found


def _shape(exprs: list[sympy.Expr], xs: list[Symbol]
           ) -> tuple[Symbol, sympy.Expr, dict[Symbol, sympy.Expr]] | None:
    """(u, p(u), {v: polynomial in u}): one equation in a single variable u and every other variable
    given by a basis element c·v + r(u) with constant c — the 'shape lemma' form; None otherwise."""
    for u in sorted(xs, key=lambda s: -max((sympy.degree(e, s) for e in exprs if e.free_symbols == {s}),
                                           default=0)):
        univariate = [e for e in exprs if e.free_symbols == {u}]
        if len(univariate) != 1:
            continue
        back: dict[Symbol, sympy.Expr] = {}
        for v in xs:
            if v == u:
                continue
            for e in exprs:
                if v in e.free_symbols and e.free_symbols <= {v, u} and sympy.degree(e, v) == 1:
                    c = sympy.Poly(e, v).LC()
                    if c.is_number and c != 0:
                        back[v] = sympy.expand(-(e - c * v) / c)
                        break
        if len(back) == len(xs) - 1:
            return u, univariate[0], back
    return None


def _univariate_roots(step: Step, g: sympy.Expr, x: Symbol) -> list[dict[Symbol, sympy.Expr]]:
    """Real roots of f′(x) = g by factoring over ℚ: rational, quadratic-formula and exact cubic roots."""
    poly = sympy.Poly(g, x, domain=sympy.QQ)
    if poly.degree() <= 0:
        return [] if not poly.is_zero else [{}]
    _, factors = poly.factor_list()
    parts = []
    for q, m in factors:
        parts.append(f"({fmt(q.as_expr())})" + (f"^{m}" if m > 1 else ""))
    if len(factors) > 1 or factors[0][1] > 1:
        step.text(f"Factor f′: {fmt(g)} = {fmt(poly.LC())}·" + "·".join(parts) if poly.LC() != 1 else
                  f"Factor f′: {fmt(g)} = " + "·".join(parts))
    found: list[dict[Symbol, sympy.Expr]] = []
    for q, _ in factors:
        q = q.monic()
        k = q.degree()
        if k == 1:
            found.append({x: -q.all_coeffs()[1]})
        elif k == 2:
            _, b, c = q.all_coeffs()
            disc = b ** 2 - 4 * c
            if disc < 0:
                step.text(f"{fmt(q.as_expr())} = 0 has discriminant {fmt(disc)} < 0: no real roots.")
                found.append({x: (-b + sympy.sqrt(disc)) / 2})  # counted and dropped as complex
                found.append({x: (-b - sympy.sqrt(disc)) / 2})
            else:
                step.text(f"{fmt(q.as_expr())} = 0: {fmt(x)} = (−b ± √Δ)/2 with Δ = {fmt(disc)}")
                found.append({x: (-b + sympy.sqrt(disc)) / 2})
                found.append({x: (-b - sympy.sqrt(disc)) / 2})
        else:
            real = q.count_roots()
            step.text(f"{fmt(q.as_expr())} has no rational root and {real} real root{'s' if real != 1 else ''}; "
                      "they are kept exact as roots of this polynomial and shown by their decimals.")
            found.extend({x: sympy.CRootOf(q.as_expr(), i)} for i in range(real))
            found.extend({x: sympy.I} for _ in range(k - real))  # placeholders: complex roots, dropped
    return found


def _short(v: sympy.Expr) -> bool:
    return v.is_Rational or not root_text(v).startswith("≈")


def _decimals(M: Matrix) -> Matrix:
    return M.applyfunc(lambda e: sympy.Float(numeric_value(e).real, 6))


def _is_real(v: sympy.Expr) -> bool:
    if v.is_real:
        return True
    value = numeric_value(v)
    return value.imag == 0 and (v.is_real is not False)


def _tidy_value(v: sympy.Expr) -> sympy.Expr:
    """Real critical coordinates from the cubic formula can carry a spurious i; drop it exactly if possible."""
    if v.is_real:
        return v
    re = sympy.re(sympy.expand_complex(v))
    return sympy.nsimplify(re) if re.is_Float else re
