"""Guard stage: check rendered RML and HTML (allowlist, required sections) and that every
printed character is in the font, before anything becomes a PDF."""

from handouts.guard.glyphs import check_glyphs
from handouts.guard.html import guard_html
from handouts.guard.rml import guard_rml, normalise, visible_text

__all__ = ["check_glyphs", "guard_html", "guard_rml", "normalise", "visible_text"]
