"""The ``linalg-tutor`` command: the TUI by default, plus subcommands for scripts and authors.

Subcommands stay thin: they parse arguments, call the core, print, and return an exit code.
Exit codes are part of the interface (scripts and graders rely on them):

* ``check`` / ``grade``: 0 correct, 1 incorrect, 2 the input could not be read.
* ``validate``: 0 no problems, 1 problems found.
* ``steps``: 0 done, 2 bad input or an impossible operation.

Textual is imported only when the TUI starts, so every subcommand stays quick.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any, Sequence

from linalg_tutor import __version__
from linalg_tutor.paths import PROGRESS_ENV, content_dir

EXIT_CORRECT, EXIT_INCORRECT, EXIT_UNREADABLE = 0, 1, 2

DESCRIPTION = """\
A terminal tutor for the linear algebra behind machine learning.
Run without a subcommand to start the tutor."""


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--progress-dir", type=Path, metavar="DIR",
                        help=f"where progress is kept (also env {PROGRESS_ENV})")

    parser = argparse.ArgumentParser(prog="linalg-tutor", description=DESCRIPTION, parents=[common],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"linalg-tutor {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("check", parents=[common], help="grade an answer to an exercise",
                       description="Grade ANSWER for exercise ID (e.g. 0.1, L1.check). "
                                   "Exit 0 correct, 1 incorrect, 2 the answer could not be read. "
                                   "`linalg-tutor show ID` shows the exercise and how to write its answer.")
    p.add_argument("id", metavar="ID", help="exercise id, e.g. 0.1 or L0.check")
    p.add_argument("answer", metavar="ANSWER", nargs="?",
                   help='your answer, e.g. 12, -5/3, "2√7", "[[1,2],[3,4]]", a choice number, a line number, '
                        'or letters in order such as C,A,B')
    p.add_argument("--file", type=Path, metavar="FILE", help="read the answer from FILE (code answers)")
    p.add_argument("--seed", type=_seed, default=0, metavar="N",
                   help="the exercise with fresh numbers N (see `show ID --seed N`); 0 is the data as written")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.add_argument("--record", action="store_true", help="record the attempt in your progress")

    p = sub.add_parser("show", parents=[common], help="show an exercise as the learner sees it",
                       description="Print exercise ID: prompt, given data, and the answer part (choices "
                                   "numbered, code with line numbers, items with letters).")
    p.add_argument("id", metavar="ID", help="exercise id, e.g. 0.5 or 9.6")
    p.add_argument("--seed", type=_seed, default=0, metavar="N", help="fresh numbers N (exercises that vary)")
    p.add_argument("--json", action="store_true", help="print one JSON object")

    p = sub.add_parser("grade", parents=[common], help="try how an answer would be judged",
                       description="Grade TEXT against EXPR without an exercise, for authors. "
                                   "Exit 0 correct, 1 incorrect, 2 unreadable.")
    p.add_argument("--expected", required=True, metavar="EXPR", help='the exact expected value, e.g. "(7-sqrt(17))/2"')
    p.add_argument("--answer", required=True, metavar="TEXT", help="the answer as a learner would type it")
    p.add_argument("--tol", metavar="TOL", default=None,
                   help="rel:X (relative), abs:X (absolute) or dp:N (N decimal places); exact when omitted")
    p.add_argument("--json", action="store_true", help="print one JSON object")

    p = sub.add_parser("validate", parents=[common], help="check chapters and exercises for problems",
                       description="Check chapters/*.md and exercises.yaml. Every problem is printed as "
                                   "file:line: message. Exit 1 if there is any.")
    p.add_argument("dir", nargs="?", type=Path, metavar="DIR", help="content folder (default: the installed course)")

    p = sub.add_parser("steps", parents=[common], add_help=False, help="show a hand calculation step by step",
                       description="Show an exact step-by-step hand calculation.",
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("-h", "--help", action=_StepsHelp, nargs=0, help="show this help and the list of operations")
    p.add_argument("op", metavar="OP", help="operation, e.g. det, inverse, eigen (see the list below)")
    p.add_argument("inputs", nargs="*", metavar="INPUT", help='matrices like "[[1,2],[3,4]]", vectors like "[1,2]"')
    fmt = p.add_mutually_exclusive_group()
    fmt.add_argument("--json", action="store_const", dest="format", const="json", help="print one JSON object")
    fmt.add_argument("--markdown", action="store_const", dest="format", const="markdown", help="print Markdown")
    fmt.add_argument("--latex", action="store_const", dest="format", const="latex", help="print LaTeX")
    return parser


def _seed(text: str) -> int:
    if not (text.isascii() and text.isdigit()) or len(text) > 9:
        raise argparse.ArgumentTypeError(f"a seed is a whole number from 0 to 999999999, not {text[:20]!r}")
    return int(text)


class _StepsHelp(argparse.Action):
    """``steps --help`` lists the operations; building that list loads SymPy, so only on request."""

    def __call__(self, parser, namespace, values, option_string=None):  # noqa: ANN001
        parser.epilog = operations_help()
        parser.print_help()
        parser.exit()


def operations_help() -> str:
    from linalg_tutor.steps import registry

    lines = ["operations:"]
    for op in registry.operations():
        args = " ".join(f"[{i.name}]" if i.optional else i.name for i in op.inputs)
        alias = f" (also: {', '.join(op.aliases)})" if op.aliases else ""
        lines.append(f"  {op.name} {args}{alias}")
        lines.append(f"      {op.summary}")
        for i in op.inputs:
            lines.append(f"      {i.name}: {i.help}")
    for family, why in registry.problems().items():
        lines.append(f"  (unavailable: the {family} operations, because {why})")
    lines += ["", "examples:",
              '  linalg-tutor steps det "[[1,2,3],[0,4,5],[1,0,6]]"',
              '  linalg-tutor steps solve "[[2,1],[1,3]]" "[3,5]"',
              '  linalg-tutor steps eigen "[[0,-1],[1,0]]" --json',
              "",
              "Input: numbers may be integers, decimals, fractions (3/4), √2 or sqrt(2); a matrix is",
              "[[1,2],[3,4]] or [1 2; 3 4]; a vector is [1,2,3]; expressions use x, y, z."]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    args = build_parser().parse_args(_answers_not_options(argv))
    if isinstance(getattr(args, "answer", None), str):
        args.answer = args.answer.removeprefix(_ANSWER_MARK)
    if getattr(args, "progress_dir", None):
        os.environ[PROGRESS_ENV] = str(args.progress_dir.expanduser().resolve())
    handlers = {"check": cmd_check, "show": cmd_show, "grade": cmd_grade, "validate": cmd_validate,
                "steps": cmd_steps}
    if args.command is None:
        return run_tui()
    return handlers[args.command](args)


#: Put before an answer that starts with "-" so that argparse does not take it for an option.
_ANSWER_MARK = "\ue000"


def _answers_not_options(argv: list[str]) -> list[str]:
    """``check 0.5 -3/4`` means the answer −3/4, not an option ``-3``: an argument of ``check``
    that starts with ``-`` but is no option of ours is marked, and unmarked after parsing."""
    if "check" not in argv or "--" in argv:
        return argv
    at = argv.index("check")
    known = ("-h", "--help", "--json", "--record", "--file", "--seed", "--progress-dir")
    out = argv[:at + 1]
    for arg in argv[at + 1:]:
        is_answer = arg.startswith("-") and len(arg) > 1 and arg.split("=")[0] not in known
        out.append(_ANSWER_MARK + arg if is_answer else arg)
    return out


def run_tui() -> int:
    from linalg_tutor.tui.app import TutorApp

    app = TutorApp()
    app.run()
    return app.return_code or 0


# ---- check / grade ----------------------------------------------------------------------------


def _print_verdict(verdict: Any, as_json: bool, extra: dict[str, Any] | None = None) -> int:
    data = verdict.to_dict()
    if extra:
        data.update(extra)
    if as_json:
        print(json.dumps(data, ensure_ascii=False))
    else:
        if verdict.error:
            print(f"Could not read the answer: {verdict.error}", file=sys.stderr)
            if verdict.feedback and verdict.feedback != verdict.error:
                print(verdict.feedback, file=sys.stderr)
        else:
            mark = "✓" if verdict.correct else "✗"
            print(f"read as: {verdict.interpreted_as}")
            print(f"{mark} {verdict.feedback or ('Correct.' if verdict.correct else 'Not correct.')}")
            for detail in verdict.details:
                print(f"  {'✓' if detail.correct else '✗'} {detail.label}" + (f"  {detail.note}" if detail.note else ""))
            if data.get("hint"):
                print(f"Hint 1 of {data['hints']}: {data['hint']}")
    if verdict.error:
        return EXIT_UNREADABLE
    return EXIT_CORRECT if verdict.correct else EXIT_INCORRECT


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _exercise(course: Any, exercise_id: str) -> Any:
    """The exercise, or None after saying which ids exist."""
    try:
        return course.exercise(exercise_id)
    except KeyError:
        import difflib

        ids = [e.id for e in course.exercises]
        close = difflib.get_close_matches(exercise_id, ids, n=3, cutoff=0.3)
        hint = f" Did you mean {', '.join(close)}?" if close else f" Known ids: {', '.join(ids[:12])}…"
        print(f"error: no exercise with id {exercise_id!r}.{hint}", file=sys.stderr)
        if course.problems:
            print("(the course has content problems; run `linalg-tutor validate`)", file=sys.stderr)
        return None


def _instance(course: Any, exercise: Any, seed: int) -> Any:
    from linalg_tutor.course.service import ContentError, instantiate

    try:
        return instantiate(exercise, seed)
    except ContentError as exc:
        print(f"error: exercise {exercise.id} is broken: {course.problem(exercise.id, str(exc))}", file=sys.stderr)
        return None


def cmd_check(args: argparse.Namespace) -> int:
    from linalg_tutor.course.service import ContentError, grade, load

    course = load(content_dir())
    exercise = _exercise(course, args.id)
    if exercise is None:
        return EXIT_UNREADABLE
    if args.file is not None:
        try:
            answer = args.file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            print(f"error: cannot read {args.file}: {exc}", file=sys.stderr)
            return EXIT_UNREADABLE
    elif args.answer is not None:
        answer = args.answer
    else:
        print(f"error: give an ANSWER (or --file FILE). `linalg-tutor show {exercise.id}` shows the exercise.",
              file=sys.stderr)
        return EXIT_UNREADABLE
    instance = _instance(course, exercise, args.seed)
    if instance is None:
        return EXIT_UNREADABLE
    try:
        verdict = grade(instance, answer)
    except ContentError as exc:
        print(f"error: exercise {exercise.id} is broken: {course.problem(exercise.id, str(exc))}", file=sys.stderr)
        return EXIT_UNREADABLE
    extra: dict[str, Any] = {"exercise": exercise.id, "seed": instance.seed}
    if not verdict.correct and not verdict.error and instance.hints:
        # A bare "no" teaches nothing: point at the first hint, as the TUI's ctrl+t would.
        extra.update(hint=instance.hints[0], hints=len(instance.hints))
    if args.record and not verdict.error:
        message = _record(exercise.id, answer, verdict)
        extra["recorded"] = message is None
        if message:
            print(message, file=sys.stderr)
    return _print_verdict(verdict, args.json, extra)


def cmd_show(args: argparse.Namespace) -> int:
    from linalg_tutor.course.service import load
    from linalg_tutor.course.show import show_data, show_text

    course = load(content_dir())
    exercise = _exercise(course, args.id)
    if exercise is None:
        return EXIT_UNREADABLE
    instance = _instance(course, exercise, args.seed)
    if instance is None:
        return EXIT_UNREADABLE
    if args.json:
        print(json.dumps(show_data(instance), ensure_ascii=False))
    else:
        print(show_text(instance))
    return 0


def _record(exercise_id: str, answer: str, verdict: Any) -> str | None:
    """Record a CLI attempt; returns an error message instead of raising (grading still counts)."""
    from linalg_tutor.progress.session import ProgressSession, ProgressUnavailable

    try:
        with ProgressSession.open() as session:
            session.record(exercise_id, answer, verdict, source="cli")
    except ProgressUnavailable as exc:
        return f"not recorded: {exc}"
    return None


def cmd_grade(args: argparse.Namespace) -> int:
    from linalg_tutor.grading.grader import grade_expression

    try:
        verdict = grade_expression(args.expected, args.answer, args.tol)
    except ValueError as exc:  # the expected expression or the tolerance is the author's mistake
        if args.json:
            print(json.dumps({"correct": False, "interpreted_as": "", "feedback": "", "error": str(exc)}))
        else:
            print(f"error: {exc}", file=sys.stderr)
        return EXIT_UNREADABLE
    return _print_verdict(verdict, args.json)


# ---- validate ---------------------------------------------------------------------------------


def cmd_validate(args: argparse.Namespace) -> int:
    from linalg_tutor.course.validate import validate

    root = args.dir if args.dir else content_dir()
    if not root.is_dir():
        print(f"error: {root} is not a folder", file=sys.stderr)
        return 1
    course, problems = validate(root)
    for problem in problems:
        print(problem)
    if problems:
        print(f"\n{len(problems)} problem{'s' if len(problems) != 1 else ''} found.", file=sys.stderr)
        return 1
    counts = [_count(len(course.chapters), "lesson chapter"), _count(len(course.workbook), "workbook chapter"),
              _count(len(course.exercises), "exercise")]
    print(f"OK: {', '.join(counts)} in {root}")
    return 0


# ---- steps ------------------------------------------------------------------------------------


def cmd_steps(args: argparse.Namespace) -> int:
    from linalg_tutor.steps.derivation import BadInput, NotPossible
    from linalg_tutor.course.scratchpad import InputError, run

    try:
        derivation = run(args.op, args.inputs)
    except (KeyError, InputError, BadInput) as exc:
        print(f"error: {exc.args[0] if exc.args else exc}", file=sys.stderr)
        return 2
    except NotPossible as exc:
        if exc.derivation is not None and args.format != "json":
            print(_render(exc.derivation, args.format))
            print()
        if args.format == "json":
            data = exc.derivation.to_dict() if exc.derivation else {"operation": args.op}
            data["error"] = exc.message
            print(json.dumps(data, ensure_ascii=False, indent=2))
        print(f"error: {exc.message}", file=sys.stderr)
        return 2
    if args.format == "json":
        print(json.dumps(derivation.to_dict(), ensure_ascii=False, indent=2))
    else:
        print(_render(derivation, args.format))
    return 0


def _render(derivation: Any, fmt: str | None) -> str:
    if fmt == "markdown":
        return derivation.to_markdown()
    if fmt == "latex":
        return derivation.to_latex()
    return derivation.to_text()


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
