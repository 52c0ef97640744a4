"""PDF stage: guarded RML -> deterministic PDF bytes (z3c.rml on ReportLab, bundled fonts);
every printed character must be in the font (glyphs.py)."""

from handouts.pdf.document import PdfMeta, render_pdf
from handouts.pdf.glyphs import check_glyphs

__all__ = ["PdfMeta", "check_glyphs", "render_pdf"]
