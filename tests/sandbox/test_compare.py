"""Comparing returned values with expected ones (no child process needed)."""

from __future__ import annotations

from linalg_tutor.sandbox import mismatch, show
from linalg_tutor.sandbox.compare import exception_matches


def test_lists_match_item_by_item_within_tolerance():
    assert mismatch([[19, 22], [43, 50]], [[19, 22], [43, 50]]) is None
    assert mismatch([[19.0, 22.0000000000001]], [[19, 22]]) is None
    assert mismatch([[19, 23]], [[19, 22]]) == "23 ≠ 22 at [0][1]"
    assert mismatch([[19]], [[19, 22]]) == "expected 2 items at [0], got 1"
    assert mismatch(None, [[1]]) == "expected a list, got None"
    assert mismatch({"__repr__": "<gen>", "__type__": "generator"}, [1]) == "expected a list, got a generator"


def test_tolerances():
    assert mismatch(0.30000000000000004, 0.3, "exact") == "0.30000000000000004 ≠ 0.3"
    assert mismatch(1.01, 1.0, "rel:0.02") is None
    assert mismatch(1.03, 1.0, "rel:0.02") is not None
    assert mismatch(3.14, 3.14159, "dp:2") is None
    assert mismatch(3.13, 3.14159, "dp:2") is not None
    assert mismatch(0.0, 1e-12) is None


def test_numbers_strings_and_bools_are_not_mixed_up():
    assert mismatch(True, 1) == "expected a number, got bool"
    assert mismatch("19", 19) == "expected a number, got str"
    assert mismatch(float("nan"), float("nan")) is None
    assert mismatch(10 ** 400, 1.0) is not None


def test_exception_subclasses_count():
    assert exception_matches(["ShapeError", "ValueError", "Exception"], "ValueError")
    assert not exception_matches(["TypeError", "Exception"], "ValueError")


def test_show_is_compact():
    assert show([[1, 2], [3.5, -0.25]]) == "[[1, 2], [3.5, -0.25]]"
    assert show(1 / 3) == "0.3333333333"
    assert show(list(range(1000)), limit=20).endswith("…")


def test_complex_numbers_written_as_text():
    assert mismatch(complex(1, 2), "1+2j") is None
    assert mismatch(complex(1, 2.0000000001), "1+2j", "abs:1e-6") is None
    assert mismatch(complex(1, -2), "1+2j") == "1-2j ≠ 1+2j"
    assert mismatch(complex(5, 0), 5.0) == "expected a real number, got the complex 5+0j"
    assert mismatch("1+2j", "1+2j") == "expected a complex number, got str"
    assert show([complex(0, 1), complex(2, -2)]) == "[1j, 2-2j]"
