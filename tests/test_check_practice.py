"""`handouts check --practice`: template, logo, contrast, sign-off and grade-limit problems
in a practice folder, each with its exact message and where to fix it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from handouts.check.checker import check_project
from handouts.check.report import CheckReport, Finding
from handouts.errors import ContentError
from handouts.pipeline.build import load_practice

TODAY = dt.date(2026, 12, 1)
PRACTICE = "name: Test Clinic\nconditions: [multiple-sclerosis]\n"


@pytest.fixture
def clinic(workdir: Path) -> Path:
    """A practice folder, ``clinic/``, in the current (empty) directory."""
    folder = workdir / "clinic"
    (folder / "templates").mkdir(parents=True)
    (folder / "practice.yaml").write_text(PRACTICE)
    return folder


def override(folder: Path, *blocks: str) -> None:
    lines = ['{% extends "builtin/handout.rml.j2" %}', *blocks]
    (folder / "templates" / "handout.rml.j2").write_text("\n".join(lines) + "\n")


def of(report: CheckReport, check: str) -> list[Finding]:
    return [f for f in report.findings if f.check == check]


def where(f: Finding) -> str:
    return f"{f.path}:{f.line}: {f.field + ': ' if f.field else ''}{f.message}"


def test_template_that_drops_the_opioid_warning(clinic: Path) -> None:
    override(clinic, "{% block opioid_warning %}{% endblock %}")
    report = check_project(Path("clinic"), today=TODAY)
    assert [where(f) for f in of(report, "required-section")] == [
        "clinic/templates/handout.rml.j2:2: the required section 'opioid-warning' is missing "
        'or changed (cannot find: "Important: LDN and opioid medicines"); a practice may '
        "restyle and add to it, never drop it"
    ]
    assert of(report, "required-section")[0].handouts == ("multiple-sclerosis",)


def test_dropped_warning_is_found_at_its_block_not_at_a_comment_naming_it(clinic: Path) -> None:
    # A text search for "{% block opioid_warning" would stop at the comment on line 2, and
    # misses "{%+ block"; the block is read from the template's syntax tree (line 4).
    override(
        clinic,
        "{# we restyle {% block opioid_warning %} below #}",
        "{% block title %}{{ super() }}{% endblock %}",
        "{%+ block opioid_warning %}{% endblock %}",
    )
    report = check_project(Path("clinic"), today=TODAY)
    [found] = of(report, "required-section")
    assert (found.path, found.line, found.field) == ("clinic/templates/handout.rml.j2", 4, "")


def test_forbidden_claim_written_in_a_template(clinic: Path) -> None:
    override(
        clinic,
        "{% block provenance %}{{ super() }}",
        "<para>Ask us how LDN can halt your illness.</para>{% endblock %}",
    )
    report = check_project(Path("clinic"), today=TODAY)
    [found] = of(report, "forbidden-claim")
    assert (found.path, found.line) == ("clinic/templates/handout.rml.j2", 3)
    assert found.message.startswith('says "halt", which a handout must never say: no study shows')


def test_template_syntax_error_names_file_and_line(clinic: Path) -> None:
    override(clinic, "{% block title %}", "{{ oops( }}", "{% endblock %}")
    report = check_project(Path("clinic"), today=TODAY)
    assert [where(f) for f in of(report, "template")] == [
        "clinic/templates/handout.rml.j2:3: a ( in the {{ ... }} or {% ... %} on this line is "
        "not closed with ) (Jinja says: unexpected '}', expected ')')"
    ]
    assert report.handouts[0].pemat is None


def test_template_refused_by_the_guard(clinic: Path) -> None:
    override(clinic, '{% block title %}<plugInFlowable module="os" function="x"/>{% endblock %}')
    report = check_project(Path("clinic"), today=TODAY)
    assert [where(f) for f in of(report, "template")] == [
        "clinic/templates/handout.rml.j2:2: <plugInFlowable> is not allowed: it would run "
        "Python code"
    ]


def test_logo_and_contrast_problems_are_errors_with_their_lines(clinic: Path) -> None:
    (clinic / "practice.yaml").write_text(
        PRACTICE + 'logo: missing.png\ncolours:\n  primary: "#dddddd"\n'
    )
    with pytest.raises(ContentError) as info:
        load_practice(Path("clinic"))
    expected = {(p.field, p.line, p.message) for p in info.value.problems}
    report = check_project(Path("clinic"), today=TODAY)
    found = of(report, "logo") + of(report, "contrast")
    assert {(f.field, f.line, f.message) for f in found} == expected
    assert [(f.check, f.path, f.line, f.severity) for f in found] == [
        ("logo", "clinic/practice.yaml", 3, "error"),
        ("contrast", "clinic/practice.yaml", 5, "error"),
    ]
    assert report.notes == ("the handouts were not checked: fix the practice problems first",)
    assert report.exit_code(strict=False) == 1


def test_unfilled_value_in_a_practice_heading(clinic: Path) -> None:
    (clinic / "practice.yaml").write_text(
        PRACTICE + "sign_off: {name: Dr. A, role: GP, date: 2026-11-20}\n"
        "extra_sections:\n  - title: Call {phone} any time\n    text: We are here.\n"
        "    after: how-to-take\n"
    )
    report = check_project(Path("clinic"), today=TODAY)
    assert [where(f) for f in of(report, "unfilled-value") if f.path.startswith("clinic")] == [
        "clinic/practice.yaml:5: extra_sections[0].title: {phone} would print as it is, not "
        "as the practice's value (values are filled in only in body text, not in titles or "
        "headings)"
    ]


def test_practice_text_needs_a_sign_off(clinic: Path) -> None:
    (clinic / "practice.yaml").write_text(
        PRACTICE + "extra_sections:\n  - title: Parking\n    text: Park at the back.\n"
        "    after: how-to-take\n"
    )
    report = check_project(Path("clinic"), today=TODAY)
    assert [where(f) for f in of(report, "reviewer")] == [
        "clinic/practice.yaml:0: sign_off: the practice adds its own text (Parking) but no "
        "one has signed it off; add sign_off: with name, role and date"
    ]


@pytest.mark.parametrize(("limit", "expected"), [(12, 8.0), (8, 8.0), (6, 6.0)])
def test_a_practice_may_only_make_the_grade_limit_stricter(
    clinic: Path, limit: int, expected: float
) -> None:
    (clinic / "practice.yaml").write_text(PRACTICE + f"reading_grade_limit: {limit}\n")
    report = check_project(Path("clinic"), today=TODAY)
    assert (report.grade_limit, report.summary_grade_limit) == (expected, min(expected, 7.0))
    over = sorted(f.details["section"] for f in of(report, "reading-grade"))
    grades = {s.id: (s.grade, s.limit) for s in report.handouts[0].sections}
    assert {limit for _, limit in grades.values()} == {expected, min(expected, 7.0)}
    assert over == sorted(s for s, (grade, limit) in grades.items() if grade > limit)
    assert ("opioid-details" in over) == (expected < 7.2)


def test_pemat_below_the_pass_mark_names_the_failed_items(clinic: Path) -> None:
    override(clinic, "{% block key_points %}{% endblock %}")
    report = check_project(Path("clinic"), today=TODAY)
    assert [where(f) for f in of(report, "pemat")] == [
        "clinic/templates/handout.rml.j2:0: PEMAT-P understandability is 67% on the automatic "
        "items, below the 70% pass mark. U11: the key points are not printed before the "
        "first section; U12: the key points are not set apart in a box or as bullets"
    ]
    pemat = report.handouts[0].pemat
    assert pemat is not None
    assert (pemat.understandability.agree, pemat.understandability.applicable) == (4, 6)


def test_check_refuses_a_character_the_font_lacks_as_build_does(clinic: Path) -> None:
    """check runs the build's glyph stage: a name build refuses never passes check."""
    from handouts.pipeline.build import build_handout, load_project

    (clinic / "practice.yaml").write_text("name: Klinik 药\nconditions: [multiple-sclerosis]\n")
    report = check_project(Path("clinic"), today=TODAY)
    [found] = of(report, "glyph")
    message = (
        "name: the character '药' (U+836F CJK UNIFIED IDEOGRAPH-836F) is not in the font "
        "Atkinson Hyperlegible, so it would print as an empty box; replace it"
    )
    assert where(found) == f"clinic/practice.yaml:1: {message}"
    # The name prints in both editions, so both handouts are named.
    assert (found.column, found.handouts) == (
        7,
        ("multiple-sclerosis", "multiple-sclerosis-summary"),
    )
    with pytest.raises(ContentError) as refused:
        build_handout(load_project(Path("clinic")), "multiple-sclerosis")
    assert str(refused.value) == f"clinic/practice.yaml:1:7: {message}"


def test_check_lays_out_the_pdf_and_refuses_what_build_refuses(clinic: Path) -> None:
    # 4,000 paragraphs: well past 60 pages; build stops at page 61 with these words.
    override(
        clinic,
        "{% block provenance %}{{ super() }}{% for i in range(4000) %}"
        "<para>A line of a loop.</para>{% endfor %}{% endblock %}",
    )
    report = check_project(Path("clinic"), today=TODAY)
    assert [where(f) for f in of(report, "layout")] == [
        "clinic/templates/handout.rml.j2:0: multiple-sclerosis.pdf: the handout made more "
        "than 60 pages; a handout that long is a template mistake: check the practice "
        "template's loops and extra sections"
    ]
