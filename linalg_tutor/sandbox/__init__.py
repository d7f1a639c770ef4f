"""Run a learner's Python function against test cases, in a limited separate process.

Pure core: no Textual, nothing imported at start-up beyond the standard library.

Typical use (from a worker thread: a run blocks for up to ``Limits.wall`` seconds)::

    from linalg_tutor.sandbox import Case, run_tests, status

    report = run_tests(source, "matmul", [Case(args=[[[1]], [[2]]], expect=[[2]])])
    report.passed, report.total, report.message
    status()   # the isolation in force on this machine, one line

See ``docs/SANDBOX.md`` for what the sandbox protects against and what it does not.
"""

from linalg_tutor.sandbox.compare import CODE_DEFAULT_TOLERANCE, mismatch
from linalg_tutor.sandbox.probe import Isolation, isolation, status
from linalg_tutor.sandbox.models import DEFAULT, Case, CaseResult, Limits, RunReport, show
from linalg_tutor.sandbox.runner import run_tests
from linalg_tutor.sandbox.text import format_report, report_lines
from linalg_tutor.sandbox.spec import cases_from_answer, check_answer, run_answer

__all__ = [
    "CODE_DEFAULT_TOLERANCE",
    "DEFAULT",
    "Case",
    "CaseResult",
    "Isolation",
    "Limits",
    "cases_from_answer",
    "check_answer",
    "format_report",
    "RunReport",
    "isolation",
    "mismatch",
    "report_lines",
    "run_answer",
    "run_tests",
    "show",
    "status",
]
