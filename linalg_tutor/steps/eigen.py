"""Eigenvalues, eigenvectors and diagonalisation, worked the way a learner works them on paper.

The route is the textbook one: the characteristic polynomial det(A − λI), its roots (factoring
over the rationals first, the quadratic formula for a quadratic that does not factor), then, for
every eigenvalue, the null space of A − λI by row reduction.

Exactness without radicals inside the row reduction: when an eigenvalue is a root of an
irreducible factor q of degree ≥ 2 we row-reduce A − λI in the number field ℚ[λ]/(q). λ stays a
symbol, every entry is a polynomial in λ of degree < deg q, and q(λ) = 0 is used to keep it so.
The arithmetic is rational and exact, nothing we divide by can vanish (a nonzero polynomial of
lower degree shares no root with an irreducible q), and one formula v(λ) serves every root of q.
For a quadratic q the rows are shown with the root written out (√Δ or i); the conjugate root gets
the conjugate vector. For higher degrees the vectors are shown as formulas in λ.

The small field and row-reduction helpers here are also what :mod:`svd`, :mod:`norms` and
:mod:`pca` use for the eigenvalues of AᵀA and of a covariance matrix.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache, reduce
from typing import Any, Callable, Sequence

import sympy
from sympy import QQ, Matrix, Symbol
from sympy.polys.densearith import dup_add, dup_mul, dup_mul_ground, dup_neg, dup_rem, dup_sub
from sympy.polys.euclidtools import dup_invert
from sympy.polys.polyerrors import CoercionFailed, PolynomialError

from linalg_tutor.steps.derivation import BadInput, Derivation, NotPossible, Step
from linalg_tutor.mathtext import fmt as _fmt
from linalg_tutor.mathtext.fmt import format_float, starts_negative, sub, sup
from linalg_tutor.steps.registry import Input, operation

# ---- cached formatting -------------------------------------------------------------------------
# SymPy's printer costs ~0.1 ms a call and a derivation formats the same small numbers again and
# again; these wrappers give the same text as steps.fmt, memoised (SymPy objects are hashable).

@lru_cache(maxsize=32768)
def _fmt_cached(value: Any) -> str:
    return _fmt.fmt(value)


def fmt(value: Any) -> str:
    """:func:`steps.fmt.fmt`, with a fast path for integers and fractions and a cache."""
    if isinstance(value, sympy.Rational):  # Integer too; same text (long integers, minus sign) as fmt
        return _fmt.rational_text(value.p, value.q)
    try:
        return _fmt_cached(value)
    except TypeError:  # unhashable (lists, mutable matrices)
        return _fmt.fmt(value)


@lru_cache(maxsize=32768)
def _fmt_approx_cached(value: Any) -> str:
    if (getattr(value, "is_number", False) and not value.is_Rational and not value.has(sympy.Float)
            and value.atoms(sympy.Pow, sympy.Function, sympy.CRootOf, sympy.NumberSymbol)):
        # Same text as steps.fmt.fmt_approx, with the decimal taken from the shared numeric cache.
        exact = fmt(value)
        dec = decimal(value)
        return exact if dec == exact else f"{exact} ≈ {dec}"
    return _fmt.fmt_approx(value)


def fmt_approx(value: Any) -> str:
    """:func:`steps.fmt.fmt_approx`, cached."""
    if isinstance(value, sympy.Integer):
        return _fmt.rational_text(value.p)
    try:
        return _fmt_approx_cached(value)
    except TypeError:
        return _fmt.fmt_approx(value)


# The bracket rules are steps.fmt's; these wrappers only feed them the cached text (fmt of a
# string is the string itself).

def root_of(value: Any) -> str:
    """:func:`steps.fmt.root_of` on top of the cached :func:`fmt`: ``√5``, ``√(9/5)``, ``√(−3)``."""
    return _fmt.root_of(fmt(value))


def squared(value: Any) -> str:
    """:func:`steps.fmt.squared` on top of the cached :func:`fmt`: ``3²``, ``(−4)²``, ``(1/2)²``."""
    return _fmt.squared(fmt(value))


def paren(value: Any) -> str:
    """:func:`steps.fmt.paren` on top of the cached :func:`fmt`: a factor of a product."""
    return _fmt.paren(fmt(value))


def term(value: Any) -> str:
    """:func:`steps.fmt.term` on top of the cached :func:`fmt`: a term after ``+`` or ``−``."""
    return _fmt.term(fmt(value))


#: The eigenvalue unknown, printed as λ in every polynomial.
LAM = Symbol("λ")

#: Largest matrix the hand-calculation engine accepts; beyond this the steps stop being readable.
MAX_SIZE = 6

#: Cardano/Ferrari roots longer than this are shown by their decimal only.
MAX_ROOT_TEXT = 70

#: An element of ℚ[λ]/(q): dense coefficient list over QQ, highest degree first; [] is zero.
Elem = list


# ---- input checks -----------------------------------------------------------------------------

def require_rational_matrix(A: object, op: str, *, square: bool = True, name: str = "A") -> Matrix:
    """Refuse inputs the exact engine cannot work with, with a message saying what to type instead."""
    if not getattr(A, "is_Matrix", False):
        raise BadInput(f"{op} needs a matrix such as [[2,1],[1,2]]; got {fmt(A)}")
    rows, cols = A.shape
    if rows == 0 or cols == 0:
        raise BadInput(f"{op} needs a non-empty matrix")
    if square and rows != cols:
        raise BadInput(f"{op} needs a square matrix; {name} is {rows}×{cols}")
    if rows > MAX_SIZE or cols > MAX_SIZE:
        raise BadInput(f"{op} works by hand up to {MAX_SIZE}×{MAX_SIZE}; {name} is {rows}×{cols} "
                       "(use numpy for larger matrices)")
    for x in A:
        if not getattr(x, "is_Rational", False):
            what = "a variable" if getattr(x, "free_symbols", None) else "an irrational or complex number"
            raise BadInput(f"{op} works exactly with integers and fractions; the entry {fmt(x)} is {what}")
    return Matrix(A)


# ---- exact arithmetic in ℚ[λ]/(q) --------------------------------------------------------------

def _qq(x: object) -> object:
    return QQ.from_sympy(sympy.Rational(x))


class NumberField:
    """ℚ[λ]/(q) for a monic irreducible q: exact arithmetic with "a root of q" kept symbolic.

    For a linear q = λ − r every element is just a rational number (λ reduces to r), so the same
    code row-reduces A − rI for a rational eigenvalue.
    """

    def __init__(self, q: sympy.Poly) -> None:
        self.poly = q.monic()
        self.q = [_qq(c) for c in self.poly.all_coeffs()]
        self.degree = len(self.q) - 1

    def reduce(self, f: Elem) -> Elem:
        return dup_rem(f, self.q, QQ)

    def const(self, c: object) -> Elem:
        c = _qq(c)
        return [c] if c else []

    def lam(self) -> Elem:
        return self.reduce([QQ(1), QQ(0)])

    def add(self, a: Elem, b: Elem) -> Elem:
        return dup_add(a, b, QQ)

    def sub(self, a: Elem, b: Elem) -> Elem:
        return dup_sub(a, b, QQ)

    def neg(self, a: Elem) -> Elem:
        return dup_neg(a, QQ)

    def mul(self, a: Elem, b: Elem) -> Elem:
        return self.reduce(dup_mul(a, b, QQ))

    def inv(self, a: Elem) -> Elem:
        # Extended Euclid: a·s + q·t = 1, so s is 1/a in the field.
        return dup_invert(a, self.q, QQ)

    def is_one(self, a: Elem) -> bool:
        return a == [QQ(1)]

    def to_expr(self, a: Elem) -> sympy.Expr:
        """The element as a polynomial in λ (a plain rational when deg q = 1)."""
        return _elem_expr(tuple(a))

    def at(self, a: Elem, root: sympy.Expr) -> sympy.Expr:
        """The element with λ replaced by an explicit root (expanded to a + b√Δ form)."""
        if self.degree == 1 or len(a) <= 1:
            return self.to_expr(a)
        return _elem_at(tuple(a), root)


@lru_cache(maxsize=65536)
def _elem_expr(coeffs: tuple) -> sympy.Expr:
    k = len(coeffs) - 1
    if k <= 0:
        return QQ.to_sympy(coeffs[0]) if coeffs else sympy.Integer(0)
    return sympy.Add(*[QQ.to_sympy(c) * LAM ** (k - i) for i, c in enumerate(coeffs)])


@lru_cache(maxsize=65536)
def _elem_at(coeffs: tuple, root: sympy.Expr) -> sympy.Expr:
    value = sympy.Integer(0)
    for c in coeffs:  # Horner
        value = sympy.expand(value * root) + QQ.to_sympy(c)
    return value


# ---- row reduction over a number field ---------------------------------------------------------

@dataclass
class RowOp:
    """One elementary row operation and the matrix right after it (rows of field elements)."""

    kind: str  # "swap" | "scale" | "add"
    target: int
    source: int = -1
    factor: Elem = field(default_factory=list)  # scale: the multiplier; add: what is subtracted
    pivot: Elem = field(default_factory=list)  # scale: the pivot we divided by
    after: list[list[Elem]] = field(default_factory=list)


@dataclass
class Reduction:
    """Row reduction of a matrix to RREF, with its null-space basis read off the free columns."""

    start: list[list[Elem]]
    ops: list[RowOp]
    rref: list[list[Elem]]
    pivots: list[int]
    basis: list[list[Elem]]

    @property
    def free(self) -> list[int]:
        return [c for c in range(len(self.start[0])) if c not in self.pivots]


def row_reduce(F: NumberField, rows: list[list[Elem]]) -> Reduction:
    """Gauss–Jordan elimination to RREF over ``F``, recording every operation.

    Pivot choice favours an entry equal to 1 (no fractions for the learner), otherwise the first
    nonzero entry. The null-space basis sets each free variable to 1 in turn and clears
    rational denominators, so hand-checkable integer vectors come out when possible.
    """
    R = [list(r) for r in rows]
    m, n = len(R), len(R[0])
    ops: list[RowOp] = []
    pivots: list[int] = []
    r = 0
    for c in range(n):
        if r == m:
            break
        candidates = [i for i in range(r, m) if R[i][c]]
        if not candidates:
            continue
        p = next((i for i in candidates if F.is_one(R[i][c])), candidates[0])
        if p != r:
            R[r], R[p] = R[p], R[r]
            ops.append(RowOp("swap", r, p, after=[list(x) for x in R]))
        piv = R[r][c]
        if not F.is_one(piv):
            inv = F.inv(piv)
            R[r] = [F.mul(inv, x) for x in R[r]]
            ops.append(RowOp("scale", r, factor=inv, pivot=piv, after=[list(x) for x in R]))
        for i in range(m):
            if i != r and R[i][c]:
                f = R[i][c]
                R[i] = [F.sub(R[i][k], F.mul(f, R[r][k])) for k in range(n)]
                ops.append(RowOp("add", i, r, factor=f, after=[list(x) for x in R]))
        pivots.append(c)
        r += 1
    basis = []
    for f in [c for c in range(n) if c not in pivots]:
        v: list[Elem] = [[] for _ in range(n)]
        v[f] = [QQ(1)]
        for row, pc in enumerate(pivots):
            v[pc] = F.neg(R[row][f])
        basis.append(_clear_denominators(v))
    return Reduction([list(x) for x in rows], ops, R, pivots, basis)


def _clear_denominators(v: list[Elem]) -> list[Elem]:
    """Scale a vector so its coefficients are integers: (1/2, 1) becomes (1, 2)."""
    dens = [int(c.denominator) for e in v for c in e]
    lcm = reduce(sympy.ilcm, dens, 1)
    if lcm == 1:
        return v
    return [dup_mul_ground(e, QQ(lcm), QQ) for e in v]


def op_text(op: RowOp, show: Callable[[Elem], sympy.Expr]) -> str:
    """``R2 ← R2 − 3·R1`` style text of a recorded operation (rows numbered from 1)."""
    t, s = op.target + 1, op.source + 1
    if op.kind == "swap":
        return f"R{t} ↔ R{s}"
    if op.kind == "scale":
        return f"R{t} ← {coef(show(op.factor))}·R{t}   (divide by the pivot {fmt(show(op.pivot))})"
    value = show(op.factor)
    if _looks_negative(value):
        return f"R{t} ← R{t} + {coef(-value, one='')}R{s}"
    return f"R{t} ← R{t} − {coef(value, one='')}R{s}"


def coef(value: sympy.Expr, one: str = "1") -> str:
    """A multiplier as written before ``·R1``: ``3``, ``(1/3)``, ``(2 - λ)``; ``one`` replaces 1."""
    if value == 1:
        return one
    text = _fmt.paren(fmt(value))
    return text if one == "1" else f"{text}·"


def _looks_negative(value: sympy.Expr) -> bool:
    if value.is_number and value.is_real:
        return bool(value < 0)
    return starts_negative(fmt(value))


def rows_matrix(rows: list[list[Elem]], show: Callable[[Elem], sympy.Expr]) -> Matrix:
    return Matrix([[show(x) for x in row] for row in rows])


def show_reduction(step: Step, label: str, red: Reduction, show: Callable[[Elem], sympy.Expr],
                   *, verbose: bool = True) -> None:
    """Write the row reduction into ``step``: the start, each operation with its result, the RREF."""
    step.show(label, rows_matrix(red.start, show))
    if verbose:
        for op in red.ops:
            step.show(f"after {op_text(op, show)}", rows_matrix(op.after, show))
    elif red.ops:
        step.text("Row-reduce: " + ", ".join(op_text(op, show).split("   ")[0] for op in red.ops))
    step.show("RREF", rows_matrix(red.rref, show))


def show_nullspace(step: Step, red: Reduction, show: Callable[[Elem], sympy.Expr], name: str = "v") -> list[Matrix]:
    """Read the null space off the RREF: pivot variables in terms of free ones, one vector per free one."""
    n = len(red.start[0])
    xs = [Symbol(f"x{sub(j + 1)}") for j in range(n)]
    if not red.free:
        step.text("Every column has a pivot, so the only solution is x = 0.")
        return []
    free_names = ", ".join(fmt(xs[f]) for f in red.free)
    step.text(f"Free variable{'s' if len(red.free) > 1 else ''}: {free_names} (columns without a pivot).")
    for row, pc in enumerate(red.pivots):
        rhs = linear_text([(-show(red.rref[row][f]), fmt(xs[f])) for f in red.free])
        step.text(f"Row {row + 1}: {fmt(xs[pc])} = {rhs}")
    vectors = [Matrix([show(x) for x in v]) for v in red.basis]
    for k, (f, v) in enumerate(zip(red.free, vectors)):
        setting = ", ".join(f"{fmt(xs[g])} = {1 if g == f else 0}" for g in red.free)
        label = f"{name}{sub(k + 1)}" if len(vectors) > 1 else name
        step.show(f"{label} ({setting}, then scaled by {fmt(v[f])})" if _scaled(v, f) else f"{label} ({setting})", v)
    return vectors


def linear_text(terms: Sequence[tuple[sympy.Expr, str]]) -> str:
    """``2·x₃ − (1/2 + √5/2)·x₄``: coefficients first, zero terms dropped, 0 when nothing is left."""
    out = ""
    for c, name in terms:
        if c == 0:
            continue
        negative = _looks_negative(c)
        mag = -c if negative else c
        body = name if mag == 1 else f"{coef(mag)}·{name}"
        if not out:
            out = f"{_fmt.NEGATIVE_SIGN}{body}" if negative else body
        else:
            out += f" − {body}" if negative else f" + {body}"
    return out or "0"


def _scaled(v: Matrix, f: int) -> bool:
    return v[f] != 1


# ---- characteristic polynomial -----------------------------------------------------------------

def det_minus_lambda(A: Matrix) -> sympy.Expr:
    """det(A − λI) expanded: (−1)ⁿ times the monic characteristic polynomial."""
    return _det_minus_lambda(sympy.ImmutableMatrix(A))


@lru_cache(maxsize=4096)
def _det_minus_lambda(A: sympy.ImmutableMatrix) -> sympy.Expr:
    from sympy.polys.matrices import DomainMatrix

    dm = DomainMatrix.from_Matrix(A)
    coeffs = dm.charpoly()  # det(λI − A), highest power first, in A's domain
    n = len(coeffs) - 1
    sign = -1 if A.rows % 2 else 1
    return sympy.Add(*[sign * dm.domain.to_sympy(c) * LAM ** (n - i) for i, c in enumerate(coeffs)])


def shifted(A: Matrix, value: sympy.Expr = LAM) -> Matrix:
    return A - value * sympy.eye(A.rows)


def poly_det(M: Matrix) -> sympy.Expr:
    """Determinant of a matrix of polynomials in λ, expanded (fraction-free, over ℚ[λ])."""
    from sympy.polys.matrices import DomainMatrix

    dm = DomainMatrix.from_Matrix(M)
    return sympy.expand(dm.domain.to_sympy(dm.det()))


def _is_triangular(A: Matrix) -> bool:
    return A.is_upper or A.is_lower


def charpoly_step(d: Derivation, A: Matrix, name: str = "A") -> sympy.Expr:
    """The step computing det(A − λI) with the expansion written out; returns it expanded."""
    n = A.rows
    M = shifted(A)
    step = d.step(f"Characteristic polynomial det({name} − λI)")
    step.show(name, A)
    step.text(f"λ is an eigenvalue exactly when {name} − λI is singular (some v ≠ 0 has "
              f"({name} − λI)v = 0), i.e. when det({name} − λI) = 0.")
    step.show(f"{name} − λI", M)
    p = det_minus_lambda(A)
    if n == 1:
        step.text(f"det({name} − λI) = {fmt(M[0, 0])}")
    elif _is_triangular(A):
        diag = "·".join(f"({fmt(M[i, i])})" for i in range(n))
        step.text(f"{name} − λI is triangular, so its determinant is the product of the diagonal: "
                  f"det = {diag}")
        step.text(f"= {fmt(p)}")
    elif n == 2:
        a, b, c, e = A
        step.text(f"det({name} − λI) = {paren(M[0, 0])}·{paren(M[1, 1])} − {paren(b)}·{paren(c)} = {fmt(p)}")
        tr, det = a + e, a * e - b * c
        step.text(f"For every 2×2 matrix this is λ² − tr({name})·λ + det({name}), with "
                  f"tr({name}) = {fmt(a)} + {term(e)} = {fmt(tr)} and "
                  f"det({name}) = {paren(a)}·{paren(e)} − {paren(b)}·{paren(c)} = {fmt(det)}.")
    else:
        _cofactor_lines(step, M, name)
        step.text(f"= {fmt(p)}")
    if n % 2 == 1 and n > 0:
        step.text(f"(Many books and SymPy use det(λI − {name}) = −det({name} − λI) = {fmt(sympy.expand(-p))}; "
                  "same roots.)")
    return p


def _cofactor_lines(step: Step, M: Matrix, name: str) -> None:
    """Laplace expansion of det(A − λI) along the row or column with the most zeros."""
    n = M.rows
    best_row = max(range(n), key=lambda i: sum(1 for x in M.row(i) if x == 0))
    best_col = max(range(n), key=lambda j: sum(1 for x in M.col(j) if x == 0))
    zr = sum(1 for x in M.row(best_row) if x == 0)
    zc = sum(1 for x in M.col(best_col) if x == 0)
    along_col = zc > zr
    k = best_col if along_col else best_row
    where = f"column {k + 1}" if along_col else f"row {k + 1}"
    why = " (it has the most zeros)" if max(zr, zc) > 0 else ""
    step.text(f"Cofactor expansion along {where}{why}: det = Σ (−1)ⁱ⁺ʲ·mᵢⱼ·det(Mᵢⱼ), "
              "where Mᵢⱼ deletes row i and column j.")
    terms: list[str] = []
    for t in range(n):
        i, j = (t, k) if along_col else (k, t)
        m_ij = M[i, j]
        if m_ij == 0:
            continue
        minor = M.minor_submatrix(i, j)
        mdet = poly_det(minor)
        sign = "+" if (i + j) % 2 == 0 else "−"
        label = f"det(M{sub(i + 1)}{sub(j + 1)})"
        if minor.rows == 2:
            how = (f"{paren(minor[0, 0])}·{paren(minor[1, 1])} − {paren(minor[0, 1])}·{paren(minor[1, 0])}"
                   f" = {fmt(mdet)}")
        else:
            how = f"{fmt(mdet)} (expanded the same way)"
        step.text(f"{sign} {paren(m_ij)}·{label},   {label} = {how}")
        terms.append(f"{sign} {paren(m_ij)}·{paren(mdet)}")
    joined = " ".join(terms)
    if joined.startswith("+ "):
        joined = joined[2:]
    step.text(f"det({name} − λI) = {joined}")


# ---- roots -------------------------------------------------------------------------------------

@dataclass
class EigenFactor:
    """The eigenvalues that are roots of one irreducible factor q of the characteristic polynomial.

    Args:
        poly: q, monic and irreducible over ℚ.
        mult: how many times q divides the characteristic polynomial (algebraic multiplicity
            of each of its roots).
        roots: the exact roots (rational, quadratic-formula surds, Cardano forms or CRootOf).
        field: ℚ[λ]/(q), where the eigenvectors are computed.
        reduction: the row reduction of A − λI over that field (None until computed).
    """

    poly: sympy.Poly
    mult: int
    roots: list[sympy.Expr]
    field: NumberField
    reduction: Reduction | None = None

    @property
    def degree(self) -> int:
        return self.poly.degree()

    @property
    def geometric(self) -> int:
        return len(self.reduction.basis) if self.reduction else 0

    @property
    def numeric_only(self) -> bool:
        """True when the roots are CRootOf objects: exact, but with no formula to print."""
        return any(isinstance(r, sympy.CRootOf) for r in self.roots)

    def shower(self, root: sympy.Expr | None) -> Callable[[Elem], sympy.Expr]:
        """How to print field elements: at an explicit root (degree ≤ 2) or as polynomials in λ."""
        if self.degree == 1 or (self.degree == 2 and root is not None):
            return lambda e: self.field.at(e, root)
        return self.field.to_expr

    def vectors(self, root: sympy.Expr) -> list[Matrix]:
        """The eigenvector basis with λ replaced by ``root`` (exact)."""
        assert self.reduction is not None
        if self.degree <= 2:
            return [Matrix([self.field.at(x, root) for x in v]) for v in self.reduction.basis]
        return [Matrix([self.field.to_expr(x).subs(LAM, root) for x in v]) for v in self.reduction.basis]

    def is_real(self) -> bool:
        return all(_is_real_number(r) for r in self.roots)

    @property
    def numeric(self) -> list[complex]:
        """The roots to double precision, in the order of ``roots`` (cheap, cached)."""
        if self._numeric is None:
            self._numeric = [numeric_value(r) for r in self.roots]
        return self._numeric

    _numeric: list[complex] | None = None


def _is_real_number(r: sympy.Expr) -> bool:
    if isinstance(r, sympy.CRootOf):
        return bool(r.is_real)
    value = numeric_value(r)
    return abs(value.imag) < 1e-12 * max(1.0, abs(value.real))


_NUMERIC_CACHE: dict[sympy.Expr, complex] = {}


def numeric_value(r: sympy.Expr) -> complex:
    """A root's value as a Python complex, computed once.

    CRootOf values come from the polynomial's numeric roots (mpmath, fast) taken in CRootOf's
    order: SymPy refines CRootOf intervals very slowly.
    """
    if r in _NUMERIC_CACHE:
        return _NUMERIC_CACHE[r]
    if not isinstance(r, sympy.CRootOf) and r.has(sympy.CRootOf):
        values = {}
        for root in r.atoms(sympy.CRootOf):
            z = numeric_value(root)
            values[root] = sympy.Float(z.real, 30) + sympy.I * sympy.Float(z.imag, 30)
        value = complex(sympy.N(r.xreplace(values), 30))
        _NUMERIC_CACHE[r] = value
        return value
    if isinstance(r, sympy.CRootOf):
        # SymPy's documented CRootOf order: real roots ascending, then complex ones by real part,
        # then imaginary part.
        found = [complex(z) for z in sympy.Poly(r.expr, r.poly.gen).nroots(n=30)]
        reals = sorted(z.real for z in found if abs(z.imag) < 1e-20)
        others = sorted((z for z in found if abs(z.imag) >= 1e-20), key=lambda z: (round(z.real, 10), z.imag))
        value = ([complex(x) for x in reals] + others)[r.index]
    else:
        try:
            value = _fast_complex(r)
        except _NotFast:
            value = complex(sympy.N(r, 30))
    scale = max(1.0, abs(value))
    value = complex(0.0 if abs(value.real) < 1e-14 * scale else value.real,
                    0.0 if abs(value.imag) < 1e-14 * scale else value.imag)
    _NUMERIC_CACHE[r] = value
    return value


class _NotFast(Exception):
    """The expression is not built from rationals, i, square roots and integer powers."""


def _fast_value(e: sympy.Expr, rational, unit, add, sqrt):
    """Value of a (possibly nested) square-root expression in a number system of the caller's.

    SymPy's evalf costs a millisecond a call; the surds of this engine only need +, ·, integer
    powers and principal square roots, which plain float or mpmath arithmetic does in microseconds.
    ``rational(p, q)``, ``unit`` (i), ``add(values)`` and ``sqrt(x)`` supply the arithmetic.
    """
    if e.is_Rational:
        return rational(int(e.p), int(e.q))
    if e is sympy.I:
        return unit
    if e.is_Add:
        return add([_fast_value(a, rational, unit, add, sqrt) for a in e.args])
    if e.is_Mul:
        out = rational(1, 1)
        for a in e.args:
            out *= _fast_value(a, rational, unit, add, sqrt)
        return out
    if e.is_Pow and e.exp.is_Rational:
        base = _fast_value(e.base, rational, unit, add, sqrt)
        if e.exp.is_Integer:
            return base ** int(e.exp)
        if e.exp.q == 2:
            return sqrt(base) ** int(e.exp.p)
    raise _NotFast


def _fast_complex(e: sympy.Expr) -> complex:
    """Double-precision value of a square-root expression, without evalf."""
    import cmath

    return _fast_value(e, lambda p, q: complex(p / q), 1j, lambda xs: sum(xs, 0j), cmath.sqrt)


def _fast_mp(e: sympy.Expr) -> object:
    """:func:`_fast_complex` in mpmath at the working precision (for the 30-digit checks)."""
    import mpmath

    return _fast_value(e, lambda p, q: mpmath.mpc(mpmath.mpf(p) / q), mpmath.mpc(0, 1), mpmath.fsum,
                       mpmath.sqrt)


def exact_roots(q: sympy.Poly) -> list[sympy.Expr]:
    """Roots of a monic irreducible q: by formula up to degree 4, CRootOf beyond (no formula exists)."""
    k = q.degree()
    coeffs = q.all_coeffs()
    if k == 1:
        return [-coeffs[1]]
    if k == 2:
        b, c = coeffs[1], coeffs[2]
        disc = b ** 2 - 4 * c
        return [(-b + sympy.sqrt(disc)) / 2, (-b - sympy.sqrt(disc)) / 2]
    if k == 3 and q.discriminant() < 0:
        # One real root and a complex pair: Cardano's formula uses only real cube roots here.
        found = sympy.roots(q.as_expr(), LAM, cubics=True, multiple=True)
        if len(found) == k:
            return sorted(found, key=_sort_key)
    # Three real roots (casus irreducibilis: Cardano needs complex cube roots), quartics (Ferrari's
    # formula is unwieldy) and degree ≥ 5 (no formula): exact CRootOf objects, shown by decimals.
    return [sympy.CRootOf(q.as_expr(), i) for i in range(k)]


def _sort_key(r: sympy.Expr) -> tuple[float, float]:
    value = numeric_value(r)
    return (round(value.real, 12), round(value.imag, 12))


@lru_cache(maxsize=4096)
def factor_charpoly(p: sympy.Expr) -> tuple[sympy.Expr, list[tuple[sympy.Poly, int]]]:
    """det(A − λI) = lead · Π qᵢ^mᵢ with monic irreducible qᵢ over ℚ (cached: asked twice per matrix)."""
    content, factors = sympy.Poly(p, LAM, domain=QQ).factor_list()
    lead = content
    monic = []
    for f, m in factors:
        lc = f.LC()
        lead *= lc ** m
        monic.append((f.monic(), m))
    return lead, monic


def eigen_factors(A: Matrix, *, vectors: bool = True, closed_form: bool = True) -> list[EigenFactor]:
    """The eigenvalues of a rational matrix grouped by irreducible factor, with eigenvector bases.

    Ordered by the real part of the first root (ascending), so the listing reads left to right
    on the number line. ``closed_form=False`` keeps roots of irreducible factors of degree ≥ 3 as
    CRootOf (exact, real-ordered, cheap to compare) instead of Cardano/Ferrari radicals — the
    right choice for symmetric matrices, whose cubic roots Cardano writes with complex numbers.
    """
    _, factors = factor_charpoly(det_minus_lambda(A))
    result = []
    for q, m in factors:
        if closed_form or q.degree() <= 2:
            roots = exact_roots(q)
        else:
            roots = [sympy.CRootOf(q.as_expr(), i) for i in range(q.degree())]
        ef = EigenFactor(q, m, roots, NumberField(q))
        if vectors:
            ef.reduction = row_reduce(ef.field, _shifted_rows(A, ef.field))
        result.append(ef)
    result.sort(key=lambda ef: _sort_key(ef.roots[0]))
    return result


def _shifted_rows(A: Matrix, F: NumberField) -> list[list[Elem]]:
    lam = F.lam()
    return [[F.sub(F.const(A[i, j]), lam) if i == j else F.const(A[i, j]) for j in range(A.cols)]
            for i in range(A.rows)]


def factored_text(lead: sympy.Expr, factors: Sequence[tuple[sympy.Poly, int]]) -> str:
    """``-(λ - 2)²·(λ + 1)`` with the factors in our order."""
    parts = []
    for q, m in factors:
        base = f"({fmt(q.as_expr())})"
        parts.append(base + (sup(m) if m > 1 else ""))
    body = "·".join(parts)
    if lead == 1:
        return body
    if lead == -1:
        return _fmt.NEGATIVE_SIGN + body
    return f"{paren(lead)}·{body}"


def _rational_root_candidates(q: sympy.Poly) -> list[sympy.Rational] | None:
    """±p/r with p | a₀ and r | aₙ for the integer form of q (None when the list would be long)."""
    ints = q.clear_denoms()[1]
    coeffs = [int(c) for c in ints.all_coeffs()]
    a0, an = abs(coeffs[-1]), abs(coeffs[0])
    if a0 == 0 or a0 > 10_000 or an > 10_000:
        return None
    cands = sorted({sympy.Rational(p, r) for p in sympy.divisors(a0) for r in sympy.divisors(an)})
    return cands if len(cands) <= 8 else None


def roots_step(d: Derivation, p: sympy.Expr, factors: list[EigenFactor], name: str = "A") -> list[tuple[sympy.Expr, int]]:
    """Solve det(A − λI) = 0 factor by factor; returns [(eigenvalue, algebraic multiplicity)]."""
    lead, _ = factor_charpoly(p)
    step = d.step(f"Eigenvalues: solve det({name} − λI) = 0")
    if len(factors) > 1 or factors[0].mult > 1 or factors[0].degree == 1:
        step.text(f"Factor over the rationals: det({name} − λI) = "
                  f"{factored_text(lead, [(f.poly, f.mult) for f in factors])}")
    values: list[tuple[sympy.Expr, int]] = []
    for f in factors:
        q = f.poly
        twice = {2: "twice", 3: "three times"}.get(f.mult, f"{f.mult} times")
        mult_note = f" (the factor appears {twice}: algebraic multiplicity {f.mult})" if f.mult > 1 else ""
        if f.degree == 1:
            step.text(f"{fmt(q.as_expr())} = 0  →  λ = {fmt(f.roots[0])}{mult_note}")
        elif f.degree == 2:
            _quadratic_lines(step, q)
            if mult_note:
                step.text(f"Each root{mult_note}.")
        else:
            _higher_degree_lines(step, f)
            if mult_note:
                step.text(f"Each root{mult_note}.")
        values.extend((r, f.mult) for r in f.roots)
    listing = ", ".join(value_eq(f"λ{sub(i + 1)}", r) + (f" (×{m})" if m > 1 else "")
                        for i, (r, m) in enumerate(values))
    step.text(f"Eigenvalues: {listing}")
    return values


def _quadratic_lines(step: Step, q: sympy.Poly) -> None:
    _, b, c = q.all_coeffs()
    disc = b ** 2 - 4 * c
    step.text(f"{fmt(q.as_expr())} does not factor over the rationals; use the quadratic formula "
              f"with a = 1, b = {fmt(b)}, c = {fmt(c)}.")
    step.text(f"Discriminant Δ = b² − 4ac = {squared(b)} − 4·1·{paren(c)} = {fmt(disc)}")
    if disc < 0:
        step.text("Δ < 0: no real roots, but two complex conjugate ones (√Δ = i·√|Δ|).")
    else:
        step.text("Δ > 0 but not a perfect square: two real, irrational roots.")
    sq = sympy.sqrt(disc)
    r1, r2 = (-b + sq) / 2, (-b - sq) / 2
    step.text(f"λ = (−b ± √Δ)/(2a) = ({fmt(-b)} ± {fmt(sq)})/2  →  λ = {fmt_approx(r1)},  λ = {fmt_approx(r2)}")


def _higher_degree_lines(step: Step, f: EigenFactor) -> None:
    q = f.poly
    cands = _rational_root_candidates(q)
    text = f"{fmt(q.as_expr())} has no rational root"
    if cands:
        shown = ", ".join(fmt(c) for c in cands)
        text += f" (rational root test: none of ±{shown.replace(', ', ', ±')} is a root)"
    if f.degree >= 4:
        text += " and does not split into rational factors of lower degree"
    step.text(text + ".")
    if f.numeric_only:
        if f.degree >= 5:
            step.text(f"For degree {f.degree} there is no general formula in radicals (Abel–Ruffini), "
                      "so the roots are given NUMERICALLY (computed, not derived by hand):")
        elif f.degree == 3:
            step.text("All three roots are real, and exactly then Cardano's cubic formula has to pass through "
                      "complex cube roots (the 'casus irreducibilis'): the exact radicals are unreadable. Each "
                      "root is kept exactly as 'the k-th root of this cubic' and shown by its decimal "
                      "(numeric, not derived by hand):")
        else:
            step.text("A quartic formula (Ferrari) exists, but its radicals are unreadable. Each root is kept "
                      "exactly as 'the k-th root of this quartic' and shown by its decimal (numeric, not "
                      "derived by hand):")
        for r in f.roots:
            step.text(f"λ ≈ {decimal(r)}   (numeric)")
        return
    if all(_short(r) for r in f.roots):
        step.text("Cardano's cubic formula (one real root, two complex) gives the roots exactly:")
    else:
        step.text("Cardano's cubic formula (one real root, two complex) gives the roots exactly, but as long "
                  "nested radicals; their decimals (the exact forms are kept for the computation):")
    for r in f.roots:
        step.text(value_eq("λ", r))


_ROOT_TEXT_CACHE: dict[sympy.Expr, str] = {}


def root_text(r: sympy.Expr) -> str:
    """``i``, ``1/2 + √5/2 ≈ 1.618`` or ``≈ 16.707`` when the exact form is unprintable."""
    if r.is_Rational:
        return fmt(r)
    if r not in _ROOT_TEXT_CACHE:
        # Printing a Cardano form is slow (SymPy orders its terms numerically), so a crude size
        # test decides first.
        if isinstance(r, sympy.CRootOf) or sympy.count_ops(r) > 12 or len(fmt(r)) > MAX_ROOT_TEXT:
            _ROOT_TEXT_CACHE[r] = f"≈ {decimal(r)}"
        else:
            _ROOT_TEXT_CACHE[r] = fmt_approx(r)
    return _ROOT_TEXT_CACHE[r]


def _short(r: sympy.Expr) -> bool:
    return not root_text(r).startswith("≈")


def value_eq(name: str, r: sympy.Expr) -> str:
    """``λ₁ = 2`` or ``λ₁ ≈ 16.707``."""
    text = root_text(r)
    return f"{name} {text}" if text.startswith("≈") else f"{name} = {text}"


def decimal(r: sympy.Expr | complex) -> str:
    """Decimal of an exact number, dropping the round-off imaginary part Cardano forms leave."""
    value = r if isinstance(r, complex) else numeric_value(r)
    re, im = value.real, value.imag
    if im == 0:
        return format_float(re)
    if re == 0:
        return f"{format_float(im)}i"
    return f"{format_float(re)} {_fmt.NEGATIVE_SIGN if im < 0 else '+'} {format_float(abs(im))}i"


def complex_step(d: Derivation, A: Matrix, factors: list[EigenFactor]) -> None:
    """Explain complex eigenvalues of a real matrix: rotation, so no real eigenvector."""
    complex_roots = [r for f in factors for r in f.roots if not _is_real_number(r)]
    if not complex_roots:
        return
    step = d.step("Complex eigenvalues: what they mean")
    if A.shape == (2, 2):
        a, c = A[0, 0], A[1, 0]
        if A.T * A == sympy.eye(2) and A.det() == 1:
            deg = _degrees(a, c)
            step.text(f"A is the rotation by {deg}: it turns every vector by {deg}, so no real direction "
                      "is left unchanged — A has no REAL eigenvector.")
        else:
            lam = complex_roots[0]
            re, im = sympy.re(lam), abs(sympy.im(lam))
            modulus = sympy.sqrt(re ** 2 + im ** 2)
            step.text(f"A turns the plane: in a suitable basis it is a rotation by {_degrees(re, im)} "
                      f"combined with scaling by |λ| = {fmt_approx(modulus)}. No real direction is left "
                      "unchanged, so A has no REAL eigenvector.")
    else:
        step.text("A real matrix with a complex eigenvalue λ turns some plane: on the plane spanned by "
                  "the real and imaginary parts of its eigenvector, A acts as a rotation combined with "
                  "scaling by |λ|. No real direction in that plane is left unchanged.")
    step.text("In general, complex eigenvalues of a real matrix come in conjugate pairs and signal "
              "rotation. Their eigenvectors are complex; they are computed below anyway, exactly like "
              "real ones.")


def _degrees(cos_part: sympy.Expr, sin_part: sympy.Expr) -> str:
    """The angle of the point (cos_part, sin_part) in degrees: exact when SymPy recognises it (90°)."""
    theta = sympy.atan2(sin_part, cos_part) * 180 / sympy.pi
    if theta.is_Rational:
        return f"{fmt(theta)}°"
    import math

    return f"≈ {format_float(math.degrees(math.atan2(float(sin_part), float(cos_part))))}°"


# ---- eigenvectors ------------------------------------------------------------------------------

def eigenvector_steps(d: Derivation, A: Matrix, factors: list[EigenFactor],
                      numbering: list[tuple[sympy.Expr, int]], name: str = "A",
                      verbose: bool = True) -> dict[int, list[Matrix]]:
    """One step per eigenvalue (or per conjugate family): null space of A − λI by row reduction.

    Returns eigenvector bases keyed by the eigenvalue's position in ``numbering``.
    """
    out: dict[int, list[Matrix]] = {}
    index = 0
    for f in factors:
        assert f.reduction is not None
        red = f.reduction
        if f.degree == 1:
            r = f.roots[0]
            step = d.step(f"Eigenvectors for λ{sub(index + 1)} = {fmt(r)}: null space of {shift_label(name, r)}")
            show = f.shower(r)
            show_reduction(step, shift_label(name, r), red, show, verbose=verbose)
            out[index] = show_nullspace(step, red, show)
            _geometric_line(step, f)
            index += 1
        elif f.degree == 2:
            r1, r2 = f.roots
            step = d.step(f"Eigenvectors for λ{sub(index + 1)} = {fmt(r1)}: null space of {shift_label(name, r1)}")
            show = f.shower(r1)
            show_reduction(step, shift_label(name, r1), red, show, verbose=verbose)
            out[index] = show_nullspace(step, red, show)
            _geometric_line(step, f)
            step2 = d.step(f"Eigenvectors for λ{sub(index + 2)} = {fmt(r2)}")
            root_disc = sympy.sqrt(f.poly.discriminant())
            surd = fmt(root_disc / root_disc.as_coeff_Mul()[0])
            step2.text(f"λ{sub(index + 2)} is the conjugate of λ{sub(index + 1)} (replace {surd} by −{surd}). "
                       "Every row operation above has the same conjugate, so the eigenvectors are the "
                       "conjugates too:")
            out[index + 1] = f.vectors(r2)
            for v in out[index + 1]:
                step2.show("v", v)
            index += 2
        else:
            step = d.step(f"Eigenvectors for the roots of {fmt(f.poly.as_expr())}: null space of {name} − λI")
            step.text(f"Keep λ as a symbol and use {fmt(f.poly.as_expr())} = 0 to rewrite λ{sup(f.degree)} and "
                      f"higher powers, so every entry stays a polynomial of degree < {f.degree}. "
                      "Nothing we divide by can be zero: a nonzero polynomial of lower degree has no root "
                      "in common with this irreducible one.")
            show = f.shower(None)
            show_reduction(step, f"{name} − λI", red, show, verbose=verbose)
            show_nullspace(step, red, show)
            _geometric_line(step, f)
            step.text(f"The same formula v(λ) gives an eigenvector for each of the {f.degree} roots.")
            for k, r in enumerate(f.roots):
                out[index + k] = f.vectors(r)
            index += f.degree
    return out


def _geometric_line(step: Step, f: EigenFactor) -> None:
    g = f.geometric
    text = (f"{g} independent eigenvector{'s' if g != 1 else ''} (geometric multiplicity {g}; "
            f"algebraic multiplicity {f.mult})")
    if g < f.mult:
        text += (" — fewer eigenvectors than the multiplicity: this eigenvalue is 'defective', "
                 "so A is not diagonalizable")
    step.text(text + ".")


def shift_label(name: str, r: sympy.Expr) -> str:
    """``A − 2I``, ``A + I``, ``A − (1 + i)I``."""
    if r == 0:
        return f"{name} − 0I"
    if r.is_Rational and r < 0:
        return f"{name} + {'' if r == -1 else fmt(-r)}I"
    text = "" if r == 1 else paren(r)
    return f"{name} − {text}I"


# ---- checks ------------------------------------------------------------------------------------

def check_eigenpairs(d: Derivation, A: Matrix, factors: list[EigenFactor],
                     numbering: list[tuple[sympy.Expr, int]], vectors: dict[int, list[Matrix]],
                     name: str = "A") -> Step:
    """A·v = λ·v for every eigenvector (exactly), then trace = Σλ and det = Πλ."""
    step = d.step("Verify: A·v = λ·v, trace and determinant")
    index = 0
    for f in factors:
        if f.degree <= 2:
            for r in f.roots:
                for v in vectors.get(index, []):
                    Av = (A * v).applyfunc(sympy.expand)
                    lv = (r * v).applyfunc(sympy.expand)
                    step.show(f"{name}·v for λ{sub(index + 1)}", Av, note=f"= λ{sub(index + 1)}·v")
                    d.check(f"{name}·v = λ{sub(index + 1)}·v for v = {fmt(list(v))}", Av == lv)
                index += 1
        else:
            rows = _residual_in_field(A, f)
            step.show(f"{name}·v(λ) − λ·v(λ) reduced with {fmt(f.poly.as_expr())} = 0",
                      Matrix([f.field.to_expr(x) for x in rows]))
            d.check(f"{name}·v = λ·v for each root λ of {fmt(f.poly.as_expr())}", not any(rows))
            index += f.degree
    total, parts, prod_parts, product = _trace_det_from_factors(factors)
    trace, det = A.trace(), A.det()
    step.text(f"Sum of the eigenvalues (with multiplicity): {' + '.join(parts)} = {fmt(total)}; "
              f"trace({name}) = {' + '.join(term(A[i, i]) for i in range(A.rows))} = {fmt(trace)}")
    d.check("trace = Σλ", sympy.expand(total - trace) == 0)
    step.text(f"Product of the eigenvalues: {'·'.join(prod_parts)} = {fmt(product)}; det({name}) = {fmt(det)}")
    d.check("det = Πλ", sympy.expand(product - det) == 0)
    return step


def _trace_det_from_factors(factors: list[EigenFactor]) -> tuple[sympy.Expr, list[str], list[str], sympy.Expr]:
    """Σλ and Πλ with multiplicity: explicit for degree ≤ 2, Vieta's formulas beyond."""
    total, product = sympy.Integer(0), sympy.Integer(1)
    parts: list[str] = []
    prod_parts: list[str] = []
    for f in factors:
        if f.degree <= 2:
            for r in f.roots:
                for _ in range(f.mult):
                    total += r
                    product *= r
                    parts.append(term(r))
                    prod_parts.append(paren(r))
        else:
            c = f.poly.all_coeffs()
            s = -c[1]
            pr = (-1) ** f.degree * c[-1]
            for _ in range(f.mult):
                total += s
                product *= pr
                parts.append(f"(roots of {fmt(f.poly.as_expr())} sum to {fmt(s)} by Vieta)")
                prod_parts.append(f"(their product is {fmt(pr)})")
    return sympy.expand(total), parts, prod_parts, sympy.expand(product)


# ---- operations --------------------------------------------------------------------------------

_MATRIX_IN = (Input("A", "matrix", "square matrix, e.g. [[0,-1],[1,0]]"),)


@operation("charpoly", "Characteristic polynomial det(A − λI), expanded", inputs=_MATRIX_IN,
           aliases=("characteristic-polynomial",))
def charpoly(A: Matrix) -> Derivation:
    """det(A − λI) written out, checked by p(0) = det A, the λⁿ⁻¹ coefficient and Cayley–Hamilton."""
    A = require_rational_matrix(A, "charpoly")
    n = A.rows
    d = Derivation("charpoly", "Characteristic polynomial det(A − λI)")
    p = charpoly_step(d, A)
    step = d.step("Verify: p(0), the trace coefficient and Cayley–Hamilton")
    det = A.det()
    p0 = p.subs(LAM, 0)
    step.text(f"Setting λ = 0 gives det(A − 0·I) = det(A): p(0) = {fmt(p0)}, det(A) = {fmt(det)}")
    d.check("p(0) = det(A)", p0 == det)
    coeff = sympy.Poly(p, LAM).coeff_monomial(LAM ** (n - 1)) if n > 1 else sympy.Integer(-1) * 0
    expected = (-1) ** (n - 1) * A.trace()
    if n > 1:
        step.text(f"The coefficient of λ^{n - 1} is (−1)^{n - 1}·trace(A) = {fmt(expected)}: found {fmt(coeff)}")
        d.check(f"coefficient of λ^{n - 1} = (−1)^{n - 1}·trace(A)", coeff == expected)
    value = _matrix_poly(sympy.Poly(p, LAM), A)
    step.show("p(A) (Cayley–Hamilton: every matrix satisfies its own characteristic polynomial)", value)
    d.check("p(A) = 0 (Cayley–Hamilton)", value == sympy.zeros(n))
    d.result = p
    d.summary = f"det(A − λI) = {fmt(p)}"
    return d


def _matrix_poly(p: sympy.Poly, A: Matrix) -> Matrix:
    """p(A) by Horner's rule."""
    n = A.rows
    out = sympy.zeros(n)
    for c in p.all_coeffs():
        out = out * A + c * sympy.eye(n)
    return out


@operation("eigen", "Eigenvalues and eigenvectors: det(A − λI) = 0, then null spaces of A − λI",
           inputs=_MATRIX_IN, aliases=("eig", "eigenvalues", "eigenvectors"))
def eigen(A: Matrix) -> Derivation:
    """The full eigen-analysis; result is [(λ, algebraic multiplicity, [eigenvectors])] like SymPy's eigenvects()."""
    A = require_rational_matrix(A, "eigen")
    d = Derivation("eigen", "Eigenvalues and eigenvectors")
    factors, numbering, vectors = _eigen_core(d, A)
    check_eigenpairs(d, A, factors, numbering, vectors)
    d.result = [(r, m, vectors.get(i, [])) for i, (r, m) in enumerate(numbering)]
    d.summary = _eigen_summary(factors, numbering, vectors)
    return d


def _eigen_core(d: Derivation, A: Matrix, name: str = "A", verbose: bool = True
                ) -> tuple[list[EigenFactor], list[tuple[sympy.Expr, int]], dict[int, list[Matrix]]]:
    p = charpoly_step(d, A, name)
    factors = eigen_factors(A)
    numbering = roots_step(d, p, factors, name)
    complex_step(d, A, factors)
    vectors = eigenvector_steps(d, A, factors, numbering, name, verbose=verbose)
    return factors, numbering, vectors


def _eigen_summary(factors: list[EigenFactor], numbering: list[tuple[sympy.Expr, int]],
                   vectors: dict[int, list[Matrix]]) -> str:
    vals = ", ".join(root_text(r) + (f" (×{m})" if m > 1 else "") for r, m in numbering)
    text = f"eigenvalues {vals}"
    if any(not f.is_real() for f in factors):
        text += " (complex: A rotates some plane, so those have no real eigenvector)"
    if all(f.degree <= 2 for f in factors):
        vecs = "; ".join(fmt(list(v)) for i in range(len(numbering)) for v in vectors.get(i, []))
        text += f"; eigenvectors {vecs}"
    return text


@operation("diagonalize", "Diagonalize A = P·D·P⁻¹ (eigenvectors in P, eigenvalues in D)",
           inputs=_MATRIX_IN, aliases=("diagonalise", "diag"))
def diagonalize(A: Matrix) -> Derivation:
    """P and D from the eigen-analysis; NotPossible when an eigenvalue is short of eigenvectors."""
    A = require_rational_matrix(A, "diagonalize")
    n = A.rows
    d = Derivation("diagonalize", "Diagonalization A = P·D·P⁻¹")
    factors, numbering, vectors = _eigen_core(d, A)
    step = d.step("Enough eigenvectors? Compare multiplicities")
    for f in factors:
        label = ", ".join(value_eq("λ", r) for r in f.roots)
        ok = f.geometric == f.mult
        step.text(f"{label}: algebraic {f.mult}, geometric {f.geometric} {'✓' if ok else '✗'}")
    defective = [f for f in factors if f.geometric < f.mult]
    if defective:
        f = defective[0]
        have = sum(f.geometric * f.degree for f in factors)
        root = root_text(f.roots[0])
        step.text(f"λ = {root} appears {f.mult} times in the characteristic polynomial, but A − λI has rank "
                  f"{n - f.geometric}, so its null space has dimension only {f.geometric}: "
                  f"{f.mult - f.geometric} eigenvector{'s are' if f.mult - f.geometric > 1 else ' is'} missing.")
        step.text(f"P needs {n} independent eigenvectors as columns; A has only {have}. "
                  "A is not diagonalizable (the closest form is its Jordan form, which keeps a 1 above "
                  "the diagonal for each missing eigenvector).")
        d.summary = "not diagonalizable: missing eigenvector"
        raise NotPossible(f"A is not diagonalizable: λ = {root} has algebraic multiplicity {f.mult} but only "
                          f"{f.geometric} independent eigenvector{'s' if f.geometric != 1 else ''}", d)
    step.text(f"Every eigenvalue has as many independent eigenvectors as its multiplicity: {n} in total.")
    cols: list[Matrix] = []
    diag: list[sympy.Expr] = []
    num_cols: list[list[complex]] = []
    num_diag: list[complex] = []
    index = 0
    for f in factors:
        for k, r in enumerate(f.roots):
            for v, w in zip(vectors.get(index, []), f.reduction.basis):
                cols.append(v)
                diag.append(r)
                num_cols.append([_eval_elem(f, x, f.numeric[k]) for x in w])
                num_diag.append(f.numeric[k])
            index += 1
    P = Matrix.hstack(*cols)
    D = sympy.diag(*diag)
    step = d.step("Assemble P and D")
    step.text("Put the eigenvectors side by side as the columns of P, and the matching eigenvalues (same "
              "order) on the diagonal of D.")
    if any(not f.is_real() for f in factors):
        step.text("The eigenvalues are complex, so this is a diagonalization over ℂ; over ℝ A is not "
                  "diagonalizable.")
    exact = all(f.degree <= 2 for f in factors)
    if exact:
        step.show("P", P)
        step.show("D", D)
    else:
        step.text("Column i of P is v(λᵢ) from above and D = diag(λ₁, …, λₙ). Roots of a cubic or higher "
                  "are shown by their decimals (P and D themselves stay exact).")
        step.show("P (decimals)", _decimal_matrix(num_cols, n))
        step.show("D (decimals)", sympy.diag(*[_complex_to_float(z) for z in num_diag]))
    check = d.step("Verify: A·P = P·D and A = P·D·P⁻¹")
    Pinv = None
    if exact:
        AP = (A * P).applyfunc(sympy.expand)
        PD = (P * D).applyfunc(sympy.expand)
        check.show("A·P", AP)
        check.show("P·D", PD)
        d.check("A·P = P·D (column i: A·vᵢ = λᵢ·vᵢ)", AP == PD)
        if all(f.degree == 1 for f in factors) or n <= 3:
            Pinv = _exact_inverse(P)
            check.show("P⁻¹", Pinv)
            back = (P * D * Pinv).applyfunc(simplify_number)
            check.show("P·D·P⁻¹", back)
            d.check("P·D·P⁻¹ = A", back == A)
        else:
            detP = simplify_number(P.det(method="berkowitz"))
            check.text(f"det(P) = {fmt_approx(detP)} ≠ 0, so P is invertible and A·P = P·D gives A = P·D·P⁻¹.")
            d.check("det(P) ≠ 0", detP != 0)
    else:
        import numpy as np

        for f in factors:
            if f.degree > 2:
                rows = _residual_in_field(A, f)
                check.text(f"A·v(λ) − λ·v(λ), reduced with {fmt(f.poly.as_expr())} = 0, is the zero vector "
                           "for every eigenvector formula v(λ).")
                d.check(f"A·v(λ) = λ·v(λ) for the roots of {fmt(f.poly.as_expr())}", not any(rows))
        Pn = np.array(num_cols, dtype=complex).T
        An = np.array(A.tolist(), dtype=float)
        worst = float(np.max(np.abs(An @ Pn - Pn @ np.diag(num_diag))))
        scale = max(1.0, float(np.max(np.abs(Pn))) * max(1.0, float(np.max(np.abs(num_diag)))))
        check.text(f"Numerically, A·P − P·D has largest entry {format_float(worst, 2)} (round-off only).")
        d.check("A·P = P·D (numerically)", worst < 1e-8 * scale)
        detP = complex(np.linalg.det(Pn))
        check.text(f"det(P) ≈ {decimal(detP)} ≠ 0 (as it must be: eigenvectors of distinct eigenvalues are "
                   "independent), so P is invertible and A·P = P·D gives A = P·D·P⁻¹.")
        d.check("det(P) ≠ 0 (numerically)", abs(detP) > 1e-9)
    d.result = {"P": P, "D": D}
    if Pinv is not None:
        d.result["P_inv"] = Pinv
    d.summary = f"A = P·D·P⁻¹ with D = diag({', '.join(root_text(x) for x in diag)})"
    return d


def _eval_elem(f: EigenFactor, x: Elem, root: complex) -> complex:
    """A field element at a numeric root (Horner), for numeric cross-checks."""
    value = 0j
    for c in x:
        value = value * root + float(c.numerator) / float(c.denominator)
    return value


def _complex_to_float(z: complex) -> sympy.Expr:
    if z.imag == 0:
        return sympy.Float(z.real, 6)
    return sympy.Float(z.real, 6) + sympy.Float(z.imag, 6) * sympy.I


def _decimal_matrix(cols: list[list[complex]], n: int) -> Matrix:
    return Matrix(n, len(cols), lambda i, j: _complex_to_float(cols[j][i]))


def _residual_in_field(A: Matrix, f: EigenFactor) -> list[Elem]:
    """(A − λI)·v for each basis vector, computed in ℚ[λ]/(q); all zero for true eigenvectors."""
    F = f.field
    lam = F.lam()
    n = A.rows
    out = []
    for v in f.reduction.basis:
        out.extend(F.sub(reduce(F.add, [F.mul(F.const(A[i, j]), v[j]) for j in range(n)], []),
                         F.mul(lam, v[i])) for i in range(n))
    return out


def _exact_inverse(P: Matrix) -> Matrix:
    """P⁻¹ = adj(P)/det(P), dividing by the (surd) determinant with one rationalisation."""
    if all(x.is_Rational for x in P):
        return P.inv()
    det = simplify_number(P.det(method="berkowitz"))
    return P.adjugate().applyfunc(lambda e: divide(e, det))


def simplify_number(x: sympy.Expr) -> sympy.Expr:
    """Canonical a + b√Δ form of a number built from square roots of rationals (complex too).

    Nested roots such as √(3 + √5) are only expanded: rationalising them is slow in SymPy and
    rarely gives a more readable form.
    """
    if has_nested_root(x):
        return x
    x = sympy.expand(x)
    if x.is_Rational or _is_surd_sum(x):
        return x
    num, den = sympy.fraction(sympy.together(x))
    num, den = sympy.expand(num), sympy.expand(den)
    if den.is_Rational:
        return sympy.expand(num / den)
    if _is_surd_sum(den) and _is_surd_sum(num):
        surds = _surds(den)
        if len(surds) == 1:
            # (b + c√Δ) times its conjugate (b − c√Δ) is rational: the schoolbook rationalisation.
            root = surds.pop()
            conj = sympy.expand(den.subs(root, -root))
            return sympy.expand(sympy.expand(num * conj) / sympy.expand(den * conj))
    return sympy.expand(sympy.radsimp(sympy.together(x)))


def divide(a: sympy.Expr, b: sympy.Expr) -> sympy.Expr:
    """a/b in canonical surd form, rationalising a one-surd denominator once (cached) instead of per term."""
    inv = inverse(b)
    if inv is None or has_nested_root(a):
        return simplify_number(a / b)
    return sympy.expand(a * inv)


@lru_cache(maxsize=16384)
def inverse(b: sympy.Expr) -> sympy.Expr | None:
    """1/b as a + c√Δ when b is rational or a one-surd sum (multiply by the conjugate), else None."""
    b = sympy.expand(b)
    if b.is_Rational:
        return 1 / b
    if _is_surd_sum(b):
        surds = _surds(b)
        if len(surds) == 1:
            root = surds.pop()
            conj = sympy.expand(b.subs(root, -root))
            return sympy.expand(conj / sympy.expand(b * conj))
    return None


def _surds(x: sympy.Expr) -> set[sympy.Expr]:
    """The square roots (and i) occurring in a surd sum."""
    found = set()
    for term in sympy.Add.make_args(x):
        for factor in sympy.Mul.make_args(term):
            if factor is sympy.I or (factor.is_Pow and factor.exp == sympy.S.Half):
                found.add(factor)
    return found


def has_nested_root(x: sympy.Expr) -> bool:
    """True when some fractional power has a base that is not a plain rational (√(3 + √5))."""
    return any(p.exp.is_Rational and not p.exp.is_Integer and not p.base.is_Rational
               for p in x.atoms(sympy.Pow))


def _is_surd_sum(x: sympy.Expr) -> bool:
    """A sum of rational multiples of √(squarefree) and i: SymPy's canonical form for such numbers.

    In that form the number is zero exactly when SymPy has already reduced it to 0 (square roots of
    distinct squarefree integers are linearly independent over ℚ).
    """
    for term in sympy.Add.make_args(x):
        for factor in sympy.Mul.make_args(term):
            if factor.is_Rational or factor is sympy.I:
                continue
            if factor.is_Pow and factor.exp == sympy.S.Half and factor.base.is_Integer:
                continue
            return False
    return True


#: Digits for the numeric zero test of nested radicals: a difference below 10⁻²⁰ counts as zero.
#: Algebraic numbers of the small height built here are never that close to zero without being zero.
ZERO_DIGITS = 30


def reduce_mod_root(x: sympy.Expr) -> sympy.Expr:
    """A polynomial in one root r of an irreducible q, rewritten with degree < deg q (using q(r) = 0).

    Substituting r into polynomials makes high powers pile up; reducing keeps every later
    expansion small. Anything else is returned expanded.
    """
    roots = x.atoms(sympy.CRootOf) if x.has(sympy.CRootOf) else set()
    if len(roots) != 1:
        return sympy.expand(x)
    r = roots.pop()
    t = sympy.Dummy("t")
    y = sympy.expand(x.xreplace({r: t}))
    try:
        q = sympy.Poly(r.expr.subs(r.poly.gen, t), t, domain=QQ)
        reduced = sympy.Poly(y, t, domain=QQ).rem(q)
    except (PolynomialError, CoercionFailed):
        return y.xreplace({t: r})
    return reduced.as_expr().xreplace({t: r})


def is_zero(x: sympy.Expr) -> bool:
    """Zero test for the algebraic numbers the engine builds.

    Exact for sums of square roots of rationals (after rationalising denominators); for nested
    radicals the value is evaluated to 30 significant digits, which SymPy's simplifier would take
    far longer to decide.
    """
    if x == 0:
        return True
    roots = x.atoms(sympy.CRootOf) if x.has(sympy.CRootOf) else set()
    if len(roots) == 1:
        # A polynomial in one root r of an irreducible q vanishes exactly when q divides it.
        r = roots.pop()
        t = sympy.Dummy("t")
        y = sympy.expand(x.xreplace({r: t}))
        if y.is_polynomial(t) and not (y.free_symbols - {t}) and not has_nested_root(y):
            try:
                q = sympy.Poly(r.expr.subs(r.poly.gen, t), t, domain=QQ)
                return sympy.Poly(y, t, domain=QQ).rem(q).is_zero
            except (PolynomialError, CoercionFailed):
                pass  # coefficients are not rational: fall back to the numeric test
    nested = has_nested_root(x)
    if not nested:
        x = sympy.expand(x)
        if x == 0:
            return True
        if x.is_Rational or _is_surd_sum(x):
            return False
        y = simplify_number(x)
        if y == 0:
            return True
        if y.is_Rational or _is_surd_sum(y):
            return False
    import mpmath

    with mpmath.workdps(ZERO_DIGITS + 5):
        try:
            value = complex(_fast_mp(x))
        except _NotFast:
            value = complex(sympy.N(x, ZERO_DIGITS))
    return abs(value) < 10.0 ** (-(ZERO_DIGITS - 10))


def matrix_is(M: Matrix, target: Matrix) -> bool:
    """Exact entrywise equality of two matrices of algebraic numbers."""
    return M.shape == target.shape and all(is_zero(a - b) for a, b in zip(M, target))


def product_is(factors: Sequence[Matrix], target: Matrix) -> bool:
    """Whether the product of ``factors`` equals ``target``.

    Exact when no entry has a nested radical. Otherwise every entry of every factor is evaluated
    once to 30 significant digits and the product is formed in that precision: multiplying the
    nested expressions symbolically and simplifying would take SymPy far longer.
    """
    if not any(has_nested_root(x) for F in factors for x in F):
        return matrix_is(reduce(lambda a, b: a * b, factors), target)
    import mpmath

    with mpmath.workdps(ZERO_DIGITS):
        numeric = [mpmath.matrix([[_mp(F[i, j]) for j in range(F.cols)] for i in range(F.rows)])
                   for F in factors]
        prod = reduce(lambda a, b: a * b, numeric)
        scale = max([1] + [abs(_mp(x)) for x in target])
        worst = max(abs(prod[i, j] - _mp(target[i, j])) for i in range(target.rows) for j in range(target.cols))
        return bool(worst < scale * mpmath.mpf(10) ** (-(ZERO_DIGITS - 10)))


@lru_cache(maxsize=65536)
def _mp(x: sympy.Expr) -> object:
    import mpmath

    try:
        return _fast_mp(x)
    except _NotFast:
        pass
    value = sympy.N(x, ZERO_DIGITS + 5)
    re, im = value.as_real_imag()
    return mpmath.mpc(mpmath.mpf(sympy.Float(re, ZERO_DIGITS + 5)._mpf_), mpmath.mpf(sympy.Float(im, ZERO_DIGITS + 5)._mpf_))
