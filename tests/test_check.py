"""`handouts check` as a library: each kind of problem, with its exact message, file and line.

Broken content lives in a copy of the built-in content with one condition (a full check
renders every handout of the clinic set, so fewer conditions keep these tests fast).
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest

from handouts import paths
from handouts.check.checker import check_project
from handouts.check.printed import unfilled_hint
from handouts.check.report import CheckReport, Finding
from handouts.merge.handout import merge_handout
from handouts.text import readability
from handouts.text.sections import section_texts

MS = "en/conditions/multiple-sclerosis.yaml"
MS_SHOWN = "content/en/conditions/multiple-sclerosis.yaml"
SECTIONS = "en/sections.yaml"
TODAY = dt.date(2026, 12, 1)


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """A copy of the built-in content holding only the MS condition."""
    root = tmp_path / "content"
    shutil.copytree(paths.builtin_content_dir(), root)
    for path in (root / "en" / "conditions").glob("*.yaml"):
        if path.stem != "multiple-sclerosis":
            path.unlink()
    return root


def edit(root: Path, relpath: str, old: str, new: str) -> None:
    path = root / relpath
    text = path.read_text()
    assert old in text, f"fixture text not found: {old!r}"
    path.write_text(text.replace(old, new, 1))


def line_of(root: Path, relpath: str, needle: str) -> int:
    lines = (root / relpath).read_text().splitlines()
    return next(i for i, line in enumerate(lines, 1) if needle in line)


@pytest.fixture(scope="module")
def builtin_report() -> CheckReport:
    return check_project(today=TODAY)


def of(report: CheckReport, check: str) -> list[Finding]:
    return [f for f in report.findings if f.check == check]


def where(f: Finding) -> str:
    return f"{f.path}:{f.line}: {f.field + ': ' if f.field else ''}{f.message}"


def test_builtin_content_passes_strict(builtin_report: CheckReport) -> None:
    assert [where(f) for f in builtin_report.findings] == []
    assert builtin_report.exit_code(strict=True) == 0
    # Each condition twice: the full guide, then the summary (grade 6 for every section).
    assert [h.edition for h in builtin_report.handouts] == ["full"] * 15 + ["summary"] * 15


def test_schema_problems_come_all_at_once_with_file_and_line(content: Path) -> None:
    edit(content, MS, "group: neurological", "group: brain")
    edit(content, MS, "reviewed_on: 2026-11-21", "reviewed_on: 21/11/2026")
    report = check_project(content_root=content, today=TODAY)
    assert [where(f) for f in of(report, "schema")] == [
        f"{MS_SHOWN}:{line_of(content, MS, 'group:')}: group: 'brain' is not one of: "
        "autoimmune, neurological, digestive, pain, infection, cancer, mood "
        '(did you mean "pain"?)',
        f"{MS_SHOWN}:{line_of(content, MS, 'reviewed_on:')}: review.reviewed_on: "
        "'21/11/2026' is not a date; write it as YYYY-MM-DD",
    ]
    assert all(f.severity == "error" for f in report.findings)
    assert report.notes == ("the handouts were not checked: fix the problems above first",)
    assert report.handouts == () and report.exit_code(strict=False) == 1


def test_unknown_reference_key(content: Path) -> None:
    edit(content, MS, "[@cree2010]", "[@cree2011]")
    report = check_project(content_root=content, today=TODAY)
    assert [where(f) for f in of(report, "reference")] == [
        f"{MS_SHOWN}:{line_of(content, MS, 'known: >-')}: evidence.known: "
        'unknown reference [@cree2011] (did you mean "cree2010"?)'
    ]


def test_uncited_reference_is_a_warning(content: Path) -> None:
    (content / "references.yaml").write_text(
        (content / "references.yaml").read_text()
        + "\nunused2020:\n  authors: Doe J\n  title: A study\n  source: A journal\n"
        "  year: 2020\n  kind: review\n  verified: verified\n"
    )
    report = check_project(content_root=content, today=TODAY)
    found = [f for f in of(report, "uncited-reference") if f.field == "unused2020"]
    assert [(f.severity, where(f)) for f in found] == [
        (
            "warning",
            f"content/references.yaml:{line_of(content, 'references.yaml', 'unused2020:')}: "
            "unused2020: never cited; cite it as [@unused2020] in the text or in a "
            "references: list, or delete the entry",
        )
    ]


def reason(pattern_part: str) -> str:
    from handouts.pipeline.build import load_content

    content = load_content(paths.builtin_content_dir())
    return next(p.reason for p in content.forbidden if pattern_part in p.pattern)


def test_forbidden_claim_names_phrase_file_and_line(content: Path) -> None:
    edit(
        content,
        MS,
        "  - Side effects in the trials were mostly mild.\n",
        "  - Side effects in the trials were mostly mild.\n  - LDN cures MS in most people.\n",
    )
    report = check_project(content_root=content, today=TODAY)
    assert [where(f) for f in of(report, "forbidden-claim")] == [
        f'{MS_SHOWN}:{line_of(content, MS, "LDN cures MS")}: key_points[5]: says "cures", '
        f"which a handout must never say: {reason('cur(?:e')}"
    ]
    assert of(report, "forbidden-claim")[0].severity == "error"


def test_forbidden_claim_inside_a_folded_paragraph_points_at_its_own_line(content: Path) -> None:
    edit(
        content,
        MS,
        "The studies were small and short.",
        "The studies were\n    small. LDN halts MS.",
    )
    report = check_project(content_root=content, today=TODAY)
    [found] = of(report, "forbidden-claim")
    assert (found.line, found.field) == (line_of(content, MS, "LDN halts MS"), "evidence.not_known")
    assert found.message.startswith('says "halts", which a handout must never say: ')


def test_review_date_passed_and_missing_reviewer(content: Path) -> None:
    edit(content, MS, "reviewer: Clinical pharmacist", "reviewer: TBD")
    report = check_project(content_root=content, today=dt.date(2028, 1, 5))
    assert [(f.severity, where(f)) for f in of(report, "review-date")] == [
        (
            "warning",
            f"{MS_SHOWN}:{line_of(content, MS, 'next_review:')}: review.next_review: the "
            "review was due on 2027-11-21 (45 days ago); review this condition, then update "
            "review.reviewed_on and next_review",
        )
    ]
    assert [where(f) for f in of(report, "reviewer")] == [
        f"{MS_SHOWN}:{line_of(content, MS, 'reviewer:')}: review.reviewer: 'TBD' names no "
        "reviewer; write who reviewed it (a name or a role, e.g. Clinical pharmacist)"
    ]
    assert {f.severity for f in of(report, "reviewer") + of(report, "review-date")} == {"warning"}


def test_review_due_today_is_not_late(content: Path) -> None:
    assert of(check_project(content_root=content, today=dt.date(2027, 11, 21)), "review-date") == []
    late = check_project(content_root=content, today=dt.date(2027, 11, 22))
    assert [f.details for f in of(late, "review-date")] == [
        {"next_review": "2027-11-21", "days_overdue": 1}
    ]


HARD = (
    "Reimbursement determinations by insurance organisations frequently necessitate "
    "individualised documentation. Pharmaceutical compounding establishments "
    "independently determine pricing structures, consequently generating considerable "
    "variability. Consequently, prospective patients should investigate anticipated "
    "expenditures preliminarily. Nevertheless, affordability considerations remain "
    "extraordinarily problematic."
)


def test_reading_grade_names_section_grade_sentences_and_words(content: Path) -> None:
    edit(
        content,
        SECTIONS,
        "{off_label_term} also means less is known. No large, long-term studies show\n"
        "          that LDN works for any condition.",
        HARD,
    )
    report = check_project(content_root=content, today=TODAY)
    [found] = of(report, "reading-grade")
    from handouts.pipeline.build import load_project

    project = load_project()
    parts = section_texts(merge_handout(project.content, "multiple-sclerosis", project.practice))
    text = next(p for p in parts if p.id == "off-label-cost").joined.replace(
        "Off-label also means less is known. No large, long-term studies show that LDN works "
        "for any condition.",
        HARD,
    )
    grade = round(readability.grade(text), 1)
    assert grade > 8
    # The longest sentence is a locale term's ({ldn_not_approved}, ui.yaml), not typed in
    # sections.yaml: the warning points at the section, where the writer finds it.
    line = line_of(content, SECTIONS, "  - id: off-label-cost")
    assert (found.severity, found.path, found.line) == ("warning", "content/en/sections.yaml", line)
    assert found.message == (
        f'section "Off-label use, cost and insurance" reads at grade {grade:.1f}, above the '
        'limit of 8. Longest sentences: "The FDA has not approved LDN for any of the health '
        'problems it is use…" (16 words); "Naltrexone is approved at 50 mg a day to treat '
        'addiction to opioids o…" (15 words); "Insurance often does not pay for LDN, so many '
        'people pay for it thems…" (14 words). Hardest words: affordability, '
        "extraordinarily, preliminarily, variability, anticipated, considerable"
    )
    assert found.details == {
        "section": "off-label-cost",
        "grade": grade,
        "limit": 8.0,
        "longest_sentences": [
            "The FDA has not approved LDN for any of the health problems it is used for.",
            "Naltrexone is approved at 50 mg a day to treat addiction to opioids or alcohol.",
            "Insurance often does not pay for LDN, so many people pay for it themselves.",
        ],
        "hardest_words": [
            "affordability",
            "extraordinarily",
            "preliminarily",
            "variability",
            "anticipated",
            "considerable",
        ],
    }


def test_unfilled_value_hints() -> None:
    assert unfilled_hint("{phone}", "**Call {phone} now.**") == (
        "values inside **bold** or *italic* are not filled in: move {phone} out of them"
    )
    assert unfilled_hint("{phone}", "Call {phone}") == (
        "values are filled in only in body text, not in titles or headings"
    )


def test_findings_in_shared_text_are_listed_once_for_all_handouts(tmp_path: Path) -> None:
    root = tmp_path / "content"
    shutil.copytree(paths.builtin_content_dir(), root)
    for path in (root / "en" / "conditions").glob("*.yaml"):
        if path.stem not in ("hiv", "lupus"):
            path.unlink()
    edit(root, SECTIONS, "Scientists have a few ideas.", "Scientists say LDN cures pain.")
    report = check_project(content_root=root, today=TODAY)
    [found] = of(report, "forbidden-claim")
    assert found.handouts == ("hiv", "lupus")
    assert found.line == line_of(root, SECTIONS, "LDN cures pain")
    assert re.match(r'says "cures", which', found.message)


def test_forbidden_claim_in_layout_words_points_at_ui_yaml(content: Path) -> None:
    edit(content, "en/ui.yaml", "tells you that.", "tells you that LDN cures nothing.")
    report = check_project(content_root=content, today=TODAY)
    [found] = of(report, "forbidden-claim")
    assert (found.path, found.line, found.field) == (
        "content/en/ui.yaml",
        line_of(content, "en/ui.yaml", "LDN cures nothing."),
        "evidence_legend",
    )


def test_claim_in_a_title_that_names_the_condition_points_at_the_title(content: Path) -> None:
    # The printed title is "LDN and multiple sclerosis, which it cures": made in code from
    # sections.yaml's "LDN and {condition}", whose line it keeps.
    edit(
        content,
        SECTIONS,
        'title: "LDN and {condition}"',
        'title: "LDN and {condition}, which it cures"',
    )
    report = check_project(content_root=content, today=TODAY)
    [found] = of(report, "forbidden-claim")
    assert (found.path, found.line, found.field) == (
        "content/en/sections.yaml",
        line_of(content, SECTIONS, "which it cures"),
        "sections[2].title",
    )


def test_claim_in_a_contact_label_points_at_ui_yaml(content: Path, tmp_path: Path) -> None:
    # "Clinic: Test Clinic, 555 0100" is made from ui.yaml's clinic_label and the
    # practice's values: the claim is the label's.
    edit(content, "en/ui.yaml", "clinic_label: Clinic", "clinic_label: Clinic that cures MS")
    practice = tmp_path / "clinic"
    practice.mkdir()
    (practice / "practice.yaml").write_text(
        "name: Test Clinic\nphone: 555 0100\nconditions: [multiple-sclerosis]\n"
    )
    report = check_project(practice, content_root=content, today=TODAY)
    assert {(f.path, f.line, f.field) for f in of(report, "forbidden-claim")} == {
        ("content/en/ui.yaml", line_of(content, "en/ui.yaml", "clinic_label:"), "clinic_label")
    }
