"""Atomicity under faults: a batch killed with SIGKILL mid-run, and a disk that fills up.

Every PDF and the manifest must be the old whole file or the new whole file, never a
partial one; the next run must clean up what the killed run left and complete.
"""

from __future__ import annotations

import errno
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from handouts.cli import main
from handouts.output import write
from handouts.output.write import TEMP_PREFIX

MANIFEST = "manifest.json"


def handouts(*args: str) -> subprocess.Popen[bytes]:
    """``handouts ARGS`` in its own process group (so its workers can be killed with it)."""
    return subprocess.Popen(
        [sys.executable, "-m", "handouts", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )


def finish(process: subprocess.Popen[bytes]) -> None:
    out, err = process.communicate(timeout=240)
    assert process.returncode == 0, err.decode()


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every output file in ``folder`` by name (the build's lock file is not output)."""
    return {
        p.name: p.read_bytes()
        for p in sorted(folder.iterdir())
        if p.is_file() and p.name != ".handouts.lock"
    }


def clinic(root: Path, page_size: str) -> list[str]:
    """``--practice`` options for a practice of that page size. (``--page-size`` on the
    command line writes to a folder of its own, so old and new are made by editing the
    practice, as a clinic would.) Its PDFs go to OUT/clinic/."""
    folder = root / "clinic"
    folder.mkdir(exist_ok=True)
    (folder / "practice.yaml").write_text(
        f"name: Test Clinic\nslug: clinic\npage_size: {page_size}\n"
    )
    return ["--practice", str(folder)]


def build_all(out: Path, page_size: str) -> dict[str, bytes]:
    finish(handouts("build", "--all", *clinic(out.parent, page_size), "--out", str(out),
                    "--jobs", "2"))  # fmt: skip
    return snapshot(out / "clinic")


def kill_mid_run(out: Path, old: dict[str, bytes], replaced: int) -> int:
    """Start the a4 rebuild and SIGKILL it (and its workers) once ``replaced`` PDFs are
    new (0: while the first handouts are still being laid out); return its pid."""
    options = clinic(out.parent, "a4")
    process = handouts("build", "--all", *options, "--out", str(out), "--jobs", "2")
    out = out / "clinic"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        if not replaced:
            time.sleep(0.4)
            break
        changed = [
            name for name, data in old.items()
            if name.endswith(".pdf") and (out / name).read_bytes() != data
        ]  # fmt: skip
        if len(changed) >= replaced:
            break
        time.sleep(0.005)
    assert process.poll() is None, "the batch finished before it could be killed"
    os.killpg(process.pid, signal.SIGKILL)
    process.communicate(timeout=60)  # reap it and close its pipes
    assert process.returncode == -signal.SIGKILL
    return process.pid


def assert_old_or_new(out: Path, old: dict[str, bytes], new: dict[str, bytes]) -> list[str]:
    """Every PDF and the manifest is the old or the new whole file; return the temp files."""
    temps = []
    for path in out.iterdir():
        if path.name.startswith(TEMP_PREFIX):
            temps.append(path.name)
            continue
        if path.name == ".handouts.lock":  # the lock a killed build held: empty, let go
            continue
        assert path.name in new, f"unexpected file {path.name}"
        data = path.read_bytes()
        assert data in (old[path.name], new[path.name]), f"{path.name} is partial or mixed"
    assert set(new) <= {p.name for p in out.iterdir()}, "a file went missing"
    json.loads((out / MANIFEST).read_text(encoding="utf-8"))  # whole, valid JSON
    return temps


def test_sigkill_mid_batch_leaves_old_or_new_files_and_next_run_completes(
    tmp_path: Path,
) -> None:
    reference = tmp_path / "reference"
    new = build_all(reference, "a4")  # what a complete a4 run writes
    out = tmp_path / "out"
    old = build_all(out, "letter")
    assert set(old) == set(new) and len(old) >= 16  # 15 PDFs and the manifest
    assert all(old[name] != new[name] for name in old)  # so old and new can be told apart

    dead_pids = []
    written = out / "clinic"
    for replaced in (0, 1, 6):  # before any write, at the first, in the middle
        dead_pids.append(kill_mid_run(out, old, replaced))
        assert_old_or_new(written, old, new)
    replaced = [n for n in new if n.endswith(".pdf") and (written / n).read_bytes() == new[n]]
    assert replaced, "the kill came before any handout was replaced"
    # Whatever temp files the kills left, a dead writer's temp file must be cleaned up.
    (written / f"{TEMP_PREFIX}{dead_pids[-1]}-planted").write_bytes(b"%PDF-1.4 half a fi")

    finish(handouts("build", "--all", *clinic(tmp_path, "a4"), "--out", str(out), "--jobs", "2"))
    assert snapshot(written) == new  # every file new and whole, and nothing else left


def test_a_live_writers_temp_file_is_left_alone(tmp_path: Path) -> None:
    """A parallel build into the same folder is not sabotaged by the cleanup."""
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        live = tmp_path / f"{TEMP_PREFIX}{sleeper.pid}-abc"
        dead = tmp_path / f"{TEMP_PREFIX}999999999-abc"
        legacy = tmp_path / f"{TEMP_PREFIX}abc"
        for path in (live, dead, legacy):
            path.write_bytes(b"x")
        assert write.remove_stale_temps(tmp_path) == 2
        assert [p.name for p in tmp_path.iterdir()] == [live.name]
    finally:
        sleeper.kill()
        sleeper.wait()


def test_disk_full_mid_batch_keeps_every_previous_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """ENOSPC on the third write: the run fails with a clear message; every file is the
    old one or a complete new one; no temp file is left; the next run completes."""
    slugs = ["lupus", "hiv", "cancer", "depression"]
    runner = CliRunner()
    args = ["build", *slugs, "--out", str(tmp_path / "out"), "--jobs", "1"]
    out = tmp_path / "out" / "clinic"
    assert runner.invoke(main, [*args, *clinic(tmp_path, "letter")]).exit_code == 0
    old = snapshot(out)
    calls = {"n": 0}
    real_fsync = os.fsync

    def fsync_until_full(fd: int) -> None:
        calls["n"] += 1
        if calls["n"] >= 3:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real_fsync(fd)

    monkeypatch.setattr(write.os, "fsync", fsync_until_full)
    result = runner.invoke(main, [*args, *clinic(tmp_path, "a4")])
    assert result.exit_code == 1
    assert isinstance(result.exception, SystemExit)
    assert "cannot write: No space left on device" in result.output
    after = snapshot(out)
    assert set(after) == set(old)  # nothing lost, no temp file left
    changed = [name for name in old if after[name] != old[name]]
    assert len(changed) == 2 and all(n.endswith(".pdf") for n in changed)  # written before

    monkeypatch.setattr(write.os, "fsync", real_fsync)
    assert runner.invoke(main, [*args, *clinic(tmp_path, "a4")]).exit_code == 0
    reference = tmp_path / "reference"
    options = ["--out", str(reference), *clinic(tmp_path, "a4")]
    assert runner.invoke(main, ["build", *slugs, *options]).exit_code == 0
    assert snapshot(out) == snapshot(reference / "clinic")
