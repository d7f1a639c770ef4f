"""Running a property test's many random cases: how many, and in how many processes.

Every property test is written for its full count: at least 1,000 cases per operation across
its tests. ``STEPS_PROPERTY_SCALE`` multiplies those counts. The default, 0.25, keeps the whole
suite within a few minutes on a 2-core machine (CI has a hard time limit); the full run is

    STEPS_PROPERTY_SCALE=1 .venv/bin/python -m pytest tests/steps

which takes several minutes more and is worth running after any change to ``linalg_tutor/steps``.

Under pytest-xdist (the README's test command) each test already has a CPU to itself, so cases
run in-process. Run with ``-n0`` (``pytest -n0 tests/steps/test_eigen.py``), a test spreads its
cases over worker processes, one per CPU; ``STEPS_WORKERS=1`` forces in-process. Cases are
generated in the parent from a fixed seed, so a run is reproducible whatever the worker count.
"""

from __future__ import annotations

import multiprocessing
import os
from typing import Any, Callable

DEFAULT_SCALE = 0.25
SCALE = float(os.environ.get("STEPS_PROPERTY_SCALE") or DEFAULT_SCALE)


def _workers() -> int:
    if os.environ.get("STEPS_WORKERS"):
        return max(1, int(os.environ["STEPS_WORKERS"]))
    if os.environ.get("PYTEST_XDIST_WORKER"):
        return 1
    return min(4, os.cpu_count() or 1)


WORKERS = _workers()


def n_cases(n: int) -> int:
    """``n`` scaled by ``STEPS_PROPERTY_SCALE``, never below one."""
    return max(1, int(n * SCALE))


def _call(job: tuple[Callable[..., Any], tuple]) -> str | None:
    check, case = job
    try:
        check(*case)
    except Exception as exc:  # noqa: BLE001 - reported back with the failing case
        return f"{check.__name__}{case!r}: {type(exc).__name__}: {exc}"
    return None


def run_cases(check: Callable[..., Any], cases: list[tuple]) -> None:
    """Run ``check(*case)`` for every case; fail naming the first failing case, if any."""
    jobs = [(check, case) for case in cases]
    if WORKERS <= 1 or len(jobs) < 40 or "fork" not in multiprocessing.get_all_start_methods():
        failures = [m for m in map(_call, jobs) if m]
    else:
        with multiprocessing.get_context("fork").Pool(WORKERS) as pool:
            failures = [m for m in pool.imap(_call, jobs, chunksize=8) if m]
    assert not failures, f"{len(failures)} of {len(jobs)} cases failed; first: {failures[0]}"
