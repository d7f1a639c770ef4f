"""The sandbox runs learner code safely: verdicts, clear messages, and limits that hold.

These tests run as the CI user, which is root: the child must then drop to an unprivileged
user. The fork loop only runs once a child has been seen to run with a user id other than 0.
Every hostile snippet here is bounded on its own too (loops count, sleeps end), so a failure of
the sandbox cannot turn into a real fork or memory bomb on a shared machine.
"""

from __future__ import annotations

import os
import shutil
import socket
import tempfile
import time
from pathlib import Path

import pytest
import yaml

from linalg_tutor.sandbox import Case, Limits, isolation, run_tests, status
from linalg_tutor.sandbox.runner import sweep_stale

REPO = Path(__file__).resolve().parents[2]
QUICK = Limits(wall=3.0, cpu=2)


def exercise_07() -> dict:
    data = yaml.safe_load((REPO / "exercises" / "workbook-0.yaml").read_text(encoding="utf-8"))
    return next(e for e in data["exercises"] if e["id"] == "0.7")["answer"]


def matmul_cases() -> list[Case]:
    shown = [Case(t["args"], t["expect"]) for t in exercise_07()["tests"]]
    return shown + [
        Case([[[7]], [[6]]], [[42]], hidden=True),
        Case([[[1, 2]], [[1, 2]]], raises="ValueError", hidden=True),
    ]


@pytest.fixture(scope="module")
def iso():
    found = isolation()
    assert found.can_run, found.summary()
    return found


@pytest.fixture
def open_folder():
    """A world-writable folder outside the run's own: a place a careless write could reach."""
    folder = tempfile.mkdtemp(prefix="sandbox-target-", dir="/tmp")
    os.chmod(folder, 0o777)
    yield Path(folder)
    shutil.rmtree(folder, ignore_errors=True)


# --- verdicts ----------------------------------------------------------------------------


def test_reference_solution_passes_every_case(iso):
    report = run_tests(exercise_07()["solution"], "matmul", matmul_cases(), limits=QUICK)
    assert report.error is None, report.message
    assert report.passed == report.total == 8
    assert report.all_passed
    assert report.message == "8 of 8 tests pass."
    first = report.cases[0]
    assert first.input_text == "[[1, 2], [3, 4]], [[5, 6], [7, 8]]"
    assert first.expected_text == first.got_text == "[[19, 22], [43, 50]]"
    assert report.cases[-1].got_text == "raised ValueError"


def test_numpy_is_importable_and_its_arrays_compare_as_lists(iso):
    source = (
        "import numpy as np\n"
        "def matmul(A, B):\n"
        "    if len(A[0]) != len(B):\n"
        "        raise ValueError('shapes')\n"
        "    return np.array(A) @ np.array(B)\n"
    )
    report = run_tests(source, "matmul", matmul_cases(), limits=QUICK)
    assert report.all_passed, [c.error for c in report.cases]


def test_failing_code_shows_input_expected_and_got(iso):
    source = "def matmul(A, B):\n    return [[sum(A[0]) * B[0][0]]]\n"
    report = run_tests(source, "matmul", matmul_cases(), limits=QUICK)
    assert report.error is None
    assert 0 < report.passed < report.total
    first = report.cases[0]
    assert not first.passed and first.ran
    assert first.got_text == "[[15]]"
    assert first.error == "expected 2 items, got 1"
    mismatch = report.cases[-1]
    assert mismatch.error == "should raise ValueError, but returned a value"


def test_the_first_wrong_entry_is_named(iso):
    source = "def f():\n    return [[1, 2], [3, 5]]\n"
    report = run_tests(source, "f", [Case([], [[1, 2], [3, 4]])], limits=QUICK)
    assert report.cases[0].error == "5 ≠ 4 at [1][1]"


def test_float_tolerance_comes_from_the_data(iso):
    source = "def f():\n    return 0.1 + 0.2\n"
    cases = [Case([], 0.3), Case([], 0.3, tolerance="exact"), Case([], 0.33, tolerance="abs:0.05")]
    report = run_tests(source, "f", cases, limits=QUICK)
    assert [c.passed for c in report.cases] == [True, False, True]
    assert run_tests(source, "f", [Case([], 0.3)], limits=QUICK, tolerance="exact").passed == 0


def test_expected_exception_subclass_counts_and_a_wrong_one_does_not(iso):
    source = (
        "class ShapeError(ValueError):\n    pass\n"
        "def f(x):\n"
        "    if x == 1:\n        raise ShapeError('bad shape')\n"
        "    raise TypeError('not this one')\n"
    )
    report = run_tests(source, "f", [Case([1], raises="ValueError"), Case([2], raises="ValueError")], limits=QUICK)
    assert [c.passed for c in report.cases] == [True, False]
    assert report.cases[1].error == "TypeError: not this one"


def test_syntax_error_shows_the_line(iso):
    source = "def matmul(A, B):\n    C = []\n    for i in range(3)\n        pass\n"
    report = run_tests(source, "matmul", matmul_cases(), limits=QUICK)
    assert report.error == "syntax"
    assert report.line == 3
    assert "line 3" in report.message and "for i in range(3)" in report.message
    assert report.passed == 0 and not any(c.ran for c in report.cases)


def test_traceback_shows_only_the_learners_code(iso):
    source = "def helper(A):\n    return A[0][9]\n\ndef matmul(A, B):\n    return helper(A)\n"
    report = run_tests(source, "matmul", matmul_cases()[:1], limits=QUICK)
    case = report.cases[0]
    assert case.error == "IndexError: list index out of range"
    assert 'File "your_code.py", line 5, in matmul' in case.traceback
    assert 'File "your_code.py", line 2, in helper' in case.traceback
    assert "harness" not in case.traceback and "<string>" not in case.traceback


def test_missing_function_and_error_at_definition(iso):
    missing = run_tests("def mat_mul(A, B):\n    return A\n", "matmul", matmul_cases(), limits=QUICK)
    assert missing.error == "missing"
    assert "does not define a function matmul()" in missing.message
    broken = run_tests("x = 1 / 0\n", "matmul", matmul_cases(), limits=QUICK)
    assert broken.error == "load"
    assert "ZeroDivisionError" in broken.message and "line 1" in broken.message


def test_sys_exit_ends_in_a_clear_message(iso):
    top = run_tests("import sys\nsys.exit(2)\n", "f", [Case([], 1)], limits=QUICK)
    assert top.error == "exit" and "sys.exit(2)" in top.message
    inside = run_tests("def f():\n    exit()\n", "f", [Case([], 1), Case([], 1)], limits=QUICK)
    assert inside.error is None
    assert all("sys.exit" in c.error for c in inside.cases)
    hard = run_tests("import os\ndef f():\n    os._exit(0)\n", "f", [Case([], 1)], limits=Limits(wall=3, guard=False))
    assert hard.error == "crash" and "ended early" in hard.message


def test_prints_are_kept_and_the_environment_is_empty(iso, monkeypatch):
    monkeypatch.setenv("LINALG_TUTOR_TEST_SECRET", "do-not-leak")
    source = (
        "import os, sys\n"
        "def f():\n"
        "    print('hello from f')\n"
        "    try:\n        input()\n        stdin = 'open'\n"
        "    except EOFError:\n        stdin = 'closed'\n"
        "    return [stdin, sorted(os.environ), os.getcwd() == os.environ['HOME'],\n"
        "            [p for p in sys.path if 'linalg' in p]]\n"
    )
    report = run_tests(source, "f", [Case([], None)], limits=QUICK)
    got = report.cases[0].got
    assert got[0] == "closed"
    assert "LINALG_TUTOR_TEST_SECRET" not in got[1] and "HOME" in got[1]
    assert got[2] is True
    assert got[3] == []
    assert "hello from f" in report.output


def test_the_tutor_is_not_importable_even_without_the_guard(iso):
    source = "def f():\n    import linalg_tutor\n"
    report = run_tests(source, "f", [Case([], None)], limits=Limits(wall=3, guard=False))
    assert report.cases[0].raised == "ModuleNotFoundError"
    guarded = run_tests(source, "f", [Case([], None)], limits=QUICK)
    assert guarded.cases[0].raised == "PermissionError"


# --- limits ------------------------------------------------------------------------------


def test_endless_loop_is_stopped_within_the_limit(iso):
    started = time.monotonic()
    report = run_tests("def f(n):\n    while True:\n        pass\n", "f", [Case([1], 1), Case([2], 2)],
                       limits=Limits(wall=2.0, cpu=5))
    took = time.monotonic() - started
    assert report.error == "timeout"
    assert "Stopped after 2 seconds in test 1" in report.message
    assert took < 4.0
    assert not report.cases[0].ran and not report.cases[1].ran


def test_cpu_limit_stops_a_busy_loop_before_the_clock(iso):
    report = run_tests("def f():\n    while True:\n        pass\n", "f", [Case([], 1)],
                       limits=Limits(wall=20.0, cpu=1))
    assert report.error == "timeout" and "computing" in report.message
    assert report.elapsed < 10


def test_endless_loop_while_defining_is_named_as_such(iso):
    report = run_tests("while True:\n    pass\n", "f", [Case([], 1)], limits=Limits(wall=1.5))
    assert report.error == "timeout" and "before any test" in report.message


def test_memory_bomb_ends_in_a_clear_message(iso):
    limits = Limits(wall=5.0, memory_mb=256)
    at_once = run_tests("def f():\n    return len(bytearray(8 * 1024 ** 3))\n", "f", [Case([], 0)], limits=limits)
    assert at_once.cases[0].error.startswith("MemoryError: ran out of memory (limit 256 MiB)")
    assert "ran out of memory" in at_once.message
    growing = (
        "def f():\n"
        "    hoard = []\n"
        "    for _ in range(100_000):\n"  # bounded: 100 GB in 1 MB blocks, far past the limit
        "        hoard.append(bytearray(1 << 20))\n"
        "    return len(hoard)\n"
    )
    report = run_tests(growing, "f", [Case([], 0), Case([], 0)], limits=limits)
    assert report.error is None, report.message
    assert all(c.error.startswith("MemoryError") for c in report.cases)
    numpy_bomb = "import numpy as np\ndef f():\n    return np.ones((100_000, 100_000)).sum()\n"
    report = run_tests(numpy_bomb, "f", [Case([], 0)], limits=limits)
    assert report.cases[0].error.startswith("MemoryError"), report.cases[0].error


def test_flood_of_prints_is_stopped(iso):
    started = time.monotonic()
    source = "def f():\n    for i in range(10 ** 9):\n        print('spam', i)\n"
    report = run_tests(source, "f", [Case([], None)], limits=Limits(wall=10.0, output_kb=16))
    assert report.error == "output"
    assert "printed more than 16 KiB" in report.message
    assert time.monotonic() - started < 5
    assert len(report.output.encode()) <= 16 << 10
    assert report.output.startswith("spam 0\n")


def test_big_file_write_in_own_folder_hits_the_file_size_limit(iso):
    source = "def f():\n    with open('big.bin', 'wb') as fh:\n        fh.write(b'x' * (4 << 20))\n"
    report = run_tests(source, "f", [Case([], None)], limits=Limits(wall=5, file_size_kb=256))
    assert report.cases[0].raised == "OSError"
    assert "File too large" in report.cases[0].error


# --- isolation ---------------------------------------------------------------------------


WRITER = (
    "import os\n"
    "def f(path):\n"
    "    with open(path, 'w') as fh:\n"
    "        fh.write('written by learner code')\n"
    "    return 'written'\n"
)


def test_write_outside_the_folder_is_refused(iso, open_folder):
    target = open_folder / "escaped.txt"
    report = run_tests(WRITER, "f", [Case([str(target)], None)], limits=QUICK)
    assert report.cases[0].raised == "PermissionError"
    assert "only the run's own folder is writable" in report.cases[0].error
    assert not target.exists()
    for source in ("import os\ndef f(p):\n    os.remove(p)\n", "import os\ndef f(p):\n    os.mkdir(p)\n"):
        report = run_tests(source, "f", [Case([str(open_folder / "x")], None)], limits=QUICK)
        assert report.cases[0].raised == "PermissionError"
    assert list(open_folder.iterdir()) == []


def test_write_inside_the_folder_works(iso):
    source = "def f():\n    open('notes.txt', 'w').write('ok')\n    return open('notes.txt').read()\n"
    assert run_tests(source, "f", [Case([], "ok")], limits=QUICK).all_passed


def test_write_outside_is_stopped_by_the_kernel_without_the_guard(iso, open_folder):
    if not iso.read_only:
        pytest.skip(f"no read-only view of the file system here: {iso.note}")
    target = open_folder / "escaped.txt"
    report = run_tests(WRITER, "f", [Case([str(target)], None)], limits=Limits(wall=3, guard=False))
    assert report.cases[0].raised == "OSError" and "Read-only file system" in report.cases[0].error
    assert not target.exists()


def test_starting_a_process_is_refused(iso, open_folder):
    marker = open_folder / "ran.txt"
    attempts = [
        f"def f():\n    import subprocess\n    subprocess.run(['touch', {str(marker)!r}])\n",
        "def f():\n    import multiprocessing\n    p = multiprocessing.Process(target=print)\n    p.start()\n",
        f"import os\ndef f():\n    os.system('touch {marker}')\n",
        "import os\ndef f():\n    os.execv('/bin/true', ['true'])\n",
        "import os\ndef f():\n    return os.fork()\n",
    ]
    for source in attempts:
        report = run_tests(source, "f", [Case([], None)], limits=QUICK)
        assert report.cases[0].raised == "PermissionError", (source, report.message)
        assert "processes" in report.cases[0].error
    at_load = run_tests("import subprocess\ndef f():\n    pass\n", "f", [Case([], None)], limits=QUICK)
    assert at_load.error == "load" and "does not allow starting processes" in at_load.message
    assert not marker.exists()


def test_sockets_are_refused(iso):
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        port = server.getsockname()[1]
        source = (f"import socket\ndef f():\n"
                  f"    socket.create_connection(('127.0.0.1', {port}), timeout=1)\n    return 'connected'\n")
        report = run_tests(source, "f", [Case([], None)], limits=QUICK)
        assert report.cases[0].raised == "PermissionError"
        if iso.unshare:  # without the guard, the empty network namespace still has no way out
            bare = run_tests(source, "f", [Case([], None)], limits=Limits(wall=3, guard=False))
            assert bare.cases[0].raised in ("ConnectionRefusedError", "OSError", "TimeoutError"), bare.cases[0].error


def test_child_never_runs_as_root(iso):
    report = run_tests("import os\ndef f():\n    return os.getpid()\n", "f", [Case([], 0)], limits=QUICK)
    assert report.child_uid is not None
    if os.geteuid() == 0:
        assert report.child_uid != 0
        assert iso.uid is not None and iso.uid != 0
        assert "as user nobody" in status() or f"as user {iso.user}" in status()


def test_status_names_the_isolation(iso):
    line = status()
    assert line.startswith("Your code runs")
    if not iso.unshare:
        assert "unavailable" in line and iso.note in line


def processes_in(folder: str) -> list[int]:
    """Live processes whose working folder is ``folder`` (a run's processes all start there;
    other runs, e.g. in other pytest workers, have folders of their own)."""
    pids = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                cwd = os.readlink(f"/proc/{entry}/cwd")
            except OSError:  # gone, or a zombie
                continue
            if cwd == folder or cwd.startswith(folder + " "):  # "… (deleted)"
                pids.append(int(entry))
    return pids


def _unprivileged_child(iso) -> bool:
    probe = run_tests("def f():\n    return 1\n", "f", [Case([], 1)], limits=QUICK)
    return probe.child_uid not in (None, 0) and (os.geteuid() != 0 or iso.uid not in (None, 0))


FORK_LOOP = (
    "import os, time\n"
    "def spawn(limit):\n"
    "    children = 0\n"
    "    try:\n"
    "        while children < limit:\n"  # bounded even if the limit failed to bind
    "            if os.fork() == 0:\n"
    "                time.sleep(30)\n"
    "                os._exit(0)\n"
    "            children += 1\n"
    "    except OSError as exc:\n"
    "        return ['stopped', children, os.getcwd()]\n"
    "    return ['not stopped', children, os.getcwd()]\n"
)


def test_fork_loop_is_stopped_by_the_process_limit(iso):
    if not _unprivileged_child(iso):
        pytest.skip("the child was not seen to run unprivileged: no fork loop on a shared machine")
    limits = Limits(wall=8.0, guard=False, processes=8)
    report = run_tests(FORK_LOOP, "spawn", [Case([200], None)], limits=limits)
    got = report.cases[0].got
    assert got is not None, report.message
    assert got[0] == "stopped"
    # the limit is 8 more than the user already has (the namespace's own count, or the user's:
    # other pytest workers' runs count too), far below the loop's own bound of 200
    assert got[1] < 100
    for _ in range(50):  # everything it started is gone with it
        if not processes_in(got[2]):
            break
        time.sleep(0.1)
    assert processes_in(got[2]) == []
    guarded = run_tests(FORK_LOOP, "spawn", [Case([200], None)], limits=QUICK)
    assert guarded.cases[0].got[:2] == ["stopped", 0]  # the audit hook refuses the very first fork


def test_rebinding_the_harness_globals_does_not_switch_the_guard_off(iso, open_folder):
    target = open_folder / "escaped.txt"
    source = (
        "import __main__, os\n"
        "def f(path):\n"
        "    __main__._PROCESS_EVENTS = frozenset()\n"
        "    __main__._PATH_EVENTS = {}\n"
        "    __main__._WRITE_FLAGS = 0\n"
        "    open(path, 'w').write('x')\n"
    )
    report = run_tests(source, "f", [Case([str(target)], None)], limits=QUICK)
    assert report.cases[0].raised == "PermissionError"
    assert not target.exists()


def test_no_safe_way_to_run_means_no_run(monkeypatch):
    from linalg_tutor.sandbox import Isolation, probe

    refused = Isolation(None, (), 65534, 65534, "nobody",
                        note="no Python 3.11 with NumPy that user nobody can run")
    monkeypatch.setattr(probe, "_cached", refused)
    report = run_tests("def f():\n    return 1\n", "f", [Case([], 1)])
    assert report.error == "unsafe" and report.passed == 0
    assert report.message == "Running code is OFF: no Python 3.11 with NumPy that user nobody can run"
    assert status() == report.message


def test_fallback_status_is_never_silent():
    from linalg_tutor.sandbox import Isolation

    bare = Isolation("/usr/bin/python3", (), 65534, 65534, "nobody", note="unshare failed: Operation not permitted")
    line = bare.summary()
    assert "as user nobody" in line and "namespaces are unavailable (unshare failed" in line
    assert "only by an audit hook" in line


VICTIM = """
import tempfile
from linalg_tutor.sandbox import run_tests, Case, Limits, isolation
isolation()
_mkdtemp = tempfile.mkdtemp
def mkdtemp(*args, **kwargs):
    folder = _mkdtemp(*args, **kwargs)
    print(folder, flush=True)
    return folder
tempfile.mkdtemp = mkdtemp
print("started", flush=True)
run_tests("import time\\ndef f():\\n    time.sleep(1000)\\n", "f", [Case([], 1)], limits=Limits(wall=1.0))
"""


def test_a_run_ends_by_itself_when_the_tutor_dies_mid_run(iso):
    import subprocess
    import sys

    tutor = subprocess.Popen([sys.executable, "-c", VICTIM], stdout=subprocess.PIPE, text=True, cwd=REPO)
    assert tutor.stdout.readline().strip() == "started"
    folder = Path(tutor.stdout.readline().strip())
    time.sleep(0.3)
    assert processes_in(str(folder)), "the run did not start"
    tutor.kill()  # the tutor dies without a chance to stop its child
    tutor.wait()
    tutor.stdout.close()
    for _ in range(100):  # its own alarm ends it after wall + 2 s
        if not processes_in(str(folder)):
            break
        time.sleep(0.1)
    alive = processes_in(str(folder))
    assert alive == [], f"{len(alive)} sandbox process(es) outlived the tutor"
    assert folder.name.startswith("linalg-tutor-run-")
    assert folder.is_dir()  # the dead tutor could not remove its folder: the next tutor will
    os.utime(folder, (0, 0))  # as if left an hour ago and more
    assert sweep_stale(iso) >= 1
    assert not folder.exists()
