"""Guard stage: check rendered RML and HTML (allowlist, files, required sections) before
anything becomes a PDF or a page."""

from handouts.guard.html import guard_html
from handouts.guard.rml import guard_rml, normalise, visible_text

__all__ = ["guard_html", "guard_rml", "normalise", "visible_text"]
