"""Training by hand: gradient descent, Newton steps, power iteration, one dense layer, shapes.

These are the hand calculations of the course's training chapters. Everything stays exact:
functions are polynomials, so every iterate of gradient descent or Newton's method is a
fraction; a dense layer's forward and backward pass is fractions throughout (0.1 is read as
1/10). Iterations stop, and say why, when the numbers blow up (divergence) or the fractions
grow too long to write down. Each operation ends with an independent recount: the iterations
again with Python's own fractions and monomial-by-monomial derivatives, the layer's gradients
by differentiating the loss symbolically, einsum by NumPy on exact objects.

Lines are kept short: these derivations are read at 80 columns.
"""

from __future__ import annotations

import itertools
import re
from fractions import Fraction
from typing import Any, Callable, Sequence

import sympy
from sympy import Matrix, Rational, Symbol

from linalg_tutor.mathtext.fmt import fmt, fmt_approx, sub, sup
from linalg_tutor.steps._rowops import (
    MINUS, as_sympy, chain, dot_line, factor, int_arg, lead, matrix_arg, signed_sum, term, vec, vector_arg,
)
from linalg_tutor.steps.calculus import partial_lines, recheck, require_expression, variables_of
from linalg_tutor.steps.derivation import BadInput, Derivation, NotPossible, Step, Text
from linalg_tutor.steps.registry import Input, operation

#: Iterations allowed at most (descent, newton, power).
MAX_STEPS = 10
#: Largest total degree of a polynomial for descent and newton.
MAX_DEGREE = 6
#: Iterates larger than this in absolute value count as blowing up (divergence).
BLOW_UP = 10 ** 6
#: A numerator or denominator with more digits than this is too long to write by hand.
MAX_DIGITS = 15
#: Why an iteration stops before its steps are done: the exact numbers outgrow a hand calculation.
TOO_LONG = f"The exact fractions now have more than {MAX_DIGITS} digits, too long to follow by hand; stopped here."
#: The default learning rate, 1/10.
TENTH = Rational(1, 10)
#: Sides of the matrices of power iteration and of a dense layer.
MAX_SIDE = 4


# ---- shared helpers ------------------------------------------------------------------------------


def _rational(value: Any, name: str, op: str) -> sympy.Rational:
    """A number typed as 0.1 or 1/10, as the exact fraction."""
    if getattr(value, "is_Matrix", False) or isinstance(value, str):
        raise BadInput(f"{op} needs a number for {name}, e.g. 1/10; got {fmt(value)}")
    value = as_sympy(Rational(value.numerator, value.denominator) if isinstance(value, Fraction) else value)
    if getattr(value, "has", None) and value.has(sympy.Float):
        value = sympy.nsimplify(value, rational=True)
    if not getattr(value, "is_Rational", False):
        raise BadInput(f"{op} needs a fraction or decimal for {name}, e.g. 1/10; got {fmt(value)}")
    return value


def _too_long(value: sympy.Expr) -> bool:
    return value.is_Rational and max(len(str(abs(value.p))), len(str(value.q))) > MAX_DIGITS


def _frac(value: sympy.Rational) -> Fraction:
    return Fraction(int(value.p), int(value.q))


def _polynomial(f: Any, op: str, most: int) -> tuple[sympy.Expr, list[Symbol]]:
    f = require_expression(f, op)
    xs = variables_of(f)
    if len(xs) > most:
        raise BadInput(f"{op} works on functions of up to {most} variables; f has {len(xs)}: "
                       + ", ".join(x.name for x in xs))
    if not f.is_polynomial(*xs):
        raise BadInput(f"{op} works exactly on polynomials such as x**2 + 3*y**2 (every step is "
                       "then a fraction); use gradient or hessian at a point for other functions")
    poly = sympy.Poly(f, *xs)
    if any(not c.is_Rational for c in poly.coeffs()):
        raise BadInput(f"{op} needs fractions as coefficients; f has "
                       + ", ".join(fmt(c) for c in poly.coeffs() if not c.is_Rational))
    if poly.total_degree() > MAX_DEGREE:
        raise BadInput(f"{op} handles polynomials of degree up to {MAX_DEGREE}; f has degree "
                       f"{poly.total_degree()}")
    return sympy.expand(f), xs


def _start(p: Any, xs: list[Symbol], op: str) -> list[sympy.Rational]:
    names = ", ".join(x.name for x in xs)
    if not getattr(p, "is_Matrix", False):
        p = Matrix([p])
    if min(p.shape) != 1 or len(p) != len(xs):
        raise BadInput(f"{op}: the start point needs {len(xs)} coordinate"
                       f"{'s' if len(xs) != 1 else ''}, one for each of ({names}) in that order; "
                       f"got {len(p)}")
    return [_rational(v, "the start point", op) for v in p]


def _tuple(values: Sequence[Any]) -> str:
    return "(" + ", ".join(fmt(v) for v in values) + ")"


def _names(xs: list[Symbol]) -> str:
    return _tuple([x.name for x in xs]) if len(xs) > 1 else xs[0].name


def _point(xs: list[Symbol], values: Sequence[Any]) -> str:
    if len(xs) == 1:
        return f"{xs[0].name} = {fmt(values[0])}"
    return f"{_names(xs)} = {_tuple(values)}"


def _monomial_derivative(terms: list[tuple[tuple[int, ...], Fraction]], k: int
                         ) -> list[tuple[tuple[int, ...], Fraction]]:
    """The power rule on a coefficient table: c·xᵃ → a·c·xᵃ⁻¹ in variable k."""
    out = []
    for exps, c in terms:
        if exps[k]:
            lowered = tuple(e - 1 if i == k else e for i, e in enumerate(exps))
            out.append((lowered, c * exps[k]))
    return out


def _evaluate(terms: list[tuple[tuple[int, ...], Fraction]], point: Sequence[Fraction]) -> Fraction:
    total = Fraction(0)
    for exps, c in terms:
        product = c
        for v, e in zip(point, exps):
            product *= v ** e
        total += product
    return total


def _table(f: sympy.Expr, xs: list[Symbol]) -> list[tuple[tuple[int, ...], Fraction]]:
    return [(exps, _frac(c)) for exps, c in sympy.Poly(f, *xs).terms()]


#: Text lines longer than this many columns are broken at their ``=`` signs (read at 80 columns,
#: indented by 3).
WIDTH = 74


def _fit_line(line: str) -> str:
    """A long ``a = b = c`` line broken before an ``=``; long prose wrapped at spaces."""
    from rich.cells import cell_len

    if cell_len(line) <= WIDTH or "\n" in line:
        return line
    parts = line.split(" = ")
    if len(parts) == 1:
        return "\n".join(_wrap(line, WIDTH))
    out: list[str] = []
    current = parts[0]
    for part in parts[1:]:
        if cell_len(current + " = " + part) <= WIDTH:
            current += " = " + part
        else:
            out.append(current)
            current = "    = " + part
    out.append(current)
    return "\n".join(out)


def _fit(d: Derivation) -> Derivation:
    """Break every over-long text line of ``d`` (in place) and return it."""
    for step in d.steps:
        step.items[:] = [Text(_fit_line(item.text)) if isinstance(item, Text) else item
                         for item in step.items]
    return d


def _number(value: sympy.Expr) -> str:
    """A value with its decimal; a fraction too long to read is shown by its decimal alone."""
    if value.is_Rational and max(len(str(abs(value.p))), len(str(value.q))) > 12:
        return f"≈ {float(value):.6g}"
    return fmt_approx(value)


def _approx(value: sympy.Expr) -> str:
    return f"≈ {float(value):.6g}"


def _eq(value: sympy.Expr) -> str:
    """``= 28/25 = 1.12``, or ``≈ 0.0075514`` for a fraction too long to read."""
    text = _number(value)
    return text if text.startswith("≈") else f"= {text}"


def _describe_polynomial_check(s: Step) -> None:
    s.text("The iterations again with Python fractions, the derivatives")
    s.text("taken monomial by monomial (c·xᵃ → a·c·xᵃ⁻¹): the same numbers.")


# ---- gradient descent ---------------------------------------------------------------------------


@operation(
    "descent",
    "Gradient descent: a few steps p ← p − η·∇f(p), every number shown",
    inputs=(Input("f", "expression", "a polynomial in x, y, e.g. x**2 + 3*y**2"),
            Input("p", "vector", "start point, coordinates in alphabetical order, e.g. [1,1]"),
            Input("rate", "scalar", "learning rate η, e.g. 1/10", optional=True, default="1/10"),
            Input("steps", "integer", f"how many steps, 1 to {MAX_STEPS}", optional=True,
                  default="3")),
    aliases=("gd",),
)
def descent(f: Any, p: Any, rate: Any = TENTH, steps: Any = 3) -> Derivation:
    f, xs = _polynomial(f, "descent", 3)
    point = _start(p, xs, "descent")
    eta = _rational(rate, "the rate", "descent")
    if eta <= 0:
        raise BadInput(f"descent needs a positive learning rate; got {fmt(eta)}")
    n = int_arg(steps, "steps", "descent", 1, MAX_STEPS)
    d = Derivation("descent", f"Gradient descent on f{_tuple([x.name for x in xs])}")
    s = d.step("The function, the start and the rule")
    s.text(f"f = {fmt(f)}")
    s.text(f"Start: {_point(xs, point)};  learning rate η = {fmt_approx(eta)}")
    s.text("Each step moves against the gradient:  p ← p − η·∇f(p).")
    grad = []
    for x in xs:
        s = d.step(f"∂f/∂{x.name}")
        grad.append(partial_lines(s, f, x, f"∂f/∂{x.name}", [o for o in xs if o != x]))
    path = [point]
    values = [f.subs(dict(zip(xs, point)))]
    stop = ""
    for k in range(1, n + 1):
        current = path[-1]
        at = dict(zip(xs, current))
        g = [sympy.expand(gi.subs(at)) for gi in grad]
        s = d.step(f"Iteration {k}: from {_point(xs, current)}")
        s.text(f"f there {_eq(values[-1])}")
        for x, gi, v in zip(xs, grad, g):
            s.text(f"∂f/∂{x.name} = {fmt(gi)} → {fmt(v)}")
        if all(v == 0 for v in g):
            stop = "∇f = 0 here: a critical point, so descent stays put."
            s.text(stop)
            break
        new = []
        for x, old, v in zip(xs, current, g):
            moved = old - eta * v
            new.append(moved)
            s.text(chain(f"{x.name} ← {x.name} {MINUS} η·∂f/∂{x.name}",
                         f"{lead(old)} {MINUS} {factor(eta)}·{factor(v)}",
                         f"{lead(old)} {MINUS} {term(eta * v)}", fmt_approx(moved)))
        path.append(new)
        values.append(f.subs(dict(zip(xs, new))))
        change = "down" if values[-1] < values[-2] else "UP (overshoot)"
        s.text(f"f at the new point {_eq(values[-1])}: {change}")
        if any(abs(v) > BLOW_UP for v in new):
            stop = (f"The values are blowing up (beyond {BLOW_UP:,} in size): with η = "
                    f"{fmt(eta)} the steps overshoot further each time. That is "
                    "divergence; stopped. Try a smaller rate.")
            break
        if any(_too_long(v) for v in new):
            stop = TOO_LONG
            break
    _stopped_early(d, stop)
    taken = len(path) - 1
    s = d.step("Where the steps went")
    for k, (pt, v) in enumerate(zip(path, values)):
        s.text(f"p{sub(k)} = {_tuple(pt) if len(xs) > 1 else fmt(pt[0])}   f {_eq(v)}")
    # Independent recount: Python fractions, derivatives of the coefficient table.
    table = _table(f, xs)
    partials = [_monomial_derivative(table, i) for i in range(len(xs))]
    again = [[_frac(v) for v in point]]
    for _ in range(taken):
        here = again[-1]
        g = [_evaluate(t, here) for t in partials]
        again.append([c - _frac(eta) * gi for c, gi in zip(here, g)])
    s = d.step("Check")
    _describe_polynomial_check(s)
    d.check("every ∂f/∂xᵢ recomputed monomial by monomial",
            all(recheck(f, x, gi) for x, gi in zip(xs, grad)))
    d.check("every iterate recomputed with Python fractions",
            all([_frac(v) for v in pt] == q for pt, q in zip(path, again)))
    final = path[-1]
    d.result = final[0] if len(xs) == 1 else Matrix(final)
    diverged = "diverged; " if stop.startswith("The values are blowing up") else ""
    d.summary = (f"{diverged}after {taken} step{'s' if taken != 1 else ''}: "
                 f"{_point(xs, final)}, f {_eq(values[-1])}")
    return _fit(d)


def _wrap(text: str, width: int = 72) -> list[str]:
    import textwrap

    return textwrap.wrap(text, width) or [""]



def _stopped_early(d: Derivation, stop: str | None) -> None:
    """A step saying why an iteration stopped before its count, when it did."""
    if stop:
        s = d.step("Stopped early")
        for line in _wrap(stop):
            s.text(line)


# ---- Newton's method ----------------------------------------------------------------------------


@operation(
    "newton",
    "Newton's method: p ← p − H⁻¹·∇f(p) (one variable: x ← x − f′/f′′)",
    inputs=(Input("f", "expression", "a polynomial in x or in x, y, e.g. x**4"),
            Input("p", "vector", "start point, coordinates in alphabetical order, e.g. [2]"),
            Input("steps", "integer", f"how many steps, 1 to {MAX_STEPS}", optional=True,
                  default="3")),
)
def newton(f: Any, p: Any, steps: Any = 3) -> Derivation:
    f, xs = _polynomial(f, "newton", 2)
    point = _start(p, xs, "newton")
    n = int_arg(steps, "steps", "newton", 1, MAX_STEPS)
    one = len(xs) == 1
    d = Derivation("newton", f"Newton's method on f{_tuple([x.name for x in xs])}")
    s = d.step("The function, the start and the rule")
    s.text(f"f = {fmt(f)}")
    s.text(f"Start: {_point(xs, point)}")
    if one:
        x = xs[0]
        s.text(f"Each step: {x.name} ← {x.name} − f′({x.name})/f′′({x.name}): the slope divided")
        s.text("by the curvature, the step to the bottom of the fitted parabola.")
    else:
        s.text("Each step: p ← p − H⁻¹·∇f(p), with H the Hessian (second")
        s.text("derivatives): the step to the bottom of the fitted quadratic.")
    s.text(f"Newton heads for {'f′' if one else '∇f'} = 0, which may be a minimum, a maximum"
           + (" or a saddle." if not one else "."))
    grad = []
    for x in xs:
        s = d.step(f"∂f/∂{x.name}" if not one else "f′")
        grad.append(partial_lines(s, f, x, f"∂f/∂{x.name}" if not one else "f′",
                                  [o for o in xs if o != x]))
    H = Matrix(len(xs), len(xs), lambda i, j: sympy.diff(grad[i], xs[j]))
    s = d.step("Second derivatives" if not one else "f′′")
    if one:
        s.text(f"f′′ = d/d{xs[0].name} [{fmt(grad[0])}] = {fmt(H[0, 0])}")
    else:
        for i, gi in enumerate(grad):
            for j, x in enumerate(xs):
                s.text(f"∂/∂{x.name} [{fmt(gi)}] = {fmt(H[i, j])}")
        s.show("H", H)
    path = [point]
    stop = ""
    for k in range(1, n + 1):
        current = path[-1]
        at = dict(zip(xs, current))
        g = [sympy.expand(gi.subs(at)) for gi in grad]
        Hp = H.subs(at).applyfunc(sympy.expand)
        s = d.step(f"Iteration {k}: from {_point(xs, current)}")
        if all(v == 0 for v in g):
            s.text(("f′" if one else "∇f") + " = 0 here: a critical point; Newton stays put.")
            stop = "critical"
            break
        if one:
            x, old, g0, h0 = xs[0], current[0], g[0], Hp[0, 0]
            s.text(f"f′({fmt(old)}) = {fmt(grad[0])} → {fmt(g0)}")
            s.text(f"f′′({fmt(old)}) = {fmt(H[0, 0])} → {fmt(h0)}")
            if h0 == 0:
                s.text("f′′ = 0: the curvature is zero, so f′/f′′ divides by zero.")
                raise NotPossible(f"newton: f′′({fmt(old)}) = 0 at step {k}: Newton's step divides "
                                  "by the curvature and cannot be taken; try another start", _fit(d))
            moved = old - g0 / h0
            s.text(chain(f"{x.name} ← {x.name} − f′/f′′", f"{lead(old)} {MINUS} {factor(g0)}/{factor(h0)}",
                         f"{lead(old)} {MINUS} {term(g0 / h0)}", fmt_approx(moved)))
            new = [moved]
        else:
            s.show("∇f there", Matrix(g))
            s.show("H there", Hp)
            a, b, c, e = Hp[0, 0], Hp[0, 1], Hp[1, 0], Hp[1, 1]
            det = a * e - b * c
            s.text(chain("det H", f"{factor(a)}·{factor(e)} {MINUS} {factor(b)}·{factor(c)}", fmt(det)))
            if det == 0:
                s.text("det H = 0: H is singular and has no inverse.")
                raise NotPossible(f"newton: the Hessian at {_tuple(current)} is singular (det H = 0) "
                                  f"at step {k}, so H⁻¹·∇f does not exist; try another start", _fit(d))
            inv = Matrix([[e, -b], [-c, a]]) / det
            s.text("For H = [[a, b], [c, d]], H⁻¹ = (1/det H)·[[d, −b], [−c, a]]:")
            s.show("H⁻¹", inv)
            delta = inv * Matrix(g)
            for i in range(2):
                line, _ = dot_line(f"(H⁻¹∇f){sub(i + 1)}", list(inv.row(i)), g)
                s.text(line)
            new = []
            for x, old, dv in zip(xs, current, delta):
                moved = old - dv
                new.append(moved)
                i = xs.index(x) + 1
                s.text(chain(f"{x.name} ← {x.name} − (H⁻¹∇f){sub(i)}", f"{lead(old)} {MINUS} {term(dv)}",
                             fmt_approx(moved)))
        path.append(new)
        s.text(f"f at the new point {_eq(f.subs(dict(zip(xs, new))))}")
        if any(abs(v) > BLOW_UP for v in new):
            stop = (f"The values are blowing up (beyond {BLOW_UP:,} in size): Newton is "
                    "diverging from this start; stopped.")
            break
        if any(_too_long(v) for v in new):
            stop = TOO_LONG
            break
    _stopped_early(d, None if stop == "critical" else stop)
    taken = len(path) - 1
    s = d.step("Where the steps went")
    for k, pt in enumerate(path):
        where = _tuple(pt) if not one else fmt(pt[0])
        s.text(f"p{sub(k)} = {where}   f {_eq(f.subs(dict(zip(xs, pt))))}")
    table = _table(f, xs)
    first = [_monomial_derivative(table, i) for i in range(len(xs))]
    second = [[_monomial_derivative(t, j) for j in range(len(xs))] for t in first]
    again = [[_frac(v) for v in point]]
    for _ in range(taken):
        here = again[-1]
        g = [_evaluate(t, here) for t in first]
        h = [[_evaluate(t, here) for t in row] for row in second]
        if one:
            again.append([here[0] - g[0] / h[0][0]])
        else:  # Cramer's rule for H·Δ = ∇f, instead of the inverse
            det = h[0][0] * h[1][1] - h[0][1] * h[1][0]
            d1 = (g[0] * h[1][1] - h[0][1] * g[1]) / det
            d2 = (h[0][0] * g[1] - g[0] * h[1][0]) / det
            again.append([here[0] - d1, here[1] - d2])
    s = d.step("Check")
    s.text("The steps again with Python fractions: derivatives monomial by")
    s.text("monomial" + ("" if one else ", H·Δ = ∇f solved by Cramer's rule") + ": the same numbers.")
    d.check("every derivative recomputed monomial by monomial",
            all(recheck(f, x, gi) for x, gi in zip(xs, grad))
            and all(recheck(gi, x, H[i, j]) for i, gi in enumerate(grad) for j, x in enumerate(xs)))
    d.check("every iterate recomputed with Python fractions",
            all([_frac(v) for v in pt] == q for pt, q in zip(path, again)))
    final = path[-1]
    d.result = final[0] if one else Matrix(final)
    head = "a critical point; " if stop == "critical" else ("diverged; " if "blowing" in stop else "")
    d.summary = f"{head}after {taken} step{'s' if taken != 1 else ''}: {_point(xs, final)}"
    return _fit(d)


# ---- power iteration ----------------------------------------------------------------------------


def _largest(w: Matrix) -> tuple[int, sympy.Rational]:
    """Index and value of the first entry of largest absolute value."""
    k = max(range(len(w)), key=lambda i: (abs(w[i]), -i))
    return k, w[k]


@operation(
    "power",
    "Power iteration: v ← A·v, rescaled; Rayleigh quotients estimate λ",
    inputs=(Input("A", "matrix", "square matrix up to 4×4, e.g. [[2,1],[1,2]]"),
            Input("v0", "vector", "start vector (default all ones), e.g. [1,0]", optional=True),
            Input("steps", "integer", f"how many steps, 1 to {MAX_STEPS}", optional=True,
                  default="5")),
    aliases=("power-iteration",),
)
def power(A: Any, v0: Any = None, steps: Any = 5) -> Derivation:
    A = matrix_arg(A, "A", "power", square=True, rational=True, max_size=MAX_SIDE)
    nside = A.rows
    v = sympy.ones(nside, 1) if v0 is None else vector_arg(v0, "v0", "power")
    if v.rows != nside:
        raise BadInput(f"power needs v0 with {nside} entries, one per column of A; got {v.rows}")
    if any(not x.is_Rational for x in v):
        raise BadInput("power works with fractions; v0 has " + ", ".join(fmt(x) for x in v if not x.is_Rational))
    if all(x == 0 for x in v):
        raise BadInput("power needs a non-zero start vector v0")
    n = int_arg(steps, "steps", "power", 1, MAX_STEPS)
    d = Derivation("power", f"Power iteration on a {nside}×{nside} matrix")
    s = d.step("The matrix, the start and the rule")
    s.show("A", A)
    s.text(f"v₀ = {vec(v)}" + ("  (all ones, the default)" if v0 is None else ""))
    s.text("Each step: w = A·v, then v ← w/m, where m is the entry of w")
    s.text("largest in absolute value, sign kept (the first one on a tie).")
    s.text("So the largest entry of v becomes 1 (normalised by the largest")
    s.text("entry, not by length: the numbers stay fractions). m tends to the")
    s.text("dominant eigenvalue λ, v to its eigenvector.")
    s.text("Rayleigh quotient R(v) = (v·Av)/(v·v), another estimate of λ.")
    vs, ms, rs = [v], [], []
    stop = ""
    for k in range(1, n + 1):
        s = d.step(f"Iteration {k}: w = A·v{sub(k - 1)}")
        w = sympy.zeros(nside, 1)
        for i in range(nside):
            line, w[i] = dot_line(f"w{sub(i + 1)}", list(A.row(i)), list(v))
            s.text(line)
        num, den = v.dot(w), v.dot(v)
        nline, _ = dot_line("v·Av", list(v), list(w))
        dline, _ = dot_line("v·v", list(v), list(v))
        s.text(nline)
        s.text(dline)
        rq = num / den
        rs.append(rq)
        s.text(chain(f"R(v{sub(k - 1)})", f"{factor(num)}/{factor(den)}", fmt_approx(rq)))
        if all(x == 0 for x in w):
            s.text(f"A·v{sub(k - 1)} = 0: v{sub(k - 1)} is in the null space of A.")
            raise NotPossible(f"power: A·v{sub(k - 1)} = 0 at step {k}, so there is nothing to "
                              "rescale (v lies in A's null space); try another start vector", _fit(d))
        idx, m = _largest(w)
        ms.append(m)
        v = w / m
        vs.append(v)
        s.text(f"m = w{sub(idx + 1)} = {fmt(m)} (largest in absolute value)")
        s.text(f"v{sub(k)} = w/{factor(m)} = {vec(v)}")
        if any(_too_long(x) for x in v):
            stop = TOO_LONG
            break
    _stopped_early(d, stop)
    taken = len(vs) - 1
    s = d.step("The estimates")
    for k in range(taken):
        s.text(f"iteration {k + 1}: m = {fmt_approx(ms[k])},  R(v{sub(k)}) = {fmt_approx(rs[k])}")
    final_rq = v.dot(A * v) / v.dot(v)
    s.text(f"R(v{sub(taken)}) = {fmt_approx(final_rq)}  (the newest estimate)")
    _compare_eigenvalues(s, A)
    s = d.step("Check")
    s.text(f"Independently: v{sub(taken)} is A{sup(taken)}·v₀ divided by its largest")
    s.text("entry (the rescalings only change the length).")
    Ak = (A ** taken) * vs[0]
    ok = not all(x == 0 for x in Ak) and Ak / _largest(Ak)[1] == v
    d.check(f"v{sub(taken)} = A{sup(taken)}·v₀ / (its largest entry)", ok)
    d.result = {"vector": v, "scale": ms[-1], "rayleigh": final_rq}
    d.summary = (f"after {taken} step{'s' if taken != 1 else ''}: v = {vec(v)}, "
                 f"Rayleigh quotient {_eq(final_rq) if len(_eq(final_rq)) < 24 else _approx(final_rq)}")
    return _fit(d)


def _compare_eigenvalues(s: Step, A: Matrix) -> None:
    import numpy as np

    values = np.linalg.eigvals(np.array(A.tolist(), dtype=float))
    order = sorted(values, key=lambda z: -abs(z))
    text = ", ".join(f"{z.real:.4g}" if abs(z.imag) < 1e-12 else f"{z.real:.4g}{z.imag:+.4g}i"
                     for z in order)
    s.text(f"For comparison, A's eigenvalues (decimals): {text}.")
    if len(order) > 1 and abs(abs(order[0]) - abs(order[1])) < 1e-9:
        s.text("Two eigenvalues share the largest size: power iteration need not")
        s.text("settle (it may cycle or hover between them).")
    elif len(order) > 1:
        ratio = abs(order[1]) / abs(order[0])
        s.text(f"The error shrinks about ×{ratio:.3g} a step (|λ₂/λ₁|).")


# ---- one dense layer ----------------------------------------------------------------------------


def _decimal(value: sympy.Rational) -> str | None:
    """The exact decimal of a fraction that terminates within 8 places (3/25 → 0.12), else None."""
    q = int(value.q)
    for prime in (2, 5):
        while q % prime == 0:
            q //= prime
    if q != 1:
        return None
    for places in range(9):
        scaled = value * 10 ** places
        if scaled.is_Integer:
            digits = str(abs(int(scaled))).rjust(places + 1, "0")
            text = digits if places == 0 else f"{digits[:-places]}.{digits[-places:]}"
            return ("−" if value < 0 else "") + text
    return None


def _decimals(values: Sequence[Any]) -> str | None:
    """``[0.8, 0.9, −0.7]`` when every entry has a short exact decimal, else None."""
    texts = [_decimal(v) for v in values]
    if any(t is None for t in texts):
        return None
    return "[" + ", ".join(texts) + "]"  # type: ignore[arg-type]


def _decimal_lines(s: Step, label: str, M: Matrix) -> None:
    """A matrix's rows as decimals, when they are all short and exact and not all whole numbers."""
    if all(v.is_Integer for v in M):
        return
    rows = [_decimals(list(M.row(i))) for i in range(M.rows)]
    if any(r is None for r in rows):
        return
    if M.cols == 1:
        s.text(f"{label} = {_decimals(list(M))} in decimals")
    else:
        s.text(f"{label} = [{', '.join(rows)}] in decimals")  # type: ignore[arg-type]


def _cols(value: Any, name: str, length: int | None) -> Matrix:
    v = vector_arg(value, name, "layer", max_size=MAX_SIDE)
    if any(not x.is_Rational for x in v):
        raise BadInput(f"layer works with fractions and decimals; {name} has "
                       + ", ".join(fmt(x) for x in v if not x.is_Rational))
    if length is not None and v.rows != length:
        raise BadInput(f"layer needs {name} with {length} entries; got {v.rows}")
    return v


@operation(
    "layer",
    "One dense layer with ReLU: forward pass, sum-of-squares loss, backprop",
    inputs=(Input("W", "matrix", "weights m×n, e.g. [[1,-1],[2,1]]"),
            Input("x", "vector", "input, n entries, e.g. [1,2]"),
            Input("b", "vector", "bias, m entries, e.g. [0,1]"),
            Input("y", "vector", "target, m entries, e.g. [1,0]"),
            Input("rate", "scalar", "learning rate η, e.g. 1/10", optional=True, default="1/10")),
    aliases=("dense",),
)
def layer(W: Any, x: Any, b: Any, y: Any, rate: Any = TENTH) -> Derivation:
    W = matrix_arg(W, "W", "layer", rational=True, max_size=MAX_SIDE)
    m, n = W.shape
    x = _cols(x, "x", n)
    b = _cols(b, "b", m)
    y = _cols(y, "y", m)
    eta = _rational(rate, "the rate", "layer")
    if eta <= 0:
        raise BadInput(f"layer needs a positive learning rate; got {fmt(eta)}")
    d = Derivation("layer", f"A dense layer, {n} inputs → {m} outputs, forward and back")
    s = d.step("The layer")
    s.show("W", W).show("x", x).show("b", b).show("y (target)", y)
    for label, M in (("W", W), ("x", x), ("b", b), ("y", y)):
        _decimal_lines(s, label, M)
    s.text("z = W·x + b,  a = ReLU(z) = max(0, z) entry by entry,")
    s.text("L = Σ (aᵢ − yᵢ)²: the SUM of squared errors. (The mean,")
    s.text(f"MSE, would divide L and every gradient below by {m}.)")
    s.text(f"Learning rate η = {fmt_approx(eta)}.")

    s = d.step("Forward: z = W·x + b")
    z = sympy.zeros(m, 1)
    for i in range(m):
        written = " + ".join(f"{factor(wi)}·{factor(xi)}" for wi, xi in zip(W.row(i), x))
        products = [wi * xi for wi, xi in zip(W.row(i), x)] + [b[i]]
        z[i] = sum(products, sympy.Integer(0))
        s.text(chain(f"z{sub(i + 1)}", f"{written} + {term(b[i])}", signed_sum(products), fmt(z[i])))
    s.show("z", z)
    _decimal_lines(s, "z", z)

    s = d.step("Forward: a = ReLU(z)")
    a = z.applyfunc(lambda v: v if v > 0 else sympy.Integer(0))
    for i in range(m):
        s.text(f"a{sub(i + 1)} = max(0, {fmt(z[i])}) = {fmt(a[i])}")
    s.show("a", a)
    _decimal_lines(s, "a", a)

    s = d.step("Loss: L = Σ (aᵢ − yᵢ)²")
    diffs = [a[i] - y[i] for i in range(m)]
    squares = [e ** 2 for e in diffs]
    for i in range(m):
        s.text(f"a{sub(i + 1)} − y{sub(i + 1)} = {lead(a[i])} {MINUS} {term(y[i])} = {fmt(diffs[i])},"
               f"  squared {fmt(squares[i])}")
    L = sum(squares, sympy.Integer(0))
    s.text(chain("L", signed_sum(squares), fmt_approx(L)))

    s = d.step("Backward: dL/da = 2(a − y)")
    dLda = Matrix([2 * e for e in diffs])
    for i in range(m):
        s.text(f"dL/da{sub(i + 1)} = 2·{factor(diffs[i])} = {fmt(dLda[i])}")

    s = d.step("Backward through ReLU: δ = dL/dz")
    s.text("ReLU passes the gradient where z > 0 and blocks it where z ≤ 0")
    s.text("(slope 1 or 0; at z = 0 we take 0, as PyTorch does).")
    mask = [1 if z[i] > 0 else 0 for i in range(m)]
    delta = Matrix([dLda[i] * mask[i] for i in range(m)])
    for i in range(m):
        why = "z > 0, passed" if mask[i] else "z ≤ 0, blocked"
        s.text(f"δ{sub(i + 1)} = {factor(dLda[i])}·{mask[i]} = {fmt(delta[i])}   ({why})")
    off = [i + 1 for i in range(m) if not mask[i]]
    if off:
        units = ", ".join(str(i) for i in off)
        s.text(f"Unit{'s' if len(off) > 1 else ''} {units} {'are' if len(off) > 1 else 'is'} "
               "inactive for this input: no learning signal")
        s.text("reaches its weights. (A \"dead\" unit is inactive for every input.)")
    s.show("δ", delta)
    _decimal_lines(s, "δ", delta)

    s = d.step("Gradients: dL/dW = δ·xᵀ, dL/db = δ")
    s.text("Each weight Wᵢⱼ multiplies xⱼ into zᵢ, so dL/dWᵢⱼ = δᵢ·xⱼ:")
    dW = sympy.zeros(m, n)
    for i in range(m):
        parts = []
        for j in range(n):
            dW[i, j] = delta[i] * x[j]
            parts.append(f"{factor(delta[i])}·{factor(x[j])} = {fmt(dW[i, j])}")
        s.text(f"row {i + 1}: " + ",  ".join(parts))
    s.show("dL/dW", dW)
    _decimal_lines(s, "dL/dW", dW)
    s.show("dL/db", delta)

    s = d.step(f"Update with η = {fmt(eta)}: W ← W − η·dL/dW, b ← b − η·dL/db")
    W_new = W - eta * dW
    b_new = b - eta * delta
    for i in range(m):
        for j in range(n):
            if dW[i, j] != 0:
                s.text(chain(f"W{sub(f'{i + 1}{j + 1}')}", f"{lead(W[i, j])} {MINUS} "
                             f"{factor(eta)}·{factor(dW[i, j])}", fmt(W_new[i, j])))
    unchanged = [f"W{sub(f'{i + 1}{j + 1}')}" for i in range(m) for j in range(n) if dW[i, j] == 0]
    if unchanged:
        s.text("Unchanged (zero gradient): " + ", ".join(unchanged))
    for i in range(m):
        if delta[i] != 0:
            s.text(chain(f"b{sub(i + 1)}", f"{lead(b[i])} {MINUS} {factor(eta)}·{factor(delta[i])}",
                         fmt(b_new[i])))
    s.show("W new", W_new).show("b new", b_new)
    _decimal_lines(s, "W new", W_new)
    _decimal_lines(s, "b new", b_new)
    z2 = W_new * x + b_new
    a2 = z2.applyfunc(lambda v: v if v > 0 else sympy.Integer(0))
    L2 = sum(((a2[i] - y[i]) ** 2 for i in range(m)), sympy.Integer(0))
    s.text("The loss on this input after the update:")
    s.text(f"L = {fmt_approx(L2)}  (before: {fmt_approx(L)})")

    # Independent: L as a function of symbolic weights on the active pieces, differentiated.
    s = d.step("Check")
    s.text("dL/dW and dL/db again by differentiating L itself with respect")
    s.text("to every weight and bias (SymPy, ReLU's active units kept):")
    s.text("the same numbers.")
    Ws = Matrix(m, n, lambda i, j: Symbol(f"w_{i}_{j}"))
    bs = Matrix(m, 1, lambda i, j: Symbol(f"b_{i}"))
    zs = Ws * x + bs
    Ls = sum(((zs[i] if mask[i] else 0) - y[i]) ** 2 for i in range(m))
    at = {**{Ws[i, j]: W[i, j] for i in range(m) for j in range(n)}, **{bs[i]: b[i] for i in range(m)}}
    dW_sym = Ws.applyfunc(lambda w: sympy.diff(Ls, w).subs(at))
    db_sym = bs.applyfunc(lambda v: sympy.diff(Ls, v).subs(at))
    d.check("z = W·x + b recomputed as a matrix product", W * x + b == z)
    d.check("L recomputed from the symbolic loss", sympy.expand(Ls.subs(at)) == L)
    d.check("dL/dW and dL/db = derivatives of L (SymPy)", dW_sym == dW and db_sym == delta)
    d.result = {"z": z, "a": a, "L": L, "dL/dz": delta, "dL/dW": dW, "dL/db": delta,
                "W": W_new, "b": b_new}
    d.summary = f"L = {fmt_approx(L)}; dL/dz = {_decimals(list(delta)) or fmt(list(delta))}"
    return _fit(d)


# ---- broadcasting -------------------------------------------------------------------------------

MAX_AXES = 6


def _shape(value: Any, name: str) -> list[int]:
    if not getattr(value, "is_Matrix", False):
        value = Matrix([value])
    if min(value.shape) != 1:
        raise BadInput(f"broadcast needs a shape as a list of sizes for {name}, e.g. [3,1]")
    if len(value) > MAX_AXES:
        raise BadInput(f"broadcast handles shapes of up to {MAX_AXES} axes; {name} has {len(value)}")
    sizes = []
    for v in value:
        if not getattr(v, "is_Integer", False) or v < 1 or v > 10 ** 6:
            raise BadInput(f"broadcast needs whole sizes from 1 to 1,000,000 in {name}; "
                           f"got {fmt(v)}")
        sizes.append(int(v))
    return sizes


def _brackets(sizes: Sequence[int]) -> str:
    return "[" + ", ".join(str(k) for k in sizes) + "]"


@operation(
    "broadcast",
    "Broadcasting: align two shapes from the right, axis by axis",
    inputs=(Input("shape1", "vector", "first array's shape, e.g. [3,1]"),
            Input("shape2", "vector", "second array's shape, e.g. [1,4]")),
)
def broadcast(shape1: Any, shape2: Any) -> Derivation:
    s1, s2 = _shape(shape1, "shape1"), _shape(shape2, "shape2")
    d = Derivation("broadcast", f"Broadcasting {_brackets(s1)} with {_brackets(s2)}")
    s = d.step("Align the shapes from the right")
    width = max(len(s1), len(s2))
    p1 = [1] * (width - len(s1)) + s1
    p2 = [1] * (width - len(s2)) + s2
    for name, raw, padded in (("A", s1, p1), ("B", s2, p2)):
        if len(raw) < width:
            s.text(f"{name}: {_brackets(raw)} has fewer axes: pad with 1s on the left → "
                   f"{_brackets(padded)}")
        else:
            s.text(f"{name}: {_brackets(raw)}")
    s.text("Rule per axis: equal sizes match; a size 1 is stretched (its")
    s.text("values repeated) to the other size; anything else is an error.")
    s = d.step("Axis by axis, from the right")
    result: list[int] = []
    failed: list[tuple[int, int, int, int]] = []
    for k in range(width - 1, -1, -1):
        a, b = p1[k], p2[k]
        where = f"axis {k + 1} ({width - k} from the right): {a} and {b}"
        if a == b:
            s.text(f"{where}: equal → {a}")
            result.append(a)
        elif a == 1:
            s.text(f"{where}: A's 1 stretches to {b} → {b}")
            result.append(b)
        elif b == 1:
            s.text(f"{where}: B's 1 stretches to {a} → {a}")
            result.append(a)
        else:
            s.text(f"{where}: {a} ≠ {b} and neither is 1 → ERROR")
            failed.append((k + 1, width - k, a, b))
            result.append(0)
    result.reverse()
    if failed:
        axis, right, a, b = failed[0]
        more = f" (and {len(failed) - 1} more axis)" if len(failed) == 2 else (
            f" (and {len(failed) - 1} more axes)" if len(failed) > 2 else "")
        raise NotPossible(f"broadcast: {_brackets(s1)} and {_brackets(s2)} do not broadcast: on axis "
                          f"{axis} ({right} from the right) the sizes are {a} and {b}, which differ "
                          f"and neither is 1{more}", _fit(d))
    s = d.step("Result")
    s.text(f"{_brackets(s1)} with {_brackets(s2)} → {_brackets(result)}")
    total = 1
    for k in result:
        total *= k
    s.text(f"The result has {total:,} entries; NumPy never copies the")
    s.text("stretched values, it reuses them (stride 0).")
    stretch = all(a in (1, r) for a, r in zip(p1, result)) and all(b in (1, r) for b, r in zip(p2, result))
    d.check("every aligned size is 1 or the result's size", stretch)
    d.check("the result keeps the larger size on each axis",
            result == [max(a, b) for a, b in zip(p1, p2)])
    d.result = Matrix(result)
    d.summary = f"{_brackets(s1)} with {_brackets(s2)} broadcast to {_brackets(result)}"
    return _fit(d)


# ---- einsum -------------------------------------------------------------------------------------

_SPEC = re.compile(r"[a-z,\->]{1,40}")

#: Well-known einsum strings (letters renamed in order of appearance) and what they compute.
_KNOWN = {
    "i,i->": "the dot product u·v",
    "i,i->i": "the entry-by-entry product of two vectors",
    "i,j->ij": "the outer product u·vᵀ",
    "i->": "the sum of the entries",
    "ij,jk->ik": "the matrix product A·B",
    "ij,kj->ik": "A·Bᵀ (rows dotted with rows, as in Q·Kᵀ of attention)",
    "ij,ik->jk": "Aᵀ·B",
    "ij,j->i": "the matrix–vector product A·v",
    "ij->ji": "the transpose Aᵀ",
    "ii->": "the trace tr(A)",
    "ii->i": "the diagonal of A",
    "ij->": "the sum of all entries",
    "ij->i": "the row sums",
    "ij->j": "the column sums",
    "ij,ij->ij": "the entry-by-entry (Hadamard) product",
    "ij,ij->": "Σ AᵢⱼBᵢⱼ (the Frobenius inner product)",
    "ij->ij": "A itself (nothing summed)",
}


def _canonical(inputs: list[str], output: str) -> str:
    names: dict[str, str] = {}
    for ch in "".join(inputs) + output:
        names.setdefault(ch, "ijklmn"[len(names)])
    return ",".join("".join(names[c] for c in t) for t in inputs) + "->" + "".join(names[c] for c in output)


def _parse_spec(spec: Any, count: int) -> tuple[list[str], str, bool]:
    if not isinstance(spec, str):
        raise BadInput("einsum needs the index string as text, e.g. ij,jk->ik")
    text = spec.replace(" ", "")
    if not _SPEC.fullmatch(text):
        raise BadInput("einsum's string uses only the letters a–z, commas and one ->, at most "
                       f"40 characters, e.g. ij,jk->ik; got {spec[:40]!r}")
    if text.count("->") > 1 or text.replace("->", "").count("-") or text.replace("->", "").count(">"):
        raise BadInput("einsum's string has at most one arrow ->, e.g. ij,jk->ik")
    explicit = "->" in text
    left, _, output = text.partition("->")
    inputs = left.split(",")
    if "," in output:
        raise BadInput("einsum's output (after ->) is one group of letters, e.g. ik")
    if any(not t for t in inputs):
        raise BadInput("einsum's string has an empty operand between commas; write ij,jk->ik")
    if len(inputs) != count:
        raise BadInput(f"the string {text!r} names {len(inputs)} operand{'s' if len(inputs) != 1 else ''} "
                       f"but {count} {'were' if count != 1 else 'was'} given")
    for t in inputs:
        if len(t) > 2:
            raise BadInput(f"here each operand is a vector or a matrix (1 or 2 letters); {t!r} has {len(t)}")
    if not explicit:
        letters = "".join(inputs)
        output = "".join(sorted(c for c in set(letters) if letters.count(c) == 1))
    if len(output) > 2:
        raise BadInput(f"the result here can have at most 2 indices (a matrix); {output!r} has {len(output)}")
    if len(set(output)) != len(output):
        raise BadInput(f"an output index appears twice in {output!r}")
    missing = [c for c in output if c not in "".join(inputs)]
    if missing:
        raise BadInput(f"output index {missing[0]!r} appears in no operand")
    return inputs, output, explicit


def _operand(value: Any, name: str, letters: str) -> Callable[[dict[str, int]], Any]:
    M = matrix_arg(value, name, "einsum", numeric=False)
    if len(letters) == 1:
        if min(M.shape) != 1:
            raise BadInput(f"{name} goes with one index {letters!r}, so it must be a vector (one row, "
                           f"e.g. [[1,2,3]]); it is {M.rows}×{M.cols}")
        flat = list(M)
        return lambda v: flat[v[letters]]
    return lambda v: M[v[letters[0]], v[letters[1]]]


def _sizes(values: list[Matrix], inputs: list[str]) -> dict[str, int]:
    sizes: dict[str, int] = {}
    for name, M, t in zip("AB", values, inputs):
        dims = [len(M)] if len(t) == 1 else list(M.shape)
        for c, size in zip(t, dims):
            if sizes.setdefault(c, size) != size:
                raise BadInput(f"index {c!r} must run over one range, but it is {sizes[c]} in one "
                               f"place and {size} in {name}")
    return sizes


@operation(
    "einsum",
    "Read an einsum string: indices kept and summed, and the result",
    inputs=(Input("spec", "text", "an einsum string, e.g. ij->ji or ij,jk->ik"),
            Input("A", "matrix", "first operand, e.g. [[1,2],[3,4]] (a vector as [[1,2]])"),
            Input("B", "matrix", "second operand if the string names two", optional=True)),
)
def einsum(spec: Any, A: Any, B: Any = None) -> Derivation:
    given = [A] if B is None else [A, B]
    inputs, output, explicit = _parse_spec(spec, len(given))
    names = "AB"[: len(given)]
    getters = [_operand(v, n, t) for v, n, t in zip(given, names, inputs)]
    values = [matrix_arg(v, n, "einsum", numeric=False) for v, n in zip(given, names)]
    sizes = _sizes(values, inputs)
    letters = list(dict.fromkeys("".join(inputs)))
    summed = [c for c in letters if c not in output]
    full = ",".join(inputs) + "->" + output
    d = Derivation("einsum", f"einsum {full!r}")
    s = d.step("Read the string")
    if not explicit:
        s.text("No arrow: the output is every index used exactly once, in")
        s.text(f"alphabetical order (NumPy's rule), so this means {full!r}.")
    for n, t, M in zip(names, inputs, values):
        s.show(f"{n} (indices {t})", M)
    s.text(f"Kept (in the output): {', '.join(output) if output else 'none — the result is one number'}")
    s.text(f"Summed (in the inputs, not in the output): {', '.join(summed) if summed else 'none'}")
    for t in inputs:
        if len(t) == 2 and t[0] == t[1]:
            s.text(f"{t!r}: a repeated index in one operand walks its diagonal.")
    known = _KNOWN.get(_canonical(inputs, output))
    if known:
        s.text(f"This is {known}.")
    s.text("Ranges: " + ", ".join(f"{c} = 1…{sizes[c]}" for c in letters))
    out_name = "C" if output else "s"
    index = f"[{','.join(output)}]" if output else ""
    body = "·".join(f"{n}[{','.join(t)}]" for n, t in zip(names, inputs))
    formula = f"{out_name}{index} = " + (f"Σ over {', '.join(summed)} of {body}" if summed else body)
    s.text(formula)

    s = d.step("Entry by entry")
    out_ranges = [range(sizes[c]) for c in output]
    sum_ranges = [range(sizes[c]) for c in summed]
    shape = [sizes[c] for c in output]
    entries: dict[tuple[int, ...], Any] = {}
    shown = 0
    many = 1
    for r in out_ranges:
        many *= len(r)
    for out_vals in itertools.product(*out_ranges):
        products, written = [], []
        for sum_vals in itertools.product(*sum_ranges):
            at = dict(zip(output, out_vals)) | dict(zip(summed, sum_vals))
            factors = [g(at) for g in getters]
            value = sympy.Mul(*factors)
            products.append(sympy.expand(value))
            written.append("·".join(factor(f) for f in factors))
        total = sympy.expand(sum(products, sympy.Integer(0)))
        entries[out_vals] = total
        label = out_name + (sub("".join(str(v + 1) for v in out_vals)) if max(shape, default=1) < 10
                            else f"[{','.join(str(v + 1) for v in out_vals)}]")
        if shown < 16 and len(products) <= 12:
            parts = [" + ".join(written)] if len(given) > 1 else []
            s.text(chain(label, *parts, signed_sum(products), fmt(total)))
            shown += 1
    if shown == 0:
        s.text(f"Each entry is a sum of {len(products)} products: too many to list; the")
        s.text("result follows.")
    elif shown < many:
        s.text(f"(… {many - shown} more entries, worked out the same way)")
    if not output:
        result: Any = entries[()]
        s = d.step("Result")
        s.text(f"s = {fmt_approx(result)}")
    elif len(output) == 1:
        result = Matrix([entries[(i,)] for i in range(shape[0])])
        d.step("Result").show(f"C (index {output})", result)
    else:
        result = Matrix(shape[0], shape[1], lambda i, j: entries[(i, j)])
        d.step("Result").show(f"C (indices {output})", result)

    import numpy as np

    arrays = []
    for M, t in zip(values, inputs):
        arr = np.empty(M.shape, dtype=object)
        for i in range(M.rows):
            for j in range(M.cols):
                arr[i, j] = M[i, j]
        arrays.append(arr.reshape(-1) if len(t) == 1 else arr)
    again = np.einsum(full, *arrays)
    if not output:
        same = sympy.expand(again - result) == 0 if not isinstance(again, np.ndarray) else \
            sympy.expand(again.item() - result) == 0
    else:
        flat = list(np.asarray(again).reshape(-1))
        same = all(sympy.expand(u - v) == 0 for u, v in zip(flat, list(result)))
    s = d.step("Check")
    s.text("NumPy's einsum on the same exact entries gives the same result.")
    d.check("np.einsum on exact (object) arrays agrees", same)
    d.result = result
    d.summary = f"einsum {full!r} = {fmt(result)}"
    return _fit(d)
