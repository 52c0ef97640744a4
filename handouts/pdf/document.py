"""PDF stage: turn guarded RML into PDF bytes with z3c.rml on ReportLab.

"Page X of Y" is written in one layout pass: a template puts ``PAGE_TOTAL`` where the
total goes; the canvas draws a reference to a form there, and defines the form, holding
the total, when the document is saved. (z3c.rml's ``<getName id="lastPage"/>`` would run
a second full layout pass instead.) The canvas also sets the PDF's language and keywords,
which RML's ``<document>`` cannot.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

from handouts.errors import BuildError, LayoutFailure
from handouts.model import PAGE_TOTAL
from handouts.pdf.bounds import LayoutWatch, memory_message, time_message, timed
from handouts.pdf.failures import explain, unplaced
from handouts.pdf.sourcelines import Trace, traced

_FORM = "handoutsPageTotal"


@dataclass(frozen=True)
class PdfMeta:
    """Document facts RML cannot set."""

    language: str
    keywords: str
    font: str  # ReportLab name of the body font: the canvas's initial font


def _canvas_class(meta: PdfMeta, watch: LayoutWatch | None = None) -> type[Any]:
    from reportlab.pdfgen.canvas import Canvas

    class HandoutCanvas(Canvas):  # type: ignore[misc]
        """Canvas with a deferred page total, fixed dates and the document language."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            kwargs["invariant"] = 1
            kwargs["lang"] = meta.language
            # Otherwise every page's preamble names Helvetica, an unembedded font.
            kwargs["initialFontName"] = meta.font
            super().__init__(*args, **kwargs)
            self.setKeywords(meta.keywords)
            self._total_style: tuple[str, float, Any] | None = None
            self.page_used: list[float] = []  # points of the body frame filled, per page
            self.marks: dict[str, int] = {}  # bookmark key -> page it is on

        def bookmarkPage(self, key: str, *args: Any, **kwargs: Any) -> Any:
            self.marks.setdefault(key, self.getPageNumber())
            return super().bookmarkPage(key, *args, **kwargs)

        def showPage(self) -> None:
            # Platypus ends each page here, while the page's frame is still current: how
            # far down it got is what a length rule needs to say by how much text overflows.
            frame = getattr(getattr(self, "_doctemplate", None), "frame", None)
            if frame is not None:
                self.page_used.append(float(frame._y2 - frame._topPadding - frame._y))
            if watch is not None:  # pages, time and memory (bounds.py), as each page ends
                watch.page_ended(self.getPageNumber())
            super().showPage()

        def setKeywords(self, keywords: Any) -> None:
            # Platypus sets the doc template's (empty) keywords after creating the canvas.
            if keywords:
                super().setKeywords(keywords)

        def _draw_with_total(self, how: str, x: float, y: float, text: str, **kw: Any) -> None:
            if PAGE_TOTAL not in text:
                getattr(Canvas, how)(self, x, y, text, **kw)
                return
            before, _, after = text.partition(PAGE_TOTAL)
            width = self.stringWidth
            total_width = width("00", self._fontname, self._fontsize)  # room for the total
            full = (
                width(before, self._fontname, self._fontsize)
                + total_width
                + width(after, self._fontname, self._fontsize)
            )
            start = {
                "drawString": x,
                "drawRightString": x - full,
                "drawCentredString": x - full / 2,
            }[how]
            Canvas.drawString(self, start, y, before)
            at = start + width(before, self._fontname, self._fontsize)
            self._total_style = (self._fontname, self._fontsize, self._fillColorObj)
            self.saveState()
            self.translate(at, y)
            self.doForm(_FORM)
            self.restoreState()
            if after:
                Canvas.drawString(self, at + total_width, y, after)

        def drawString(self, x: float, y: float, text: str, *a: Any, **kw: Any) -> None:
            self._draw_with_total("drawString", x, y, text, **kw)

        def drawRightString(self, x: float, y: float, text: str, *a: Any, **kw: Any) -> None:
            self._draw_with_total("drawRightString", x, y, text, **kw)

        def drawCentredString(self, x: float, y: float, text: str, *a: Any, **kw: Any) -> None:
            self._draw_with_total("drawCentredString", x, y, text, **kw)

        def save(self) -> None:
            if self._total_style is not None:
                pages = self.getPageNumber() - 1
                font, size, colour = self._total_style
                self.beginForm(_FORM)
                self.setFont(font, size)
                self.setFillColor(colour)
                Canvas.drawString(self, 0, 0, str(pages))
                self.endForm()
            super().save()

    return HandoutCanvas


@dataclass(frozen=True)
class PdfLayout:
    """A laid-out PDF, and where its text went (for length rules)."""

    pdf: bytes
    pages: int
    page_used: tuple[float, ...]  # points of the body frame filled, per page
    frame_height: float
    marks: dict[str, int]  # bookmark key -> page number


def render_pdf(root: Any, meta: PdfMeta, source: str = "<rml>") -> tuple[bytes, int]:
    """Lay out a guarded RML tree; return (PDF bytes, page count). Failures: BuildError."""
    laid = render_pdf_layout(root, meta, source)
    return laid.pdf, laid.pages


def render_pdf_layout(root: Any, meta: PdfMeta, source: str = "<rml>") -> PdfLayout:
    """Lay out a guarded RML tree; the PDF with its page fill. Failures: BuildError."""
    from z3c.rml import document

    canvases: list[Any] = []
    watch = LayoutWatch()
    base = _canvas_class(meta, watch)

    class Recording(base):  # type: ignore[misc,valid-type]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            canvases.append(self)

    doc = document.Document(root, canvasClass=Recording)
    doc.filename = source
    out = io.BytesIO()
    trace = Trace()
    try:
        # timed: pages and memory, read by the canvas as each page ends; traced: which
        # RML element a failure came from (pdf/sourcelines.py)
        with timed(watch), traced() as trace:
            doc.process(out)
    except MemoryError:
        raise BuildError(f"{source}: {memory_message(watch.memory)}") from None
    except Exception as exc:  # ReportLab and z3c.rml raise many unrelated types
        if watch.refused:  # a bound (bounds.py), however ReportLab wrapped it on the way
            raise BuildError(f"{source}: {watch.refused}") from None
        if watch.expired:  # the alarm rang inside code that swallowed its exception
            raise BuildError(f"{source}: {time_message(watch.seconds)}") from None
        raise _failure(exc, trace, source) from exc
    canvas = canvases[-1]
    frame = getattr(doc.doc, "frame", None)
    height = float(frame._y2 - frame._y1) if frame is not None else 0.0
    pages = int(doc.doc.page)
    used = list(canvas.page_used)
    if frame is not None and len(used) < pages:  # the last page ends after the story does
        used.append(float(frame._y2 - frame._topPadding - frame._y))
    return PdfLayout(out.getvalue(), pages, tuple(used), height, dict(canvas.marks))


def _failure(exc: Exception, trace: Trace, source: str) -> LayoutFailure:
    """A failure of ReportLab or z3c.rml, in plain words, with the RML line it came from
    when known (the pipeline names the template line from it)."""
    from reportlab.platypus.doctemplate import LayoutError

    line, tag, flowable = trace.culprit(isinstance(exc, LayoutError))
    if not line:
        reason = unplaced(exc)
        return LayoutFailure(f"{source}: {reason}", reason=reason)
    reason = explain(exc, tag, flowable, trace.room[1])
    # Said for the whole handout unless the pipeline names a practice template line.
    return LayoutFailure(f"{source}: {unplaced(exc)}", reason=reason, line=line, needle=f"<{tag}")
