"""Benchmark: the step-by-step inverse of a 4×4 rational matrix must feel instant.

Gauss–Jordan on [A | I] with fractions is the heaviest everyday derivation in the scratchpad
(every row operation copies and displays an 4×8 matrix of fractions), so it sets the bar: the
derivation plus its text rendering should take under 0.2 s on the reference 2-core machine.

Run: ``PYTHONPATH=. .venv/bin/python benchmarks/steps_inverse.py``. Exit status 1 on a fail,
so it can gate a CI job, but it is a benchmark, not a test.
"""

from __future__ import annotations

import statistics
import sys
import time

import sympy
from sympy import Rational as R
from sympy.core.cache import clear_cache as clear_sympy_cache

from linalg_tutor.steps import registry

BUDGET_SECONDS = 0.2
RUNS = 7

#: Invertible, needs a row swap (zero first pivot) and produces fractions throughout.
MATRIX = sympy.Matrix([
    [0, R(1, 2), 2, R(-3, 4)],
    [R(2, 3), -1, R(1, 3), 4],
    [3, R(5, 2), -2, R(1, 2)],
    [R(-1, 4), 2, R(3, 2), -1],
])


def one_run() -> tuple[float, float]:
    """Seconds for the derivation alone and for derivation plus its text rendering."""
    start = time.perf_counter()
    derivation = registry.get("inverse").func(MATRIX)
    derived = time.perf_counter()
    derivation.to_text()
    rendered = time.perf_counter()
    assert derivation.verified and derivation.result == MATRIX.inv()
    return derived - start, rendered - start


def medians(clear_cache: bool) -> tuple[float, float]:
    runs = []
    for _ in range(RUNS):
        if clear_cache:
            clear_sympy_cache()
        runs.append(one_run())
    derive, total = zip(*runs)
    return statistics.median(derive), statistics.median(total)


def main() -> int:
    registry.operations()  # load the families and SymPy before timing
    one_run()  # warm up imports and the printer
    print(f"4×4 rational inverse (Gauss–Jordan), median of {RUNS} runs after one warm-up:")
    # SymPy memoises arithmetic, so repeating one matrix is flattering; a learner's new matrix
    # meets an empty cache for its own numbers. The budget is judged on that harder case.
    for label, clear in (("repeated matrix (SymPy cache hot)", False),
                         ("new numbers (SymPy cache cleared)", True)):
        derive, total = medians(clear)
        print(f"  {label}: derivation {derive * 1000:6.1f} ms, with to_text {total * 1000:6.1f} ms")
    ok = total < BUDGET_SECONDS
    print(f"budget {BUDGET_SECONDS * 1000:.0f} ms (cache cleared, with to_text): "
          f"{'PASS' if ok else 'FAIL'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
