"""A wall-clock deadline for judging an answer: the last guard after the parser's size limits.

Size limits stop most costly input before any work starts, but some input stays inside every
limit and still takes long to judge. Past the deadline the learner hears "this took too long to
check; nothing was recorded" and can go on.

* In the main thread (the command line) a timer signal interrupts the work itself.
* In any other thread (the tutor's workers) the work runs in a daemon thread that is joined
  with a timeout: the screen stops waiting for it and keeps answering keys. Python cannot stop
  a thread from outside, so such work runs on to its end in the background; its result is
  dropped.
"""

from __future__ import annotations

import signal
import threading
from typing import Callable, TypeVar

T = TypeVar("T")

#: Seconds an answer may take to be judged (and the preview to be read back).
ANSWER_SECONDS = 1.0


class TookTooLong(BaseException):
    """The deadline passed. A BaseException, so that no ``except Exception`` on the way swallows it."""


def within(seconds: float, work: Callable[[], T]) -> T:
    """``work()``, or :class:`TookTooLong` once ``seconds`` of wall-clock time have passed."""
    if threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer"):
        return _with_timer(seconds, work)
    return _in_thread(seconds, work)


#: After the deadline the timer fires again this often: an exception raised while Python runs a
#: garbage-collector callback or a ``__del__`` is printed and dropped, so one signal is not enough.
_REPEAT_SECONDS = 0.05


def _with_timer(seconds: float, work: Callable[[], T]) -> T:
    state = {"done": False}

    def expire(signum: int, frame: object) -> None:
        if not state["done"]:
            raise TookTooLong()

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds, _REPEAT_SECONDS)
    try:
        return work()
    finally:
        while True:  # a repeat may land before "done" is set; set it again until it sticks
            try:
                state["done"] = True
                signal.setitimer(signal.ITIMER_REAL, 0)
                signal.signal(signal.SIGALRM, previous)
                break
            except TookTooLong:
                continue


def _in_thread(seconds: float, work: Callable[[], T]) -> T:
    box: dict[str, object] = {}

    def run() -> None:
        try:
            box["value"] = work()
        except BaseException as exc:  # noqa: BLE001 - handed back to the waiting thread
            box["error"] = exc

    thread = threading.Thread(target=run, name="judge", daemon=True)
    thread.start()
    thread.join(seconds)
    if thread.is_alive():
        raise TookTooLong()
    if "error" in box:
        raise box["error"]  # type: ignore[misc]
    return box["value"]  # type: ignore[return-value]
