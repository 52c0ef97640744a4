"""The combined booklet: one PDF of the clinic set for double-sided printing.

``<folder>/<practice-or-"handouts">-booklet.pdf``: a cover page (practice logo, name,
contacts, date, the conditions it covers), a table of contents with page numbers that
link to the parts, then the parts, each starting on a right-hand (odd) page, with a
blank page inserted where needed. The full-guide booklet's parts are "About LDN" (the
shared sections, once), one part per condition (its own text only) and one reference
list, rendered by the orchestrator (pipeline/booklet.py); each keeps its own "Page X of
Y". The summary booklet (``<practice>-summary-booklet.pdf``) is the built sheets in
order. Every page gets its booklet number, and a blank page its "blank on purpose" line
(booklet_pages.py). Bookmarks: one per part, with its sections below it.

The cover and contents are drawn with ReportLab; the parts are joined with pypdf (a
small pure-Python dependency: ReportLab cannot import PDF pages). The page numbers are
known before the cover and contents are drawn, from the parts' page counts, so the
contents need one pass only.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from handouts import __version__
from handouts.batch.booklet_pages import number_pages
from handouts.model import Project
from handouts.output.manifest import BookletEntry, ManifestEntry
from handouts.output.write import write_atomic
from handouts.pdf import fonts
from handouts.pipeline.booklet import (
    CONTENTS_ROW,
    booklet_parts,
    contents_pages,
    rows_per_page,
    shared_page,
)
from handouts.render import layout
from handouts.text.lang import format_date

# English defaults for words the content's ui.yaml may translate.
_WORDS = {
    "booklet_title": "Patient handouts",
    "booklet_contents": "Contents",
    "booklet_holds": "Handouts in this booklet",
    "booklet_printed": "Printed",
    "booklet_page": "page",
}
_COVER_ROW = 19.0


@dataclass(frozen=True)
class Part:
    """One handout in the booklet."""

    title: str
    pdf: Path | bytes  # a built handout's file, or a booklet part's bytes
    pages: int


def booklet_file(project: Project, suffix: str = "") -> str:
    """The booklet's file name (``suffix``: the edition's, "-summary" for the sheets)."""
    return f"{project.practice.slug or 'handouts'}{suffix}-booklet.pdf"


def booklet_date() -> dt.date:
    """Today, or the date of ``SOURCE_DATE_EPOCH`` (for reproducible builds)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc).date()
    return dt.date.today()


def booklet_input_hash(project: Project, entries: list[ManifestEntry]) -> str:
    """A hash of what the booklet is made from: the handouts' bytes, practice and date."""
    # The handouts' input hashes cover what the booklet's own parts are made from too
    # (content, practice folder, templates, fonts, this tool's code).
    digest = hashlib.sha256(f"booklet-v2 {__version__} {booklet_date().isoformat()}\n".encode())
    digest.update(repr(project.practice).encode())
    for entry in entries:
        digest.update(f"{entry.condition} {entry.sha256} {entry.input_hash}\n".encode())
    return digest.hexdigest()


def _words(project: Project) -> dict[str, str]:
    ui = project.content.ui
    return {key: ui.get(key, default) for key, default in _WORDS.items()}


def _name(project: Project, slug: str) -> str:
    name = project.content.conditions[slug].name
    return name[:1].upper() + name[1:]


def plan_pages(parts: list[Part], contents_pages: int) -> list[int]:
    """The first page (1-based) of each part: always odd, after the cover and contents."""
    starts, used = [], 1 + contents_pages
    for part in parts:
        start = used + 1 if used % 2 == 0 else used + 2  # next odd page
        starts.append(start)
        used = start + part.pages - 1
    return starts


def _front_matter(
    project: Project,
    parts: list[Part],
    starts: list[int],
    contents_pages: int,
    date: dt.date,
    holds: list[str],
) -> tuple[bytes, list[tuple[int, tuple[float, float, float, float], int]]]:
    """Cover and contents pages; and the contents' links: (page, rect, target page)."""
    from reportlab.lib.colors import HexColor, white
    from reportlab.lib.utils import simpleSplit
    from reportlab.pdfgen.canvas import Canvas

    practice, words = project.practice, _words(project)
    page = layout.page_layout(practice)
    size, width, height, margin = page["size"], page["width"], page["height"], page["margin"]
    fontset = fonts.use_font(practice.font)
    ink, primary = HexColor(practice.colours.text), HexColor(practice.colours.primary)
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=(width, height), invariant=1, lang=project.content.language,
                    initialFontName=fontset.regular)  # fmt: skip
    practice_name = practice.name or project.content.ui.get("neutral_header", "")
    logo, logo_image = None, None
    if practice.logo is not None:
        from reportlab.lib.utils import ImageReader

        from handouts.pipeline.logo import print_logo
        from handouts.validate.logo import logo_box

        logo = logo_box(practice.logo, page)
        printed = print_logo(practice)
        # The handouts' own 300 ppi copy, drawn from its bytes: ReportLab names an image
        # drawn from a file by the file's path, so the booklet's bytes would change with
        # the folder the practice is in.
        logo_image = ImageReader(io.BytesIO(printed.data)) if printed else None

    def header() -> None:
        canvas.setFillColor(primary)
        canvas.rect(
            0, height - page["header_height"], width, page["header_height"], stroke=0, fill=1
        )
        canvas.setFillColor(white)
        canvas.setFont(fontset.bold, size["header"])
        base = height - page["header_height"] / 2 - size["header"] / 3
        canvas.drawString(margin, base, practice_name)
        if logo is not None and logo_image is not None:  # at the right, as on the handouts
            top = height - (page["header_height"] - logo["height"]) / 2 - logo["height"]
            canvas.drawImage(logo_image, width - margin - logo["width"], top, logo["width"],
                             logo["height"], mask="auto")  # fmt: skip

    def lines(text: str, font: str, points: float, x: float, y: float, step: float) -> float:
        for line in simpleSplit(text, font, points, width - margin - x):
            canvas.setFont(font, points)
            canvas.drawString(x, y, line)
            y -= step
        return y

    # Cover.
    header()
    canvas.setFillColor(primary)
    y = height - page["header_height"] - margin
    y = lines(project.content.ui.get("title_ldn", ""), fontset.bold, size["title"], margin, y,
              size["title"] * 1.2)  # fmt: skip
    canvas.setFillColor(ink)
    y = lines(words["booklet_title"], fontset.bold, size["h2"], margin, y, size["h2"] * 1.6)
    y = lines(practice_name, fontset.regular, size["body"], margin, y, size["leading"])
    for contact in (practice.address, practice.phone, practice.website):  # the cover's contacts
        if contact:
            y = lines(contact, fontset.regular, size["body"], margin, y, size["leading"])
    date_text = f"{words['booklet_printed']} {format_date(date, project.content.language)}"
    y = lines(date_text, fontset.regular, size["body"], margin, y, size["leading"] * 2)
    y = lines(words["booklet_holds"], fontset.bold, size["h3"], margin, y, size["leading"] * 1.2)
    columns = 1 if len(holds) * _COVER_ROW < y - margin else 2
    per_column = -(-len(holds) // columns)
    column_width = (width - 2 * margin) / columns
    for index, title in enumerate(holds):
        column, row = divmod(index, per_column)
        canvas.setFont(fontset.regular, size["body"])
        canvas.drawString(margin + column * column_width + 4, y - row * _COVER_ROW,
                          f"• {title}")  # fmt: skip
    canvas.showPage()

    # Contents.
    links = []
    per_page = rows_per_page(page)
    for sheet in range(contents_pages):
        header()
        canvas.setFillColor(primary)
        canvas.setFont(fontset.bold, size["title"])
        top = height - page["header_height"] - margin
        canvas.drawString(margin, top, words["booklet_contents"])
        canvas.setFillColor(ink)
        chunk = list(zip(parts, starts, strict=True))[sheet * per_page : (sheet + 1) * per_page]
        for row, (part, start) in enumerate(chunk):
            base = top - 40 - row * CONTENTS_ROW
            number = str(start)
            canvas.setFont(fontset.regular, size["body"])
            canvas.drawString(margin, base, part.title)
            canvas.drawRightString(width - margin, base, number)
            left = margin + canvas.stringWidth(part.title, fontset.regular, size["body"]) + 6
            right = width - margin - canvas.stringWidth(number, fontset.regular, size["body"]) - 6
            if right > left:  # a dotted leader between the title and its page
                canvas.saveState()
                canvas.setDash(1, 3)
                canvas.setLineWidth(0.8)
                canvas.line(left, base + 1, right, base + 1)
                canvas.restoreState()
            rect = (margin, base - 6, width - margin, base + size["body"])
            links.append((1 + sheet, rect, start))
        canvas.showPage()
    canvas.save()
    return out.getvalue(), links


def _outline(reader: Any) -> list[tuple[str, int]]:
    """A handout's own top-level bookmarks as (title, page index)."""
    found = []
    for item in reader.outline:
        if isinstance(item, list):
            continue
        number = reader.get_destination_page_number(item)
        if number is not None and number >= 0:
            found.append((str(item.title), number))
    return found


def combine(
    project: Project, parts: list[Part], date: dt.date, holds: list[str] | None = None
) -> tuple[bytes, int]:
    """The booklet's PDF bytes and page count; the cover lists ``holds`` (the parts'
    titles if None)."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.annotations import Link
    from pypdf.generic import NameObject, TextStringObject

    page = layout.page_layout(project.practice)
    front_pages = contents_pages(project, len(parts))
    starts = plan_pages(parts, front_pages)
    holds = [p.title for p in parts] if holds is None else holds
    front, links = _front_matter(project, parts, starts, front_pages, date, holds)
    writer = PdfWriter()
    for front_page in PdfReader(io.BytesIO(front)).pages:
        writer.add_page(front_page)
    words = _words(project)
    writer.add_outline_item(title=words["booklet_contents"], page_number=1)
    blanks: set[int] = set()
    for part, start in zip(parts, starts, strict=True):
        while len(writer.pages) < start - 1:
            writer.add_blank_page(page["width"], page["height"])
            blanks.add(len(writer.pages))
        reader = PdfReader(io.BytesIO(part.pdf) if isinstance(part.pdf, bytes) else part.pdf)
        for handout_page in reader.pages:
            writer.add_page(handout_page)
        parent = writer.add_outline_item(title=part.title, page_number=start - 1)
        own_title = reader.metadata.title if reader.metadata is not None else None
        for title, index in _outline(reader):
            if index == 0 and title == own_title:
                continue  # the handout's title: the parent item stands for it
            writer.add_outline_item(title=title, page_number=start - 1 + index, parent=parent)
    number_pages(project, writer, blanks)
    for sheet, rect, target in links:
        writer.add_annotation(sheet, Link(rect=rect, target_page_index=target - 1))
    name = project.practice.name or project.content.ui.get("neutral_author", "")
    writer.add_metadata({
        "/Title": f"{project.content.ui.get('title_ldn', '')}: {words['booklet_title']}",
        "/Author": name,
        "/Subject": ", ".join(holds),
        "/Creator": "handouts",
        "/Producer": f"handouts {__version__}",
    })  # fmt: skip
    writer._root_object[NameObject("/Lang")] = TextStringObject(project.content.language)
    writer.page_mode = "/UseOutlines"
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue(), len(writer.pages)


def full_guide_parts(project: Project, slugs: list[str], source: str) -> list[Part]:
    """The full-guide booklet's parts, rendered by the orchestrator: "About LDN", one
    part per condition, the references. Failures: HandoutsError."""
    built = booklet_parts(project, slugs, shared_page(project, len(slugs)), source)
    return [Part(p.title, p.pdf, p.pages) for p in built]


def write_booklet(
    project: Project,
    folder: Path,
    entries: list[ManifestEntry],
    input_hash: str,
    suffix: str = "",
    sheets: bool = False,
) -> BookletEntry:
    """Make the booklet of ``entries`` and write it atomically: with ``sheets`` their
    built PDFs in ``folder`` in order (the summary), else the full guide's parts."""
    target = folder / booklet_file(project, suffix)
    names = [_name(project, e.condition) for e in entries]
    if sheets:
        pairs = zip(names, entries, strict=True)
        parts = [Part(name, folder / e.file, e.pages) for name, e in pairs]
    else:
        parts = full_guide_parts(project, [e.condition for e in entries], target.name)
    date = booklet_date()
    data, pages = combine(project, parts, date, names)
    write_atomic(target, data)
    return BookletEntry(
        file=target.name,
        sha256=hashlib.sha256(data).hexdigest(),
        pages=pages,
        date=date.isoformat(),
        handouts=tuple(e.condition for e in entries),
        input_hash=input_hash,
    )
