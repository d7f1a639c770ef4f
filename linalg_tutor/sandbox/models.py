"""The data of a sandboxed run: test cases in, limits, and the report out."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Sequence


@dataclass(frozen=True)
class Case:
    """One call of the learner's function.

    Attributes:
        args: The positional arguments (JSON data: numbers, strings, lists, None, bools).
        expect: The expected return value (ignored when ``raises`` is set).
        raises: The name of the exception the call must raise, e.g. ``"ValueError"``
            (a subclass counts too), or None when a value is expected.
        hidden: A case the learner is not shown before running (edge cases).
        tolerance: This case's tolerance (``"abs:1e-9"``, ``"rel:1e-6"``, ``"dp:3"``,
            ``"exact"``), or None for the run's.
    """

    args: Sequence[Any]
    expect: Any = None
    raises: str | None = None
    hidden: bool = False
    tolerance: str | None = None


@dataclass(frozen=True)
class Limits:
    """What one run may use. All limits bind the learner's whole process.

    Attributes:
        wall: Seconds of real time for the whole run (start-up, every case).
        cpu: Seconds of CPU time (RLIMIT_CPU).
        memory_mb: Address space in MiB (RLIMIT_AS); NumPy needs about 100.
        file_size_kb: Largest file the code may write, in KiB (RLIMIT_FSIZE).
        open_files: Open file descriptors (RLIMIT_NOFILE).
        processes: Processes and threads the code may add (RLIMIT_NPROC, on top of those its
            user already has).
        output_kb: Printed output kept, in KiB; printing more stops the run.
        guard: Install the audit hook (tests turn it off to prove the kernel limits alone hold).
        namespaces: Use Linux user/network/PID namespaces where they work.
    """

    wall: float = 5.0
    cpu: int = 4
    memory_mb: int = 512
    file_size_kb: int = 1024
    open_files: int = 64
    processes: int = 16
    output_kb: int = 64
    guard: bool = True
    namespaces: bool = True


DEFAULT = Limits()


@dataclass
class CaseResult:
    """What one case did.

    Attributes:
        index: Position in the run's case list (0-based).
        case: The case itself (input, expected value or exception).
        passed: Whether the result matched.
        ran: False when the run stopped before this case finished (time limit, crash).
        got: The returned value as JSON data (None if nothing was returned).
        raised: The name of the exception the call raised, if it raised one.
        error: A one-line account of what went wrong, for the learner (None when passed).
        traceback: The traceback of the learner's own code when the call raised.
    """

    index: int
    case: Case
    passed: bool = False
    ran: bool = False
    got: Any = None
    raised: str | None = None
    error: str | None = None
    traceback: str = ""

    @property
    def expected_text(self) -> str:
        if self.case.raises:
            return f"raises {self.case.raises}"
        return show(_complex_text(self.case.expect))

    @property
    def got_text(self) -> str:
        if not self.ran:
            return "(did not finish)"
        if self.raised:
            return f"raised {self.raised}" if self.passed else f"raised {self.error or self.raised}"
        if self.error and self.got is None:
            return self.error
        return show(self.got)

    @property
    def input_text(self) -> str:
        return ", ".join(show(a) for a in self.case.args)


@dataclass
class RunReport:
    """The outcome of running the learner's code against test cases.

    Attributes:
        cases: One result per case, in order.
        error: Why the run as a whole failed, or None: ``syntax``, ``missing`` (no such
            function), ``load`` (the code raised while being defined), ``timeout``,
            ``memory``, ``output``, ``exit`` (sys.exit at the top level), ``crash`` (the process
            died), ``unsafe`` (refused to run: no safe way on this machine), ``internal``.
        message: Plain words for the learner: the summary, or what stopped the run.
        line: The line of a syntax error (1-based), when known.
        output: What the code printed (cut at the output limit).
        isolation: The isolation in force for this run, one line.
        elapsed: Wall-clock seconds of the run.
        child_uid: The user id of the learner's process as the rest of the system sees it
            (outside any user namespace); never 0 when the tutor runs as root.
    """

    cases: list[CaseResult] = field(default_factory=list)
    error: str | None = None
    message: str = ""
    line: int | None = None
    output: str = ""
    isolation: str = ""
    elapsed: float = 0.0
    child_uid: int | None = None

    @property
    def total(self) -> int:
        return len(self.cases)

    @property
    def passed(self) -> int:
        return sum(1 for c in self.cases if c.passed)

    @property
    def all_passed(self) -> bool:
        return self.error is None and self.total > 0 and self.passed == self.total

    @property
    def exit_code(self) -> int:
        """For ``check --file``: 0 every test passes, 1 some fail (a time, memory or output
        limit included), 2 the code cannot be run (syntax error, no such function, an error
        while defining it, or running code is off on this machine)."""
        if self.error in ("syntax", "missing", "load", "exit", "unsafe", "internal", "isolation"):
            return 2
        return 0 if self.all_passed else 1


def _complex_text(value: Any) -> Any:
    """Exercise data writes complex numbers as text ("1-2j"): show them as numbers."""
    from linalg_tutor.sandbox.compare import as_complex

    if isinstance(value, list):
        return [_complex_text(v) for v in value]
    number = as_complex(value) if isinstance(value, str) else None
    return number if number is not None else value


def show(value: Any, limit: int = 200) -> str:
    """A compact one-line form of JSON data: ``[[19, 22], [43, 50]]``, ``0.3333333333``."""
    text = _show(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _show(value: Any) -> str:
    if isinstance(value, bool) or value is None:
        return repr(value)
    if isinstance(value, float):
        if value != value:
            return "nan"
        if value.is_integer() and abs(value) < 1e15:
            return f"{value:.1f}"  # 5.0, as Python shows a float
        return format(value, ".10g")
    if isinstance(value, complex):
        return repr(complex(float(_show(value.real)), float(_show(value.imag)))).strip("()")
    if isinstance(value, list):
        return "[" + ", ".join(_show(v) for v in value) + "]"
    if isinstance(value, dict):
        if "__repr__" in value:
            return f"{value['__repr__']} (a {value.get('__type__', 'object')})"
        return "{" + ", ".join(f"{k!r}: {_show(v)}" for k, v in value.items()) + "}"
    return repr(value) if isinstance(value, str) else str(value)
