"""The parts of ``serve`` that need no browser: learner names, folders, the command, the keys."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

from linalg_tutor.tui.serve import learner_dir, tutor_command, valid_learner


@pytest.mark.parametrize("name", ["ada", "Ada_Lovelace-2", "x" * 32, "0", "-", "_"])
def test_good_learner_names(name):
    assert valid_learner(name)
    assert learner_dir(Path("/d"), name) == Path("/d/learners") / name


@pytest.mark.parametrize("name", [None, "", "x" * 33, "a b", "../x", "..", ".", "a/b", "a\\\\b", "é", "ａ",
                                  "a\n", "a;b", "$(id)", "`id`", "a\x00", "%2e%2e"])
def test_hostile_learner_names(name):
    assert not valid_learner(name)
    if name is not None:
        with pytest.raises(ValueError):
            learner_dir(Path("/d"), name)


def test_the_command_quotes_the_folder(tmp_path):
    folder = tmp_path / "a b'c" / "learners" / "ada"
    command = tutor_command(folder)
    out = subprocess.run(["sh", "-c", "printf '%s\\n' " + command.split(" ", 1)[1]],
                         capture_output=True, text=True).stdout.splitlines()
    assert out == ["-P", "-m", "linalg_tutor", "--progress-dir", str(folder)]


def _key_displays(served: bool) -> dict:
    env = {k: v for k, v in os.environ.items() if k != "LINALG_TUTOR_SERVE"}
    if served:
        env["LINALG_TUTOR_SERVE"] = "1"
    code = ("from linalg_tutor.tui.screens.exercise import ExerciseScreen as E\n"
            "from linalg_tutor.tui.app import TutorApp\n"
            "print({b.action: (b.key, b.key_display) for b in E.BINDINGS})\n"
            "print(TutorApp.COMMAND_PALETTE_DISPLAY)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60)
    assert out.returncode == 0, out.stderr
    bindings, palette = out.stdout.splitlines()
    return {"bindings": ast.literal_eval(bindings), "palette": palette}


def test_every_browser_kept_key_has_an_f_key_and_the_footer_shows_it_when_served():
    terminal, browser = _key_displays(False), _key_displays(True)
    for action, fkey in [("hint", "f3"), ("reveal", "f4"), ("next", "f8"), ("previous", "f7")]:
        keys, display = terminal["bindings"][action]
        assert fkey in keys.split(",") and display is None
        assert browser["bindings"][action] == (keys, fkey.upper())
    assert terminal["palette"] == "None" and browser["palette"] == "F9"


def test_a_port_in_use_is_an_error_not_a_traceback(tmp_path):
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        out = subprocess.run([sys.executable, "-m", "linalg_tutor", "serve", "--port", str(port),
                              "--data", str(tmp_path)], capture_output=True, text=True, timeout=60)
    assert out.returncode == 2
    assert "cannot serve on 127.0.0.1" in out.stderr and "Traceback" not in out.stderr + out.stdout


def test_a_bad_port_is_refused():
    out = subprocess.run([sys.executable, "-m", "linalg_tutor", "serve", "--port", "99999"],
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 2 and "a port is a whole number" in out.stderr
