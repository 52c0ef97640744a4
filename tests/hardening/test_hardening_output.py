"""Output faults: an output folder that cannot be written keeps every old file and gives a
clear error (out/ being a file, or inside one, is in the corpus).

The tests run as root, and chmod does not stop root from writing. So "unwritable" is made
for real with a read-only bind mount inside a user and mount namespace (``unshare -rm``;
the test is skipped where the kernel does not allow it), and the remaining failure paths
are simulated by making the system calls fail.
"""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from handouts.cli import main
from handouts.output import write
from handouts.output.write import TEMP_PREFIX


def can_bind_read_only() -> bool:
    if shutil.which("unshare") is None:
        return False
    probe = subprocess.run(
        ["unshare", "-rm", "sh", "-c", "mount --bind -o ro /tmp /tmp"],
        capture_output=True,
        check=False,
    )
    return probe.returncode == 0


@pytest.mark.skipif(not can_bind_read_only(), reason="no user namespaces for a read-only mount")
def test_read_only_out_folder_keeps_the_old_file(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "lupus.pdf").write_bytes(b"%PDF old and good")
    script = (
        f'mount --bind -o ro "{out}" "{out}" && '
        f'"{sys.executable}" -m handouts build lupus --out "{out}"'
    )
    result = subprocess.run(["unshare", "-rm", "sh", "-c", script], capture_output=True, text=True)
    assert result.returncode == 1
    assert result.stderr == f"Error: {out}: the output folder is not writable\n"
    assert "Traceback" not in result.stderr
    assert [p.name for p in out.iterdir()] == ["lupus.pdf"]
    assert (out / "lupus.pdf").read_bytes() == b"%PDF old and good"


@pytest.mark.skipif(not can_bind_read_only(), reason="no user namespaces for a read-only mount")
def test_read_only_parent_of_a_new_out_folder(tmp_path: Path) -> None:
    script = (
        f'mount --bind -o ro "{tmp_path}" "{tmp_path}" && '
        f'"{sys.executable}" -m handouts build lupus --out "{tmp_path}/out"'
    )
    result = subprocess.run(["unshare", "-rm", "sh", "-c", script], capture_output=True, text=True)
    assert result.returncode == 1
    assert result.stderr == (
        f"Error: {tmp_path}/out: cannot create the output folder: Read-only file system\n"
    )


def test_out_folder_without_write_permission(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What a non-root user sees for a folder they may not write (os.access says no)."""
    out = tmp_path / "out"
    out.mkdir()
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda path, mode: path != out and real_access(path, mode))
    result = CliRunner().invoke(main, ["build", "--edition", "full", "lupus", "--out", str(out)])
    assert (result.exit_code, result.stderr) == (
        1,
        f"Error: {out}: the output folder is not writable\n",
    )


def test_temp_file_refused_keeps_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The folder looks writable but creating a file in it fails (a full inode table, a
    quota, an ACL): the handout fails with the reason, the old PDF stays."""
    out = tmp_path / "out"
    out.mkdir()
    (out / "lupus.pdf").write_bytes(b"%PDF old and good")

    def no_file(*args: object, **kwargs: object) -> tuple[int, str]:
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))

    monkeypatch.setattr(tempfile, "mkstemp", no_file)
    result = CliRunner().invoke(
        main, ["build", "--edition", "full", "lupus", "--out", str(out), "--force"]
    )
    assert result.exit_code == 1
    assert result.stderr.startswith(f"failed: {out}/lupus.pdf: cannot write: Permission denied\n")
    assert (out / "lupus.pdf").read_bytes() == b"%PDF old and good"
    assert not [p for p in out.iterdir() if p.name.startswith(TEMP_PREFIX)]


def test_rename_fails_keeps_the_old_file_and_no_temp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The last step, os.replace, fails (EXDEV, EBUSY...): old file kept, temp removed."""
    out = tmp_path / "out"
    out.mkdir()
    (out / "lupus.pdf").write_bytes(b"%PDF old and good")

    def busy(src: object, dst: object) -> None:
        raise OSError(errno.EBUSY, os.strerror(errno.EBUSY))

    monkeypatch.setattr(write.os, "replace", busy)
    result = CliRunner().invoke(
        main, ["build", "--edition", "full", "lupus", "--out", str(out), "--force"]
    )
    assert result.exit_code == 1
    assert f"{out}/lupus.pdf: cannot write: Device or resource busy" in result.stderr
    assert (out / "lupus.pdf").read_bytes() == b"%PDF old and good"
    assert not [p for p in out.iterdir() if p.name.startswith(TEMP_PREFIX)]
