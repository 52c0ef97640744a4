"""One timer for the render and layout bounds: SIGALRM through ``setitimer``.

An alarm interrupts the work wherever it is, which a watchdog thread cannot. It exists
only on POSIX, and only the main thread may set it (the CLI and every batch worker run
there); ``alarm`` says whether it was set, so a caller can fall back (pdf/bounds.py
reads a flag as each page ends) or go without. An alarm set before ours (a caller's own
timeout) is put back with what was left of it.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any


@contextmanager
def alarm(seconds: float, ring: Callable[[], None]) -> Iterator[bool]:
    """Call ``ring`` (which may raise) after ``seconds`` within the block; True if the
    alarm is set, False where it cannot be (no SIGALRM, or not the main thread)."""
    if (
        not hasattr(signal, "setitimer")
        or threading.current_thread() is not threading.main_thread()
    ):
        yield False
        return

    def handler(signum: int, frame: Any) -> None:
        ring()

    previous = signal.signal(signal.SIGALRM, handler)
    started = time.monotonic()
    old_timer = signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield True
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        if old_timer[0]:  # someone else's alarm: put back what is left of it
            left = max(old_timer[0] - (time.monotonic() - started), 0.001)
            signal.setitimer(signal.ITIMER_REAL, left, old_timer[1])
