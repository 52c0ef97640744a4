"""`handouts check` on the command line: exit codes, the terminal report, colour, and the
JSON schema that CI and clinics rely on."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from handouts.check import checker as check
from handouts.check.pemat import AUTOMATIC, ItemScore, PematReport
from handouts.check.report import (
    CheckReport,
    Finding,
    HandoutResult,
    SectionGrade,
    merge_findings,
    to_dict,
    to_text,
    use_colour,
)
from handouts.cli import main

ERROR = Finding(
    "error",
    "forbidden-claim",
    "content/en/x.yaml",
    12,
    0,
    "key_points[1]",
    'says "cures", which a handout must never say: no study shows it',
    ("x", "y"),
)
WARNING = Finding(
    "warning", "uncited-reference", "content/references.yaml", 40, 0, "doe2020", "never cited"
)


def report_with(*findings: Finding) -> CheckReport:
    pemat = PematReport(tuple(ItemScore(item, 1, "fine") for item in AUTOMATIC))
    sections = (
        SectionGrade("key-points", "Key points", 4.5, 7.0, 100),
        SectionGrade("side-effects", "Side effects", 6.1, 8.0, 200),
    )
    handouts = tuple(
        HandoutResult(slug, f"LDN and {slug}", ("templates/handout.rml.j2",), sections, pemat)
        for slug in ("x", "y")
    )
    return CheckReport(
        findings=merge_findings(list(findings)),
        handouts=handouts,
        checked_on=dt.date(2026, 12, 1),
        content_version="2026.11",
        practice=None,
        grade_limit=8.0,
        summary_grade_limit=7.0,
    )


def run_with(monkeypatch: pytest.MonkeyPatch, report: CheckReport, *args: str) -> tuple[int, str]:
    monkeypatch.setattr(check, "check_project", lambda practice_dir, **options: report)
    result = CliRunner().invoke(main, ["check", *args])
    return result.exit_code, result.output


@pytest.mark.parametrize(
    ("findings", "args", "code"),
    [
        ((), (), 0),
        ((), ("--strict",), 0),
        ((WARNING,), (), 0),
        ((WARNING,), ("--strict",), 1),
        ((ERROR,), (), 1),
        ((ERROR, WARNING), ("--json",), 1),
    ],
)
def test_exit_codes(
    monkeypatch: pytest.MonkeyPatch, findings: tuple[Finding, ...], args: tuple[str, ...], code: int
) -> None:
    assert run_with(monkeypatch, report_with(*findings), *args)[0] == code


def test_usage_errors_exit_2() -> None:
    assert CliRunner().invoke(main, ["check", "--bogus"]).exit_code == 2
    # A condition name is an argument now (test_check_conditions.py); an unknown one is not.
    assert CliRunner().invoke(main, ["check", "no-such-condition"]).exit_code == 2


def test_terminal_report_leads_with_what_to_fix(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Errors first, then warnings, each by file, one line a problem; then the PEMAT table
    and the reviewer checklist; the summary line last."""
    code, out = run_with(monkeypatch, report_with(WARNING, ERROR))
    assert code == 1
    assert "\x1b[" not in out  # CliRunner's output is not a terminal
    lines = out.splitlines()
    pemat = lines.index(
        "PEMAT-P, automatic items (pass mark 70%), and the hardest section of each handout"
    )
    assert lines[:pemat] == [
        "Errors (1)",
        "content/en/x.yaml",
        '  12      error    key_points[1]: says "cures", which a handout must never say: no '
        "study shows it (both handouts)  forbidden-claim",
        "",
        "Warnings (1)",
        "content/references.yaml",
        "  40      warning  doe2020: never cited  uncited-reference",
        "",
    ]
    assert lines[pemat + 1] == (
        "  x  understandable 100% (6/6)  actionable 100% (4/4)  hardest: grade 6.1 (side-effects)"
    )
    assert "  [ ] U2   Nothing distracts from the purpose" in lines[pemat:]
    assert lines[-1] == "failed: 1 error, 1 warning in 2 handouts, content 2026.11"


def test_json_lists_errors_first(monkeypatch: pytest.MonkeyPatch) -> None:
    _, out = run_with(monkeypatch, report_with(WARNING, ERROR), "--json")
    problems = json.loads(out)["problems"]
    assert [p["severity"] for p in problems] == ["error", "warning"]
    assert json.loads(out)["handouts"][0]["pemat"]["understandability"]


def test_summary_line_when_passing() -> None:
    assert to_text(report_with(), strict=True).splitlines()[-1] == (
        "passed: 2 handouts, content 2026.11, no errors"
    )
    assert to_text(report_with(WARNING), strict=False).splitlines()[-1] == (
        "passed: 2 handouts, content 2026.11, no errors, 1 warning (fail with --strict)"
    )
    assert to_text(report_with(WARNING), strict=True).splitlines()[-1] == (
        "failed: 0 errors, 1 warning in 2 handouts, content 2026.11 "
        "(--strict: warnings count as errors)"
    )


def test_colour_only_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    assert use_colour(Terminal()) and not use_colour(io.StringIO())
    monkeypatch.setenv("NO_COLOR", "1")
    assert not use_colour(Terminal())
    coloured = to_text(report_with(ERROR), strict=False, colour=True)
    assert "\x1b[31merror  \x1b[0m" in coloured
    assert "\x1b[" not in to_text(report_with(ERROR), strict=False, colour=False)


def write_clinic(folder: Path) -> Path:
    clinic = folder / "clinic"
    clinic.mkdir()
    (clinic / "practice.yaml").write_text(
        "name: Test Clinic\nconditions: [multiple-sclerosis]\nextra_sections:\n"
        "  - title: Parking\n    text: Park at the back.\n    after: how-to-take\n"
    )
    return clinic


def test_no_colour_when_piped(workdir: Path) -> None:
    write_clinic(workdir)
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"} | {"TERM": "xterm"}
    result = subprocess.run(
        [sys.executable, "-m", "handouts", "check", "--practice", "clinic"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert result.returncode in (0, 1), result.stderr
    assert "clinic/practice.yaml" in result.stdout
    assert "\x1b[" not in result.stdout and result.stderr == ""


# The documented schema (README.md "Checking"): a type, a tuple of allowed types, a dict of
# exactly these keys, or a one-item list for "a list of".
NUMBER = (int, float)
ITEM = {"id": str, "category": str, "text": str}
SCORE = {"percent": (*NUMBER, type(None)), "agree": int, "applicable": int, "passed": bool}
SCHEMA: dict[str, Any] = {
    "schema_version": int,
    "tool": {"name": str, "version": str},
    "checked_on": str,
    "strict": bool,
    "passed": bool,
    "exit_code": int,
    "counts": {"errors": int, "warnings": int, "handouts": int},
    "content_version": str,
    "practice": ({"slug": str, "name": str, "folder": str}, type(None)),
    "reading_grade_limit": {"sections": NUMBER, "key_points": NUMBER},
    "notes": [str],
    "problems": [
        {
            "severity": str,
            "check": str,
            "path": str,
            "line": (int, type(None)),
            "column": (int, type(None)),
            "field": (str, type(None)),
            "message": str,
            "handouts": [str],
            "details": dict,
        }
    ],
    "handouts": [
        {
            "slug": str,
            "edition": str,
            "title": str,
            "templates": [str],
            "worst_grade": ({"section": str, "grade": NUMBER}, type(None)),
            "sections": [{"id": str, "title": str, "grade": NUMBER, "limit": NUMBER, "words": int}],
            "pemat": (
                {
                    "understandability": SCORE,
                    "actionability": SCORE,
                    "items": [ITEM | {"score": (int, type(None)), "note": str}],
                },
                type(None),
            ),
        }
    ],
    "pemat": {"pass_mark": NUMBER, "reviewer_checklist": [ITEM]},
}


def conforms(value: Any, spec: Any, where: str = "$") -> list[str]:
    """Every place where ``value`` does not match ``spec``."""
    if isinstance(spec, tuple) and any(isinstance(s, (dict, list)) for s in spec):
        results = [conforms(value, s, where) for s in spec]
        return [] if any(not r for r in results) else results[0]
    if isinstance(spec, dict):
        if not isinstance(value, dict):
            return [f"{where}: expected an object"]
        if set(value) != set(spec):
            return [f"{where}: keys {sorted(value)} != {sorted(spec)}"]
        return [e for k, s in spec.items() for e in conforms(value[k], s, f"{where}.{k}")]
    if isinstance(spec, list):
        if not isinstance(value, list):
            return [f"{where}: expected a list"]
        return [e for i, v in enumerate(value) for e in conforms(v, spec[0], f"{where}[{i}]")]
    if isinstance(value, bool) and spec in (int, NUMBER):
        return [f"{where}: expected a number, got a boolean"]
    return [] if isinstance(value, spec) else [f"{where}: {value!r} is not {spec}"]


def test_json_follows_the_documented_schema(workdir: Path) -> None:
    write_clinic(workdir)
    result = CliRunner().invoke(main, ["check", "--practice", "clinic", "--json", "--strict"])
    document = json.loads(result.output)
    assert conforms(document, SCHEMA) == []
    assert document["schema_version"] == 1 and document["strict"] is True
    assert result.exit_code == document["exit_code"] == 1  # the practice text has no sign-off
    assert document["counts"]["handouts"] == len(document["handouts"]) == 2  # full, summary
    assert [h["edition"] for h in document["handouts"]] == ["full", "summary"]
    assert document["practice"] == {"slug": "clinic", "name": "Test Clinic", "folder": "clinic"}
    [sign_off] = [p for p in document["problems"] if p["check"] == "reviewer"]
    assert sign_off == {
        "severity": "warning",
        "check": "reviewer",
        "path": "clinic/practice.yaml",
        "line": None,
        "column": None,
        "field": "sign_off",
        "message": "the practice adds its own text (Parking) but no one has signed it off; "
        "add sign_off: with name, role and date",
        "handouts": [],
        "details": {},
    }
    ms = document["handouts"][0]
    assert ms["slug"] == "multiple-sclerosis"
    assert [i["id"] for i in ms["pemat"]["items"]] == [i.id for i in AUTOMATIC]
    assert ms["worst_grade"]["grade"] == max(s["grade"] for s in ms["sections"])


def test_json_of_a_report_with_details_follows_the_schema() -> None:
    grade = Finding(
        "warning",
        "reading-grade",
        "content/en/sections.yaml",
        5,
        0,
        "",
        "hard",
        ("x",),
        {
            "section": "s",
            "grade": 9.1,
            "limit": 8.0,
            "longest_sentences": ["A."],
            "hardest_words": ["b"],
        },
    )
    document = json.loads(json.dumps(to_dict(report_with(ERROR, grade), strict=False)))
    assert conforms(document, SCHEMA) == []
    assert [p["check"] for p in document["problems"]] == [
        "forbidden-claim",
        "reading-grade",
    ]  # errors first, then by file
