"""What a sandboxed run costs beyond the learner's own code.

For a trivial function (``def f(): return 1``, one test case), times the whole
:func:`linalg_tutor.sandbox.run_tests` call: temporary folder, user switch, namespaces,
interpreter start-up, limits, audit hook, job and result pipes, clean-up. The learner's own
code takes microseconds here, so the total is the overhead. Reported as the median of several
runs, after one warm-up run that also pays for the one-off isolation probe (shown separately).
For scale, the same is shown for a bare ``python -I -S -c pass`` and for a run whose code
imports NumPy (that import is the learner's own cost: the harness never imports NumPy).

    .venv/bin/python benchmarks/sandbox_start.py [--runs 20]

Goal: the median overhead under 100 ms. A benchmark, not a test: timings depend on the machine
and its load.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time

GOAL_MS = 100.0


def median_ms(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()

    started = time.perf_counter()
    from linalg_tutor.sandbox import Case, isolation, run_tests

    iso = isolation()
    probe_ms = (time.perf_counter() - started) * 1000
    print(f"isolation: {iso.summary()}")
    print(f"one-off probe (first run only):   {probe_ms:7.1f} ms")

    trivial = "def f():\n    return 1\n"
    cases = [Case([], 1)]
    report = run_tests(trivial, "f", cases)
    assert report.all_passed, report.message

    bare = median_ms(lambda: subprocess.run([iso.python or sys.executable, "-I", "-S", "-c", "pass"],
                                            check=True), args.runs)
    overhead = median_ms(lambda: run_tests(trivial, "f", cases), args.runs)
    with_numpy = median_ms(lambda: run_tests("import numpy\n" + trivial, "f", cases), max(5, args.runs // 4))
    print(f"bare python -I -S -c pass:        {bare:7.1f} ms (median of {args.runs})")
    print(f"sandboxed run, trivial function:  {overhead:7.1f} ms (median of {args.runs})  <- overhead")
    print(f"same, code imports NumPy:         {with_numpy:7.1f} ms (the import is the learner's cost)")
    verdict = "OK" if overhead < GOAL_MS else "OVER"
    print(f"goal: overhead < {GOAL_MS:.0f} ms: {verdict}")
    return 0 if overhead < GOAL_MS else 1


if __name__ == "__main__":
    sys.exit(main())
