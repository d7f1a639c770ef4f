"""The ``linalg-tutor`` command: the TUI by default, plus subcommands for scripts and authors.

Subcommands stay thin: they parse arguments, call the core, print, and return an exit code.
Exit codes are part of the interface (scripts and graders rely on them):

* ``check`` / ``grade``: 0 correct, 1 incorrect, 2 the input could not be read.
* ``validate``: 0 no problems, 1 problems found.
* ``steps``: 0 done, 2 bad input or an impossible operation.
* ``report``: 0 written, 2 bad arguments or a file that could not be written.
* ``reset``: 0 done (or nothing to do), 1 not confirmed, 2 the progress could not be used.

``--progress-dir DIR`` may stand anywhere on the command line (before or after the
subcommand); it wins over ``$LINALG_TUTOR_PROGRESS_DIR``.

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
    top = argparse.ArgumentParser(add_help=False)
    top.add_argument("--progress-dir", type=Path, metavar="DIR", default=None,
                     help=f"where progress is kept (also env {PROGRESS_ENV})")
    # In the subcommands the option must not have a default of its own: argparse would let
    # that default overwrite a value given before the subcommand.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--progress-dir", type=Path, metavar="DIR", default=argparse.SUPPRESS,
                        help=f"where progress is kept (also env {PROGRESS_ENV})")

    parser = argparse.ArgumentParser(prog="linalg-tutor", description=DESCRIPTION, parents=[top], add_help=False,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-h", "--help", action=_MainHelp, nargs=0, help="show this help message and exit")
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

    p = sub.add_parser("report", parents=[common], help="export a progress report, or merge a class's exports",
                       description="Write your progress as Markdown, HTML, JSON or CSV (the attempt history). "
                                   "With --merge, build one class table from many learners' JSON exports "
                                   "(CSV: the class table, and with -o also FILE-exercises.csv for the "
                                   "per-exercise difficulty).")
    p.add_argument("--format", choices=["md", "html", "json", "csv"], default="md", help="default: md")
    p.add_argument("-o", "--output", type=Path, metavar="FILE", help="write here instead of printing")
    p.add_argument("--name", metavar="NAME", help="the learner's name in the report (default: your login name)")
    p.add_argument("--merge", nargs="+", type=Path, metavar="EXPORT",
                   help="JSON exports (report --format json) of several learners")

    p = sub.add_parser("reset", parents=[common], help="forget the attempts at an exercise, a chapter or all",
                       description="Forget your attempts at one exercise, one chapter (W3 for workbook "
                                   "chapter 3, L4 for lesson 4) or everything. The progress files are "
                                   "copied to *.reset-DATE backups first.")
    what = p.add_mutually_exclusive_group(required=True)
    what.add_argument("--exercise", metavar="ID")
    what.add_argument("--chapter", metavar="W3|L4")
    what.add_argument("--all", action="store_true")
    p.add_argument("--yes", action="store_true", help="do not ask for confirmation")

    p = sub.add_parser("serve", help="serve the tutor to web browsers (a class on one machine)",
                       description="Serve the tutor as a web page: each browser session is a learner, "
                                   "opened as http://HOST:PORT/?learner=NAME (or asked for a name), with "
                                   "progress kept in DIR/learners/NAME. No login, no TLS: bind to "
                                   "localhost (the default) or put it behind a reverse proxy. Ctrl-C stops.")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1, this machine only)")
    p.add_argument("--port", type=_port, default=8000, help="default: 8000")
    p.add_argument("--data", type=Path, metavar="DIR", default=None,
                   help="folder of the learners' progress (default: the user data folder's linalg-tutor/class)")
    return parser


def _port(text: str) -> int:
    if not (text.isascii() and text.isdigit()) or not 0 < int(text) < 65536:
        raise argparse.ArgumentTypeError(f"a port is a whole number from 1 to 65535, not {text[:20]!r}")
    return int(text)


def _seed(text: str) -> int:
    if not (text.isascii() and text.isdigit()) or len(text) > 9:
        raise argparse.ArgumentTypeError(f"a seed is a whole number from 0 to 999999999, not {text[:20]!r}")
    return int(text)


class _MainHelp(argparse.Action):
    """``--help`` ends with how Build exercises run code here; probing that costs a moment, so
    only on request."""

    def __call__(self, parser, namespace, values, option_string=None):  # noqa: ANN001
        import textwrap

        from linalg_tutor.sandbox import status

        parser.epilog = textwrap.fill("Build exercises (your code, run against tests): " + status(), 78) + (
            "\nWhat that protects against, and what not: docs/SANDBOX.md in the repository.")
        parser.print_help()
        parser.exit()


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
        args.progress_dir = args.progress_dir.expanduser().resolve()
        os.environ[PROGRESS_ENV] = str(args.progress_dir)  # for anything that asks the default
    handlers = {"check": cmd_check, "show": cmd_show, "grade": cmd_grade, "validate": cmd_validate,
                "steps": cmd_steps, "report": cmd_report, "reset": cmd_reset, "serve": cmd_serve}
    if args.command is None:
        return run_tui(args.progress_dir)
    try:
        return handlers[args.command](args)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `linalg-tutor show 9.6 | head`: the reader has had enough
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as exc:  # noqa: BLE001 - the last guard: a message and exit 2, never a traceback
        print(f"error: {args.command} could not finish ({type(exc).__name__}: {str(exc)[:200]}). "
              "This is a bug in linalg-tutor; please report it with the command you ran.", file=sys.stderr)
        return EXIT_UNREADABLE


#: Put before an answer that starts with "-" so that argparse does not take it for an option.
_ANSWER_MARK = "\ue000"


def _answers_not_options(argv: list[str]) -> list[str]:
    """``check`` arguments put in an order argparse reads right.

    ``check 0.5 -3/4`` means the answer −3/4, not an option ``-3``: an argument that starts with
    ``-`` but is no option of ours is marked (and unmarked after parsing). Options may come
    anywhere (``check 0.1 --progress-dir D 19``); since ANSWER is optional (``--file``),
    argparse would take the id alone and stumble on the answer, so options go after the two
    positionals.
    """
    if "check" not in argv or "--" in argv:
        return argv
    at = argv.index("check")
    flags = {"-h", "--help", "--json", "--record"}
    valued = {"--file", "--seed", "--progress-dir"}
    positionals: list[str] = []
    options: list[str] = []
    rest = iter(argv[at + 1:])
    for arg in rest:
        name = arg.split("=")[0]
        if name in flags:
            options.append(arg)
        elif name in valued:
            options.append(arg)
            if "=" not in arg:
                options.append(next(rest, ""))
        elif arg.startswith("-") and len(arg) > 1:
            positionals.append(_ANSWER_MARK + arg)
        else:
            positionals.append(arg)
    return argv[:at + 1] + positionals + options


def run_tui(progress_dir: Path | None = None) -> int:
    from linalg_tutor.tui.app import TutorApp

    app = TutorApp(progress_dir=progress_dir)
    app.run()
    return app.return_code or 0


def cmd_serve(args: argparse.Namespace) -> int:
    try:
        import textual_serve  # noqa: F401

        from linalg_tutor.tui import serve
    except ImportError as exc:
        print(f"error: serve needs textual-serve ({exc}); pip install textual-serve", file=sys.stderr)
        return EXIT_UNREADABLE
    try:
        return serve.serve(args.data or serve.default_data_dir(), args.host, args.port)
    except OSError as exc:  # the port is taken, the address is not ours, the folder is not writable
        print(f"error: cannot serve on {args.host}:{args.port}: {exc}", file=sys.stderr)
        return EXIT_UNREADABLE


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
        message = _record(exercise.id, answer, verdict, getattr(args, "progress_dir", None), seed=instance.seed)
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


def _record(exercise_id: str, answer: str, verdict: Any, progress_dir: Path | None = None,
            seed: int | None = None) -> str | None:
    """Record a CLI attempt; returns an error message instead of raising (grading still counts).

    What the store had to tell (a corrupt file set aside, a log line skipped) is printed to
    stderr, as the TUI shows it in a notification.
    """
    from linalg_tutor.progress.session import ProgressSession, ProgressUnavailable

    try:
        with ProgressSession.open(progress_dir) as session:
            for message in session.messages:
                print(f"progress: {message}", file=sys.stderr)
            session.record(exercise_id, answer, verdict, source="cli", seed=seed or None)
    except ProgressUnavailable as exc:
        return f"not recorded: {exc}"
    return None


# ---- report / reset ---------------------------------------------------------------------------


def cmd_report(args: argparse.Namespace) -> int:
    if args.merge:
        return _report_merge(args)
    import getpass

    from linalg_tutor.course.service import load as load_course
    from linalg_tutor.progress.session import ProgressSession
    from linalg_tutor.report import build_report, outline_of
    from linalg_tutor.report.render import RENDERERS

    # Reading needs no lock: a report can be made while the tutor is open.
    session = ProgressSession.read_only(getattr(args, "progress_dir", None), reason="(report)")
    for message in session.messages[:-1]:  # the last one is "not saved", which is moot here
        print(f"progress: {message}", file=sys.stderr)
    try:
        name = args.name or getpass.getuser()
    except (KeyError, OSError):
        name = ""
    report = build_report(session.progress, session.attempts(), outline_of(load_course(content_dir())),
                          now=session.now(), learner=name)
    return _write(RENDERERS[args.format](report), args.output)


def _report_merge(args: argparse.Namespace) -> int:
    from linalg_tutor.report import merge

    if args.format == "json":
        print("error: --merge writes csv, html or md", file=sys.stderr)
        return 2
    data = merge.merge_exports(args.merge)
    for problem in data["problems"]:
        print(f"warning: {problem}", file=sys.stderr)
    if args.format == "csv":
        code = _write(merge.class_csv(data), args.output)
        if args.output is None:
            print()
            print(merge.difficulty_csv(data), end="")
        elif code == 0:
            code = _write(merge.difficulty_csv(data), args.output.with_name(args.output.stem + "-exercises.csv"))
        return code
    render = merge.class_html if args.format == "html" else merge.class_markdown
    return _write(render(data), args.output)


def _write(text: str, output: Path | None) -> int:
    if output is None:
        sys.stdout.write(text)
        return 0
    from linalg_tutor.progress.atomic import atomic_write_bytes

    try:
        atomic_write_bytes(output, text.encode("utf-8"))
        umask = os.umask(0)
        os.umask(umask)
        output.chmod(0o666 & ~umask)  # a report is meant to be shared, unlike the progress
    except OSError as exc:
        print(f"error: could not write {output}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    print(f"wrote {output}", file=sys.stderr)
    return 0


def cmd_reset(args: argparse.Namespace) -> int:
    from linalg_tutor.progress.session import ProgressSession, ProgressUnavailable

    ids: list[str] | None = None
    what = "ALL your progress"
    if args.exercise:
        ids, what = [args.exercise], f"your attempts at exercise {args.exercise}"
    elif args.chapter:
        ids = _chapter_ids(args.chapter)
        if ids is None:
            print(f"error: no chapter {args.chapter!r}; use W3 for workbook chapter 3, L4 for lesson 4",
                  file=sys.stderr)
            return 2
        what = f"your attempts at the {len(ids)} exercises of chapter {args.chapter}"
    if not args.yes:
        try:
            reply = input(f"Forget {what}? A backup is kept. Type yes to confirm: ")
        except EOFError:
            reply = ""
        if reply.strip().lower() != "yes":
            print("Nothing was changed.", file=sys.stderr)
            return 1
    try:
        with ProgressSession.open(getattr(args, "progress_dir", None)) as session:
            for message in session.messages:
                print(f"progress: {message}", file=sys.stderr)
            backups = session.reset(ids)
    except ProgressUnavailable as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"Forgot {what}.")
    for backup in backups:
        print(f"backup: {backup}")
    return 0


def _chapter_ids(key: str) -> list[str] | None:
    from linalg_tutor.course.service import load as load_course

    course = load_course(content_dir())
    kind, number = key[:1].upper(), key[1:]
    if not number.isdigit():
        return None
    if kind == "W" and any(wb.chapter == int(number) for wb in course.workbook):
        return [e.id for e in course.for_workbook(int(number))]
    if kind == "L" and any(ch.id == int(number) for ch in course.chapters):
        return [e.id for e in course.for_lesson(int(number))]
    return None


def cmd_grade(args: argparse.Namespace) -> int:
    from linalg_tutor.course.deadline import ANSWER_SECONDS, TookTooLong, within
    from linalg_tutor.grading.grader import grade_expression
    from linalg_tutor.grading.verdict import Verdict

    try:
        verdict = within(ANSWER_SECONDS, lambda: grade_expression(args.expected, args.answer, args.tol))
    except TookTooLong:
        verdict = Verdict.unreadable("this took too long to check")
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
