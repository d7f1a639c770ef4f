"""``linalg-tutor serve`` in a real browser: Debian's Chromium, headless, driven by Playwright.

The terminal is a canvas, so what the learner sees is read from screenshots (how much is drawn,
whether a key changed it) and what they did from their progress folder. Set
``LINALG_TUTOR_SHOTS=DIR`` to keep the screenshots and look at them.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from support.browser import focus_terminal, ink, wait_for_screen

from linalg_tutor.progress.store import ProgressStore


def _keep(name: str, shot: bytes) -> None:
    folder = os.environ.get("LINALG_TUTOR_SHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        (Path(folder) / f"{name}.png").write_bytes(shot)


def _attempts(folder: Path, timeout: float = 30.0, at_least: int = 1) -> list:
    deadline = time.monotonic() + timeout
    while True:
        attempts = ProgressStore(folder).attempts() if folder.exists() else []
        if len(attempts) >= at_least or time.monotonic() > deadline:
            return attempts
        time.sleep(0.3)


def _answer(page, exercise_id: str, answer: str) -> None:
    """Open an exercise through the command palette (F9: a browser may keep ctrl+p) and answer it."""
    home = wait_for_screen(page)
    focus_terminal(page)
    page.keyboard.press("F9")
    palette = wait_for_screen(page, differs_from=home)
    page.keyboard.type(f"exercise {exercise_id}:")
    page.wait_for_timeout(1500)
    page.keyboard.press("Enter")
    wait_for_screen(page, differs_from=palette)
    page.wait_for_timeout(1000)
    page.keyboard.type(answer)
    page.wait_for_timeout(500)
    page.keyboard.press("Enter")


def test_the_server_says_where_it_serves(served):
    assert served.banner.startswith("linalg-tutor: serving the tutor at http://127.0.0.1:")
    assert "?learner=NAME" in served.banner and str(served.data) in served.banner


def test_home_page_loads_and_a_key_opens_a_chapter(served, page):
    page.goto(served.url("reader"))
    home = wait_for_screen(page)
    _keep("home", home)
    assert ink(home) > 0.05, "the home screen looks blank"
    focus_terminal(page)
    page.keyboard.press("Enter")  # the first chapter is selected: open it
    chapter = wait_for_screen(page, differs_from=home)
    _keep("chapter", chapter)
    assert ink(chapter) > 0.05


def test_a_right_answer_lands_in_that_learners_progress(served, page):
    page.goto(served.url("ada"))
    _answer(page, "0.1", "19")
    attempts = _attempts(served.data / "learners" / "ada")
    _keep("exercise", page.screenshot())
    assert [(a.exercise_id, a.correct) for a in attempts] == [("0.1", True)]


def test_two_learners_keep_separate_progress(served, browser):
    pages = []
    for name in ("bo", "cy"):
        context = browser.new_context(viewport={"width": 1000, "height": 560})
        pages.append(context.new_page())
        pages[-1].goto(served.url(name))
    _answer(pages[0], "0.1", "19")
    _answer(pages[1], "0.1", "20")
    bo = _attempts(served.data / "learners" / "bo")
    cy = _attempts(served.data / "learners" / "cy")
    for p in pages:
        p.context.close()
    assert [(a.exercise_id, a.correct) for a in bo] == [("0.1", True)]
    assert [(a.exercise_id, a.correct) for a in cy] == [("0.1", False)]


def test_a_hostile_learner_name_is_refused(served, page):
    for name in ("../../etc", "a b", "x" * 33, "é", "a;rm -rf ~", "%00"):
        response = page.goto(served.url(name))
        assert response is not None and response.status == 400, name
        assert "cannot be a learner name" in page.content()
    assert sorted(p.name for p in (served.data / "learners").iterdir()) <= ["ada", "bo", "cy", "reader"]
    # the websocket refuses such a name too (it never starts a tutor for it)
    from urllib.error import HTTPError
    from urllib.request import urlopen

    try:
        urlopen(f"http://127.0.0.1:{served.port}/ws/a%20b", timeout=10)
        status = 200
    except HTTPError as error:
        status = error.code
    assert status == 400


def test_without_a_name_the_first_page_asks_for_one(served, page):
    page.goto(served.url())
    page.fill("#learner", "dee")
    page.click("button[type=submit]")
    page.wait_for_load_state()
    assert page.url.endswith("?learner=dee")
    assert ink(wait_for_screen(page)) > 0.05


def test_ctrl_c_stops_the_server_cleanly(tmp_path):
    from support.browser import Served, skip_reason

    if skip_reason():
        import pytest

        pytest.skip(skip_reason())
    server = Served(tmp_path)
    code, out = server.stop()
    assert code == 0, out
    assert "stopped serving" in out and "Traceback" not in out


def test_a_second_tab_of_one_learner_is_read_only(served, browser):
    first = browser.new_context(viewport={"width": 1000, "height": 560}).new_page()
    first.goto(served.url("eve"))
    wait_for_screen(first)
    folder = served.data / "learners" / "eve"
    deadline = time.monotonic() + 30
    while not (folder / "progress.json.lock").exists() and time.monotonic() < deadline:
        time.sleep(0.2)
    time.sleep(2)  # the first tab's tutor has loaded and holds the folder's lock
    second = browser.new_context(viewport={"width": 1000, "height": 560}).new_page()
    second.goto(served.url("eve"))
    _answer(second, "0.1", "19")
    second.wait_for_timeout(3000)
    _keep("read-only", second.screenshot())
    assert _attempts(folder, timeout=2) == [], "the second tab wrote into a folder the first one holds"
    _answer(first, "0.1", "19")
    assert [(a.exercise_id, a.correct) for a in _attempts(folder)] == [("0.1", True)]
    first.context.close()
    second.context.close()


def test_ctrl_c_with_learners_connected_ends_their_tutors_at_once(tmp_path, browser):
    from support.browser import Served

    server = Served(tmp_path)
    page = browser.new_context(viewport={"width": 1000, "height": 560}).new_page()
    try:
        page.goto(server.url("fay"))
        wait_for_screen(page)
        folder = f"{tmp_path}/learners/fay".encode()
        tutors = []
        for proc in Path("/proc").iterdir():
            try:
                if proc.name.isdigit() and folder in (proc / "cmdline").read_bytes():
                    tutors.append(proc.name)
            except OSError:
                pass
        assert tutors, "no tutor process for the session"
        started = time.monotonic()
        code, out = server.stop()
        assert code == 0 and "stopped serving" in out and "Traceback" not in out, out
        assert time.monotonic() - started < 10
        assert [pid for pid in tutors if Path(f"/proc/{pid}").exists()] == []
    finally:
        page.context.close()
        if server.process.poll() is None:
            server.stop()


def test_an_exported_report_arrives_as_a_download(served, page):
    page.goto(served.url("dee"))
    home = wait_for_screen(page)
    focus_terminal(page)
    page.keyboard.press("p")  # the progress screen
    wait_for_screen(page, differs_from=home)
    page.wait_for_timeout(1000)
    with page.expect_download(timeout=30_000) as arrived:
        page.keyboard.press("e")  # export
    download = arrived.value
    assert download.suggested_filename.startswith("linalg-tutor-report-")
    body = Path(download.path()).read_text(encoding="utf-8")
    assert body.strip(), "the download is empty"
    # the files themselves stay in that learner's own folder on the server
    assert list((served.data / "learners" / "dee" / "exports").glob("linalg-tutor-report-*"))
