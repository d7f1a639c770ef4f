"""Training by hand (descent, newton, power, layer, broadcast, einsum) against NumPy and SymPy.

The property tests draw small random inputs from fixed seeds and compare the exact derivation
with a floating-point NumPy computation of the same thing; the worked examples are the course's
own (chapter 12's descent, chapter 13's Newton step, chapter 14's layer, chapter 15's einsum).
"""

from __future__ import annotations

import random
import re

import numpy as np
import pytest
import sympy
from rich.cells import cell_len
from sympy import Integer, Matrix, Rational, symbols

from support.cases import n_cases, run_cases
from support.render import assert_renders

from linalg_tutor.course import scratchpad as runner
from linalg_tutor.steps import BadInput, NotPossible
from linalg_tutor.steps.registry import get

from tests.steps.test_basics import entry, matrix, vector

x, y, w = symbols("x y w")


def run(name: str, *args):
    return get(name).func(*args)


def _taken(d) -> int:
    return int(re.search(r"after (\d+) step", d.summary).group(1))


def _floats(values) -> np.ndarray:
    return np.array([float(v) for v in values], dtype=float)


def _close(a, b, tol: float = 1e-7) -> bool:
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    return bool(np.allclose(a, b, rtol=tol, atol=tol * max(1.0, float(np.max(np.abs(b), initial=0)))))


def _polynomial(rng: random.Random, xs: list, degree: int) -> sympy.Expr:
    monomials = [m for m in sympy.itermonomials(xs, degree) if m != 1]
    chosen = rng.sample(monomials, min(len(monomials), rng.randint(1, 4)))
    return sympy.expand(sum((rng.choice([-3, -2, -1, 1, 2, 3, Rational(1, 2)]) * m for m in chosen),
                            Integer(0)))


# ---- gradient descent ------------------------------------------------------------------------


def _check_descent(f, start, rate, steps):
    xs = sorted(f.free_symbols, key=lambda s: s.name)
    d = run("descent", f, Matrix(start), rate, Integer(steps))
    assert d.verified, d.checks
    taken = _taken(d)
    assert taken <= steps
    grad = sympy.lambdify(xs, [sympy.diff(f, v) for v in xs], "numpy")
    p = _floats(start)
    for _ in range(taken):
        p = p - float(rate) * np.array(grad(*p), dtype=float)
    got = [d.result] if len(xs) == 1 else list(d.result)
    assert _close(_floats(got), p, 1e-6), (f, start, rate, got, p)


def test_descent_matches_numpy() -> None:
    rng = random.Random(1201)
    cases = []
    for _ in range(n_cases(1000)):
        xs = rng.choice([[x], [x, y], [x, y]])
        f = _polynomial(rng, xs, rng.choice([2, 2, 3]))
        if not f.free_symbols:
            continue
        xs = sorted(f.free_symbols, key=lambda s: s.name)
        start = [entry(rng) for _ in xs]
        cases.append((f, start, rng.choice([Rational(1, 10), Rational(1, 20), Rational(1, 4)]),
                      rng.randint(1, 4)))
    run_cases(_check_descent, cases)


def test_descent_chapter_12_example() -> None:
    # L(w) = (w − 3)², w₀ = 0, η = 0.1: w_k = 3 − 3·0.8ᵏ.
    d = run("descent", (w - 3) ** 2, Matrix([0]), Rational(1, 10), Integer(5))
    assert d.result == 3 - 3 * Rational(4, 5) ** 5
    text = d.to_text()
    assert "w ← w − η·∂f/∂w = 0 − (1/10)·(−6) = 0 − (−3/5) = 3/5 = 0.6" in text
    assert d.verified


def test_descent_defaults_through_the_runner() -> None:
    d = runner.run("gd", ["x**2 + 3*y**2", "[1,1]"])
    assert d.result == Matrix([Rational(64, 125), Rational(8, 125)])  # η = 1/10, 3 steps
    assert "p₃ = (64/125, 8/125)" in d.to_text()


def test_descent_says_when_it_diverges() -> None:
    d = run("descent", x ** 2, Matrix([1]), Integer(5), Integer(10))  # x ← −9x
    text = d.to_text()
    assert "blowing up" in text and "divergence" in text
    assert d.summary.startswith("diverged")
    assert _taken(d) == 7 and d.result == (-9) ** 7
    assert "UP (overshoot)" in text
    assert d.verified


def test_descent_stops_at_a_critical_point() -> None:
    d = run("descent", x ** 2 + y ** 2, Matrix([0, 0]), Rational(1, 10), Integer(3))
    assert "critical point" in d.to_text()
    assert d.result == Matrix([0, 0]) and _taken(d) == 0


def test_descent_stops_when_fractions_grow_too_long() -> None:
    d = run("descent", x ** 4, Matrix([Rational(1, 3)]), Rational(1, 7), Integer(10))
    assert "too long" in d.to_text()
    assert _taken(d) < 10 and d.verified


@pytest.mark.parametrize("args, message", [
    ((sympy.exp(x), Matrix([1])), "polynomials"),
    ((x * y, Matrix([1, 2, 3])), "needs 2 coordinates"),
    ((x ** 2, Matrix([1]), Integer(0)), "positive learning rate"),
    ((x ** 2, Matrix([1]), Rational(1, 10), Integer(11)), "between 1 and 10"),
    ((x ** 7, Matrix([1])), "degree up to 6"),
    ((x + y + w + symbols("z"), Matrix([1, 1, 1, 1])), "up to 3 variables"),
    ((Integer(3), Matrix([1])), "at least one variable"),
])
def test_descent_refuses_bad_input(args, message) -> None:
    with pytest.raises(BadInput, match=message):
        run("descent", *args)


# ---- Newton's method -------------------------------------------------------------------------


def _check_newton(f, start, steps):
    xs = sorted(f.free_symbols, key=lambda s: s.name)
    try:
        d = run("newton", f, Matrix(start), Integer(steps))
    except NotPossible as exc:
        assert "f′′" in exc.message or "singular" in exc.message
        assert exc.derivation is not None
        return
    assert d.verified, d.checks
    g = sympy.lambdify(xs, [sympy.diff(f, v) for v in xs], "numpy")
    H = sympy.lambdify(xs, sympy.hessian(f, xs), "numpy")
    p = _floats(start)
    for _ in range(_taken(d)):
        p = p - np.linalg.solve(np.array(H(*p), dtype=float), np.array(g(*p), dtype=float))
    got = [d.result] if len(xs) == 1 else list(d.result)
    assert _close(_floats(got), p, 1e-6), (f, start, got, p)


def test_newton_matches_numpy() -> None:
    rng = random.Random(1301)
    cases = []
    for _ in range(n_cases(1000)):
        xs = rng.choice([[x], [x, y]])
        f = _polynomial(rng, xs, rng.choice([2, 3, 4] if len(xs) == 1 else [2, 3]))
        if not f.free_symbols:
            continue
        xs = sorted(f.free_symbols, key=lambda s: s.name)
        cases.append((f, [entry(rng) for _ in xs], rng.randint(1, 3)))
    run_cases(_check_newton, cases)


def test_newton_on_x4_from_2() -> None:
    d = run("newton", x ** 4, Matrix([2]), Integer(1))
    assert d.result == Rational(4, 3)
    assert "x ← x − f′/f′′ = 2 − 32/48 = 2 − 2/3 = 4/3" in d.to_text()


def test_newton_two_variables_shows_the_inverse() -> None:
    d = run("newton", x ** 3 - 3 * x * y ** 2 + y ** 3, Matrix([1, 1]), Integer(1))
    text = d.to_text()
    assert "det H = 6·0 − (−6)·(−6) = −36" in text
    assert d.result == Matrix([Rational(1, 2), Rational(1, 2)])


def test_newton_a_quadratic_lands_in_one_step() -> None:
    f = 2 * x ** 2 + x * y + y ** 2 - 3 * x
    d = run("newton", f, Matrix([5, -4]), Integer(3))
    critical = sympy.solve([sympy.diff(f, x), sympy.diff(f, y)], [x, y])
    assert d.result == Matrix([critical[x], critical[y]])
    assert _taken(d) == 1 and "critical point" in d.to_text()


def test_newton_stops_where_the_curvature_vanishes() -> None:
    with pytest.raises(NotPossible, match="f′′\\(0\\) = 0") as caught:
        run("newton", x ** 3 + x, Matrix([0]))
    assert "divides by zero" in caught.value.derivation.to_text()
    with pytest.raises(NotPossible, match="singular"):
        run("newton", (x + y) ** 2 + x, Matrix([0, 0]))


def test_newton_refuses_three_variables() -> None:
    with pytest.raises(BadInput, match="up to 2 variables"):
        run("newton", x * y * w, Matrix([1, 1, 1]))


# ---- power iteration -------------------------------------------------------------------------


def _check_power(A, v0, steps):
    try:
        d = run("power", A, v0, Integer(steps))
    except NotPossible as exc:
        assert "null space" in exc.message
        return
    assert d.verified, d.checks
    k = _taken(d)
    Af = np.array(A.tolist(), dtype=float)
    start = np.ones(A.rows) if v0 is None else _floats(v0)
    direct = np.linalg.matrix_power(Af, k) @ start
    v = _floats(d.result["vector"])
    assert max(abs(v)) == 1.0 and 1.0 in v  # normalised so the largest entry is +1
    assert _close(v, direct / direct[np.argmax(np.abs(direct))], 1e-6), (A, v0, v, direct)
    rq = float(v @ Af @ v / (v @ v))
    assert abs(float(d.result["rayleigh"]) - rq) < 1e-9 * max(1.0, abs(rq))


def test_power_matches_numpy() -> None:
    rng = random.Random(801)
    cases = []
    for _ in range(n_cases(1000)):
        n = rng.choice([2, 2, 3, 3, 4])
        A = matrix(rng, n, n, rng.choice(["plain", "plain", "rational", "sparse"]))
        v0 = None if rng.random() < 0.3 else vector(rng, n)
        if v0 is not None and all(e == 0 for e in v0):
            v0 = None
        cases.append((A, v0, rng.randint(1, 6)))
    run_cases(_check_power, cases)


def test_power_symmetric_example() -> None:
    d = run("power", Matrix([[2, 1], [1, 3]]), Matrix([1, 0]), Integer(3))
    assert d.result["vector"] == Matrix([Rational(3, 4), 1])
    assert d.result["rayleigh"] == Rational(18, 5)  # λ₁ = (5 + √5)/2 ≈ 3.618
    text = d.to_text()
    assert "R(v₁) = (15/4)/(5/4) = 3" in text
    assert "largest in absolute value" in text


def test_power_default_start_and_runner() -> None:
    d = runner.run("power-iteration", ["[[2,1],[1,2]]"])
    assert d.result["vector"] == Matrix([1, 1]) and d.result["rayleigh"] == 3
    assert "all ones, the default" in d.to_text()


def test_power_null_space_and_bad_input() -> None:
    with pytest.raises(NotPossible, match="null space"):
        run("power", Matrix([[1, 1], [1, 1]]), Matrix([1, -1]))
    with pytest.raises(BadInput, match="non-zero"):
        run("power", Matrix([[1, 2], [3, 4]]), Matrix([0, 0]))
    with pytest.raises(BadInput, match="square"):
        run("power", Matrix([[1, 2, 3], [4, 5, 6]]))
    with pytest.raises(BadInput, match="up to 4×4"):
        run("power", sympy.eye(5))
    with pytest.raises(BadInput, match="3 entries"):
        run("power", sympy.eye(3), Matrix([1, 2]))


# ---- one dense layer -------------------------------------------------------------------------

_W = Matrix([[Rational(1, 2), Rational(-3, 10)], [Rational(1, 10), Rational(7, 10)],
             [Rational(-2, 5), Rational(1, 5)]])
_X, _B, _Y = Matrix([2, 1]), Matrix([Rational(1, 10), 0, Rational(-1, 10)]), Matrix([1, 0, 0])


def test_layer_chapter_14_worked_example() -> None:
    d = run("layer", _W, _X, _B, _Y, Rational(1, 100))
    r = d.result
    assert r["z"] == Matrix([Rational(4, 5), Rational(9, 10), Rational(-7, 10)])
    assert r["a"] == Matrix([Rational(4, 5), Rational(9, 10), 0])
    assert r["L"] == Rational(17, 20)
    assert r["dL/dz"] == Matrix([Rational(-2, 5), Rational(9, 5), 0])
    assert r["dL/dW"] == Matrix([[Rational(-4, 5), Rational(-2, 5)], [Rational(18, 5), Rational(9, 5)], [0, 0]])
    assert r["W"] == Matrix([[Rational(508, 1000), Rational(-296, 1000)], [Rational(64, 1000), Rational(682, 1000)],
                             [Rational(-2, 5), Rational(1, 5)]])
    assert r["b"] == Matrix([Rational(104, 1000), Rational(-18, 1000), Rational(-1, 10)])
    text = d.to_text()
    for line in ("z = [0.8, 0.9, −0.7] in decimals", "L = 1/25 + 81/100 + 0 = 17/20 = 0.85",
                 "δ = [−0.4, 1.8, 0] in decimals", "dL/dW = [[−0.8, −0.4], [3.6, 1.8], [0, 0]] in decimals",
                 "W new = [[0.508, −0.296], [0.064, 0.682], [−0.4, 0.2]] in decimals",
                 "b new = [0.104, −0.018, −0.1] in decimals", "the SUM of squared errors"):
        assert line in text, line
    assert d.verified
    assert_renders(d)


def test_layer_fits_78_columns_from_the_command_line() -> None:
    d = runner.run("dense", ["[[0.5,-0.3],[0.1,0.7],[-0.4,0.2]]", "[2,1]", "[0.1,0,-0.1]", "[1,0,0]", "0.01"])
    assert d.result["L"] == Rational(17, 20)
    widths = [cell_len(line) for line in d.to_text().splitlines()]
    assert max(widths) <= 78, max(widths)


def _check_layer(W, xv, b, yv, rate):
    d = run("layer", W, xv, b, yv, rate)
    assert d.verified, d.checks
    Wf, xf, bf, yf = (np.array(M.tolist(), dtype=float) for M in (W, xv, b, yv))
    z = Wf @ xf + bf
    a = np.maximum(z, 0)
    delta = 2 * (a - yf) * (z > 0)
    r = d.result
    assert _close(_floats(r["z"]), z.ravel()) and _close(_floats(r["a"]), a.ravel())
    assert abs(float(r["L"]) - float(np.sum((a - yf) ** 2))) < 1e-9 * max(1.0, float(r["L"]))
    assert _close(_floats(r["dL/dW"]), (delta @ xf.T).ravel())
    assert _close(_floats(r["W"]), (Wf - float(rate) * delta @ xf.T).ravel())
    assert _close(_floats(r["b"]), (bf - float(rate) * delta).ravel())


def test_layer_matches_numpy() -> None:
    rng = random.Random(1401)
    cases = []
    for _ in range(n_cases(1000)):
        m, n = rng.randint(1, 4), rng.randint(1, 4)
        cases.append((matrix(rng, m, n, rng.choice(["plain", "rational", "sparse"])), vector(rng, n),
                      vector(rng, m), vector(rng, m), rng.choice([Rational(1, 10), Rational(1, 100), 1])))
    run_cases(_check_layer, cases)


def test_layer_zero_preactivation_is_blocked() -> None:
    d = run("layer", Matrix([[1, -1]]), Matrix([1, 1]), Matrix([0]), Matrix([1]))
    assert d.result["dL/dz"] == Matrix([0]) and d.result["W"] == Matrix([[1, -1]])
    assert "z ≤ 0, blocked" in d.to_text()


@pytest.mark.parametrize("args, message", [
    ((_W, Matrix([1, 2, 3]), _B, _Y), "x with 2 entries"),
    ((_W, _X, Matrix([1, 2]), _Y), "b with 3 entries"),
    ((_W, _X, _B, Matrix([1])), "y with 3 entries"),
    ((_W, _X, _B, _Y, Integer(-1)), "positive learning rate"),
    ((sympy.ones(5, 2), _X, _B, _Y), "up to 4×4"),
    ((Matrix([[sympy.sqrt(2), 0]]), _X, Matrix([0]), Matrix([0])), "fractions"),
])
def test_layer_refuses_bad_input(args, message) -> None:
    with pytest.raises(BadInput, match=message):
        run("layer", *args)


# ---- broadcasting ----------------------------------------------------------------------------


def _check_broadcast(s1, s2):
    try:
        expected = np.broadcast_shapes(tuple(s1), tuple(s2))
    except ValueError:
        with pytest.raises(NotPossible, match="do not broadcast: on axis"):
            run("broadcast", Matrix(s1), Matrix(s2))
        return
    d = run("broadcast", Matrix(s1), Matrix(s2))
    assert d.verified
    assert [int(v) for v in d.result] == list(expected)


def test_broadcast_matches_numpy() -> None:
    rng = random.Random(1501)
    cases = []
    for _ in range(n_cases(1000)):
        base = [rng.choice([1, 2, 3, 4, 5]) for _ in range(rng.randint(1, 5))]
        s1 = [k if rng.random() < 0.6 else rng.choice([1, 1, 2, 3]) for k in base[rng.randint(0, len(base) - 1):]]
        s2 = [k if rng.random() < 0.6 else rng.choice([1, 1, 2, 3]) for k in base[rng.randint(0, len(base) - 1):]]
        cases.append((s1, s2))
    run_cases(_check_broadcast, cases)


def test_broadcast_examples_from_the_chapter() -> None:
    assert list(run("broadcast", Matrix([3, 1]), Matrix([1, 4])).result) == [3, 4]
    d = run("broadcast", Matrix([2, 3, 4]), Matrix([3, 1]))
    assert list(d.result) == [2, 3, 4]
    assert "pad with 1s on the left → [1, 3, 1]" in d.to_text()
    assert list(run("broadcast", Matrix([32, 128]), Matrix([128])).result) == [32, 128]
    with pytest.raises(NotPossible, match=r"axis 1 \(2 from the right\) the sizes are 3 and 5") as caught:
        run("broadcast", Matrix([3, 4]), Matrix([5, 4]))
    assert "3 ≠ 5 and neither is 1 → ERROR" in caught.value.derivation.to_text()


def test_broadcast_refuses_bad_shapes() -> None:
    with pytest.raises(BadInput, match="whole sizes"):
        run("broadcast", Matrix([3, 0]), Matrix([3]))
    with pytest.raises(BadInput, match="whole sizes"):
        run("broadcast", Matrix([Rational(1, 2)]), Matrix([3]))
    with pytest.raises(BadInput, match="up to 6 axes"):
        run("broadcast", sympy.ones(7, 1), Matrix([3]))


# ---- einsum ----------------------------------------------------------------------------------

_SPECS = [("i,i->", (1, 1)), ("i,j->ij", (1, 1)), ("i->", (1,)), ("ij,jk->ik", (2, 2)), ("ij,kj->ik", (2, 2)),
          ("ij,j->i", (2, 1)), ("ij->ji", (2,)), ("ii->", (2,)), ("ii->i", (2,)), ("ij->", (2,)),
          ("ij->j", (2,)), ("ij,ij->ij", (2, 2)), ("ij,ij->", (2, 2)), ("ij,jk", (2, 2)), ("ba,ac->bc", (2, 2)),
          ("ij,ik->jk", (2, 2)), ("i,i->i", (1, 1))]


def _operands(rng: random.Random, spec: str) -> list[Matrix]:
    inputs = spec.split("->")[0].split(",")
    sizes = {c: rng.randint(1, 4) for c in set("".join(inputs))}
    out = []
    for t in inputs:
        if len(t) == 1:
            out.append(matrix(rng, 1, sizes[t]))
        else:
            out.append(matrix(rng, sizes[t[0]], sizes[t[1]]))
    return out


def _check_einsum(spec, operands):
    d = run("einsum", spec, *operands)
    assert d.verified
    inputs = spec.split("->")[0].split(",")
    arrays = [np.array(M.tolist(), dtype=float).ravel() if len(t) == 1 else np.array(M.tolist(), dtype=float)
              for M, t in zip(operands, inputs)]
    expected = np.einsum(spec, *arrays)
    got = d.result if not getattr(d.result, "is_Matrix", False) else list(d.result)
    assert _close(_floats(np.ravel(got)), np.ravel(expected)), (spec, operands, got, expected)


def test_einsum_matches_numpy() -> None:
    rng = random.Random(1502)
    cases = []
    for _ in range(n_cases(1000)):
        spec, _ = rng.choice(_SPECS)
        cases.append((spec, _operands(rng, spec)))
    run_cases(_check_einsum, cases)


def test_einsum_chapter_15_outputs() -> None:
    a, b = Matrix([[1, 2, 3]]), Matrix([[4, 5, 6]])
    A, B = Matrix([[1, 2], [3, 4]]), Matrix([[5, 6], [7, 8]])
    d = run("einsum", "i,i->", a, b)
    assert d.result == 32 and "the dot product" in d.to_text()
    d = run("einsum", "ij,jk->ik", A, B)
    assert d.result == Matrix([[19, 22], [43, 50]])
    text = d.to_text()
    assert "Summed (in the inputs, not in the output): j" in text and "Kept (in the output): i, k" in text
    assert "C₁₂ = 1·6 + 2·8 = 6 + 16 = 22" in text
    assert run("einsum", "ii->", A).result == 5
    assert run("einsum", "i,j->ij", a, b).result == Matrix([[4, 5, 6], [8, 10, 12], [12, 15, 18]])
    assert run("einsum", "ij->ji", A).result == A.T


def test_einsum_implicit_output_follows_numpy() -> None:
    d = run("einsum", "ij,jk", Matrix([[1, 2], [3, 4]]), Matrix([[5, 6], [7, 8]]))
    assert d.result == Matrix([[19, 22], [43, 50]])
    assert "so this means 'ij,jk->ik'" in d.to_text()
    assert run("einsum", "ii", Matrix([[1, 2], [3, 4]])).result == 5


@pytest.mark.parametrize("spec, operands, message", [
    ("ij;jk->ik", 2, "only the letters"),
    ("IJ->JI", 1, "only the letters"),
    ("ij->j->i", 1, "at most one arrow"),
    ("ij-ji", 1, "at most one arrow"),
    ("ij,jk->ik", 1, "names 2 operands but 1 was given"),
    ("ijk->k", 1, "1 or 2 letters"),
    ("ij->ik", 1, "'k' appears in no operand"),
    ("ij->ii", 1, "appears twice"),
    ("i,j->i,j", 2, "one group"),
    ("ij,jk->ik", 2, "index 'j' must run over one range"),
    ("i,i->", 2, "index 'i' must run over one range"),
    ("i->", 1, "must be a vector"),
    ("a" * 41, 1, "at most 40"),
])
def test_einsum_refuses_bad_specs(spec, operands, message) -> None:
    mats = [Matrix([[1, 2], [3, 4]]), Matrix([[1, 2, 3]])] if "range" in message else \
        [Matrix([[1, 2], [3, 4]])] * operands
    if spec == "i,i->":
        mats = [Matrix([[1, 2]]), Matrix([[1, 2, 3]])]
    with pytest.raises(BadInput, match=re.escape(message) if "(" not in message else message):
        run("einsum", spec, *mats)


def test_text_input_kind_is_read_safely() -> None:
    d = runner.run("einsum", [" ij,jk->ik ", "[[1,2],[3,4]]", "[[5,6],[7,8]]"])
    assert d.result == Matrix([[19, 22], [43, 50]])
    for bad in ("__import__('os')", "ij;jk", "x" * 41, ""):
        with pytest.raises(runner.InputError, match="spec"):
            runner.run("einsum", [bad, "[[1]]"])


# ---- all forms render, and the CLI lists the family --------------------------------------------


@pytest.mark.parametrize("name, args", [
    ("descent", (x ** 2 + 3 * y ** 2, Matrix([1, 1]))),
    ("descent", (x ** 2, Matrix([1]), Integer(5), Integer(10))),
    ("newton", (x ** 4, Matrix([2]))),
    ("newton", (x ** 3 - 3 * x * y ** 2 + y ** 3, Matrix([1, 1]), Integer(2))),
    ("power", (Matrix([[2, 1], [1, 3]]), None, Integer(5))),
    ("layer", (_W, _X, _B, _Y, Rational(1, 100))),
    ("broadcast", (Matrix([2, 3, 4]), Matrix([3, 1]))),
    ("einsum", ("ij,jk->ik", Matrix([[1, 2], [3, 4]]), Matrix([[5, 6], [7, 8]]))),
    ("einsum", ("ii->", Matrix([[1, 2], [3, 4]]))),
])
def test_renderers(name, args) -> None:
    assert_renders(run(name, *args))


def test_steps_help_lists_the_training_operations_in_order() -> None:
    from linalg_tutor.cli import operations_help

    text = operations_help()
    for line in ("  descent f p [rate] [steps] (also: gd)", "  newton f p [steps]",
                 "  power A [v0] [steps] (also: power-iteration)", "  layer W x b y [rate] (also: dense)",
                 "  broadcast shape1 shape2", "  einsum spec A [B]"):
        assert line in text, line
    assert text.index("  hessian ") < text.index("  descent ") < text.index("  einsum ")
