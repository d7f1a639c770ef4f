"""Turn a parsed tree into an exact SymPy value, refusing anything too expensive.

SymPy objects are constructed directly (``Integer``, ``Rational``, ``Add``, ``Mul``, ``Pow`` …);
no text ever reaches SymPy's own parser. Each operation that can grow a value (powers, ``exp``,
long products, matrix products and powers) is sized from logarithms first, using
:mod:`linalg_tutor.mathtext.guards`, and refused with a :class:`ParseError` if it would be huge.
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Any, Callable, Iterable, Mapping

from linalg_tutor.mathtext import guards
from linalg_tutor.grading.errors import (
    ExponentTooLarge,
    MathError,
    NumberTooLarge,
    ParseError,
    ShapeError,
    SyntaxProblem,
)
from linalg_tutor.grading.limits import Limits
from linalg_tutor.grading.nodes import (
    Call,
    Chain,
    Const,
    Group,
    Index,
    MatrixLit,
    Name,
    Node,
    Num,
    Power,
    Transpose,
    Unary,
)

#: Built-in scalar functions: name → (min args, max args).
BUILTIN_FUNCTIONS: dict[str, tuple[int, int]] = {
    "sqrt": (1, 1),
    "exp": (1, 1),
    "log": (1, 2),
    "ln": (1, 1),
    "sin": (1, 1),
    "cos": (1, 1),
    "tan": (1, 1),
    "abs": (1, 1),
}

#: Constants: spelling → canonical name.
CONSTANTS: dict[str, str] = {"pi": "pi", "π": "pi", "e": "e", "i": "i"}

# Inverting is cubic and SymPy's exact elimination slows sharply with irrational entries;
# a learner never needs to type a bigger inverse.
_MAX_INVERSE_SIZE = 12


def is_matrix(value: Any) -> bool:
    return bool(getattr(value, "is_Matrix", False))


def shape_text(value: Any) -> str:
    """``a single number``, ``a vector with 3 entries``, ``a 2×3 matrix``."""
    if not is_matrix(value):
        return "a single number"
    rows, cols = value.shape
    if cols == 1:
        return f"a vector with {rows} entr{'y' if rows == 1 else 'ies'}"
    if rows == 1:
        return f"a 1×{cols} row vector"
    return f"a {rows}×{cols} matrix"


def coerce_value(obj: Any, what: str = "value") -> Any:
    """A trusted Python or SymPy value as a SymPy scalar or ``ImmutableMatrix``.

    Accepts SymPy expressions and matrices, int, Fraction, float (read through its shortest
    repr, so ``0.1`` is exactly 1/10), complex, and (nested) lists/tuples of those.

    Raises:
        TypeError: for anything else (strings included: text is never handed to SymPy).
    """
    import sympy

    if isinstance(obj, bool) or isinstance(obj, str):
        raise TypeError(f"{what}: cannot use {type(obj).__name__} {obj!r} as a value")
    if isinstance(obj, sympy.ImmutableMatrix):
        return obj  # already what we need; rebuilding it is the costly part of every parse
    if is_matrix(obj):
        return sympy.ImmutableMatrix(obj)
    if isinstance(obj, sympy.Basic):
        if not isinstance(obj, sympy.Expr):
            raise TypeError(f"{what}: {type(obj).__name__} is not a number or matrix")
        return obj
    if isinstance(obj, int):
        return sympy.Integer(obj)
    if isinstance(obj, Fraction):
        return sympy.Rational(obj.numerator, obj.denominator)
    if isinstance(obj, float):
        if not math.isfinite(obj):
            raise TypeError(f"{what}: {obj} is not a finite number")
        frac = Fraction(repr(obj))
        return sympy.Rational(frac.numerator, frac.denominator)
    if isinstance(obj, complex):
        return coerce_value(obj.real, what) + sympy.I * coerce_value(obj.imag, what)
    if isinstance(obj, (list, tuple)):
        if obj and all(isinstance(r, (list, tuple)) for r in obj):
            rows = [[coerce_value(x, what) for x in r] for r in obj]
            return sympy.ImmutableMatrix(rows)
        return sympy.ImmutableMatrix([coerce_value(x, what) for x in obj])
    raise TypeError(f"{what}: cannot use {type(obj).__name__} as a value")


class Environment:
    """What the identifiers in one input may mean.

    Priority when a spelling is defined twice: given names, then variables, then author
    functions, then built-in functions, then constants — so an exercise may rebind ``e``.
    """

    def __init__(
        self,
        names: Mapping[str, Any] | None = None,
        symbols: Iterable[str] = (),
        functions: Mapping[str, Callable[..., Any]] | None = None,
    ) -> None:
        self.values = {str(k): coerce_value(v, f"names[{k!r}]") for k, v in (names or {}).items()}
        self.symbol_names = tuple(str(s) for s in symbols)
        self._symbols: dict[str, Any] | None = None
        self.functions = dict(functions or {})

    def kind(self, name: str) -> str | None:
        """``value``, ``symbol``, ``function``, ``builtin``, ``const`` or None (unknown)."""
        if name in self.values:
            return "value"
        if name in self.symbol_names:
            return "symbol"
        if name in self.functions:
            return "function"
        if name in BUILTIN_FUNCTIONS:
            return "builtin"
        if name in CONSTANTS:
            return "const"
        return None

    def symbol(self, name: str) -> Any:
        if self._symbols is None:
            import sympy

            # Plain symbols (no assumptions) so they equal the symbols authors write.
            self._symbols = {s: sympy.Symbol(s) for s in self.symbol_names}
        return self._symbols[name]

    def allowed(self) -> tuple[str, ...]:
        """The names a learner may type here, for error messages."""
        out: list[str] = []
        out.extend(sorted(self.values))
        out.extend(s for s in self.symbol_names if s not in self.values)
        out.extend(["π (or pi)", "e", "i"])
        out.extend(f"{f}(…)" for f in sorted(self.functions))
        out.extend(f"{f}(…)" for f in BUILTIN_FUNCTIONS if f not in self.functions)
        return tuple(out)


class Evaluator:
    """Evaluate a tree in an :class:`Environment` under :class:`Limits`."""

    def __init__(self, env: Environment, limits: Limits) -> None:
        import sympy

        self.sp = sympy
        self.env = env
        self.limits = limits

    # -- entry point -----------------------------------------------------------------------

    def run(self, node: Node) -> Any:
        value = self.value_of(node)
        self._check_final(value, node.pos)
        return value

    def value_of(self, node: Node) -> Any:
        method = getattr(self, f"_eval_{type(node).__name__}")
        return method(node)

    # -- leaves ----------------------------------------------------------------------------

    def _eval_Num(self, node: Num) -> Any:  # noqa: N802 - dispatch on class name
        return self.sp.Rational(node.numerator, node.denominator)

    def _eval_Const(self, node: Const) -> Any:  # noqa: N802
        return {"pi": self.sp.pi, "e": self.sp.E, "i": self.sp.I}[node.name]

    def _eval_Name(self, node: Name) -> Any:  # noqa: N802
        kind = self.env.kind(node.name)
        if kind == "value":
            return self.env.values[node.name]
        if kind == "symbol":
            return self.env.symbol(node.name)
        const = CONSTANTS.get(node.name)
        if const is not None:
            return self._eval_Const(Const(node.pos, const))  # type: ignore[arg-type]
        raise SyntaxProblem(f"'{node.name}' is a function: write {node.name}(…).", node.pos)

    def _eval_Group(self, node: Group) -> Any:  # noqa: N802
        return self.value_of(node.inner)

    # -- operators -------------------------------------------------------------------------

    def _eval_Unary(self, node: Unary) -> Any:  # noqa: N802
        value = self.value_of(node.operand)
        return -value if node.op == "-" else value

    def _eval_Chain(self, node: Chain) -> Any:  # noqa: N802
        first = self.value_of(node.first)
        rest = [(op, self.value_of(x), x.pos) for op, x, _ in node.rest]
        if node.level == "sum":
            return self._sum(first, rest, node.pos)
        return self._product(first, rest)

    def _sum(self, first: Any, rest: list[tuple[str, Any, int]], pos: int) -> Any:
        if not is_matrix(first) and not any(is_matrix(v) for _, v, _ in rest):
            # One n-ary Add: adding term by term re-sorts the sum each time (quadratic).
            return self.sp.Add(first, *[v if op == "+" else -v for op, v, _ in rest])
        acc = first
        for op, value, at in rest:
            if is_matrix(acc) != is_matrix(value):
                raise ShapeError(
                    f"Can't {'add' if op == '+' else 'subtract'} {shape_text(value)} "
                    f"{'to' if op == '+' else 'from'} {shape_text(acc)}.",
                    at,
                )
            if is_matrix(acc) and acc.shape != value.shape:
                raise ShapeError(
                    f"Can't {'add' if op == '+' else 'subtract'} {shape_text(acc)} and "
                    f"{shape_text(value)}: the sizes must match.",
                    at,
                )
            acc = acc + value if op == "+" else acc - value
        return acc

    def _product(self, first: Any, rest: list[tuple[str, Any, int]]) -> Any:
        if not is_matrix(first) and not any(is_matrix(v) for _, v, _ in rest):
            factors = [first]
            for op, value, at in rest:
                factors.append(self._reciprocal(value, at) if op == "/" else value)
            digits = sum(self._coeff_digits(f) for f in factors)
            if digits > self.limits.max_result_digits:
                raise NumberTooLarge(
                    f"This product would have about {digits:.0f} digits; the limit is "
                    f"{self.limits.max_result_digits}.",
                    None,
                )
            return self.sp.Mul(*factors)
        acc = first
        for op, value, at in rest:
            if op == "/":
                if is_matrix(value):
                    raise ShapeError("Can't divide by a matrix; multiply by its inverse, A⁻¹, instead.", at)
                acc = acc * self._reciprocal(value, at)
            else:
                acc = self._multiply(acc, value, at)
        return acc

    def _reciprocal(self, value: Any, at: int) -> Any:
        if value.is_zero:
            raise MathError("Division by zero.", at)
        result = self.sp.Pow(value, -1)
        if guards.is_undefined(result):
            raise MathError("Division by zero.", at)
        return result

    def _coeff_digits(self, value: Any) -> float:
        coeff = value if value.is_Rational else value.as_coeff_Mul()[0]
        return guards.rational_digits(coeff) if coeff.is_Rational else 0.0

    def _multiply(self, a: Any, b: Any, at: int) -> Any:
        if is_matrix(a) and is_matrix(b):
            if a.cols != b.rows:
                hint = ""
                if a.cols == 1 and b.cols == 1:
                    hint = " For a dot product of two vectors write uᵀv."
                raise ShapeError(
                    f"Can't multiply {shape_text(a)} by {shape_text(b)}: the first has "
                    f"{a.cols} column{'s' if a.cols != 1 else ''} but the second has "
                    f"{b.rows} row{'s' if b.rows != 1 else ''}.{hint}",
                    at,
                )
            self._check_entries(a.rows * b.cols, at)
            result = a * b
            if result.shape == (1, 1) and a.rows == 1:
                # uᵀv is a number in mathematics, so let it act as one (uᵀv·w, 2 + uᵀv).
                result = result[0, 0]
        else:
            result = a * b
        self._check_size(result, at)
        return result

    def _eval_Power(self, node: Power) -> Any:  # noqa: N802
        base = self.value_of(node.base)
        exponent = self.value_of(node.exponent)
        at = node.exponent.pos
        if is_matrix(exponent):
            raise ShapeError("An exponent must be a number, not a matrix or vector.", at)
        if is_matrix(base):
            return self._matrix_power(base, exponent, at)
        self._check_power(base, exponent, at)
        result = self.sp.Pow(base, exponent)
        if guards.is_undefined(result):
            raise MathError("0 to a negative power is undefined (it would divide by zero).", at)
        self._check_size(result, at)
        return result

    def _check_power(self, base: Any, exponent: Any, at: int) -> None:
        limit = self.limits.max_exponent
        if exponent.free_symbols:
            return  # variable exponents are bounded by the tower-height check at the end
        e_mag = guards.log10_abs(exponent)
        if e_mag is not None and e_mag > math.log10(limit):
            raise ExponentTooLarge(f"That exponent is too large: exponents here can be at most {limit}.", at)
        if base.free_symbols or base == 0 or e_mag is None:
            return
        if not exponent.is_Integer and base.is_Rational and guards.rational_digits(base) > self.limits.max_root_digits:
            raise NumberTooLarge(
                f"Roots and fractional powers are limited to numbers of at most {self.limits.max_root_digits} digits.",
                at,
            )
        b_mag = guards.log10_abs(base)
        if b_mag is None:
            return
        e_val = 10**e_mag
        digits = e_val * abs(b_mag)
        if base.is_Rational:
            digits = max(digits, e_val * guards.rational_digits(base))
        if digits > self.limits.max_result_digits:
            raise ExponentTooLarge(
                f"That power would have about {_digits_text(digits)} digits; the limit is "
                f"{self.limits.max_result_digits}.",
                at,
            )

    def _matrix_power(self, base: Any, exponent: Any, at: int) -> Any:
        if not (exponent.is_Integer):
            raise ShapeError("A matrix can only be raised to a whole-number power (A², A⁻¹).", at)
        if base.rows != base.cols:
            raise ShapeError(f"Only square matrices have powers; this is {shape_text(base)}.", at)
        k = int(exponent)
        if abs(k) > self.limits.max_matrix_power:
            raise ExponentTooLarge(
                f"Matrix powers here can be at most {self.limits.max_matrix_power}.", at
            )
        if k < 0:
            base = self._inverse(base, at)
            k = -k
        mags = [guards.log10_abs(e) for e in base if e != 0]
        if mags and all(m is not None for m in mags):
            growth = max(max(mags), 0) + math.log10(base.rows)  # type: ignore[type-var]
            if k * growth > self.limits.max_result_digits:
                raise ExponentTooLarge(
                    f"That matrix power would have entries of about {_digits_text(k * growth)} "
                    f"digits; the limit is {self.limits.max_result_digits}.",
                    at,
                )
        result = self.sp.ImmutableMatrix(self.sp.eye(base.rows))
        square = base
        while k:
            if k & 1:
                result = self._multiply(result, square, at)
            k >>= 1
            if k:
                square = self._multiply(square, square, at)
        return result

    def _inverse(self, matrix: Any, at: int) -> Any:
        if matrix.rows > _MAX_INVERSE_SIZE:
            raise ShapeError(f"Inverses here are limited to {_MAX_INVERSE_SIZE}×{_MAX_INVERSE_SIZE} matrices.", at)
        try:
            return self.sp.ImmutableMatrix(matrix.inv())
        except ValueError:
            raise MathError("This matrix is not invertible (its determinant is 0).", at) from None

    # -- functions -------------------------------------------------------------------------

    def _eval_Call(self, node: Call) -> Any:  # noqa: N802
        args = [self.value_of(a) for a in node.args]
        kind = self.env.kind(node.func)
        if kind == "function":
            return self._call_author(node, args)
        return self._call_builtin(node, args)

    def _call_builtin(self, node: Call, args: list[Any]) -> Any:
        sp = self.sp
        name = node.func
        for arg, arg_node in zip(args, node.args):
            if is_matrix(arg):
                raise ShapeError(f"{name}(…) takes a number, not {shape_text(arg)}.", arg_node.pos)
        x = args[0]
        at = node.args[0].pos
        if name == "exp":
            self._check_power(sp.E, x, at)
            result = sp.exp(x)
        elif name == "sqrt":
            self._check_power(x, sp.Rational(1, 2), at)
            result = sp.sqrt(x)
        elif name in ("log", "ln"):
            if x.is_zero:
                raise MathError("log(0) is undefined.", at)
            if len(args) == 2:
                base = args[1]
                if base.is_zero or (base - 1).is_zero:
                    raise MathError("A logarithm's base can't be 0 or 1.", node.args[1].pos)
                result = sp.log(x, base)
            else:
                result = sp.log(x)
        elif name == "sin":
            result = sp.sin(x)
        elif name == "cos":
            result = sp.cos(x)
        elif name == "tan":
            result = sp.tan(x)
        elif name == "abs":
            result = sp.Abs(x)
        else:  # pragma: no cover - the parser only creates known calls
            raise SyntaxProblem(f"Unknown function {name}.", node.pos)
        if guards.is_undefined(result):
            raise MathError(f"{name}({_short(x)}) is undefined.", at)
        return result

    def _call_author(self, node: Call, args: list[Any]) -> Any:
        func = self.env.functions[node.func]
        try:
            result = func(*args)
        except ParseError as exc:
            if exc.position is None:
                exc.position = node.pos
            raise
        except TypeError as exc:
            raise SyntaxProblem(f"{node.func}(…) was given the wrong number or kind of arguments ({exc}).", node.pos) from None
        except (ValueError, ArithmeticError) as exc:
            raise MathError(f"{node.func}(…) could not be computed: {exc}", node.pos) from None
        try:
            value = coerce_value(result, node.func)
        except TypeError as exc:
            raise MathError(str(exc), node.pos) from None
        self._check_size(value, node.pos)
        return value

    # -- matrices --------------------------------------------------------------------------

    def _eval_Transpose(self, node: Transpose) -> Any:  # noqa: N802
        value = self.value_of(node.operand)
        return value.T if is_matrix(value) else value

    def _eval_Index(self, node: Index) -> Any:  # noqa: N802
        target = self.value_of(node.target)
        if not is_matrix(target):
            # "2[1, 2]" is a number times a vector, not indexing.
            return self._multiply(target, self.value_of(node.bracket), node.bracket.pos)
        entries = [e for row in node.bracket.rows for e in row]
        if len(node.bracket.rows) != 1 or not 1 <= len(entries) <= 2:
            raise SyntaxProblem("Index with one or two numbers, like v[2] or A[1, 2].", node.bracket.pos)
        indices = []
        for entry in entries:
            value = self.value_of(entry)
            if is_matrix(value) or not value.is_Integer:
                raise SyntaxProblem("An index must be a whole number, counting from 1.", entry.pos)
            indices.append(int(value))
        rows, cols = target.shape
        if len(indices) == 1:
            if cols != 1 and rows != 1:
                raise ShapeError(f"This is {shape_text(target)}: give a row and a column, like A[1, 2].", node.bracket.pos)
            i = indices[0]
            length = max(rows, cols)
            if not 1 <= i <= length:
                raise ShapeError(f"Index {i} is out of range: the vector has {length} entries (counting from 1).", entries[0].pos)
            return target[i - 1] if cols == 1 else target[0, i - 1]
        i, j = indices
        if not 1 <= i <= rows:
            raise ShapeError(f"Row {i} is out of range: there {'is' if rows == 1 else 'are'} {rows} row{'s' if rows != 1 else ''} (counting from 1).", entries[0].pos)
        if not 1 <= j <= cols:
            raise ShapeError(f"Column {j} is out of range: there {'is' if cols == 1 else 'are'} {cols} column{'s' if cols != 1 else ''} (counting from 1).", entries[1].pos)
        return target[i - 1, j - 1]

    def _eval_MatrixLit(self, node: MatrixLit) -> Any:  # noqa: N802
        entries = [e for row in node.rows for e in row]
        literal_rows = [e for e in entries if isinstance(e, MatrixLit)]
        if literal_rows:
            # [[1, 2], [3, 4]] (or rows on separate lines): each inner literal is one row.
            if len(literal_rows) != len(entries) or not (len(node.rows) == 1 or all(len(r) == 1 for r in node.rows)):
                raise ShapeError("Write either rows in brackets, [[1, 2], [3, 4]], or plain entries, [1, 2; 3, 4] — not a mix.", node.pos)
            rows: list[list[Any]] = []
            for lit in literal_rows:
                if len(lit.rows) != 1 or any(isinstance(e, MatrixLit) for e in lit.rows[0]):
                    raise ShapeError("Each row of a matrix must be a flat list of numbers, like [1, 2].", lit.pos)
                rows.append([self._entry(e) for e in lit.rows[0]])
            return self._build_matrix(rows, [lit.pos for lit in literal_rows])
        rows = [[self._entry(e) for e in row] for row in node.rows]
        if len(rows) == 1:
            return self.sp.ImmutableMatrix(rows[0])  # a column vector
        return self._build_matrix(rows, [row[0].pos for row in node.rows])

    def _entry(self, node: Node) -> Any:
        value = self.value_of(node)
        if is_matrix(value):
            raise ShapeError(f"A matrix entry must be a number, but this is {shape_text(value)}.", node.pos)
        return value

    def _build_matrix(self, rows: list[list[Any]], positions: list[int]) -> Any:
        width = len(rows[0])
        self._check_entries(len(rows) * width, positions[0])
        for number, (row, at) in enumerate(zip(rows, positions), start=1):
            if len(row) != width:
                raise ShapeError(
                    f"Row {number} has {len(row)} entr{'y' if len(row) == 1 else 'ies'} but row 1 has "
                    f"{width}: every row needs the same number of entries.",
                    at,
                )
        return self.sp.ImmutableMatrix(rows)

    # -- size checks -----------------------------------------------------------------------

    def _check_entries(self, count: int, at: int | None) -> None:
        if count > self.limits.max_matrix_entries:
            raise ShapeError(
                f"That would be a matrix with {count} entries; the limit is {self.limits.max_matrix_entries}.", at
            )

    def _check_size(self, value: Any, at: int | None) -> None:
        entries = list(value) if is_matrix(value) else [value]
        if is_matrix(value):
            self._check_entries(len(entries), at)
        for entry in entries:
            if entry.is_Rational and guards.rational_digits(entry) > self.limits.max_result_digits:
                raise NumberTooLarge(
                    f"That number would have more than {self.limits.max_result_digits} digits.", at
                )
        if is_matrix(value) and guards.count_nodes(value, self.limits.max_expression_size) > self.limits.max_expression_size:
            raise NumberTooLarge("That result is too large an expression to work with.", at)

    def _check_final(self, value: Any, at: int) -> None:
        sp = self.sp
        limits = self.limits
        self._check_size(value, None)
        if guards.count_nodes(value, limits.max_expression_size) > limits.max_expression_size:
            raise NumberTooLarge("That answer is too large an expression to work with.", None)
        entries = list(value) if is_matrix(value) else [value]
        for entry in entries:
            for atom in entry.atoms(sp.Rational):
                if guards.rational_digits(atom) > limits.max_result_digits:
                    raise NumberTooLarge(f"That answer contains a number with more than {limits.max_result_digits} digits.", None)
        if any(e.free_symbols for e in entries) and guards.tower_height(value) > limits.max_tower:
            raise ExponentTooLarge(
                f"Powers with a variable exponent are stacked more than {limits.max_tower} high.", None
            )
        if guards.is_undefined(value):
            raise MathError("This value is undefined (it involves division by zero or infinity).", None)


def _digits_text(digits: float) -> str:
    if digits > 1e15:
        return "an astronomical number of"
    return f"{digits:,.0f}"


def _short(value: Any) -> str:
    from linalg_tutor.mathtext.fmt import fmt

    try:
        text = fmt(value)
    except Exception:  # noqa: BLE001 - only used inside an error message
        return "…"
    return text if len(text) <= 30 else text[:27] + "…"
