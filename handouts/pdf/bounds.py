"""Bounds on laying out one handout: pages, time and memory.

The guard bounds what a template may produce (elements, nesting, text size), but a
template that passes it can still make ReportLab run for minutes or fill the memory:
340,000 tiny paragraphs took 71 s and 965 MB, and a loop of paragraphs makes hundreds of
pages. The built-in full guide is 3 to 14 pages and lays out in well under a second, so
each limit here is far above any real handout and far below harm.

What each machine gets:

- pages: everywhere; counted as each page ends, so layout stops at page MAX_PAGES + 1.
- time: on POSIX in the main thread (the CLI and every batch worker), an alarm
  (handouts/alarm.py) interrupts the layout wherever it is; elsewhere (Windows, or a
  non-main thread) a watchdog thread sets a flag that is read as each page ends. The flag
  is read on POSIX too, in case ReportLab swallows the alarm's exception.
- memory: read as each page ends. Linux reads the resident size now (/proc/self/statm)
  and compares it with the size when layout began; other POSIX systems (macOS, BSD) read
  the peak resident size (``getrusage``), so the bound there counts from the process's
  peak so far; Windows gets no memory bound. ``setrlimit(RLIMIT_AS)`` is not used: it
  would make any allocation anywhere in the process fail, not just this layout's.
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from handouts.alarm import alarm

MAX_PAGES = 60  # pages per handout; the longest built-in guide in large print has 14
MAX_LAYOUT_SECONDS = 60.0  # per handout; the built-in guides take 0.1 to 0.5 s
MAX_LAYOUT_MEMORY = 1 << 30  # bytes the process may grow by while one handout is laid out

_FIX = "check the practice template's loops and extra sections"


class LayoutBoundError(Exception):
    """Laying out a handout went past one of the bounds above. ReportLab may rewrap it
    with words of its own on the way out: the plain words are in ``LayoutWatch.refused``."""


def _size(limit: int) -> str:
    if limit >= 1 << 30 and limit % (1 << 30) == 0:
        return f"{limit >> 30} GiB"
    return f"{limit:,} bytes"


def pages_message(limit: int) -> str:
    """What is said when a handout makes more than ``limit`` pages."""
    return (
        f"the handout made more than {limit} pages; a handout that long is a template "
        f"mistake: {_FIX}"
    )


def time_message(seconds: float) -> str:
    """What is said when laying out takes longer than ``seconds``."""
    return (
        f"laying out the handout took more than {seconds:g} seconds (a handout takes about "
        f"a second); {_FIX}"
    )


def memory_message(limit: int) -> str:
    """What is said when laying out needs more than ``limit`` bytes."""
    return (
        f"laying out the handout needed more than {_size(limit)} of memory; {_FIX}, and "
        "for very large tables or images"
    )


def _resident_now() -> Callable[[], int] | None:
    """A function giving the memory to compare against the limit, or None (no bound)."""
    try:
        page = os.sysconf("SC_PAGE_SIZE")
        with open("/proc/self/statm", encoding="ascii") as statm:
            int(statm.read().split()[1])
    except (AttributeError, OSError, ValueError, IndexError):
        pass
    else:

        def resident() -> int:
            with open("/proc/self/statm", encoding="ascii") as statm:
                return int(statm.read().split()[1]) * page

        return resident
    try:
        import resource
    except ImportError:  # Windows
        return None
    # ru_maxrss: bytes on macOS, kilobytes on the other BSDs.
    scale = 1 if sys.platform == "darwin" else 1024
    return lambda: int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss) * scale


class LayoutWatch:
    """The bounds of one layout: ``page_ended`` is called as each page ends."""

    expired: bool
    refused: str  # why the layout was stopped, in plain words ('' while it runs)

    def __init__(self) -> None:
        self.expired = False
        self.refused = ""
        self.seconds = MAX_LAYOUT_SECONDS
        self.memory = MAX_LAYOUT_MEMORY
        self._resident = _resident_now()
        self._start = self._resident() if self._resident else 0

    def page_ended(self, page: int) -> None:
        """Refuse to go on past the page, time or memory bound (``page``: the number of
        the page that ends; a second layout pass counts from 1 again)."""
        if page > MAX_PAGES:
            self.refuse(pages_message(MAX_PAGES))
        if self.expired:
            self.refuse(time_message(self.seconds))
        if self._resident is not None and self._resident() - self._start > self.memory:
            self.refuse(memory_message(self.memory))

    def refuse(self, message: str) -> None:
        """Stop the layout, saying why."""
        self.refused = message
        raise LayoutBoundError(message)

    def expire(self) -> None:
        """The time is up: the next page end stops the layout."""
        self.expired = True


@contextmanager
def timed(watch: LayoutWatch) -> Iterator[None]:
    """``watch``'s time limit, running for the block: an alarm (handouts/alarm.py) where
    there is one, else a watchdog thread whose flag is read as each page ends."""
    seconds = watch.seconds

    def ring() -> None:
        watch.expire()
        watch.refuse(time_message(seconds))

    with alarm(seconds, ring) as ringing:
        if ringing:
            yield
            return
    timer = threading.Timer(seconds, watch.expire)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        timer.cancel()
