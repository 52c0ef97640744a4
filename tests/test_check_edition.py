"""``handouts check --edition full|summary``: one edition's handouts and grades; both by
default."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from handouts.cli import main

RIVERSIDE = str(Path(__file__).resolve().parent.parent / "practices" / "riverside")
SET = ["multiple-sclerosis", "fibromyalgia", "crohns-disease", "chronic-pain"]


def names(*args: str) -> list[str]:
    result = CliRunner().invoke(main, ["check", "--practice", RIVERSIDE, "--json", *args])
    assert result.exit_code in (0, 1), result.output
    handouts = json.loads(result.output)["handouts"]
    return [h["slug"] + ("" if h["edition"] == "full" else "-" + h["edition"]) for h in handouts]


def test_check_reports_both_editions_by_default() -> None:
    assert names() == SET + [f"{s}-summary" for s in SET]


def test_check_edition_summary_and_full() -> None:
    assert names("--edition", "summary") == [f"{s}-summary" for s in SET]
    assert names("--edition", "full") == SET


def test_check_edition_text_names_each_sheet() -> None:
    result = CliRunner().invoke(main, ["check", "--practice", RIVERSIDE, "--edition", "summary"])
    assert "crohns-disease-summary" in result.output
    assert "  crohns-disease " not in result.output
