"""Small helpers the tests share (imported as ``helpers``; pytest puts tests/ on the path)."""

from __future__ import annotations

import io

import pypdf


def pdf_text(data: bytes) -> str:
    """All text of a PDF, page by page, as pypdf extracts it."""
    reader = pypdf.PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() for page in reader.pages)


def squash(text: str) -> str:
    """Collapse white space so sentences can be found across line breaks."""
    return " ".join(text.split())
