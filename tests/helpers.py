"""Small helpers the tests share (imported as ``helpers``; pytest puts tests/ on the path)."""

from __future__ import annotations

import io
from functools import cache
from pathlib import Path

import pypdf

from handouts.pipeline.build import Project, load_project


def pdf_text(data: bytes) -> str:
    """All text of a PDF, page by page, as pypdf extracts it."""
    reader = pypdf.PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() for page in reader.pages)


def squash(text: str) -> str:
    """Collapse white space so sentences can be found across line breaks."""
    return " ".join(text.split())


EXAMPLES = Path(__file__).resolve().parent.parent / "practices"


def edition_project(name: str, language: str | None = None) -> Project:
    """One of the editions every layout test reads: paper size, print size, practice
    (``language``: "es" for the Spanish edition; the practice's own by default)."""
    import dataclasses

    if name in ("riverside", "northfield"):
        return load_project(EXAMPLES / name, language=language)
    if name == "riverside-large":  # `--practice practices/riverside --large-print`
        base = load_project(EXAMPLES / "riverside", language=language)
        practice = dataclasses.replace(base.practice, large_print=True)
        return dataclasses.replace(base, practice=practice)
    base = load_project(page_size="a4" if name.startswith("a4") else "letter", language=language)
    if name.endswith("large"):
        practice = dataclasses.replace(base.practice, large_print=True)
        base = dataclasses.replace(base, practice=practice)
    return base


EDITIONS = ("letter", "a4", "letter-large", "a4-large", "riverside", "riverside-large",
            "northfield")  # fmt: skip


@cache
def _edition(name: str, language: str | None) -> Project:
    return edition_project(name, language)


@cache
def edition_pdf(name: str, slug: str, kind: str = "full", language: str | None = None) -> bytes:
    """The PDF of ``slug`` in edition ``name`` (``kind`` full or summary), built once per
    test process: the layout, type-size and locale tests read the same ~200 PDFs."""
    from handouts.pipeline.build import build_handout

    return build_handout(_edition(name, language), slug, kind).pdf


def edition_slugs(name: str, language: str | None = None) -> tuple[str, ...]:
    """The conditions edition ``name`` prints (its practice's set, or all)."""
    return tuple(_edition(name, language).clinic_set)
