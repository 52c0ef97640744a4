"""PDF stage: guarded RML -> deterministic PDF bytes (z3c.rml on ReportLab, bundled fonts)."""

from handouts.pdf.document import PdfMeta, render_pdf

__all__ = ["PdfMeta", "render_pdf"]
