"""The child side of a sandboxed run: this file's text is run by ``python -I -S -B -c``.

It imports nothing of linalg_tutor (it is not even imported as a module: the runner reads its
text and passes it with ``-c``), only the standard library, so the learner's process never has
the tutor on its path. Order of work, all before the learner's code runs:

1. read the job (JSON) from the input pipe, then close that pipe;
2. lower the resource limits (CPU, address space, file size, open files, processes, core);
3. put NumPy's folder on ``sys.path`` (``-S`` left out site-packages and its ``.pth`` hooks);
4. install the audit hook that refuses writes outside the working folder, new processes,
   sockets, foreign calls through ctypes and imports of the tutor;
5. compile the learner's source as ``your_code.py`` (a syntax error is reported with its line),
   run it as a module named ``solution``, and call the function once per test case.

Every result is one JSON line on the results pipe, written as soon as it is known, so a case
that hangs still leaves the earlier results behind.
"""

import builtins
import json
import os
import resource
import signal
import sys

FILENAME = "your_code.py"


def _send(fd, record):
    data = (json.dumps(record, allow_nan=True) + "\n").encode("utf-8", "replace")
    while data:
        data = data[os.write(fd, data):]


def _read_job(fd):
    chunks = []
    while True:
        chunk = os.read(fd, 65536)
        if not chunk:
            break
        chunks.append(chunk)
    os.close(fd)
    return json.loads(b"".join(chunks).decode("utf-8"))


def _limit(name, value):
    which = getattr(resource, name, None)
    if which is None or value is None:
        return
    soft, hard = (value, value) if isinstance(value, int) else value
    _, old_hard = resource.getrlimit(which)
    if old_hard != resource.RLIM_INFINITY:
        soft, hard = min(soft, old_hard), min(hard, old_hard)
    resource.setrlimit(which, (soft, hard))


def _set_limits(limits):
    _limit("RLIMIT_CORE", 0)
    _limit("RLIMIT_CPU", (limits["cpu"], limits["cpu"] + 1))
    _limit("RLIMIT_AS", limits["memory"])
    _limit("RLIMIT_FSIZE", limits["file_size"])
    _limit("RLIMIT_NOFILE", limits["open_files"])
    _limit("RLIMIT_NPROC", limits["processes"])
    # A write past the file-size limit fails with an OSError instead of killing the process.
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)


def _read_only_except(workdir):
    """Inside a fresh user+mount namespace (``unshare -r -m``): make every mount read-only
    except the working folder, then give up every capability for good.

    Returns "" on success, else what failed (the run then stops: the parent asked for this
    isolation, so going on without it would be silent).
    """
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)

    def check(result, what):
        if result != 0:
            err = ctypes.get_errno()
            raise OSError(err, f"{what}: {os.strerror(err)}")

    MS_REC, MS_PRIVATE, MS_BIND = 0x4000, 1 << 18, 0x1000
    AT_FDCWD, AT_RECURSIVE, MOUNT_ATTR_RDONLY = -100, 0x8000, 0x1

    class MountAttr(ctypes.Structure):
        _fields_ = [("attr_set", ctypes.c_uint64), ("attr_clr", ctypes.c_uint64),
                    ("propagation", ctypes.c_uint64), ("userns_fd", ctypes.c_uint64)]

    libc.mount.argtypes = [ctypes.c_char_p] * 3 + [ctypes.c_ulong, ctypes.c_void_p]
    libc.syscall.restype = ctypes.c_long
    folder = workdir.encode()
    try:
        check(libc.mount(None, b"/", None, MS_REC | MS_PRIVATE, None), "private mounts")
        check(libc.mount(folder, folder, None, MS_BIND | MS_REC, None), "bind the folder")
        attr = MountAttr(MOUNT_ATTR_RDONLY, 0, 0, 0)
        # mount_setattr is system call 442 on every Linux architecture (since 5.12)
        check(libc.syscall(442, AT_FDCWD, b"/", AT_RECURSIVE, ctypes.byref(attr),
                           ctypes.sizeof(attr)), "read-only /")
        attr = MountAttr(0, MOUNT_ATTR_RDONLY, 0, 0)
        check(libc.syscall(442, AT_FDCWD, folder, AT_RECURSIVE, ctypes.byref(attr),
                           ctypes.sizeof(attr)), "writable folder")
        os.chdir(workdir)  # onto the new mount: the old working directory lies under it, read-only
        # no way back to privileges: no new privileges on exec, root in this namespace gets
        # no capabilities on exec, and every capability set is emptied
        PR_SET_NO_NEW_PRIVS, PR_SET_SECUREBITS, PR_CAPBSET_DROP, PR_CAP_AMBIENT = 38, 28, 24, 47
        check(libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0), "no_new_privs")
        check(libc.prctl(PR_SET_SECUREBITS, 0b11101111, 0, 0, 0), "securebits")
        for cap in range(64):
            if libc.prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) != 0:
                break
        libc.prctl(PR_CAP_AMBIENT, 4, 0, 0, 0)

        class Header(ctypes.Structure):
            _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]

        class Data(ctypes.Structure):
            _fields_ = [("effective", ctypes.c_uint32), ("permitted", ctypes.c_uint32),
                        ("inheritable", ctypes.c_uint32)]

        check(libc.capset(ctypes.byref(Header(0x20080522, 0)), ctypes.byref((Data * 2)())), "capset")
    except OSError as exc:
        return str(exc)
    return ""


def _outer_uid():
    """The user id outside any user namespace (from uid_map), or the plain uid."""
    try:
        with open("/proc/self/uid_map") as f:
            inside, outside, _count = f.read().split()[:3]
        return os.getuid() - int(inside) + int(outside)
    except (OSError, ValueError):
        return os.getuid()


def _capabilities():
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("CapEff:"):
                    return int(line.split()[1], 16)
    except (OSError, ValueError):
        pass
    return -1


_PROCESS_EVENTS = frozenset({
    "os.exec", "os.fork", "os.forkpty", "os.posix_spawn", "os.spawn", "os.system",
    "os.kill", "os.killpg", "pty.spawn", "subprocess.Popen", "os.startfile", "signal.pthread_kill",
})
# event -> positions of path arguments that are written to, created or removed
_PATH_EVENTS = {
    "os.remove": (0,), "os.rmdir": (0,), "os.mkdir": (0,), "os.rename": (0, 1),
    "os.chmod": (0,), "os.chown": (0,), "os.link": (1,), "os.symlink": (1,),
    "os.truncate": (0,), "os.utime": (0,), "shutil.rmtree": (0,), "os.chflags": (0,),
    "os.setxattr": (0,), "os.removexattr": (0,), "os.mkfifo": (0,), "os.mknod": (0,),
}
_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND


#: modules that start processes or write files without raising an audit event of their own
_REFUSED_MODULES = frozenset({"_posixsubprocess", "_gdbm", "_dbm", "linalg_tutor"})


# The defaults are evaluated once, on purpose: the guard's tables are bound when it is installed, so the
# learner's code cannot change them by rebinding module names afterwards.
def _install_guard(workdir, _path_events=tuple(_PATH_EVENTS.items()), _process_events=_PROCESS_EVENTS,  # noqa: B008
                   _write_flags=_WRITE_FLAGS, _refused=_REFUSED_MODULES):
    """The second line of defence: refuse what a function computing matrices never needs.

    Everything the hook consults is bound here, not looked up in this module's globals, so
    rebinding names in ``__main__`` does not switch it off (it is still only a speed bump for
    someone set on getting round it: see docs/SANDBOX.md).
    """
    realpath, abspath, fsdecode = os.path.realpath, os.path.abspath, os.fsdecode
    path_events = dict(_path_events)
    root = realpath(workdir)
    prefix = root.rstrip(os.sep) + os.sep

    def inside(path):
        if isinstance(path, int):  # an already open file descriptor
            return True
        try:
            full = realpath(abspath(fsdecode(path)))
        except Exception:
            return False
        return full == root or full.startswith(prefix)

    def refuse(what):
        raise PermissionError(f"the tutor's sandbox does not allow {what}")

    def hook(event, args):
        if event == "open":
            path, mode, flags = args
            writing = (isinstance(mode, str) and any(c in mode for c in "wax+")) or (
                isinstance(flags, int) and flags & _write_flags)
            if writing and path is not None and not inside(path):
                refuse(f"writing to {fsdecode(path)!r}: only the run's own folder is writable")
        elif event in path_events:
            if len(args) > 2 and event in ("os.mkdir", "os.rmdir", "os.remove") and args[-1] is not None:
                refuse(f"{event} relative to a directory descriptor")
            for i in path_events[event]:
                if i < len(args) and args[i] is not None and not inside(args[i]):
                    refuse(f"{event} on {fsdecode(args[i])!r} outside the run's folder")
        elif event in _process_events:
            refuse(f"starting or signalling processes ({event})")
        elif event.startswith("socket."):
            refuse(f"network access ({event})")
        elif event in ("ctypes.call_function", "ctypes.dlsym", "ctypes.cdata"):
            refuse(f"calling C functions through ctypes ({event})")
        elif event == "sqlite3.connect":
            if args and args[0] not in (":memory:", b":memory:", "") and not inside(args[0]):
                refuse("a database file outside the run's folder")
        elif event == "import":
            name = (args[0] or "").partition(".")[0]
            if name in _refused:
                if name == "_posixsubprocess":
                    refuse("starting processes (subprocess)")
                refuse(f"importing {name}")

    sys.addaudithook(hook)


def _plain(value, budget):
    """The returned value as JSON data: NumPy arrays become lists, tuples lists."""
    budget[0] -= 1
    if budget[0] < 0:
        raise OverflowError("the returned value is too large to show")
    if value is None or isinstance(value, (bool, str)):
        return value if not isinstance(value, str) else value[:10000]
    if isinstance(value, int):
        return value if abs(value) < 10 ** 300 else float(value)
    if isinstance(value, float):
        return value
    if isinstance(value, complex):
        return {"__complex__": [value.real, value.imag]}
    if isinstance(value, (list, tuple)):
        return [_plain(v, budget) for v in value]
    kind = type(value)
    module = getattr(kind, "__module__", "") or ""
    if module.startswith("numpy") and hasattr(value, "tolist"):  # arrays and NumPy scalars
        return _plain(value.tolist(), budget)
    if module == "fractions" or module == "decimal":
        if module == "fractions" and value.denominator == 1:
            return int(value)
        return float(value)
    if isinstance(value, dict):
        return {str(k): _plain(v, budget) for k, v in value.items()}
    return {"__repr__": repr(value)[:300], "__type__": kind.__name__}


def _learner_traceback(exc):
    import traceback

    frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename == FILENAME]
    lines = ["Traceback (your code only):\n"] if frames else []
    lines += traceback.StackSummary.from_list(frames).format()
    lines += traceback.format_exception_only(type(exc), exc)
    text = "".join(lines)
    return text if len(text) <= 4000 else text[:1500] + "  …\n" + text[-2400:]


def _exception(exc):
    text = str(exc)
    return {
        "type": type(exc).__name__,
        "mro": [c.__name__ for c in type(exc).__mro__],
        "message": text[:1000],
        "traceback": _learner_traceback(exc),
    }


def _exit_code(exc):
    return exc.code if isinstance(exc.code, (int, type(None))) else str(exc.code)[:200]


def main():
    job = _read_job(int(sys.argv[1]))
    out = int(sys.argv[2])
    if job["read_only"]:
        failed = _read_only_except(job["workdir"])
        if failed:
            _send(out, {"error": "isolation", "message": failed})
            return
    _set_limits(job["limits"])

    def _cpu_spent(signum, frame):  # the soft CPU limit: say so, then end at once
        _send(out, {"error": "cpu"})
        os._exit(124)

    signal.signal(signal.SIGXCPU, _cpu_spent)
    # a timer of its own, should the tutor die mid-run and so never stop this process. A
    # handler, not the default action: as PID 1 of its namespace, this process would ignore it
    signal.signal(signal.SIGALRM, lambda signum, frame: os._exit(125))
    signal.alarm(int(job["limits"]["wall"]) + 2)
    sys.path.extend(job["paths"])
    sys.stdout.reconfigure(line_buffering=True)
    _send(out, {"hello": True, "uid": os.getuid(), "outer_uid": _outer_uid(),
                "capabilities": _capabilities(), "read_only": job["read_only"]})
    if job.get("probe"):
        return

    def _exit(code=None):
        raise SystemExit(code)

    builtins.exit = builtins.quit = _exit
    source = job["source"]
    import linecache

    linecache.cache[FILENAME] = (len(source), None, source.splitlines(True), FILENAME)
    if job["guard"]:
        _install_guard(job["workdir"])

    try:
        code = compile(source, FILENAME, "exec", dont_inherit=True)
    except SyntaxError as exc:
        _send(out, {"error": "syntax", "line": exc.lineno, "offset": exc.offset,
                    "text": (exc.text or "").rstrip("\n")[:300], "message": exc.msg})
        return
    except (ValueError, MemoryError, RecursionError) as exc:
        _send(out, {"error": "syntax", "line": None, "offset": None, "text": "",
                    "message": f"{type(exc).__name__}: {exc}"})
        return

    namespace = {"__name__": "solution", "__builtins__": builtins, "__file__": FILENAME}
    try:
        exec(code, namespace)  # safe: the sandboxed child process, under limits and the guard
    except SystemExit as exc:
        _send(out, {"error": "exit", "code": _exit_code(exc)})
        return
    except BaseException as exc:  # noqa: BLE001 - every failure of learner code is reported
        _send(out, {"error": "load", "exception": _exception(exc)})
        return

    _send(out, {"loaded": True})
    function = namespace.get(job["function"])
    if not callable(function):
        _send(out, {"error": "missing", "function": job["function"],
                    "found": type(function).__name__ if function is not None else None})
        return

    for i, raw in enumerate(job["cases"]):
        args = json.loads(raw)
        try:
            got = function(*args)
        except SystemExit as exc:
            _send(out, {"i": i, "exit": _exit_code(exc)})
            continue
        except BaseException as exc:  # noqa: BLE001
            _send(out, {"i": i, "exception": _exception(exc)})
            continue
        try:
            _send(out, {"i": i, "got": _plain(got, [100000])})
        except (OverflowError, RecursionError, ValueError, TypeError) as exc:
            _send(out, {"i": i, "got": {"__repr__": f"<cannot show: {exc}>",
                                        "__type__": type(got).__name__}})
    sys.stdout.flush()
    _send(out, {"done": True})


if __name__ == "__main__":
    main()
