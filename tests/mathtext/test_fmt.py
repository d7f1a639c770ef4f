"""Unicode formatting: huge and tiny values, exact decimals, |x|, minus signs, brackets, widths."""

from __future__ import annotations

import random
import re
import sys
from fractions import Fraction

import pytest
import sympy
from rich.cells import cell_len
from sympy import Abs, Float, I, Integer, Rational, Symbol, exp, pi, sqrt

from linalg_tutor.mathtext import fmt as fmt_module
from linalg_tutor.mathtext.fmt import (approx, digit_count, exact_int_str, fmt, fmt_approx, format_float,
                                    grid_lines, lead, matrix_lines, paren, root_of, squared, starts_negative, sup,
                                    term)

x, y = Symbol("x"), Symbol("y")

_SUPER_DIGITS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻−", "0123456789--")


def _as_fraction(text: str) -> Fraction:
    """The number a decimal written by fmt stands for (``-1.5×10⁻²¹`` included)."""
    text = text.replace("−", "-")
    if "×10" in text:
        mantissa, exponent = text.split("×10")
        return Fraction(mantissa) * Fraction(10) ** int(exponent.translate(_SUPER_DIGITS))
    return Fraction(text)


# ---- 1. decimals of huge and tiny values -------------------------------------------------------


@pytest.mark.parametrize("value, decimal", [
    (exp(1000), "1.9701×10⁴³⁴"),
    (exp(-1000), "5.076×10⁻⁴³⁵"),
    (Integer(10) ** 400 / 3, "3.3333×10³⁹⁹"),
    (-Integer(10) ** 400 / 7, "−1.4286×10³⁹⁹"),
    (Integer(10) ** 400 + sqrt(2), "1×10⁴⁰⁰"),
    (pi * 10 ** 6, "3.1416×10⁶"),
    (sqrt(2) * I * Integer(10) ** 500, "1.4142×10⁵⁰⁰i"),
])
def test_decimal_of_huge_and_tiny_values_is_never_inf_or_zero(value, decimal):
    assert approx(value) == decimal
    assert fmt_approx(value).endswith(f" ≈ {decimal}")


def test_floats_beyond_double_range_print_in_scientific_notation():
    assert fmt(Float("1e500")) == "1×10⁵⁰⁰"
    assert fmt(Float("-2.5e-400")) == "−2.5×10⁻⁴⁰⁰"
    assert fmt(Float(1e300) * Float(1e300)) == "1×10⁶⁰⁰"


def test_format_float_keeps_its_g_style():
    assert [format_float(v) for v in (1.41421356, 1234.5, 123456.0, 1e-5, 0.0001, -2.5, 0.0, -0.0)] == [
        "1.4142", "1234.5", "1.2346×10⁵", "1×10⁻⁵", "0.0001", "−2.5", "0", "0"]
    assert format_float(9.999996) == "10"
    assert format_float(float("inf")) == "∞"
    assert format_float(float("nan")) == "nan"
    assert format_float(2 / 3, 3) == "0.667"


def test_a_disguised_zero_is_shown_as_zero_not_as_noise():
    assert approx(sympy.cos(1) ** 2 + sympy.sin(1) ** 2 - 1) == "0"


# ---- 2. integers beyond Python's int→str limit ------------------------------------------------


def test_huge_integers_are_abbreviated_with_their_digit_count():
    assert fmt(Integer(10) ** 5000) == "100000…000 (5,001 digits)"
    assert fmt(10 ** 5000 + 123) == "100000…123 (5,001 digits)"
    big = -(Integer(7) ** 6000)
    text = fmt(big)
    assert re.fullmatch(r"−387471…001 \(5,071 digits\)", text), text
    assert fmt(Rational(Integer(10) ** 5000 + 1, 3)) == "100000…001 (5,001 digits)/3"
    assert "(5,001 digits)" in fmt(x + Integer(10) ** 5000)
    assert approx(Integer(10) ** 5000) is None  # an integer is plain: no decimal beside it
    assert fmt_approx(Rational(1, Integer(3) ** 9000)) == "1/123393…001 (4,295 digits) ≈ 8.1042×10⁻⁴²⁹⁵"


def test_long_but_readable_integers_are_printed_in_full():
    n = 10 ** 999 - 1
    assert fmt(Integer(n)) == "9" * 999
    assert "digits" in fmt(Integer(10 ** 1000))


def test_abbreviation_follows_a_lowered_interpreter_limit():
    old = sys.get_int_max_str_digits()
    sys.set_int_max_str_digits(640)
    try:
        assert fmt(Integer(10) ** 700) == "100000…000 (701 digits)"
        assert fmt(Integer(10) ** 600) == "1" + "0" * 600
    finally:
        sys.set_int_max_str_digits(old)


def test_digit_count_and_exact_digits_at_the_boundaries():
    for k in (1, 2, 15, 16, 17, 300, 4300, 4301, 9000):
        assert digit_count(10 ** k - 1) == k
        assert digit_count(10 ** k) == k + 1
        assert digit_count(-(10 ** k)) == k + 1
    n = -(3 ** 20000)
    old = sys.get_int_max_str_digits()
    sys.set_int_max_str_digits(0)
    try:
        assert exact_int_str(n) == str(n)
    finally:
        sys.set_int_max_str_digits(old)
    assert len(exact_int_str(n)) == digit_count(n) + 1
    assert exact_int_str(10 ** 4400) == "1" + "0" * 4400


# ---- 3. exact decimals decided by the denominator ----------------------------------------------


@pytest.mark.parametrize("value, shown", [
    (Rational(11, 5), "11/5 = 2.2"),
    (Rational(-11, 5), "−11/5 = −2.2"),
    (Rational(1, 1024), "1/1024 = 0.0009765625"),
    (Rational(1, 20000), "1/20000 = 5×10⁻⁵"),
    (Rational(1, 2 * 10 ** 20), "1/200000000000000000000 = 5×10⁻²¹"),
    (Rational(999999999999, 1000), "999999999999/1000 = 999999999.999"),
    (Rational(1, 3), "1/3 ≈ 0.33333"),
    (Rational(1234567890123, 1000), "1234567890123/1000 ≈ 1.2346×10⁹"),
    (Rational(1, 2 ** 26), "1/67108864 ≈ 1.4901×10⁻⁸"),
    # Float(v, 30) printed this as "= 500000000000000000000000000001": wrong digit, and "=".
    (Rational(10 ** 30 + 1, 2), "1000000000000000000000000000001/2 ≈ 5×10²⁹"),
    (Rational(10 ** 40 + 1, 4), "10000000000000000000000000000000000000001/4 ≈ 2.5×10³⁹"),
])
def test_decimal_of_a_fraction(value, shown):
    assert fmt_approx(value) == shown


def test_exact_decimals_are_exact_and_rounded_ones_are_close():
    rng = random.Random(7)
    for _ in range(300):
        q = 2 ** rng.randint(0, 45) * 5 ** rng.randint(0, 25) * rng.choice([1, 1, 1, 3, 7])
        p = rng.randint(-10 ** rng.randint(1, 20), 10 ** rng.randint(1, 20))
        value = Rational(p, q)
        if value.is_Integer:
            continue
        text = fmt_approx(value)
        exact, sign, decimal = text.rsplit(" ", 2)
        assert exact == fmt(value)
        terminating = all(f in (2, 5) for f in sympy.factorint(value.q))
        if sign == "=":
            assert terminating and _as_fraction(decimal) == Fraction(p, q), text
        else:
            assert sign == "≈", text
            assert abs(_as_fraction(decimal) - Fraction(p, q)) <= abs(Fraction(p, q)) * Fraction(1, 10 ** 4), text
            if terminating:  # only long terminating decimals are rounded
                digits = len(str(abs(p) * 10 ** 60 // q).rstrip("0").lstrip("0"))
                assert digits > fmt_module.EXACT_DECIMAL_DIGITS, text


# ---- 4. |x| and the minus sign -----------------------------------------------------------------


def test_abs_prints_as_bars():
    assert fmt(Abs(x)) == "|x|"
    assert fmt(Abs(x - 1)) == "|x − 1|"
    assert fmt(2 * Abs(x)) == "2·|x|"
    assert fmt(Abs(x) ** 2) in ("|x|²", "x²")  # SymPy may simplify |x|² for real x


def test_negative_exponents_are_superscripts():
    assert fmt(x ** -2) == "x⁻²"
    assert fmt(1 / x) == "1/x"
    assert sup(-3) == "⁻³" and sup("−3") == "⁻³"


_SIGNED_VALUES = [Integer(-3), Rational(-1, 2), x - 1, -x / 2, -sqrt(2), 1 - sqrt(3) * I, -x * y,
                  sympy.Matrix([[-1, 2], [3, -x]]), Float(-2.5), -sympy.oo, Rational(-1, 3) * pi,
                  -exp(1000), Integer(-10) ** 5001]


def test_fmt_writes_every_minus_sign_as_the_unicode_minus():
    assert fmt_module.NEGATIVE_SIGN == "−"
    for value in _SIGNED_VALUES:
        text = fmt_approx(value)
        assert "−" in text and "-" not in text, text
    assert fmt(x - 1) == "x − 1"
    assert fmt_approx(-sqrt(2)) == "−√2 ≈ −1.4142"
    assert fmt_approx(Rational(-11, 5)) == "−11/5 = −2.2"
    assert fmt(-3) == "−3" and format_float(-0.5) == "−0.5"
    assert approx(exp(-1000)) == "5.076×10⁻⁴³⁵"
    assert paren(-3) == "(−3)" and squared(-4) == "(−4)²" and root_of(-3) == "√(−3)"
    assert fmt(Symbol("a-b") - 1) == "a-b − 1"  # a hyphen in a name is not a minus
    assert term(-3) == "(−3)" and lead(-3) == "−3" and lead(x + 1) == "(x + 1)"


def test_ascii_minus_switch_changes_every_sign_at_once(monkeypatch):
    monkeypatch.setattr(fmt_module, "NEGATIVE_SIGN", "-")
    for value in _SIGNED_VALUES:
        text = fmt_approx(value)
        assert "-" in text and "−" not in text, text
    assert fmt(Integer(-3)) == "-3" and fmt(Rational(-1, 2)) == "-1/2" and paren(-3) == "(-3)"
    assert starts_negative("-3") and starts_negative("−3") and not starts_negative("3 − 1")


def test_sympy_integers_and_fractions_print_like_the_printer():
    for value in (Integer(-7), Rational(-22, 7), Integer(10) ** 5000, -Integer(10) ** 5000 / 3):
        assert fmt(value) == fmt_module._signed(fmt_module._get_printer().doprint(value))


# ---- 5. operands of products, squares and roots ------------------------------------------------


@pytest.mark.parametrize("value, shown", [
    (Integer(3), "3"), (Integer(-3), "(−3)"), (Rational(1, 2), "(1/2)"), (Rational(-1, 2), "(−1/2)"),
    (x + 1, "(x + 1)"), (sqrt(2) / 2, "(√2/2)"), (2 * x, "2·x"), (x ** 2, "x²"), (sqrt(2), "√2"),
    (2 * sqrt(x + 1), "2√(x + 1)"), (Abs(x - 1), "|x − 1|"), (Float(1.5e7), "(1.5×10⁷)"), (1 + 2 * I, "(1 + 2i)"),
])
def test_paren_brackets_what_a_product_could_misread(value, shown):
    assert paren(value) == shown


@pytest.mark.parametrize("value, shown", [
    (Rational(5, 3), "5/3"), (Integer(-3), "(−3)"), (x + 1, "(x + 1)"), (sqrt(2) / 2, "√2/2"), (2 * x, "2·x"),
])
def test_term_brackets_only_what_a_sum_could_misread(value, shown):
    assert term(value) == shown


def test_a_product_with_a_fraction_reads_unambiguously():
    assert f"{paren(Rational(1, 2))}·{paren(3)}" == "(1/2)·3"
    assert f"{paren(Rational(-1, 2))}·{paren(x)}" == "(−1/2)·x"


@pytest.mark.parametrize("value, shown", [
    (Integer(3), "3²"), (x, "x²"), (Symbol("λ"), "λ²"), (Symbol("x₁"), "x₁²"), (Symbol("x̂"), "x̂²"),
    (Integer(-4), "(−4)²"), (Rational(1, 2), "(1/2)²"), (sqrt(2), "(√2)²"), (2 * I, "(2i)²"),
    (x + 1, "(x + 1)²"), (x ** 2, "(x²)²"), (Abs(x), "|x|²"), (Float(2.5), "2.5²"), (2 * x, "(2·x)²"),
])
def test_squared(value, shown):
    assert squared(value) == shown


@pytest.mark.parametrize("value, shown", [
    (Integer(5), "√5"), (x, "√x"), (Rational(9, 5), "√(9/5)"), (Integer(-3), "√(−3)"),
    (3 + sqrt(5), "√(√5 + 3)"), (2 * x, "√(2·x)"), (Abs(x), "√|x|"),
])
def test_root_of(value, shown):
    assert root_of(value) == shown


# ---- 6. display width in grids -----------------------------------------------------------------


def test_grid_columns_align_by_terminal_width():
    cells = [["x̂", "1"], ["中文", "-1/2"], ["λ₁", "x̂ᵀ"]]
    lines = grid_lines(cells)
    assert len({cell_len(line) for line in lines}) == 1, lines
    assert lines[0] == "⎡    x̂     1 ⎤"


def test_matrix_lines_with_huge_and_symbolic_entries():
    lines = matrix_lines(sympy.Matrix([[Integer(10) ** 5000, Symbol("x̂")], [-1, Rational(1, 2)]]))
    assert len({cell_len(line) for line in lines}) == 1, lines
    assert "(5,001 digits)" in lines[0]
