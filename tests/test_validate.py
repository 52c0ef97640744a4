"""Validate stage: every schema problem is reported at once with file:line and field path."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from handouts import paths
from handouts.errors import ContentError
from handouts.load.content import load_content_docs
from handouts.validate.content import uncited_references, validate_content

MS = "en/conditions/multiple-sclerosis.yaml"


@pytest.fixture
def content_copy(tmp_path: Path) -> Path:
    root = tmp_path / "content"
    shutil.copytree(paths.builtin_content_dir(), root)
    return root


def problems_after(root: Path, relpath: str, old: str, new: str) -> list[str]:
    path = root / relpath
    text = path.read_text()
    assert old in text, f"fixture text not found: {old!r}"
    path.write_text(text.replace(old, new, 1))
    with pytest.raises(ContentError) as info:
        validate_content(load_content_docs(root))
    return [str(p) for p in info.value.problems]


def line_of(root: Path, relpath: str, needle: str) -> int:
    lines = (root / relpath).read_text().splitlines()
    return next(i for i, line in enumerate(lines, 1) if needle in line)


def test_builtin_content_is_valid() -> None:
    content = validate_content(load_content_docs(paths.builtin_content_dir()))
    assert "multiple-sclerosis" in content.conditions
    assert len(content.conditions) >= 15
    assert uncited_references(content) == []


def test_wrong_evidence_level_suggests_the_closest(content_copy: Path) -> None:
    line = line_of(content_copy, MS, "research: small-controlled-trials")
    old, new = "research: small-controlled-trials", "research: small-controled-trials"
    problems = problems_after(content_copy, MS, old, new)
    assert len(problems) == 1
    assert problems[0].startswith(f"content/en/conditions/multiple-sclerosis.yaml:{line}:")
    assert problems[0].endswith(
        "evidence.research: 'small-controled-trials' is not one of: none-in-people, "
        "case-reports, uncontrolled-studies, small-controlled-trials, "
        "large-controlled-trials, repeated-large-trials "
        '(did you mean "small-controlled-trials"?)'
    )


def test_a_finding_that_contradicts_the_research_is_refused(content_copy: Path) -> None:
    # "Not tested in people" beside trials in people contradicts itself (ldn-facts.md 4.2).
    line = line_of(content_copy, MS, "found: mixed")
    problems = problems_after(content_copy, MS, "found: mixed", "found: not-tested")
    assert problems == [
        f"content/en/conditions/multiple-sclerosis.yaml:{line}:10: evidence.found: "
        "'not-tested' does not fit research 'small-controlled-trials': use "
        "found: not-tested exactly when research is none-in-people"
    ]


def test_all_problems_are_listed_together(content_copy: Path) -> None:
    path = content_copy / MS
    text = path.read_text().replace("group: neurological", "group: brain", 1)
    text = text.replace("reviewed_on: 2026-11-21", "reviewed_on: 21/11/2026", 1)
    text = text.replace("slug: multiple-sclerosis", "slug: Multiple Sclerosis", 1)
    path.write_text(text)
    with pytest.raises(ContentError) as info:
        validate_content(load_content_docs(content_copy))
    messages = [f"{p.field}: {p.message}" for p in info.value.problems]
    assert (
        "group: 'brain' is not one of: autoimmune, neurological, digestive, pain, infection, "
        'cancer, mood (did you mean "pain"?)'
    ) in messages
    assert "review.reviewed_on: '21/11/2026' is not a date; write it as YYYY-MM-DD" in messages
    assert "slug: 'Multiple Sclerosis' is not a valid id; use a-z, 0-9 and '-' only" in messages
    assert str(info.value).endswith("problems found; fix them and run again.")


def test_unknown_field_gets_did_you_mean(content_copy: Path) -> None:
    problems = problems_after(content_copy, MS, "key_points:", "key_pionts:")
    assert any(
        p.endswith('key_pionts: unknown field (did you mean "key_points"?)') for p in problems
    )
    assert any(p.endswith(": missing required field 'key_points'") for p in problems)


def test_unknown_reference_key(content_copy: Path) -> None:
    problems = problems_after(content_copy, MS, "[@cree2010]", "[@cree2011]")
    assert len(problems) == 1
    assert 'unknown reference [@cree2011] (did you mean "cree2010"?)' in problems[0]


def test_unknown_placeholder(content_copy: Path) -> None:
    problems = problems_after(content_copy, "en/sections.yaml", "{prescriber}", "{doctor_name}")
    assert "unknown value {doctor_name}; use one of: prescriber," in problems[0]


def test_wrong_type_is_named(content_copy: Path) -> None:
    problems = problems_after(content_copy, MS, "short_name: MS", "short_name: [a, list]")
    assert problems == [
        "content/en/conditions/multiple-sclerosis.yaml:3:13: short_name: expected text, got a list"
    ]


def test_required_section_must_exist(content_copy: Path) -> None:
    problems = problems_after(
        content_copy, "en/sections.yaml", "id: opioid-warning", "id: opioid-note"
    )
    assert any(
        "the 'opioid-warning' section is missing; every handout needs it" in p for p in problems
    )


def test_review_dates_must_be_in_order(content_copy: Path) -> None:
    problems = problems_after(
        content_copy, MS, "next_review: 2027-11-21", "next_review: 2025-01-01"
    )
    assert problems[0].endswith("review.next_review: must be after reviewed_on")
