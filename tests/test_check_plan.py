"""`handouts check --practice` renders and guards a practice's own plan.rml.j2 as a blank
plan, so a broken override is found before a patient's plan is printed."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from handouts.check.checker import check_project
from handouts.check.report import CheckReport

TODAY = dt.date(2026, 12, 1)


@pytest.fixture
def clinic(workdir: Path) -> Path:
    folder = workdir / "clinic"
    (folder / "templates").mkdir(parents=True)
    (folder / "practice.yaml").write_text("name: Test Clinic\nconditions: [hiv]\n")
    return folder


def plan_override(folder: Path, *blocks: str) -> None:
    lines = ['{% extends "builtin/plan.rml.j2" %}', *blocks]
    (folder / "templates" / "plan.rml.j2").write_text("\n".join(lines) + "\n")


def plan_findings(report: CheckReport) -> list[str]:
    return [
        f"{f.check} {f.path}:{f.line}: {f.message}"
        for f in report.findings
        if "plan-hiv" in f.handouts
    ]


def test_plan_template_syntax_error(clinic: Path) -> None:
    plan_override(clinic, "{% block diary %}", "{{ oops( }}", "{% endblock %}")
    report = check_project(Path("clinic"), today=TODAY)
    assert plan_findings(report) == [
        "template clinic/templates/plan.rml.j2:3: a ( in the {{ ... }} or {% ... %} on this "
        "line is not closed with ) (Jinja says: unexpected '}', expected ')')"
    ]


def test_plan_template_that_drops_the_opioid_warning(clinic: Path) -> None:
    plan_override(clinic, "{% block opioid_warning %}{% endblock %}")
    [found] = plan_findings(check_project(Path("clinic"), today=TODAY))
    assert found.startswith("required-section clinic/templates/plan.rml.j2:2: the required "
                            "section 'opioid-warning' is missing")  # fmt: skip


def test_a_sound_plan_override_passes(clinic: Path) -> None:
    plan_override(clinic, "{% block diary %}{{ super() }}<para>Bring it.</para>{% endblock %}")
    assert plan_findings(check_project(Path("clinic"), today=TODAY)) == []


def test_no_plan_override_no_plan_check(clinic: Path) -> None:
    assert plan_findings(check_project(Path("clinic"), today=TODAY)) == []
