"""What the booklet adds to every page: its own page number, and on an inserted blank
page the words "This page is blank on purpose" (so nobody thinks a page is missing).

The handouts keep their own footers ("Page X of Y" of the handout); the booklet number
is drawn in the header band, right-aligned before the logo, where the contents page's
numbers send the reader. It is drawn on one overlay page per booklet page (ReportLab) and
merged onto the page (pypdf), so the handouts' own content is not changed.
"""

from __future__ import annotations

import io
from typing import Any

from handouts.model import Project
from handouts.pdf import fonts
from handouts.render import layout
from handouts.text.booklet_words import PAGE_WORDS


def _logo_width(project: Project, page: dict[str, Any]) -> float:
    if project.practice.logo is None:
        return 0.0
    from handouts.validate.logo import logo_box

    return float(logo_box(project.practice.logo, page)["width"]) + 10.0


def overlay(project: Project, count: int, blanks: set[int]) -> bytes:
    """``count`` overlay pages: the booklet number on each; on the (1-based) pages in
    ``blanks`` also the header band and the blank-on-purpose line."""
    from reportlab.lib.colors import HexColor, white
    from reportlab.pdfgen.canvas import Canvas

    practice, ui = project.practice, project.content.ui
    words = {key: ui.get(key, default) for key, default in PAGE_WORDS.items()}
    page = layout.page_layout(practice)
    size, width, height, margin = page["size"], page["width"], page["height"], page["margin"]
    band = page["header_height"]
    fontset = fonts.use_font(practice.font)
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=(width, height), invariant=1, lang=project.content.language,
                    initialFontName=fontset.regular)  # fmt: skip
    right = width - margin - _logo_width(project, page)
    base = height - band / 2 - size["header"] / 3
    for number in range(1, count + 1):
        if number in blanks:
            canvas.setFillColor(HexColor(practice.colours.primary))
            canvas.rect(0, height - band, width, band, stroke=0, fill=1)
            canvas.setFillColor(HexColor(practice.colours.text))
            canvas.setFont(fontset.regular, size["body"])
            canvas.drawCentredString(width / 2, height / 2, words["booklet_blank"])
        canvas.setFillColor(white)
        canvas.setFont(fontset.bold, size["header"])
        label = words["booklet_page_number"].replace("{number}", str(number))
        canvas.drawRightString(right, base, label)
        canvas.showPage()
    canvas.save()
    return out.getvalue()


def number_pages(project: Project, writer: Any, blanks: set[int]) -> None:
    """Merge the booklet number (and the blank-page line) onto every page of ``writer``."""
    from pypdf import PdfReader

    pages = PdfReader(io.BytesIO(overlay(project, len(writer.pages), blanks))).pages
    for target, layer in zip(writer.pages, pages, strict=True):
        target.merge_page(layer)
