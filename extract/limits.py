"""A time limit on a block of code, in any thread.

Python has no way to stop a thread from outside, and ``signal.alarm`` works in the main thread
only; a build runs articles in the main thread, in worker processes, or (through the Python
API) in a user's thread. So: in the main thread SIGALRM (it also interrupts system calls), in
any other thread an asynchronous exception (``PyThreadState_SetAsyncExc``, the one API CPython
has for it), raised at the thread's next Python instruction. Either way code that runs long
inside one C call is stopped only when that call returns: the tokenizer's quadratic case is
removed before it runs (``nlp.prepare_text``), not by this limit.
"""

from __future__ import annotations

import ctypes
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

# Seconds one article may take (parse and extraction); --article-seconds.
ARTICLE_SECONDS = 60.0


class TimeLimitExceeded(BaseException):
    """Raised inside a block that ran past its limit (a BaseException, so that no ``except
    Exception`` inside the block can swallow it)."""


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise :class:`TimeLimitExceeded` in this thread if the block runs longer than ``seconds``
    (no limit when ``seconds`` <= 0).

    >>> import time
    >>> try:
    ...     with time_limit(0.05):
    ...         while True:
    ...             time.sleep(0.001)
    ... except TimeLimitExceeded:
    ...     print("stopped")
    stopped
    """
    if seconds <= 0:
        yield
    elif threading.current_thread() is threading.main_thread():
        with _alarm(seconds):
            yield
    else:
        with _async_exception(seconds):
            yield


@contextmanager
def _alarm(seconds: float) -> Iterator[None]:
    def expired(signum: int, frame: object) -> None:
        raise TimeLimitExceeded

    old = signal.signal(signal.SIGALRM, expired)
    previous, _ = signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)
        if previous:  # an outer limit keeps running (less the time this one took is not tracked)
            signal.setitimer(signal.ITIMER_REAL, previous)


@contextmanager
def _async_exception(seconds: float) -> Iterator[None]:
    tid = threading.get_ident()
    lock = threading.Lock()
    state = {"inside": True, "fired": False}

    def fire() -> None:
        with lock:
            if state["inside"]:
                state["fired"] = True
                ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(tid), ctypes.py_object(TimeLimitExceeded))

    timer = threading.Timer(seconds, fire)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        with lock:
            state["inside"] = False
            if state["fired"]:  # set but maybe not raised yet: never let it escape the block
                ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(tid), None)
        timer.cancel()
