"""The CLI as wiring: exit codes, messages, and what a user sees."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from handouts import __version__
from handouts.cli import main


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def test_version_and_help() -> None:
    code, out = run("--version")
    assert (code, out.strip()) == (0, f"handouts, version {__version__}")
    code, out = run("--help")
    assert code == 0 and "handouts build multiple-sclerosis" in out


def test_list_table_and_json() -> None:
    code, out = run("list")
    assert code == 0
    assert any(
        line.split()[0] == "multiple-sclerosis"
        and "Small trials with a comparison group. Helped in some studies, not in others." in line
        for line in out.splitlines()
    )
    code, out = run("list", "--json")
    rows = json.loads(out)
    ms = next(r for r in rows if r["slug"] == "multiple-sclerosis")
    assert ms == {
        "slug": "multiple-sclerosis",
        "name": "Multiple sclerosis",
        "research": "small-controlled-trials",
        "research_words": "Small trials with a comparison group",
        "found": "mixed",
        "found_words": "Helped in some studies, not in others",
    }


def test_build_one(workdir: Path) -> None:
    code, out = run("build", "--edition", "full", "multiple-sclerosis")
    assert code == 0, out
    target = workdir / "out" / "multiple-sclerosis.pdf"
    lines = out.strip().splitlines()
    assert lines[0] == "wrote out/multiple-sclerosis.pdf"
    assert lines[1].startswith("1 handout: 1 built, 0 skipped, 0 failed in ")  # the summary
    assert target.read_bytes().startswith(b"%PDF-")


def test_unknown_condition_suggests_closest(workdir: Path) -> None:
    code, out = run("build", "multiple-sclerosi")
    assert code == 2  # a usage error, as the README says
    assert out.startswith(
        'Error: unknown condition "multiple-sclerosi". Did you mean "multiple-sclerosis"? '
        "Known conditions: "
    )
    assert "Traceback" not in out
    assert not (workdir / "out").exists()


def test_usage_errors_exit_2() -> None:
    assert run("build")[0] == 2
    assert run("build", "--edition", "full", "--all", "hiv")[0] == 2
    assert run("build", "--edition", "full", "hiv", "--page-size", "b5")[0] == 2


def test_out_is_a_file(workdir: Path) -> None:
    (workdir / "out").write_text("not a folder")
    code, out = run("build", "--edition", "full", "hiv")
    assert (code, out.strip()) == (1, "Error: out: is a file, not a folder; choose another --out")


def test_python_dash_m() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "handouts", "--version"], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == f"handouts, version {__version__}"
