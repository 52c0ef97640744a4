"""Fits their machines: no POSIX-only call on the main path without a fallback, and a
build on a machine without them (Windows: no fork, no SIGALRM, no resource module)
prints the same PDF. The spawn batch itself is tested in test_staff_output.py."""

from __future__ import annotations

import multiprocessing
import os
import re
import signal
import sys
from pathlib import Path

import pytest

import handouts
from handouts.batch import runner
from handouts.pipeline.build import build_handout, load_project

PACKAGE = Path(handouts.__file__).parent
POSIX_ONLY = re.compile(
    r"\bfork\b|fcntl|SIGALRM|setitimer|import resource|os\.kill\b|getuid|geteuid|"
    r"import pwd|import grp|O_NOFOLLOW|O_NONBLOCK|os\.sysconf|/proc/|termios|setsid|killpg"
)
# Every POSIX-only call in the package, by file, and the fallback that makes it degrade
# (read from the code; each fallback is exercised by the test below).
INVENTORY = {
    "batch/runner.py": {"import resource", "fork"},  # ImportError -> 0; spawn off Linux
    "output/write.py": {"os.kill"},  # never on Windows: the temp file's age instead
    # The one timer (render and layout bounds): it says when it cannot be set; layout
    # then falls back to a watchdog thread, render to no time limit.
    "alarm.py": {"SIGALRM", "setitimer"},
    # No memory bound without /proc or resource (Windows).
    "pdf/bounds.py": {"import resource", "/proc/", "os.sysconf"},
    "render/sandbox.py": {"import resource", "/proc/", "os.sysconf"},
    "text/safe_files.py": {"O_NOFOLLOW", "O_NONBLOCK"},  # getattr(os, ..., 0)
}


def test_every_posix_only_call_is_known() -> None:
    found: dict[str, set[str]] = {}
    for path in PACKAGE.rglob("*.py"):
        for line in path.read_text().splitlines():
            code = line.split("#")[0]
            for match in POSIX_ONLY.finditer(code):
                name = str(path.relative_to(PACKAGE))
                found.setdefault(name, set()).add(match.group(0))
    assert found == INVENTORY


def test_a_build_without_posix_prints_the_same_pdf(monkeypatch: pytest.MonkeyPatch) -> None:
    project = load_project()
    usual = build_handout(project, "hiv").pdf
    # What Windows lacks: resource, setitimer/SIGALRM, O_NOFOLLOW, /proc.
    monkeypatch.setitem(sys.modules, "resource", None)  # import resource -> ImportError
    monkeypatch.delattr(signal, "setitimer")
    monkeypatch.delattr(os, "O_NOFOLLOW")
    monkeypatch.setattr(sys, "platform", "win32")
    assert runner._pool_context().get_start_method() == "spawn"
    assert runner._peak_rss_kb() == 0
    assert build_handout(load_project(), "hiv").pdf == usual


def test_macos_batches_with_spawn(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "platform", "darwin")
    assert runner._pool_context() is multiprocessing.get_context("spawn")
