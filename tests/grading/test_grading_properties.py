"""Property tests: whatever is typed, parse raises only ParseError and preview never raises."""

from __future__ import annotations

import sympy as sp
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from linalg_tutor.grading import ParseError, parse, preview

NAMES = {"A": sp.Matrix([[1, 2], [3, 4]]), "v": sp.Matrix([1, 2])}
# Characters and fragments that reach deep into the grammar, not just the error paths.
MATHY = st.lists(
    st.sampled_from(
        list("0123456789+-*/^()[],;. \neixπ√²³⁻ᵀ×·−Av") + ["sqrt(", "sin(", "log(", "exp(", "**", "^T", "e-", "abs("]
    ),
    max_size=40,
).map("".join)
FAST = settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _only_parse_errors(text: str) -> None:
    try:
        parsed = parse(text, names=NAMES, symbols=("x",))
    except ParseError as exc:
        assert str(exc)
    else:
        assert isinstance(parsed.interpreted_as, str)
        assert parsed.kind in ("scalar", "vector", "matrix")


@FAST
@given(st.text(max_size=200))
def test_parse_raises_only_parse_errors(text):
    _only_parse_errors(text)


@FAST
@given(MATHY)
def test_parse_raises_only_parse_errors_on_mathy_text(text):
    _only_parse_errors(text)


@FAST
@given(st.text(max_size=200))
def test_preview_never_raises(text):
    assert isinstance(preview(text, names=NAMES, symbols=("x",)), str)


@FAST
@given(MATHY)
def test_preview_never_raises_on_mathy_text(text):
    assert isinstance(preview(text, names=NAMES), str)


@settings(max_examples=100, deadline=None)
@given(st.integers(-10**12, 10**12), st.integers(1, 10**6))
def test_fractions_read_exactly(p, q):
    assert parse(f"{p}/{q}").value == sp.Rational(p, q)


@settings(max_examples=100, deadline=None)
@given(st.decimals(min_value=-10**6, max_value=10**6, places=6, allow_nan=False, allow_infinity=False))
def test_decimals_read_exactly(d):
    text = format(d, "f")
    assert parse(text).value == sp.Rational(text)
