"""Compiled templates are kept between runs (render/bytecode.py): a fresh process loads
them instead of compiling; an edited template is compiled again; a cache folder that
cannot be used only costs speed."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from handouts.render import templates
from handouts.render.bytecode import template_cache


@pytest.fixture
def private_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A temp folder of the test's own, where Jinja makes its per-user cache folder."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    templates.environment.cache_clear()
    yield folder
    templates.environment.cache_clear()


def fresh_render(folder: Path) -> str:
    """Render ``page.rml.j2`` of ``folder`` as a new process would: a new environment."""
    templates.environment.cache_clear()
    return templates.environment((folder,)).get_template("page.rml.j2").render(who="you")


def cache_files(tmp: Path) -> list[Path]:
    return sorted(tmp.glob("_jinja2-cache-*/__handouts_*.cache"))


def test_a_second_run_loads_the_compiled_template(private_tmp: Path, tmp_path: Path) -> None:
    (tmp_path / "page.rml.j2").write_text("<para>For {{ who }}</para>\n")
    assert fresh_render(tmp_path) == "<para>For you</para>"
    [kept] = cache_files(private_tmp)
    if os.name == "posix":  # only this user may read or write it (Jinja checks the folder)
        assert kept.parent.stat().st_mode & 0o777 == 0o700
    compiled = kept.read_bytes()
    assert fresh_render(tmp_path) == "<para>For you</para>"
    assert kept.read_bytes() == compiled  # loaded, not written again


def test_an_edited_template_is_compiled_again(private_tmp: Path, tmp_path: Path) -> None:
    page = tmp_path / "page.rml.j2"
    page.write_text("<para>For {{ who }}</para>\n")
    fresh_render(tmp_path)
    page.write_text("<para>Only for {{ who }}</para>\n")
    assert fresh_render(tmp_path) == "<para>Only for you</para>"


def test_a_broken_cache_file_is_ignored(private_tmp: Path, tmp_path: Path) -> None:
    (tmp_path / "page.rml.j2").write_text("<para>For {{ who }}</para>\n")
    fresh_render(tmp_path)
    [kept] = cache_files(private_tmp)
    kept.write_bytes(b"not a cache file")
    assert fresh_render(tmp_path) == "<para>For you</para>"


def test_other_settings_never_share_compiled_code(private_tmp: Path) -> None:
    """A sandboxed environment compiles calls into checked ones: code compiled under
    other settings must have other file names."""
    first, second = template_cache("sandbox|a"), template_cache("plain|a")
    assert first is not None and second is not None
    assert first.pattern != second.pattern  # type: ignore[attr-defined]


def test_a_cache_file_that_cannot_be_read_or_written_costs_only_speed(
    private_tmp: Path, tmp_path: Path
) -> None:
    (tmp_path / "page.rml.j2").write_text("<para>For {{ who }}</para>\n")
    fresh_render(tmp_path)
    [kept] = cache_files(private_tmp)
    kept.unlink()
    kept.mkdir()  # a folder where the file goes: opening and replacing it both fail
    assert fresh_render(tmp_path) == "<para>For you</para>"
    assert kept.is_dir()


def test_no_usable_temp_folder_means_no_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    not_a_folder = tmp_path / "tmp"
    not_a_folder.write_text("")
    monkeypatch.setattr(tempfile, "tempdir", str(not_a_folder))
    assert template_cache("sandbox|a") is None
    (tmp_path / "page.rml.j2").write_text("<para>For {{ who }}</para>\n")
    try:
        assert fresh_render(tmp_path) == "<para>For you</para>"
    finally:
        templates.environment.cache_clear()
