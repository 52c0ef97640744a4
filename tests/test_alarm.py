"""The one timer of the render and layout bounds (handouts/alarm.py)."""

from __future__ import annotations

import signal
import threading
import time

import pytest

from handouts.alarm import alarm

pytestmark = pytest.mark.skipif(not hasattr(signal, "setitimer"), reason="POSIX only")


class Rang(Exception):
    pass


def ring() -> None:
    raise Rang


def test_the_alarm_interrupts_the_block_and_leaves_nothing_armed() -> None:
    with pytest.raises(Rang), alarm(0.05, ring) as ringing:
        assert ringing
        time.sleep(2)
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    assert signal.getsignal(signal.SIGALRM) == signal.SIG_DFL


def test_an_earlier_alarm_gets_back_what_was_left_of_it() -> None:
    previous = signal.signal(signal.SIGALRM, lambda *_: None)
    signal.setitimer(signal.ITIMER_REAL, 10.0)
    try:
        with alarm(5.0, ring):
            time.sleep(0.3)
        left = signal.getitimer(signal.ITIMER_REAL)[0]
        assert 9.0 < left < 9.8  # 10 s less the time inside the block
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def test_outside_the_main_thread_there_is_no_alarm() -> None:
    said: list[bool] = []

    def work() -> None:
        with alarm(0.01, ring) as ringing:
            said.append(ringing)
            time.sleep(0.05)

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    assert said == [False]
