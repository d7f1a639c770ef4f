"""The safe parser: every grammar feature, read into exact SymPy values."""

from __future__ import annotations

import pytest
import sympy as sp

from linalg_tutor.grading import ParseError, parse
from linalg_tutor.grading.errors import MathError, ShapeError, SyntaxProblem, UnknownName

x, y = sp.symbols("x y")
A = sp.Matrix([[1, 2], [3, 4]])
B = sp.Matrix([[5, 6], [7, 8]])
NAMES = {"A": A, "B": B, "u": sp.Matrix([1, 2]), "lam": 3}


def value(text: str, **kw):
    return parse(text, **kw).value


# -- numbers -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("42", sp.Integer(42)),
        ("0.5", sp.Rational(1, 2)),
        (".5", sp.Rational(1, 2)),
        ("2.", sp.Integer(2)),
        ("0.1", sp.Rational(1, 10)),
        ("1e-3", sp.Rational(1, 1000)),
        ("2.5E4", sp.Integer(25000)),
        ("1e−3", sp.Rational(1, 1000)),
        ("11/5", sp.Rational(11, 5)),
        ("007", sp.Integer(7)),
    ],
)
def test_numbers_are_exact(text, expected):
    got = value(text)
    assert got == expected
    assert got.is_Rational  # decimals are exact rationals, never floats


def test_decimal_sum_is_exact():
    assert value("0.1 + 0.2") == sp.Rational(3, 10)


# -- operators and precedence ----------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("1 + 2*3", 7),
        ("(1 + 2)*3", 9),
        ("2^3^2", 512),
        ("2**3**2", 512),
        ("-2^2", -4),
        ("(-2)^2", 4),
        ("2^-1", sp.Rational(1, 2)),
        ("2^-1*4", 2),
        ("-2*3", -6),
        ("--2", 2),
        ("+5", 5),
        ("10 - 2 - 3", 5),
        ("2/3/4", sp.Rational(1, 6)),
        ("1−2", -1),
        ("2×3", 6),
        ("2·3", 6),
        ("2⋅3", 6),
        ("6÷4", sp.Rational(3, 2)),
        ("3@4", 12),
        ("1 +\n 2", 3),
    ],
)
def test_arithmetic_and_precedence(text, expected):
    assert value(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("x²", x**2),
        ("2³", 8),
        ("10⁻³", sp.Rational(1, 1000)),
        ("-2²", -4),
        ("2^3²", 512),
        ("x²y", x**2 * y),
    ],
)
def test_superscripts(text, expected):
    assert value(text, symbols=("x", "y")) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("5√2", 5 * sp.sqrt(2)),
        ("2π", 2 * sp.pi),
        ("2pi", 2 * sp.pi),
        ("3(1+2)", 9),
        ("(1+2)(3+4)", 21),
        ("2xy", 2 * x * y),
        ("2x y", 2 * x * y),
        ("x(1+x)", x * (1 + x)),
        ("2sin(x)", 2 * sp.sin(x)),
        ("πx^2", sp.pi * x**2),
        ("1/2x", x / 2),  # implicit products bind like *, left to right
        ("2^3x", 8 * x),
    ],
)
def test_implicit_multiplication(text, expected):
    assert sp.simplify(value(text, symbols=("x", "y")) - expected) == 0


def test_two_numbers_side_by_side_are_an_error():
    with pytest.raises(SyntaxProblem, match="no operator"):
        parse("2 3")


# -- roots, constants, functions ---------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("√2", sp.sqrt(2)),
        ("sqrt(2)", sp.sqrt(2)),
        ("√(2+3)", sp.sqrt(5)),
        ("√2/2", sp.sqrt(2) / 2),
        ("√x²", x),  # (√x)², shown as such in interpreted_as
        ("pi", sp.pi),
        ("π", sp.pi),
        ("e", sp.E),
        ("e^x", sp.exp(x)),
        ("exp(1)", sp.E),
        ("log(e)", 1),
        ("ln(e^2)", 2),
        ("log(8, 2)", 3),
        ("sin(pi/6)", sp.Rational(1, 2)),
        ("cos(0)", 1),
        ("tan(pi/4)", 1),
        ("abs(-3)", 3),
        ("i^2", -1),
        ("1+2i", 1 + 2 * sp.I),
        ("e^(iπ)", -1),
        ("sqrt(-4)", 2 * sp.I),
    ],
)
def test_roots_constants_functions(text, expected):
    assert sp.simplify(value(text, symbols=("x",)) - expected) == 0


def test_function_needs_brackets():
    with pytest.raises(SyntaxProblem, match=r"sin\(x\)"):
        parse("sin x", symbols=("x",))


def test_function_arity_is_checked():
    with pytest.raises(SyntaxProblem, match="takes 1 or 2 arguments"):
        parse("log(1, 2, 3)")


@pytest.mark.parametrize("text", ["1/0", "0^-1", "log(0)", "tan(pi/2)"])
def test_undefined_values(text):
    with pytest.raises(MathError):
        parse(text)


# -- names and symbols ---------------------------------------------------------------------------


def test_names_and_symbols():
    assert value("lam x", names=NAMES, symbols=("x",)) == 3 * x
    assert value("2lam", names=NAMES) == 6
    assert isinstance(value("x", symbols=("x",)), sp.Symbol)


def test_names_override_constants():
    assert value("e + 1", names={"e": 5}) == 6


def test_unknown_name_lists_allowed_names():
    with pytest.raises(UnknownName) as info:
        parse("foo + 1", symbols=("x",))
    err = info.value
    assert err.name == "foo"
    assert err.position == 0
    assert "x" in str(err) and "sqrt" in str(err)


def test_unknown_name_hints():
    with pytest.raises(UnknownName, match=r"sin\(x\)"):
        parse("sinx", symbols=("y",))
    with pytest.raises(UnknownName, match="case-sensitive"):
        parse("PI")


# -- vectors and matrices --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["[[1, 2], [3, 4]]", "[1, 2; 3, 4]", "[1 2; 3 4]", "[1,2;3,4]", "[1 2\n3 4]", "[[1,2],\n [3,4]]",
     "[\n1 2\n3 4\n]", "[[1 2] [3 4]]", "[1, 2\n 3, 4]"],
)
def test_matrix_syntaxes(text):
    parsed = parse(text)
    assert parsed.kind == "matrix"
    assert isinstance(parsed.value, sp.Matrix)
    assert parsed.value == A


@pytest.mark.parametrize("text", ["[1, 2, 3]", "[1 2 3]", "[1; 2; 3]", "[[1], [2], [3]]"])
def test_vector_syntaxes_are_column_vectors(text):
    parsed = parse(text)
    assert parsed.kind == "vector"
    assert parsed.value.shape == (3, 1)
    assert list(parsed.value) == [1, 2, 3]


def test_spaces_separate_entries_only_without_commas():
    assert list(value("[1 -2]")) == [1, -2]
    assert list(value("[1 - 2]")) == [-1]
    assert list(value("[1 -2, 3]")) == [-1, 3]
    assert value("[x 2x; 3 -x]", symbols=("x",)) == sp.Matrix([[x, 2 * x], [3, -x]])


def test_row_vector_literal():
    parsed = parse("[[1, 2, 3]]")
    assert parsed.kind == "matrix" and parsed.value.shape == (1, 3)


@pytest.mark.parametrize(
    "text, row",
    [("[[1, 2], [3]]", "Row 2"), ("[1, 2; 3]", "Row 2"), ("[1 2\n3 4 5]", "Row 2"), ("[1,2;3,4;5]", "Row 3")],
)
def test_ragged_rows_name_the_row(text, row):
    with pytest.raises(ShapeError, match=row):
        parse(text)


@pytest.mark.parametrize("text", ["[]", "[1,,2]", "[,1]", "[1,]", "[1, 2", "[[1,2],3]", "[[[1]]]"])
def test_malformed_brackets(text):
    with pytest.raises(ParseError):
        parse(text)


def test_matrix_entries_must_be_numbers():
    with pytest.raises(ShapeError, match="entry must be a number"):
        parse("[A, 1]", names=NAMES)


# -- matrix algebra, indexing, transpose -------------------------------------------------------


def test_matrix_products_all_spellings():
    for op in ("*", "·", "×", "@", " "):
        assert value(f"A{op}B", names=NAMES) == A * B


def test_scalar_times_matrix_and_sums():
    assert value("2A", names=NAMES) == 2 * A
    assert value("A + B", names=NAMES) == A + B
    assert value("A/2", names=NAMES) == A / 2
    assert value("2[1, 2]") == sp.Matrix([2, 4])


def test_shape_mismatches_are_clear():
    with pytest.raises(ShapeError, match="2×2 matrix and a 2×3 matrix"):
        parse("A + [1,2,3;4,5,6]", names=NAMES)
    with pytest.raises(ShapeError, match="single number"):
        parse("A + 1", names=NAMES)
    with pytest.raises(ShapeError, match="uᵀv"):
        parse("[1,2]*[3,4]")
    with pytest.raises(ShapeError, match="divide by a matrix"):
        parse("2/A", names=NAMES)


def test_indexing_is_one_based():
    assert value("A[1, 2]", names=NAMES) == 2
    assert value("A[2,1]", names=NAMES) == 3
    assert value("u[2]", names=NAMES) == 2
    assert value("(A*B)[1,1]", names=NAMES) == 19
    assert value("[1, 2, 3]ᵀ[[1],[1],[1]]") == 6
    assert value("-A[1,1]", names=NAMES) == -1


@pytest.mark.parametrize("text, match", [("A[3,1]", "Row 3"), ("A[1,0]", "Column 0"), ("u[3]", "Index 3"), ("A[1]", "row and a column")])
def test_index_out_of_range(text, match):
    with pytest.raises(ShapeError, match=match):
        parse(text, names=NAMES)


def test_index_must_be_whole_number():
    with pytest.raises(SyntaxProblem, match="whole number"):
        parse("u[1.5]", names=NAMES)


def test_transpose():
    assert value("Aᵀ", names=NAMES) == A.T
    assert value("A^T", names=NAMES) == A.T
    assert value("A^T^T", names=NAMES) == A
    assert value("[1, 2]ᵀ").shape == (1, 2)
    # T is a value when given, then ^T is a power
    assert value("2^T", names={"T": 3}) == 8


def test_row_times_column_is_a_number():
    parsed = parse("uᵀu", names=NAMES)
    assert parsed.kind == "scalar" and parsed.value == 5


def test_matrix_powers_and_inverse():
    assert value("A^2", names=NAMES) == A**2
    assert value("A²", names=NAMES) == A**2
    assert value("A^-1", names=NAMES) == A.inv()
    assert value("A⁻¹", names=NAMES) == A.inv()
    with pytest.raises(MathError, match="not invertible"):
        parse("[1, 2; 2, 4]^-1")
    with pytest.raises(ShapeError, match="whole-number"):
        parse("A^0.5", names=NAMES)
    with pytest.raises(ShapeError, match="square"):
        parse("[1,2,3;4,5,6]^2")


# -- interpreted_as ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, shown",
    [
        ("11/5", "11/5 = 2.2"),
        ("5√2", "5√2 ≈ 7.0711"),
        ("2^3^2", "2^(3^2) = 512"),
        ("-2^2", "-(2^2) = -4"),
        ("1/2x", "(1/2)x = x/2"),
        ("[1,2]", "vector [1, 2]"),
        ("[[1,2],[3,4]]", "2×2 matrix [[1, 2], [3, 4]]"),
        ("[1 2; 3 4]", "2×2 matrix [[1, 2], [3, 4]]"),
        ("0.5", "0.5"),
        ("1.414", "1.414"),
        ("0.1+0.2", "0.1 + 0.2 = 0.3"),
        ("1/3", "1/3 ≈ 0.33333"),
        ("2π", "2π ≈ 6.2832"),
        ("sqrt(2)", "√2 ≈ 1.4142"),
        ("42", "42"),
        ("10^100", "10^100 ≈ 1×10¹⁰⁰"),
        ("exp(1000)", "exp(1000) ≈ 1.9701×10⁴³⁴"),
    ],
)
def test_interpreted_as(text, shown):
    assert parse(text, symbols=("x",)).interpreted_as == shown


def test_interpreted_as_with_names():
    assert parse("A*B", names=NAMES).interpreted_as == "A·B = 2×2 matrix [[19, 22], [43, 50]]"


def test_parsed_records_decimal_flag_and_structure():
    parsed = parse("0.5 + 1")
    assert parsed.typed_decimal and parsed.value == sp.Rational(3, 2)
    assert parse("2^3^2").structure == "2^(3^2)"
