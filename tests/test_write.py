"""Write stage: atomic replacement; a failure keeps the old file and leaves no temp file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from handouts.errors import OutputError
from handouts.output.write import TEMP_PREFIX, write_atomic


def test_writes_and_replaces(tmp_path: Path) -> None:
    target = tmp_path / "out" / "a.pdf"
    write_atomic(target, b"one")
    write_atomic(target, b"two")
    assert target.read_bytes() == b"two"
    assert os.listdir(target.parent) == ["a.pdf"]


def test_failed_write_keeps_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "a.pdf"
    target.write_bytes(b"old good file")

    def no_space(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", no_space)
    with pytest.raises(OutputError) as info:
        write_atomic(target, b"new")
    assert str(info.value) == f"{target}: cannot write: No space left on device"
    assert target.read_bytes() == b"old good file"
    assert not [p for p in os.listdir(tmp_path) if p.startswith(TEMP_PREFIX)]


def test_out_folder_that_is_a_file(tmp_path: Path) -> None:
    (tmp_path / "out").write_text("x")
    with pytest.raises(OutputError) as info:
        write_atomic(tmp_path / "out" / "a.pdf", b"x")
    assert str(info.value) == f"{tmp_path / 'out'}: is a file, not a folder; choose another --out"
