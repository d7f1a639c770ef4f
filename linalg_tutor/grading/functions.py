"""Functions available to exercise authors in expected-answer expressions.

Answer specs such as ``det(A)``, ``(A*B)[1,1]`` or ``norm2(A*x - b)`` are written by authors
(trusted) but still read by the same safe parser; these are the extra functions it then knows.
Learners' answers do not get them (a learner typing ``det(A)`` would skip the exercise).

Every function takes SymPy values (scalars or ``ImmutableMatrix``) and returns an exact SymPy
value; misuse raises a :class:`~linalg_tutor.grading.errors.ParseError` subclass.
"""

from __future__ import annotations

from typing import Any, Callable

from linalg_tutor.grading.errors import MathError, ShapeError
from linalg_tutor.grading.evaluate import is_matrix, shape_text
from linalg_tutor.grading.limits import DEFAULT_LIMITS


def _matrix(value: Any, name: str) -> Any:
    if not is_matrix(value):
        raise ShapeError(f"{name}(…) needs a matrix or vector, not a single number.")
    return value


def _square(value: Any, name: str) -> Any:
    m = _matrix(value, name)
    if m.rows != m.cols:
        raise ShapeError(f"{name}(…) needs a square matrix, not {shape_text(m)}.")
    return m


def _vector(value: Any, name: str) -> Any:
    m = _matrix(value, name)
    if 1 not in m.shape:
        raise ShapeError(f"{name}(…) needs a vector, not {shape_text(m)}.")
    return m


def _entries(values: tuple[Any, ...]) -> list[Any]:
    out: list[Any] = []
    for v in values:
        out.extend(list(v) if is_matrix(v) else [v])
    return out


def det(m: Any) -> Any:
    """Determinant of a square matrix."""
    return _square(m, "det").det()


def trace(m: Any) -> Any:
    """Sum of the diagonal of a square matrix."""
    return _square(m, "tr").trace()


def transpose(m: Any) -> Any:
    """Transpose (a number is its own transpose)."""
    return m.T if is_matrix(m) else m


def inv(m: Any) -> Any:
    """Inverse of a square matrix."""
    sq = _square(m, "inv")
    if sq.det() == 0:
        raise MathError("inv(…): the matrix is not invertible (its determinant is 0).")
    return sq.inv()


def rank(m: Any) -> Any:
    """Rank of a matrix."""
    import sympy

    return sympy.Integer(_matrix(m, "rank").rank())


def dot(u: Any, v: Any) -> Any:
    """Dot product Σ uᵢvᵢ of two vectors of the same length (row or column)."""
    import sympy

    a, b = list(_vector(u, "dot")), list(_vector(v, "dot"))
    if len(a) != len(b):
        raise ShapeError(f"dot(…) needs two vectors of the same length, not {len(a)} and {len(b)}.")
    return sympy.Add(*[x * y for x, y in zip(a, b)])


def norm1(x: Any) -> Any:
    """1-norm: Σ|xᵢ| for a vector; largest column sum of |aᵢⱼ| for a matrix."""
    import sympy

    m = _matrix(x, "norm1")
    if 1 in m.shape:
        return sympy.Add(*[sympy.Abs(e) for e in m])
    return sympy.Max(*[sympy.Add(*[sympy.Abs(e) for e in m.col(j)]) for j in range(m.cols)])


def norm2(x: Any) -> Any:
    """2-norm: Euclidean length of a vector; largest singular value of a matrix."""
    import sympy

    m = _matrix(x, "norm2")
    if 1 in m.shape:
        return sympy.sqrt(sympy.Add(*[sympy.Abs(e) ** 2 for e in m]))
    return m.norm(2)


def norminf(x: Any) -> Any:
    """∞-norm: max |xᵢ| for a vector; largest row sum of |aᵢⱼ| for a matrix."""
    import sympy

    m = _matrix(x, "norminf")
    if 1 in m.shape:
        return sympy.Max(*[sympy.Abs(e) for e in m])
    return sympy.Max(*[sympy.Add(*[sympy.Abs(e) for e in m.row(i)]) for i in range(m.rows)])


def fro(x: Any) -> Any:
    """Frobenius norm: √(Σ|aᵢⱼ|²)."""
    import sympy

    return sympy.sqrt(sympy.Add(*[sympy.Abs(e) ** 2 for e in _matrix(x, "fro")]))


def shape(x: Any) -> Any:
    """``[rows, cols]`` as a vector."""
    import sympy

    m = _matrix(x, "shape")
    return sympy.ImmutableMatrix([m.rows, m.cols])


def eigenvals(m: Any) -> Any:
    """Eigenvalues, repeated by multiplicity, sorted by real then imaginary part, as a vector."""
    import sympy

    sq = _square(m, "eigenvals")
    values: list[Any] = []
    for value, multiplicity in sq.eigenvals().items():
        values.extend([value] * multiplicity)

    def key(v: Any) -> tuple[float, float]:
        re, im = sympy.N(v, 30).as_real_imag()
        return (float(re), float(im))

    return sympy.ImmutableMatrix(sorted(values, key=key))


def identity(n: Any) -> Any:
    """The n×n identity matrix."""
    import sympy

    largest = int(DEFAULT_LIMITS.max_matrix_entries**0.5)
    if is_matrix(n) or not n.is_Integer or not 1 <= int(n) <= largest:
        raise ShapeError(f"I(n) needs a whole number n from 1 to {largest}.")
    return sympy.ImmutableMatrix(sympy.eye(int(n)))


def total(*values: Any) -> Any:
    """Sum of all entries (of one or more matrices and numbers)."""
    import sympy

    return sympy.Add(*_entries(values))


def _extreme(values: tuple[Any, ...], name: str, pick: Callable[..., Any]) -> Any:
    entries = _entries(values)
    if not entries:
        raise ShapeError(f"{name}(…) needs at least one value.")
    for e in entries:
        if e.is_extended_real is False:
            raise MathError(f"{name}(…) needs real numbers; {e} is complex.")
    return pick(*entries)


def maximum(*values: Any) -> Any:
    """Largest entry."""
    import sympy

    return _extreme(values, "max", sympy.Max)


def minimum(*values: Any) -> Any:
    """Smallest entry."""
    import sympy

    return _extreme(values, "min", sympy.Min)


def numel(x: Any) -> Any:
    """Number of entries (1 for a number)."""
    import sympy

    return sympy.Integer(x.rows * x.cols if is_matrix(x) else 1)


#: Name → function, passed as ``functions=`` when reading expected answers.
MATRIX_FUNCTIONS: dict[str, Callable[..., Any]] = {
    "det": det,
    "tr": trace,
    "trace": trace,
    "transpose": transpose,
    "inv": inv,
    "rank": rank,
    "dot": dot,
    "norm1": norm1,
    "norm2": norm2,
    "norm": norm2,
    "norminf": norminf,
    "fro": fro,
    "shape": shape,
    "eigenvals": eigenvals,
    "I": identity,
    "sum": total,
    "max": maximum,
    "min": minimum,
    "numel": numel,
}
