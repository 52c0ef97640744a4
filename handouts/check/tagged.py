"""``handouts check --tagged-pdf``: print each handout's accessible PDF in memory and check
its structure tree with the same checks ``handouts html --tagged-pdf`` runs before it
writes one (handouts/guard/pdfua.py). Nothing is written."""

from __future__ import annotations

from handouts.check.report import ERROR, Finding
from handouts.errors import HandoutsError
from handouts.model import Project
from handouts.pipeline.build import HTML_TEMPLATE, render_html, tagged_structure

CHECK_ID = "tagged-pdf"


def check_tagged(project: Project, slugs: list[str]) -> tuple[list[Finding], list[str]]:
    """(findings, notes): one finding per structure problem, one note per handout."""
    findings: list[Finding] = []
    notes: list[str] = []
    for slug in slugs:
        name = f"{slug}-accessible.pdf"
        try:
            _, structure = tagged_structure(project, slug, render_html(project, slug))
        except HandoutsError as exc:
            findings.append(Finding(ERROR, CHECK_ID, HTML_TEMPLATE, 0, 0, "", str(exc), (slug,)))
            continue
        for problem in structure.problems:
            findings.append(Finding(ERROR, CHECK_ID, name, 0, 0, "", problem, (slug,)))
        notes.append(f"{name}: {structure.summary()}")
    return findings, notes
