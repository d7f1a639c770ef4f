"""The last guard: judging that runs past its deadline is given up, in any thread."""

from __future__ import annotations

import threading
import time

import pytest

from linalg_tutor.course.deadline import TookTooLong, within


def spin(seconds: float) -> str:
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:  # pure Python work, as SymPy's is
        pass
    return "done"


def test_quick_work_returns_its_value():
    assert within(2.0, lambda: 6 * 7) == 42


def test_slow_work_in_the_main_thread_is_interrupted():
    started = time.perf_counter()
    with pytest.raises(TookTooLong):
        within(0.2, lambda: spin(5))
    assert time.perf_counter() - started < 2


def test_slow_work_in_a_worker_thread_is_not_waited_for():
    outcome: dict[str, object] = {}

    def worker() -> None:
        started = time.perf_counter()
        try:
            within(0.2, lambda: spin(1.5))
        except TookTooLong:
            outcome["gave up after"] = time.perf_counter() - started

    thread = threading.Thread(target=worker)
    thread.start()
    thread.join(5)
    assert outcome["gave up after"] < 1.0  # type: ignore[operator]


def test_errors_inside_come_out_as_they_are():
    def boom() -> None:
        raise ValueError("author mistake")

    with pytest.raises(ValueError, match="author mistake"):
        within(1.0, boom)
    thread_error: list[BaseException] = []

    def worker() -> None:
        try:
            within(1.0, boom)
        except ValueError as exc:
            thread_error.append(exc)

    thread = threading.Thread(target=worker)
    thread.start()
    thread.join(5)
    assert thread_error and "author mistake" in str(thread_error[0])
