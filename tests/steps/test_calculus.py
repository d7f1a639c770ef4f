"""Property and example tests for the calculus family: gradient, jacobian, hessian, critical.

Random polynomials of degree ≤ 3 in 1–3 variables (x, y, z) are differentiated by the engine and
compared with ``sympy.diff``, ``Matrix.jacobian`` and ``sympy.hessian``; classifications are
compared with numpy's eigenvalues of the Hessian; critical points with a direct ``sympy.solve``.

Case counts and worker processes: see ``tests/support/cases.py``.
"""

from __future__ import annotations

import random

import numpy as np
import pytest
import sympy
from sympy import Matrix, Rational, symbols

from support.render import assert_renders
from support.cases import n_cases, run_cases

from linalg_tutor.steps import registry
from linalg_tutor.steps.calculus import critical, gradient, hessian, jacobian
from linalg_tutor.steps.derivation import BadInput, NotPossible
from linalg_tutor.steps.eigen import numeric_value

X, Y, Z = symbols("x y z")
ALL = [X, Y, Z]


def monomials(xs: list[sympy.Symbol], degree: int) -> list[sympy.Expr]:
    out = [sympy.Integer(1)]
    for _ in range(degree):
        out = list({m * x for m in out for x in xs} | set(out))
    return sorted(out, key=sympy.default_sort_key)


def rand_poly(rng: random.Random, nvars: int, degree: int = 3, terms: int = 4) -> sympy.Expr:
    xs = ALL[:nvars]
    monos = monomials(xs, degree)
    f = sympy.Integer(0)
    while not f.free_symbols:
        f = sum((rng.choice([-3, -2, -1, 1, 2, 3, Rational(1, 2)]) * rng.choice(monos) for _ in range(terms)),
                sympy.Integer(0))
    return sympy.expand(f)


def rand_point(rng: random.Random, n: int) -> Matrix:
    return Matrix([rng.randint(-3, 3) for _ in range(n)])


def variables(*exprs: sympy.Expr) -> list[sympy.Symbol]:
    found = set().union(*(e.free_symbols for e in exprs))
    return sorted(found, key=lambda s: s.name)


# ---- gradient ----------------------------------------------------------------------------------

def assert_gradient(f: sympy.Expr, p: Matrix | None) -> None:
    xs = variables(f)
    d = gradient(f, p)
    assert d.verified, (f, p, d.checks)
    expected = Matrix([sympy.diff(f, x) for x in xs])
    if p is not None:
        expected = expected.subs(dict(zip(xs, p)))
    assert (d.result - expected).applyfunc(sympy.expand) == sympy.zeros(len(xs), 1), (f, p)


def test_gradient_matches_diff() -> None:
    rng = random.Random(701)
    cases = []
    for k in range(n_cases(1000)):
        f = rand_poly(rng, 1 + k % 3)
        cases.append((f, rand_point(rng, len(variables(f))) if k % 2 else None))
    run_cases(assert_gradient, cases)


def test_gradient_rules_wording() -> None:
    x, y = X, Y
    d = gradient(x ** 2 * y + sympy.sin(x * y) + sympy.exp(3 * y), Matrix([1, 0]))
    text = d.to_text()
    assert "Variables in alphabetical order: (x, y)" in text
    assert "power rule" in text
    assert "chain rule: (sin u)′ = cos u, times u′ with inner u = x·y" in text
    assert "constant with respect to x" in text
    assert d.result == Matrix([0, 5])
    assert d.verified
    d = gradient(x * sympy.exp(x))
    assert "product rule" in d.to_text()


# ---- jacobian ----------------------------------------------------------------------------------

def assert_jacobian(F: Matrix, p: Matrix | None) -> None:
    xs = variables(*F)
    d = jacobian(F, p)
    assert d.verified, (F, p, d.checks)
    expected = F.jacobian(xs)
    if p is not None:
        expected = expected.subs(dict(zip(xs, p)))
    assert (d.result - expected).applyfunc(sympy.expand) == sympy.zeros(*expected.shape), (F, p)


def test_jacobian_matches_sympy() -> None:
    rng = random.Random(702)
    cases = []
    for k in range(n_cases(1000)):
        nvars = 1 + k % 3
        F = Matrix([rand_poly(rng, nvars, degree=2, terms=3) for _ in range(1 + (k // 3) % 3)])
        cases.append((F, rand_point(rng, len(variables(*F))) if k % 2 else None))
    run_cases(assert_jacobian, cases)


def test_jacobian_example() -> None:
    d = jacobian(Matrix([X * Y, X + Y ** 2]), Matrix([1, 2]))
    assert d.result == Matrix([[2, 1], [1, 4]])
    assert "det J = 7" in d.to_text()


# ---- hessian -----------------------------------------------------------------------------------

def expected_kind(H: np.ndarray, critical_point: bool) -> str:
    ev = np.linalg.eigvalsh(H)
    pos, neg, zero = (ev > 1e-9).any(), (ev < -1e-9).any(), (abs(ev) <= 1e-9).any()
    if not critical_point:
        return "not critical"
    if pos and neg:
        return "saddle point"
    if zero:
        return "inconclusive"
    return "local minimum" if pos else "local maximum"


def assert_hessian(f: sympy.Expr, p: Matrix | None) -> None:
    xs = variables(f)
    d = hessian(f, p)
    assert d.verified, (f, p, d.checks)
    expected = sympy.hessian(f, xs)
    if p is not None:
        expected = expected.subs(dict(zip(xs, p)))
    assert (d.result - expected).applyfunc(sympy.expand) == sympy.zeros(len(xs)), (f, p)
    if p is not None:
        grad_zero = all(sympy.diff(f, x).subs(dict(zip(xs, p))) == 0 for x in xs)
        kind = expected_kind(np.array(expected.tolist(), dtype=float), grad_zero)
        if grad_zero:
            assert d.summary.startswith(kind), (f, p, d.summary)
        else:
            assert d.summary.startswith("not a critical point"), (f, p, d.summary)


def test_hessian_matches_sympy_and_classification() -> None:
    rng = random.Random(703)
    cases = []
    for k in range(n_cases(1000)):
        f = rand_poly(rng, 1 + k % 3)
        xs = variables(f)
        p = rand_point(rng, len(xs)) if k % 2 else None
        if k % 10 == 1:
            # shift f so that p is a critical point: subtract the tangent plane at p
            grad = [sympy.diff(f, x).subs(dict(zip(xs, p))) for x in xs]
            shifted = sympy.expand(f - sum(g * x for g, x in zip(grad, xs)))
            if set(variables(shifted)) == set(xs):
                f = shifted
        cases.append((f, p))
    run_cases(assert_hessian, cases)


def test_hessian_examples() -> None:
    d = hessian(X ** 3 - 3 * X + Y ** 2, Matrix([1, 0]))
    assert d.summary == "local minimum at (x, y) = (1, 0)"
    assert "∂²f/∂x∂y = ∂/∂y (3·x² − 3) = 0;  ∂²f/∂y∂x = ∂/∂x (2·y) = 0" in d.to_text()
    d = hessian(X ** 2 - Y ** 2, Matrix([0, 0]))
    assert d.summary.startswith("saddle point")
    d = hessian(X ** 4 + Y ** 4, Matrix([0, 0]))
    assert d.summary.startswith("inconclusive")
    d = hessian(X ** 2 + Y ** 2, Matrix([1, 1]))
    assert d.summary.startswith("not a critical point") and "convex" in d.summary
    d = hessian(X ** 2 * Y)
    assert d.result == Matrix([[2 * Y, 2 * X], [2 * X, 0]])


# ---- critical points ---------------------------------------------------------------------------

def rand_critical_poly(rng: random.Random, k: int) -> sympy.Expr:
    if k % 40 == 39:  # a general cubic in two or three variables: solved by elimination (slow: few of them)
        monos = [X ** 3, Y ** 3, X * Y, X ** 2, Y ** 2, X, Y, X * Y ** 2, X ** 2 * Y]
        extra = [Z ** 2, Z] if rng.random() < 0.3 else []
        return sum((rng.randint(-3, 3) * m for m in monos + extra), sympy.Integer(0))
    kind = k % 4
    if kind == 0:  # quadratic in two variables: a linear system
        a, b, c = rng.randint(-3, 3), rng.randint(-3, 3), rng.randint(-3, 3)
        d_, e = rng.randint(-4, 4), rng.randint(-4, 4)
        return a * X ** 2 + b * X * Y + c * Y ** 2 + d_ * X + e * Y
    if kind == 1:  # one-variable cubic or quartic
        return sum((rng.randint(-3, 3) * X ** i for i in range(1, rng.choice([3, 4]) + 1)), sympy.Integer(0))
    if kind == 2:  # separable: cubic in x plus quadratic in y
        r = rng.randint(1, 3)
        return X ** 3 - 3 * r ** 2 * X + rng.choice([-1, 1]) * Y ** 2 + rng.randint(-2, 2) * Y
    a = rng.randint(1, 3)  # three variables, quadratic
    return a * X ** 2 + rng.randint(-2, 2) * X * Y + rng.randint(1, 3) * Y ** 2 + rng.choice([-1, 1]) * Z ** 2 \
        + rng.randint(-3, 3) * Z


def assert_critical(f: sympy.Expr) -> None:
    xs = variables(f)
    grad = [sympy.diff(f, x) for x in xs]
    try:
        d = critical(f)
    except NotPossible as exc:
        # only for a non-linear system whose eliminated form is not triangular
        assert "numerically" in exc.message and sympy.Poly(f, *xs).total_degree() >= 3, f
        return
    assert d.verified, (f, d.checks)
    if len(xs) > 1 and sympy.Poly(f, *xs).total_degree() >= 3 and not _separable(f, xs):
        expected_count = None  # general cubic: every point is checked below instead of counted
    elif len(xs) == 1:
        # one variable: the distinct real roots of f′ (exact real-root isolation, no radicals)
        expected_count = 0 if grad[0].is_number else len(set(sympy.Poly(grad[0], xs[0]).real_roots()))
    elif sympy.Poly(f, *xs).total_degree() <= 2:
        # quadratic: ∇f = H·x + ∇f(0) is linear; one isolated point exactly when H is invertible
        H = sympy.hessian(f, xs)
        expected_count = 1 if H.det() != 0 else 0
    else:
        solutions = sympy.solve(grad, xs, dict=True)
        expected_count = len([s for s in solutions if all(x in s for x in xs)
                              and not any(v.free_symbols for v in s.values())
                              and all(abs(complex(sympy.N(v)).imag) < 1e-12 for v in s.values())])
    if expected_count is not None:
        assert len(d.result) == expected_count, (f, d.result)
    for item in d.result:
        pt = dict(zip(xs, item["point"]))
        assert all(abs(numeric_value(sympy.expand(g.subs(pt)))) < 1e-9 for g in grad), (f, pt)
        H = np.array([[numeric_value(sympy.expand(e)).real for e in row]
                      for row in sympy.hessian(f, xs).subs(pt).tolist()], dtype=float)
        assert item["kind"] == expected_kind(H, True), (f, pt, item["kind"])


def _separable(f: sympy.Expr, xs: list[sympy.Symbol]) -> bool:
    """No mixed terms: each partial derivative involves its own variable only (SymPy solves it fast)."""
    return all(sympy.diff(f, a, b) == 0 for i, a in enumerate(xs) for b in xs[i + 1:])


def test_critical_points_match_solve() -> None:
    rng = random.Random(704)
    cases: list[tuple] = []
    k = 0
    while len(cases) < n_cases(1000):
        f = sympy.expand(rand_critical_poly(rng, k))
        k += 1
        if f.free_symbols:  # a constant has no variables to differentiate
            cases.append((f,))
    run_cases(assert_critical, cases)


def test_critical_examples() -> None:
    d = critical(X ** 3 - 3 * X + Y ** 2)
    assert [r["kind"] for r in d.result] == ["saddle point", "local minimum"]
    assert [list(r["point"]) for r in d.result] == [[-1, 0], [1, 0]]
    d = critical((X - Y) ** 2)
    assert d.result == [] and "whole family" in d.to_text()
    d = critical(X + Y)
    assert d.result == [] and "no solution" in d.to_text()
    d = critical(X ** 4 - 2 * X ** 2 + Y ** 2 + X * Y)
    assert len(d.result) == 3 and d.verified


def test_bad_inputs() -> None:
    with pytest.raises(BadInput, match="constant"):
        gradient(sympy.Integer(5))
    with pytest.raises(BadInput, match="coordinates"):
        gradient(X * Y, Matrix([1, 2, 3]))
    with pytest.raises(BadInput, match="polynomial"):
        critical(sympy.sin(X))
    with pytest.raises(BadInput, match="degree"):
        critical(X ** 6 + Y)
    with pytest.raises(BadInput):
        hessian(Matrix([X, Y]))
    with pytest.raises(BadInput):
        jacobian(Matrix([[X, Y], [Y, X]]))


def test_registry_names() -> None:
    assert registry.get("grad").func is gradient
    assert registry.get("jacobian").func is jacobian
    assert registry.get("hessian").func is hessian
    assert registry.get("critical").func is critical


@pytest.mark.parametrize("name, args", [
    ("gradient", (X ** 2 * Y + sympy.sin(X), Matrix([1, 2]))),
    ("jacobian", (Matrix([X * Y, X + Y ** 2]), None)),
    ("hessian", (X ** 3 - 3 * X + Y ** 2, Matrix([1, 0]))),
    ("critical", (X ** 3 - 3 * X + Y ** 2,)),
])
def test_renderers(name, args) -> None:
    assert_renders(registry.get(name).func(*args))


def test_text_inputs_through_the_runner() -> None:
    """The input kinds declared in the registry let a learner type these on the command line."""
    from linalg_tutor.course.scratchpad import run

    assert run("jacobian", ["[x*y, x+y**2]", "[1,2]"]).result == Matrix([[2, 1], [1, 4]])
    assert run("gradient", ["x*y"]).result == Matrix([Y, X])
    assert run("hessian", ["x^3 - 3x + y^2", "[1,0]"]).summary == "local minimum at (x, y) = (1, 0)"
    assert len(run("critical", ["x**3 - 3*x + y**2"]).result) == 2
