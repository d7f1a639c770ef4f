"""The command line and progress: --progress-dir anywhere, warnings shown, reset."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from linalg_tutor.cli import main
from linalg_tutor.progress import ProgressStore


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("where", ["before", "after-subcommand", "between", "at-end"])
def test_progress_dir_works_in_every_position(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch, where: str) -> None:
    monkeypatch.setenv("LINALG_TUTOR_PROGRESS_DIR", str(tmp_path / "env-default"))
    mine = str(tmp_path / "mine")
    argv = {
        "before": ["--progress-dir", mine, "check", "0.1", "19", "--record"],
        "after-subcommand": ["check", "--progress-dir", mine, "0.1", "19", "--record"],
        "between": ["check", "0.1", "--progress-dir", mine, "19", "--record"],
        "at-end": ["check", "0.1", "19", "--record", "--progress-dir", mine],
    }[where]
    code, _, _ = run(capsys, *argv)
    assert code == 0
    assert [a.exercise_id for a in ProgressStore(Path(mine)).attempts()] == ["0.1"]
    assert not (tmp_path / "env-default").exists()


def test_check_record_says_when_a_corrupt_file_was_set_aside(capsys: pytest.CaptureFixture[str],
                                                            tmp_path: Path) -> None:
    (tmp_path / "progress.json").write_text("{ broken")
    code, _, err = run(capsys, "check", "0.1", "19", "--record", "--progress-dir", str(tmp_path))
    assert code == 0
    assert "could not be read" in err and "progress.json.corrupt-" in err
    assert len(ProgressStore(tmp_path).attempts()) == 1


def test_check_record_read_only_when_newer(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (tmp_path / "progress.json").write_text('{"schema_version": 99}')
    code, out, err = run(capsys, "check", "0.1", "19", "--record", "--json", "--progress-dir", str(tmp_path))
    assert code == 0 and json.loads(out)["recorded"] is False
    assert "newer linalg-tutor" in err
    assert (tmp_path / "progress.json").read_text() == '{"schema_version": 99}'


def test_reset_asks_and_keeps_a_backup(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    for exercise_id, answer in [("0.1", "19"), ("0.2", "50"), ("0.1", "20")]:
        run(capsys, "check", exercise_id, answer, "--record", "--progress-dir", str(tmp_path))
    monkeypatch.setattr("sys.stdin", io.StringIO("no\n"))
    code, _, err = run(capsys, "reset", "--exercise", "0.1", "--progress-dir", str(tmp_path))
    assert code == 1 and "Nothing was changed" in err
    assert len(ProgressStore(tmp_path).attempts()) == 3

    monkeypatch.setattr("sys.stdin", io.StringIO("yes\n"))
    code, out, _ = run(capsys, "reset", "--exercise", "0.1", "--progress-dir", str(tmp_path))
    assert code == 0 and "backup:" in out
    assert [a.exercise_id for a in ProgressStore(tmp_path).attempts()] == ["0.2"]

    code, out, _ = run(capsys, "reset", "--chapter", "W0", "--yes", "--progress-dir", str(tmp_path))
    assert code == 0 and ProgressStore(tmp_path).attempts() == []
    code, _, err = run(capsys, "reset", "--chapter", "W99", "--yes", "--progress-dir", str(tmp_path))
    assert code == 2 and "no chapter" in err
    code, _, _ = run(capsys, "reset", "--all", "--yes", "--progress-dir", str(tmp_path))
    assert code == 0
    assert len(list(tmp_path.glob("progress.attempts.jsonl.reset-*"))) >= 2
