"""``handouts check --tagged-pdf``: print each handout's accessible PDF in memory and check
its structure tree with the same checks ``handouts html --tagged-pdf`` runs before it
writes one (handouts/guard/pdfua.py). Nothing is written."""

from __future__ import annotations

from collections.abc import Sequence

from handouts.check.report import ERROR, Finding
from handouts.editions import get_edition
from handouts.errors import HandoutsError
from handouts.model import Project
from handouts.pipeline.build import html_of, merged
from handouts.pipeline.html_set import tagged_structure

CHECK_ID = "tagged-pdf"


def check_tagged(
    project: Project, slugs: list[str], editions: Sequence[str] = ("full",)
) -> tuple[list[Finding], list[str]]:
    """(findings, notes): one finding per structure problem, one note per handout, for
    each of ``editions`` (the ones ``check`` checks, so the summary's PDF too)."""
    findings: list[Finding] = []
    notes: list[str] = []
    for edition in map(get_edition, editions):
        for slug in slugs:
            name = f"{edition.key(slug)}-accessible.pdf"
            try:
                handout = merged(project, slug, edition)
                _, structure = tagged_structure(
                    project, handout, html_of(project, handout, edition)
                )
            except HandoutsError as exc:
                where = edition.html_template
                findings.append(Finding(ERROR, CHECK_ID, where, 0, 0, "", str(exc), (slug,)))
                continue
            for problem in structure.problems:
                findings.append(Finding(ERROR, CHECK_ID, name, 0, 0, "", problem, (slug,)))
            notes.append(f"{name}: {structure.summary()}")
    return findings, notes
