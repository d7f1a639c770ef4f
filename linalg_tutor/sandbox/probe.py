"""What isolation this machine allows, found out once by trying it.

* **Which user.** As root, resource limits on processes do not bind (RLIMIT_NPROC ignores
  root), so the child drops to ``nobody`` before Python starts (Popen's ``user=``/``group=``/
  ``extra_groups=``, done in C between fork and exec). That user must be able to run a Python
  of the same version as ours and import NumPy from our site-packages: the probe tries our
  interpreter first, then the system's ``pythonX.Y``. If none works, running is refused.
  As an ordinary user, the child keeps the learner's user.
* **Which namespaces.** ``unshare --user --net --pid --fork --kill-child`` gives the child no
  network, its own process table (everything it started dies with it) and, since no user is
  mapped in the new namespace, no privileges at all. Where the kernel or a container forbids
  unprivileged user namespaces, the run goes ahead without them and :func:`status` says so.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
import threading
from dataclasses import dataclass, replace
from pathlib import Path

_lock = threading.Lock()
_cached: "Isolation | None" = None

#: unshare flags, strongest first: no network, own process table and /proc, and (with a mapped
#: root that the harness strips of every capability) a read-only view of the file system
FULL_FLAGS = ("--user", "--map-root-user", "--mount", "--mount-proc", "--net", "--pid", "--fork",
              "--kill-child")
BASIC_FLAGS = ("--user", "--net", "--pid", "--fork", "--kill-child")

@dataclass(frozen=True)
class Isolation:
    """The isolation found on this machine.

    Attributes:
        python: The interpreter the child runs (None: no usable one; running is refused).
        paths: Folders the child adds to ``sys.path`` so that NumPy imports.
        uid, gid: The user and group the child switches to (None: stays the current user).
        user: That user's name, for messages.
        unshare: The ``unshare`` command, when namespaces work (None otherwise).
        flags: The ``unshare`` flags in use.
        read_only: The child sees the file system read-only except its own folder.
        note: Why namespaces, the read-only view or the user switch are missing, when they are.
    """

    python: str | None
    paths: tuple[str, ...]
    uid: int | None
    gid: int | None
    user: str
    unshare: str | None = None
    flags: tuple[str, ...] = ()
    read_only: bool = False
    note: str = ""

    @property
    def can_run(self) -> bool:
        return self.python is not None

    def summary(self) -> str:
        """One line for ``--help`` and the Build screen."""
        if not self.can_run:
            return f"Running code is OFF: {self.note}"
        who = f"as user {self.user}" if self.uid is not None else "as you"
        head = f"Your code runs {who} in a separate process with time, memory and process limits"
        if self.unshare and self.read_only:
            return (f"{head}, no network, its own process table and a read-only view of the "
                    f"files outside its folder (Linux namespaces).")
        if self.unshare:
            return (f"{head}, no network and its own process table (Linux namespaces); files "
                    f"outside its folder are guarded only by an audit hook ({self.note}).")
        return (f"{head}; Linux namespaces are unavailable ({self.note}), so network and files "
                f"outside its folder are guarded only by an audit hook.")


def numpy_paths() -> tuple[str, ...]:
    """The site-packages folder holding NumPy (found without importing NumPy)."""
    spec = importlib.util.find_spec("numpy")
    if spec is None or not spec.origin:
        return ()
    return (str(Path(spec.origin).resolve().parent.parent),)


def _target_user() -> tuple[int | None, int | None, str]:
    if os.geteuid() != 0:
        import getpass

        try:
            name = getpass.getuser()
        except Exception:  # noqa: BLE001 - only a name for messages
            name = str(os.getuid())
        return None, None, name
    try:
        import pwd

        entry = pwd.getpwnam("nobody")
        return entry.pw_uid, entry.pw_gid, "nobody"
    except (KeyError, ImportError):
        return 65534, 65534, "uid 65534"


def _user_kwargs(uid: int | None, gid: int | None) -> dict:
    if uid is None:
        return {}
    return {"user": uid, "group": gid, "extra_groups": []}


def _try(argv: list[str], uid: int | None, gid: int | None, timeout: float = 20.0) -> subprocess.CompletedProcess | str:
    try:
        return subprocess.run(argv, stdin=subprocess.DEVNULL, capture_output=True, text=True,
                              timeout=timeout, cwd="/", env={"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"},
                              **_user_kwargs(uid, gid))
    except (OSError, subprocess.SubprocessError) as exc:
        return f"{type(exc).__name__}: {exc}"


def _candidates() -> list[str]:
    version = f"python{sys.version_info.major}.{sys.version_info.minor}"
    seen: list[str] = []
    for path in (sys.executable, os.path.realpath(sys.executable),
                 getattr(sys, "_base_executable", None), shutil.which(version),
                 f"/usr/bin/{version}", f"/usr/local/bin/{version}"):
        if path and path not in seen and os.path.isfile(path):
            seen.append(path)
    return seen


def probe() -> Isolation:
    """Try the user switch and the namespaces for real (about 0.1 s; done once per process)."""
    uid, gid, user = _target_user()
    paths = numpy_paths()
    if not sys.platform.startswith("linux"):
        return Isolation(None, paths, uid, gid, user,
                         note=f"running code needs Linux's limits and namespaces (this is {sys.platform})")
    want = f"{sys.version_info.major}.{sys.version_info.minor}"
    check = (f"import sys; sys.path.extend({list(paths)!r}); import numpy; "
             f"print('%d.%d' % sys.version_info[:2])")
    python, notes = None, []
    for candidate in _candidates():
        result = _try([candidate, "-I", "-S", "-B", "-c", check], uid, gid)
        if isinstance(result, str):
            notes.append(f"{candidate}: {result}")
        elif result.returncode == 0 and result.stdout.strip() == want:
            python = candidate
            break
        else:
            notes.append(f"{candidate}: {(result.stderr.strip().splitlines() or ['version ' + result.stdout.strip()])[-1]}")
    if python is None:
        who = f"user {user}" if uid is not None else "this user"
        return Isolation(None, paths, uid, gid, user, None,
                         f"no Python {want} with NumPy that {who} can run ({'; '.join(notes)})")
    base = Isolation(python, paths, uid, gid, user)
    unshare = shutil.which("unshare")
    if os.environ.get("LINALG_TUTOR_SANDBOX_NAMESPACES", "1") == "0":
        return replace(base, note="turned off by LINALG_TUTOR_SANDBOX_NAMESPACES=0")
    if unshare is None:
        return replace(base, note="the unshare command is missing")
    from linalg_tutor.sandbox.runner import probe_run

    notes = []
    for flags, read_only in ((FULL_FLAGS, True), (BASIC_FLAGS, False)):
        candidate = replace(base, unshare=unshare, flags=flags, read_only=read_only)
        hello, problem = probe_run(candidate)
        if hello is not None and (uid is None or hello.get("outer_uid") not in (0, None)) and (
                not read_only or hello.get("capabilities") == 0):
            return replace(candidate, note="; ".join(notes))
        notes.append(problem or f"unexpected: {hello}")
    return replace(base, note="; ".join(notes))


def isolation() -> Isolation:
    """The cached :func:`probe` (thread-safe; the first call pays for it)."""
    global _cached
    with _lock:
        if _cached is None:
            _cached = probe()
            if _cached.can_run:
                from linalg_tutor.sandbox.runner import sweep_stale

                sweep_stale(_cached)
        return _cached


def status() -> str:
    """The isolation in force, one line (runs the probe on first use)."""
    return isolation().summary()
