"""safe_files: only regular files inside the folder are read, never more than the cap."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from handouts.errors import ContentError
from handouts.text.safe_files import read_file, refusal, scan_folder


def test_regular_file_and_link_inside_are_read(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(b"abc")
    (tmp_path / "b.txt").symlink_to(tmp_path / "a.txt")
    assert read_file(tmp_path / "a.txt", tmp_path) == b"abc"
    assert read_file(tmp_path / "b.txt", tmp_path) == b"abc"
    assert scan_folder(tmp_path) == []


def test_size_cap(tmp_path: Path) -> None:
    (tmp_path / "big").write_bytes(b"x" * 11)
    with pytest.raises(ContentError, match="larger than 10 bytes"):
        read_file(tmp_path / "big", tmp_path, limit=10)


def test_fifo_link_out_and_dangling_link(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe")
    (tmp_path / "out").symlink_to("/etc/passwd")
    (tmp_path / "gone").symlink_to(tmp_path / "nothing")
    assert refusal(tmp_path / "pipe", tmp_path).startswith("a FIFO (named pipe)")
    assert refusal(tmp_path / "out", tmp_path).startswith("a link to /etc/passwd, outside")
    assert refusal(tmp_path / "gone", tmp_path) == "a link to nothing; remove it"
    found = [(Path(p.path).name, p.message.split(",")[0]) for p in scan_folder(tmp_path)]
    assert found == [
        ("gone", "a link to nothing; remove it"),
        ("out", "a link to /etc/passwd"),
        ("pipe", "a FIFO (named pipe)"),
    ]
    with pytest.raises(ContentError, match="FIFO"):
        read_file(tmp_path / "pipe", tmp_path)  # refused before open: never blocks


def test_hidden_names_are_skipped(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    os.mkfifo(tmp_path / ".git" / "pipe")
    assert scan_folder(tmp_path) == []
