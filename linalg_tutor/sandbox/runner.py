"""Run learner code against test cases in a separate, limited ``python -I`` process.

The parent (this module) makes a fresh temporary folder, starts the child as an unprivileged
user inside namespaces where possible (see :mod:`.isolation`), sends it the job over a pipe,
and reads three streams at once until the child finishes or a limit is hit: the results pipe
(one JSON line per case), and stdout/stderr (kept up to ``Limits.output_kb``). The verdict of
each case is decided here, from the JSON the child sent, never by the child.

``run_tests`` blocks for up to ``Limits.wall`` seconds: call it from a worker thread.
"""

from __future__ import annotations

import json
import os
import selectors
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any, Sequence

from linalg_tutor.sandbox.compare import CODE_DEFAULT_TOLERANCE, decode, exception_matches, mismatch
from linalg_tutor.sandbox.probe import Isolation, isolation
from linalg_tutor.sandbox.models import DEFAULT, Case, CaseResult, Limits, RunReport

HARNESS = Path(__file__).with_name("harness.py")
MAX_SOURCE = 100_000
MAX_RESULTS = 8 << 20
_harness_text: str | None = None


def _harness() -> str:
    global _harness_text
    if _harness_text is None:
        _harness_text = HARNESS.read_text(encoding="utf-8")
    return _harness_text


def count_tasks(uid: int, *, zombies: bool = True) -> int:
    """Processes and threads the user already has (RLIMIT_NPROC counts them all, zombies too:
    they count until their parent reaps them)."""
    total = 0
    try:
        entries = os.scandir("/proc")
    except OSError:
        return 0
    with entries:
        for entry in entries:
            if not entry.name.isdigit():
                continue
            try:
                with open(f"/proc/{entry.name}/status", "rb") as f:
                    fields = dict(line.split(b":", 1) for line in f.read().splitlines() if b":" in line)
                if int(fields[b"Uid"].split()[0]) != uid:
                    continue
                if not zombies and fields.get(b"State", b"").strip().startswith(b"Z"):
                    continue
                total += int(fields.get(b"Threads", b"1").strip() or 1)
            except (OSError, KeyError, ValueError):
                continue
    return total


PREFIX = "linalg-tutor-run-"
#: A run folder older than this is left over from a tutor that died mid-run.
STALE_AFTER = 3600.0


def _base_folder(iso: Isolation) -> str | None:
    """Where run folders go: /tmp when the child is another user (it must reach the folder,
    not under a private TMPDIR of root's), else the usual temporary folder."""
    return "/tmp" if iso.uid is not None and os.path.isdir("/tmp") else None


def sweep_stale(iso: Isolation, *, older_than: float = STALE_AFTER) -> int:
    """Remove run folders left behind by a tutor that was killed mid-run; returns how many."""
    base = _base_folder(iso) or tempfile.gettempdir()
    owners = {os.getuid()} | ({iso.uid} if iso.uid is not None else set())
    removed = 0
    now = time.time()
    try:
        entries = list(os.scandir(base))
    except OSError:
        return 0
    for entry in entries:
        try:
            if (entry.name.startswith(PREFIX) and entry.is_dir(follow_symlinks=False)
                    and entry.stat(follow_symlinks=False).st_uid in owners
                    and now - entry.stat(follow_symlinks=False).st_mtime > older_than):
                shutil.rmtree(entry.path, ignore_errors=True)
                removed += 1
        except OSError:
            continue
    return removed


def _environment(workdir: str) -> dict[str, str]:
    """Nothing of the learner's environment: a fixed, minimal set."""
    return {
        "PATH": "/usr/bin:/bin",
        "HOME": workdir,
        "TMPDIR": workdir,
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
        # one thread for NumPy's linear algebra: fewer tasks against the process limit
        "OPENBLAS_NUM_THREADS": "1",
        "OMP_NUM_THREADS": "1",
        "MKL_NUM_THREADS": "1",
    }


def _job(iso: Isolation, limits: Limits, workdir: str, **fields: Any) -> bytes:
    uid = iso.uid if iso.uid is not None else os.getuid()
    processes = (0 if iso.unshare and limits.namespaces else count_tasks(uid)) + limits.processes + 2
    job = {
        "source": "",
        "function": "",
        "cases": [],
        "paths": list(iso.paths),
        "workdir": workdir,
        "guard": limits.guard,
        "read_only": bool(iso.read_only and iso.unshare and limits.namespaces),
        "limits": {
            "cpu": int(limits.cpu),
            "wall": float(limits.wall),
            "memory": int(limits.memory_mb) << 20,
            "file_size": int(limits.file_size_kb) << 10,
            "open_files": int(limits.open_files),
            "processes": processes,
        },
        **fields,
    }
    return json.dumps(job).encode("utf-8")


def _argv(iso: Isolation, limits: Limits, in_fd: int, out_fd: int) -> list[str]:
    argv = [iso.python or "python3", "-I", "-S", "-B", "-X", "utf8", "-c", _harness(), str(in_fd), str(out_fd)]
    if iso.unshare and limits.namespaces:
        argv = [iso.unshare, *iso.flags, "--", *argv]
    return argv


class _Collected:
    def __init__(self) -> None:
        self.records: list[dict[str, Any]] = []
        self.results = bytearray()
        self.stdout = bytearray()
        self.stderr = bytearray()
        self.stopped: str | None = None  # timeout | output | results


def _collect(proc: subprocess.Popen, job: bytes, in_w: int, out_r: int, limits: Limits,
             started: float) -> _Collected:
    got = _Collected()
    cap = int(limits.output_kb) << 10
    deadline = started + limits.wall
    sel = selectors.DefaultSelector()
    os.set_blocking(in_w, False)
    sel.register(in_w, selectors.EVENT_WRITE, "in")
    sel.register(out_r, selectors.EVENT_READ, "results")
    sel.register(proc.stdout, selectors.EVENT_READ, "stdout")  # type: ignore[arg-type]
    sel.register(proc.stderr, selectors.EVENT_READ, "stderr")  # type: ignore[arg-type]
    pending = memoryview(job)
    open_streams = 4
    exited = 0.0
    in_open = True  # closed exactly once: another thread may reuse the number at once
    try:
        while open_streams:
            left = deadline - time.monotonic()
            if left <= 0:
                got.stopped = "timeout"
                break
            for key, _ in sel.select(timeout=min(left, 0.5)):
                name = key.data
                if name == "in":
                    try:
                        pending = pending[os.write(in_w, pending[:65536]):]
                    except (BrokenPipeError, BlockingIOError) as exc:
                        if isinstance(exc, BrokenPipeError):
                            pending = pending[:0]
                    if not pending:
                        sel.unregister(in_w)
                        os.close(in_w)
                        in_open = False
                        open_streams -= 1
                    continue
                fd = key.fd
                try:
                    chunk = os.read(fd, 65536)
                except BlockingIOError:
                    continue
                if not chunk:
                    sel.unregister(key.fileobj)
                    open_streams -= 1
                    continue
                if name == "results":
                    got.results.extend(chunk)
                    if len(got.results) > MAX_RESULTS:
                        got.stopped = "results"
                else:
                    buffer = got.stdout if name == "stdout" else got.stderr
                    room = cap - len(buffer)
                    buffer.extend(chunk[:max(room, 0)])
                    if len(chunk) > room:
                        got.stopped = "output"
            if got.stopped:
                break
            if proc.poll() is not None:
                # the child is gone; a grandchild that escaped may still hold its pipes open,
                # so wait only a moment for the last bytes
                exited = exited or time.monotonic()
                if time.monotonic() - exited > 0.3:
                    break
    finally:
        sel.close()
        if in_open:
            os.close(in_w)
    for line in got.results.decode("utf-8", "replace").splitlines():
        try:
            got.records.append(json.loads(line))
        except ValueError:
            continue
    return got


def _kill(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    try:
        proc.kill()
    except ProcessLookupError:
        pass


def _signal_name(code: int) -> str:
    try:
        return signal.Signals(-code).name
    except ValueError:
        return f"signal {-code}"


def _launch(iso: Isolation, limits: Limits, **fields: Any) -> tuple[_Collected, int | None, float]:
    """Start the child in a fresh folder, feed it the job, collect, clean up everything."""
    started = time.monotonic()
    workdir = tempfile.mkdtemp(prefix=PREFIX, dir=_base_folder(iso))
    in_r = in_w = out_r = out_w = -1
    try:
        if iso.uid is not None:
            os.chown(workdir, iso.uid, iso.gid if iso.gid is not None else -1)
        os.chmod(workdir, 0o700)
        in_r, in_w = os.pipe()
        out_r, out_w = os.pipe()
        job = _job(iso, limits, workdir, **fields)
        kwargs: dict[str, Any] = {}
        if iso.uid is not None:
            kwargs = {"user": iso.uid, "group": iso.gid, "extra_groups": []}
        proc = subprocess.Popen(
            _argv(iso, limits, in_r, out_w), stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
            stderr=subprocess.PIPE, cwd=workdir, env=_environment(workdir), pass_fds=(in_r, out_w),
            start_new_session=True, **kwargs)
        os.close(in_r)
        os.close(out_w)
        in_r = out_w = -1
        try:
            got = _collect(proc, job, in_w, out_r, limits, started)
        finally:
            in_w = -1  # _collect closed it
            _kill(proc)
            proc.wait()
            for stream in (proc.stdout, proc.stderr):
                if stream:
                    stream.close()
        return got, proc.returncode, time.monotonic() - started
    finally:
        for fd in (in_r, in_w, out_r, out_w):
            if fd >= 0:
                try:
                    os.close(fd)
                except OSError:
                    pass
        shutil.rmtree(workdir, ignore_errors=True)


def probe_run(iso: Isolation) -> tuple[dict[str, Any] | None, str]:
    """Start the harness with ``iso`` and no learner code: its hello record, or what failed."""
    try:
        got, code, _ = _launch(iso, Limits(wall=20.0), probe=True)
    except OSError as exc:
        return None, f"{' '.join(iso.flags) or 'plain'}: {exc}"
    hello = next((r for r in got.records if "hello" in r), None)
    if hello is not None:
        return hello, ""
    problem = next((r.get("message") for r in got.records if "error" in r), None)
    problem = problem or (got.stderr.decode("utf-8", "replace").strip().splitlines() or [f"exit {code}"])[-1]
    return None, f"unshare {' '.join(iso.flags)}: {problem}"


def run_tests(source: str, function: str, cases: Sequence[Case], *, limits: Limits = DEFAULT,
              tolerance: str | None = None) -> RunReport:
    """Run ``source``, then call ``function(*case.args)`` for every case, in a sandboxed child.

    Args:
        source: The learner's Python code (a module defining ``function``).
        function: The name of the function to test.
        cases: The test cases, shown and hidden.
        limits: Time, memory, output and process limits.
        tolerance: Default tolerance for numbers (``"abs:1e-9"`` if None); a case may set its own.

    Returns:
        A :class:`RunReport`; never raises for anything the learner's code does.
    """
    iso = isolation()
    report = RunReport(cases=[CaseResult(i, c) for i, c in enumerate(cases)], isolation=iso.summary())
    if not iso.can_run:
        report.error, report.message = "unsafe", iso.summary()
        return report
    if len(source) > MAX_SOURCE:
        report.error = "load"
        report.message = f"Your code is longer than {MAX_SOURCE:,} characters."
        return report
    try:
        got, returncode, report.elapsed = _launch(
            iso, limits, source=source, function=function,
            cases=[json.dumps(list(c.args)) for c in cases])
    except OSError as exc:
        report.error, report.message = "internal", f"Could not start Python: {exc}"
        return report
    report.output = got.stdout.decode("utf-8", "replace")
    _fill(report, got, returncode, limits, tolerance)
    errors = [line for line in got.stderr.decode("utf-8", "replace").splitlines(True)
              if not line.startswith("unshare:")]  # unshare's own complaints are not the learner's
    report.output += "".join(errors)
    return report


def _fill(report: RunReport, got: _Collected, returncode: int | None, limits: Limits,
          tolerance: str | None) -> None:
    done = loaded = cpu = False
    for record in got.records:
        if "loaded" in record:
            loaded = True
        elif record.get("error") == "cpu":
            cpu = True
        elif "hello" in record:
            report.child_uid = record.get("outer_uid", record.get("uid"))
        elif "done" in record:
            done = True
        elif "error" in record:
            _whole_run_error(report, record, limits)
        elif "i" in record and 0 <= record["i"] < len(report.cases):
            _case(report.cases[record["i"]], record, tolerance or CODE_DEFAULT_TOLERANCE, limits)
    if report.error:
        return
    memory_failures = [c for c in report.cases if c.error and c.error.startswith("MemoryError")]
    if not done:
        unfinished = next((c for c in report.cases if not c.ran), None)
        where = f" in test {unfinished.index + 1}" if unfinished else ""
        if not loaded:
            where = " while your code was being defined (before any test)"
        if got.stopped == "timeout":
            report.error = "timeout"
            report.message = (f"Stopped after {limits.wall:g} seconds{where}: an endless loop, "
                              f"or far too much work.")
        elif cpu:
            report.error = "timeout"
            report.message = (f"Stopped after {limits.cpu} seconds of computing{where}: an endless "
                              f"loop, or far too much work.")
        elif got.stopped == "output":
            report.error = "output"
            report.message = (f"Stopped{where}: your code printed more than {limits.output_kb} KiB. "
                              f"Is a print inside an endless loop?")
        elif got.stopped == "results":
            report.error = "output"
            report.message = "Stopped: your function returned values far too large to check."
        elif returncode is not None and returncode < 0:
            name = _signal_name(returncode)
            if name == "SIGXCPU":
                report.error = "timeout"
                report.message = f"Stopped after {limits.cpu} seconds of computing{where}: an endless loop?"
            elif name in ("SIGSEGV", "SIGBUS", "SIGABRT") and memory_failures:
                report.error = "memory"
                report.message = f"Your code ran out of memory ({limits.memory_mb} MiB){where}."
            else:
                report.error = "crash"
                report.message = f"Python stopped with {name}{where}."
        else:
            report.error = "crash"
            report.message = (f"The Python process ended early (exit code {returncode}){where}: "
                              f"did your code call os._exit, or crash?")
        lines = [line for line in got.stderr.decode("utf-8", "replace").strip().splitlines()
                 if not line.startswith("unshare:")]  # unshare cannot pass a signal death on
        if report.error == "crash" and lines:
            report.message += " " + lines[-1][:300]
        return
    if memory_failures and report.passed < report.total:
        report.message = (f"{report.passed} of {report.total} tests pass. Your code ran out of memory "
                          f"({limits.memory_mb} MiB) in test {memory_failures[0].index + 1}.")
    else:
        report.message = f"{report.passed} of {report.total} tests pass."


def _whole_run_error(report: RunReport, record: dict[str, Any], limits: Limits) -> None:
    kind = record["error"]
    report.error = kind
    if kind == "syntax":
        report.line = record.get("line")
        where = f" on line {report.line}" if report.line else ""
        text = record.get("text") or ""
        pointer = ""
        if text and record.get("offset"):
            pointer = "\n    " + text + "\n    " + " " * max(record["offset"] - 1, 0) + "^"
        report.message = f"Syntax error{where}: {record.get('message')}{pointer}"
    elif kind == "missing":
        found = record.get("found")
        report.message = (f"Your code does not define a function {record['function']}()"
                          + (f" ({record['function']} is a {found})." if found else "."))
    elif kind == "load":
        exc = record["exception"]
        if "MemoryError" in exc["mro"]:
            report.error = "memory"
        report.message = f"Your code raised an error before any test ran:\n{exc['traceback']}"
    elif kind == "isolation":
        report.message = f"The sandbox could not be set up, so nothing ran: {record.get('message')}"
    elif kind == "exit":
        report.message = (f"Your code called sys.exit({record.get('code')!r}) or exit() outside a "
                          f"function, so no test ran. Define the function and return its result.")
    else:
        report.message = str(record)


def _case(result: CaseResult, record: dict[str, Any], tolerance: str, limits: Limits) -> None:
    case = result.case
    result.ran = True
    if "exit" in record:
        result.error = (f"called sys.exit({record['exit']!r}); a function should return its "
                        f"result instead")
        return
    if "exception" in record:
        exc = record["exception"]
        result.raised = exc["type"]
        if case.raises and exception_matches(exc["mro"], case.raises):
            result.passed = True
            return
        if "MemoryError" in exc["mro"]:
            result.error = f"MemoryError: ran out of memory (limit {limits.memory_mb} MiB)"
        else:
            result.error = f"{exc['type']}: {exc['message']}".rstrip(": ")
        result.traceback = exc["traceback"]
        return
    result.got = decode(record.get("got"))
    if case.raises:
        result.error = f"should raise {case.raises}, but returned a value"
        return
    reason = mismatch(result.got, case.expect, case.tolerance or tolerance)
    result.passed = reason is None
    result.error = reason
