"""One writer per output folder: two builds into one folder at once (the issue's case left
a manifest listing 7 of 15 handouts) now take turns, and both manifests are complete; a
build that cannot get the folder waits, says so, then stops with a clear message. The
lock file is never output."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from handouts.batch.runner import build_set
from handouts.errors import OutputError
from handouts.output import lock
from handouts.pipeline.build import load_project

HOLD = (
    "import sys, time\nfrom filelock import FileLock\n"
    "l = FileLock(sys.argv[1]); l.acquire()\nprint('held', flush=True)\n"
    "time.sleep(float(sys.argv[2]))\n"
)


def hold_lock(folder: Path, seconds: float) -> subprocess.Popen[str]:
    """Another process holding the folder's lock for ``seconds``."""
    folder.mkdir(parents=True, exist_ok=True)
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(folder / ".handouts.lock"), str(seconds)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None and holder.stdout.readline() == "held\n"
    holder.stdout.close()
    return holder


def listed(folder: Path) -> list[str]:
    data = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    return sorted(item["file"] for item in data["handouts"])


def test_two_builds_at_once_both_leave_a_complete_manifest(tmp_path: Path) -> None:
    out = tmp_path / "out"
    command = [sys.executable, "-m", "handouts", "build", "--edition", "full", "--jobs", "1"]
    first = subprocess.Popen([*command, "lupus", "hiv", "--out", str(out)],
                             stderr=subprocess.PIPE, text=True)  # fmt: skip
    second = subprocess.Popen([*command, "fibromyalgia", "multiple-sclerosis", "--out",
                               str(out)], stderr=subprocess.PIPE, text=True)  # fmt: skip
    said = [first.communicate(timeout=600)[1], second.communicate(timeout=600)[1]]
    assert (first.returncode, second.returncode) == (0, 0), said
    # Whichever finished last read the other's manifest first: all four are listed.
    assert listed(out) == ["fibromyalgia.pdf", "hiv.pdf", "lupus.pdf", "multiple-sclerosis.pdf"]
    assert sorted(p.name for p in out.iterdir()) == [
        ".handouts.lock", "fibromyalgia.pdf", "hiv.pdf", "lupus.pdf", "manifest.json",
        "multiple-sclerosis.pdf",
    ]  # fmt: skip


def test_a_second_build_waits_and_says_so(tmp_path: Path) -> None:
    out = tmp_path / "out"
    holder = hold_lock(out, 600)  # held until the build has said it waits
    build = subprocess.Popen(
        [sys.executable, "-m", "handouts", "build", "--edition", "full", "lupus",
         "--out", str(out)], stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert build.stderr is not None
        first = build.stderr.readline()
    finally:
        holder.kill()
        holder.wait()
    rest = build.communicate(timeout=600)[1]
    assert build.returncode == 0, first + rest
    assert first == (
        f"{out}: another build is writing into this folder; waiting for it to finish "
        "(up to 2 minutes)\n"
    )
    assert listed(out) == ["lupus.pdf"]


def test_a_build_that_cannot_get_the_folder_stops(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    monkeypatch.setattr(lock, "WAIT_SECONDS", 120.0)
    holder = hold_lock(out, 60)
    started = time.monotonic()
    monkeypatch.setattr(lock.FileLock, "acquire", _short_wait(lock.FileLock.acquire))
    try:
        with pytest.raises(OutputError) as info:
            build_set(load_project(), ["lupus"], out, jobs=1)
    finally:
        holder.kill()
        holder.wait()
    assert time.monotonic() - started < 30
    assert str(info.value) == (
        f"{out}: another build is still writing into this folder after 2 minutes; "
        "let it finish and run again, or choose another --out"
    )
    assert "waiting for it to finish (up to 2 minutes)" in capsys.readouterr().err
    assert not (out / "lupus.pdf").exists() and not (out / "manifest.json").exists()


def _short_wait(acquire):  # type: ignore[no-untyped-def]
    """FileLock.acquire, waiting half a second where the build would wait 2 minutes."""

    def short(self, timeout=None, *args, **kwargs):  # type: ignore[no-untyped-def]
        return acquire(self, 0.5 if timeout else timeout, *args, **kwargs)

    return short
