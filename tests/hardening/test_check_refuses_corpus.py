"""``check --strict --json`` refuses every practice case of the corpus that ``build``
refuses, with the same messages (file:line:column: field: message), for the cases of
practice text, sign-off and YAML bounds (the prefixes below)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_hardening_corpus import CORPUS, fill, prepare, read_case

from handouts.cli import main

PREFIXES = ("claim-", "invisible-", "signoff-", "yamlbound-")
CASES = [
    name
    for name in sorted(p.name for p in CORPUS.iterdir() if (p / "case.yaml").is_file())
    if name.startswith(PREFIXES) and read_case(name)["kind"] == "practice"
]


def as_line(problem: dict[str, object]) -> str:
    field = f" {problem['field']}:" if problem["field"] else ""
    return f"{problem['path']}:{problem['line']}:{problem['column']}:{field} {problem['message']}"


@pytest.mark.parametrize("name", CASES)
def test_check_refuses_with_the_build_message(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    case = read_case(name)
    monkeypatch.chdir(tmp_path)
    prepare(case, CORPUS / name / "practice", tmp_path / "practice", tmp_path)
    result = CliRunner().invoke(main, ["check", "--practice", "practice", "--strict", "--json"])
    assert result.exit_code == 1, result.output
    report = json.loads(result.stdout)
    errors = [as_line(p) for p in report["problems"] if p["severity"] == "error"]
    expected = [
        fill(line, tmp_path)
        for line in case["expect"].splitlines()
        if not line.endswith("fix them and run again.")
    ]
    if errors != expected:  # a template's problem: build names the handout it failed
        assert [p["message"] for p in report["problems"] if p["severity"] == "error"] == [
            line.split(": ", 1)[1] for line in expected
        ]
    shutil.rmtree(tmp_path / "practice")


def test_there_are_cases() -> None:
    assert len(CASES) >= 15
