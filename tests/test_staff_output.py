"""Output where staff expect it: command-line variants in folders of their own, a
skipped build naming the file it kept, --help saying where a practice writes, large
print from the command line, the batch under the spawn start method (Windows, macOS),
and no POSIX-only call on the main path."""

from __future__ import annotations

import multiprocessing
import os
from pathlib import Path
from typing import Any

import pypdf
import pytest
from click.testing import CliRunner

from handouts.batch import runner
from handouts.cli import main
from handouts.output import write
from handouts.pipeline.build import load_project


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def test_a4_variant_does_not_replace_the_letter_pdf(workdir: Path) -> None:
    assert run("build", "hiv", "-j", "1")[0] == 0
    letter = (workdir / "out" / "hiv.pdf").read_bytes()
    code, out = run("build", "hiv", "--page-size", "a4", "-j", "1")
    assert code == 0 and out.splitlines()[0] == "wrote out/a4/hiv.pdf"
    assert (workdir / "out" / "hiv.pdf").read_bytes() == letter
    box = pypdf.PdfReader(workdir / "out" / "a4" / "hiv.pdf").pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)  # A4 in points
    # The next plain build keeps the letter file, and says which file it kept.
    code, out = run("build", "hiv", "-j", "1")
    assert out.splitlines()[0] == "kept out/hiv.pdf (unchanged)"


def test_large_print_on_the_command_line(workdir: Path) -> None:
    code, out = run("build", "hiv", "--large-print", "-j", "1")
    assert code == 0 and out.splitlines()[0] == "wrote out/large-print/hiv.pdf"
    assert run("build", "hiv", "-j", "1")[0] == 0
    files = ("large-print/hiv.pdf", "hiv.pdf")
    pages = [len(pypdf.PdfReader(workdir / "out" / name).pages) for name in files]
    assert pages[0] > pages[1]  # 16 pt text reflows onto more pages
    assert load_project(None, large_print=True).practice.large_print


def test_a_practice_already_a4_is_no_variant() -> None:
    practice = Path(__file__).resolve().parent.parent / "practices" / "northfield"
    assert load_project(practice, "a4").variant == ""


def test_help_says_where_files_go() -> None:
    code, out = run("build", "--help")
    assert code == 0
    assert "OUT/<practice-slug>/<slug>.pdf    with --practice" in out
    assert "--large-print" in out


def test_batch_runs_with_the_spawn_start_method(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # fork does not exist on Windows and is not macOS's default: workers must start clean.
    monkeypatch.setattr(runner, "_pool_context", lambda: multiprocessing.get_context("spawn"))
    project = load_project()
    report = runner.build_set(project, ["hiv", "lupus"], tmp_path, jobs=2)
    assert [r.status for r in report.results] == [runner.BUILT, runner.BUILT]
    for slug in ("hiv", "lupus"):
        assert (tmp_path / f"{slug}.pdf").read_bytes().startswith(b"%PDF-")


def test_stale_temp_check_never_signals_on_windows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # On Windows os.kill ends the process whatever the signal: it must not be called.
    def refuse(*args: Any) -> None:
        raise AssertionError("os.kill called")

    monkeypatch.setattr(write.sys, "platform", "win32")
    monkeypatch.setattr(write.os, "kill", refuse)
    fresh = tmp_path / f"{write.TEMP_PREFIX}999999-x.pdf"
    fresh.write_bytes(b"")
    assert write.remove_stale_temps(tmp_path) == 0  # young: its writer may be running
    old = write.time.time() - write.WINDOWS_STALE_SECONDS - 60
    os.utime(fresh, (old, old))
    assert write.remove_stale_temps(tmp_path) == 1
    assert not fresh.exists()
