"""A run report as lines of text, each with a style name: one source for the TUI and the CLI.

Styles are Rich style strings (``"bold green"``, ``"dim"`` …) or ``""``; a front end without
colour ignores them: ``format_report`` joins the text alone.
"""

from __future__ import annotations

from linalg_tutor.sandbox.models import RunReport, show

MAX_OUTPUT_LINES = 20

Segment = tuple[str, str]  # (text, style)


def report_lines(report: RunReport, function: str) -> list[list[Segment]]:
    """The verdict, then per case: mark, label, call; expected, got, why; the traceback."""
    lines: list[list[Segment]] = []
    if report.error:
        for i, line in enumerate(report.message.rstrip().splitlines()):
            lines.append([(line, "bold red" if i == 0 else "red")])
    else:
        lines.append([(report.message, "bold green" if report.all_passed else "bold yellow")])
    tracebacks: dict[str, int] = {}
    for result in report.cases:
        if not result.ran and report.error:
            continue
        case = result.case
        mark = ("✓ ", "bold green") if result.passed else ("✗ ", "bold red")
        label = f"test {result.index + 1}" + (" (hidden)" if case.hidden else "")
        if case.hidden and result.passed:
            lines.append([mark, (label, "")])
            continue
        lines.append([mark, (f"{label}  ", "bold"), (f"{function}({show(list(case.args), 300)[1:-1]})", "")])
        if result.passed:
            lines.append([(f"    {result.got_text}", "dim")])
            continue
        lines.append([("    expected ", "dim"), (result.expected_text, "")])
        lines.append([("    got      ", "dim"), (result.got_text, "")])
        if result.error and not result.raised:
            lines.append([(f"    {result.error}", "yellow")])
        if result.traceback and result.traceback in tracebacks:
            lines.append([(f"      (the same traceback as test {tracebacks[result.traceback]})", "dim")])
        elif result.traceback:
            tracebacks[result.traceback] = result.index + 1
            lines.extend([[(f"      {line}", "dim")] for line in result.traceback.rstrip().splitlines()])
    if report.output.strip():
        printed = report.output.rstrip().splitlines()
        lines.append([])
        lines.append([("Your code printed:", "bold")])
        lines.extend([[(f"  {line[:200]}", "")] for line in printed[:MAX_OUTPUT_LINES]])
        if len(printed) > MAX_OUTPUT_LINES:
            lines.append([(f"  … and {len(printed) - MAX_OUTPUT_LINES} more lines", "dim")])
    if report.isolation:
        lines.append([])
        lines.append([(report.isolation, "dim italic")])
    return lines


def format_report(report: RunReport, function: str) -> str:
    """Plain text, for the command line."""
    return "\n".join("".join(text for text, _ in line) for line in report_lines(report, function))
