"""Type sizes read back from the built PDFs (pypdf's text matrix), for every edition the
handouts print in: nothing a patient reads is under 12 pt, sources and footers included;
large print is 18 pt body with nothing under 14 pt (standards.md, issue 12)."""

from __future__ import annotations

import io
import math
import re
from collections import Counter

import pypdf
import pytest
from helpers import EDITIONS, edition_pdf, edition_project

# Citation numbers are raised markers pointing to the reference list, not text to read.
CITATION = re.compile(r"\[?\d+([,-]\d+)*\]?|[,\[\]]")


def sizes(pdf: bytes) -> Counter[float]:
    """Characters printed at each size (points), over every page."""
    found: Counter[float] = Counter()
    for page in pypdf.PdfReader(io.BytesIO(pdf)).pages:

        def visit(text: str, cm: list, tm: list, font: object, size: float) -> None:
            if text.strip():
                scale = math.hypot(tm[0], tm[1]) * math.hypot(cm[0], cm[1])
                found[round(size * scale, 1)] += len(text.strip())

        page.extract_text(visitor_text=visit)
    return found


def small_text(pdf: bytes, floor: float) -> list[str]:
    """Text under ``floor`` points that is not a citation marker."""
    out: list[str] = []
    for page in pypdf.PdfReader(io.BytesIO(pdf)).pages:

        def visit(text: str, cm: list, tm: list, font: object, size: float) -> None:
            scale = math.hypot(tm[0], tm[1]) * math.hypot(cm[0], cm[1])
            if text.strip() and size * scale < floor and not CITATION.fullmatch(text.strip()):
                out.append(f"{size * scale:.1f} pt: {text.strip()[:40]}")

        page.extract_text(visitor_text=visit)
    return out


@pytest.mark.parametrize("edition", EDITIONS)
@pytest.mark.parametrize("kind", ["full", "summary"])
def test_nothing_a_patient_reads_is_too_small(edition: str, kind: str) -> None:
    project = edition_project(edition)
    large = project.practice.large_print
    slugs = project.clinic_set if kind == "summary" else project.clinic_set[:2]
    for slug in slugs:
        pdf = edition_pdf(edition, slug, kind)  # the layout tests' PDFs, built once
        assert small_text(pdf, 14.0 if large else 12.0) == [], (edition, kind, slug)
        body = sizes(pdf).most_common(1)[0][0]  # the size most text is printed at
        assert body == (18.0 if large else 13.0 if kind == "full" else 12.0), (slug, body)
