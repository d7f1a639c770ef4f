"""From a Build exercise's ``answer:`` mapping to test cases, and the check ``validate`` needs.

The fields read (proposed for the ``code`` answer kind)::

    answer:
      kind: code
      function: matmul
      starter: |          # what the editor opens with
      solution: |         # the reference solution; validate runs it against every test
      tolerance: abs:1e-9 # numbers: exact | abs:X | rel:X | dp:N (default abs:1e-9)
      tests:              # shown to the learner before running
        - args: [[[1, 2], [3, 4]], [[5, 6], [7, 8]]]
          expect: [[19, 22], [43, 50]]
      hidden_tests:       # shown only once run (edge cases)
        - args: [[[7]], [[6]]]
          expect: [[42]]
        - args: [[[1, 2]], [[1, 2]]]
          raises: ValueError          # the call must raise this (or a subclass)
        - args: [[[0.1, 0.2]], [[1], [1]]]
          expect: [[0.3]]
          tolerance: rel:1e-12        # one case may override the tolerance

A complex number is written as text that ``complex()`` reads: ``"1-2j"``.
"""

from __future__ import annotations

from typing import Any, Mapping, Sequence

from linalg_tutor.sandbox.models import Case, Limits, RunReport
from linalg_tutor.sandbox.runner import run_tests

#: Limits for running an author's reference solution (more generous than for learners).
VALIDATE_LIMITS = Limits(wall=20.0, cpu=15)


def _case(raw: Mapping[str, Any], hidden: bool) -> Case:
    return Case(args=list(raw.get("args", [])), expect=raw.get("expect"), raises=raw.get("raises"),
                hidden=hidden, tolerance=raw.get("tolerance"))


def cases_from_answer(answer: Mapping[str, Any]) -> list[Case]:
    """The shown ``tests`` then the ``hidden_tests`` of a Build exercise."""
    return ([_case(t, False) for t in answer.get("tests") or []]
            + [_case(t, True) for t in answer.get("hidden_tests") or []])


def run_answer(answer: Mapping[str, Any], source: str, *, limits: Limits | None = None) -> RunReport:
    """Run ``source`` against every test of the exercise, with its tolerance."""
    return run_tests(source, answer["function"], cases_from_answer(answer),
                     limits=limits or Limits(), tolerance=answer.get("tolerance"))


def check_answer(answer: Mapping[str, Any], *, limits: Limits = VALIDATE_LIMITS) -> list[str]:
    """Problems with a Build exercise for ``validate``: the reference solution must pass every
    test, and the starter code must not (else the exercise is solved before it starts)."""
    problems: list[str] = []
    cases: Sequence[Case] = cases_from_answer(answer)
    if not cases:
        return ["has no tests"]
    report = run_answer(answer, answer.get("solution") or "", limits=limits)
    if report.error == "unsafe":
        return []  # cannot run code on this machine: nothing to say about the exercise
    if report.error:
        problems.append(f"the reference solution does not run: {report.message}")
    else:
        for result in report.cases:
            if not result.passed:
                kind = "hidden test" if result.case.hidden else "test"
                problems.append(f"the reference solution fails {kind} {result.index + 1} "
                                f"({result.input_text}): {result.error}")
    starter = answer.get("starter")
    if starter:
        report = run_answer(answer, starter, limits=limits)
        if report.all_passed:
            problems.append("the starter code already passes every test")
    return problems
