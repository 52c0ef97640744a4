"""The built-in content set: every condition builds, reads at grade 8 or lower, and never
makes a forbidden claim (checked on the text extracted from each built PDF)."""

from __future__ import annotations

import re

import pytest
from helpers import pdf_text, squash

from handouts.merge.handout import merge_handout
from handouts.pipeline.build import BuiltHandout, Project
from handouts.text import readability
from handouts.text.sections import forbidden_claims, section_texts

CONDITIONS = (
    "multiple-sclerosis", "crohns-disease", "fibromyalgia", "chronic-pain", "hiv", "cancer",
    "lupus", "rheumatoid-arthritis", "hashimotos-thyroiditis", "sarcoidosis",
    "parkinsons-disease", "alzheimers-disease", "irritable-bowel-syndrome", "depression",
    "autoimmune-conditions",
)  # fmt: skip
# The evidence ratings and their oracle are in test_evidence_scale.py.
# Proven treatment each handout must tell people to keep taking.
KEEP_TAKING = {
    "multiple-sclerosis": "MS medicines",
    "crohns-disease": "Crohn's medicines",
    "hiv": "HIV medicines",
    "cancer": "cancer treatment",
    "hashimotos-thyroiditis": "thyroid",
}
GRADE_LIMIT = 8.0
SUMMARY_LIMIT = 7.0


def test_every_condition_is_there(project: Project) -> None:
    assert sorted(project.content.conditions) == sorted(CONDITIONS)


@pytest.mark.parametrize("slug", CONDITIONS)
def test_every_section_reads_at_grade_8_or_lower(project: Project, slug: str) -> None:
    handout = merge_handout(project.content, slug, project.practice)
    too_hard = []
    for part in section_texts(handout):
        limit = SUMMARY_LIMIT if part.id == "key-points" else GRADE_LIMIT
        grade = readability.grade(part.joined)
        if grade > limit:
            too_hard.append(f"{slug}/{part.id}: grade {grade:.1f} > {limit}")
    assert not too_hard, "\n".join(too_hard)


@pytest.mark.parametrize("slug", CONDITIONS)
def test_no_forbidden_phrase_in_the_built_pdf(
    project: Project, all_built: dict[str, BuiltHandout], slug: str
) -> None:
    text = squash(pdf_text(all_built[slug].pdf))
    # Through the one matcher: the printed text as a whole, negated clauses allowed.
    hits = [
        f"{words!r}: {p.reason}" for p, words in forbidden_claims(text, project.content.forbidden)
    ]
    assert not hits, hits


def test_forbidden_list_catches_the_seed_errors(project: Project) -> None:
    seed_claims = [
        "Naltrexone was approved by the FDA in 1983",
        "the dose for addiction is 50-300 mg",
        "up-regulation of the endocannabinoid system",
        "a 60% success rate",
        "LDN cures MS",
        "LDN halts progression",
        "it induces apoptosis of cancer cells",
    ]
    patterns = [re.compile(p.pattern, re.IGNORECASE) for p in project.content.forbidden]
    for claim in seed_claims:
        assert any(p.search(claim) for p in patterns), claim


@pytest.mark.parametrize("slug", CONDITIONS)
def test_required_sections_in_every_pdf(all_built: dict[str, BuiltHandout], slug: str) -> None:
    text = squash(pdf_text(all_built[slug].pdf))
    assert "Never take LDN with opioid medicines." in text
    assert "off-label" in text.lower()
    assert re.search(r"Page 1 of \d+", text)
    assert not re.findall(r"\{[a-z_]+\}", text), "a {value} was printed unfilled"


@pytest.mark.parametrize("slug", sorted(KEEP_TAKING))
def test_keep_taking_proven_treatment(project: Project, slug: str) -> None:
    cautions = " ".join(project.content.conditions[slug].cautions)
    assert re.search(r"keep taking|never delay or stop", cautions, re.IGNORECASE), cautions
    assert KEEP_TAKING[slug] in cautions


def test_every_reference_has_a_full_citation(project: Project) -> None:
    for ref in project.content.references.values():
        assert ref.title and ref.source, ref.key
        # A partly verified entry leaves out fields the fact sheet has "from memory" (4.3).
        if ref.kind not in ("label", "website", "guideline") and ref.verified != "partly":
            assert ref.authors and ref.year, ref.key


def test_details_from_memory_are_not_printed(project: Project) -> None:
    # ldn-facts.md 2D and 4.3: the Cochrane author list, Raknes 2017's journal and year,
    # Donahue 2011's journal are "from memory".
    refs = project.content.references
    assert not refs["parker2018"].authors
    assert "PLoS" not in refs["raknes2017"].source and not refs["raknes2017"].year
    assert "Experimental Biology" not in refs["donahue2011"].source
