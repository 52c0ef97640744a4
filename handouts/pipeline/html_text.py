"""Text the HTML edition refuses as the PDF does: direction controls.

A right-to-left override (U+202E) and its kin reorder what a browser shows, so a phone
number or a dose could read differently from what was checked. The PDF build refuses
them because no bundled font draws them; the HTML edition, which a browser draws with
any font, refuses them with the PDF build's own message (file, line and field), and with
a message of its own where the practice's font happens to have the character.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from lxml import etree

from handouts.errors import ContentError, Problem
from handouts.model import Handout, Project
from handouts.pdf import glyphs
from handouts.text.yamlfile import character_name

# Bidirectional formatting characters (Unicode's Bidi_Control property).
BIDI_CONTROLS = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)


def tree_text(root: Any) -> str:
    """Every text, tail and attribute value of an ElementTree tree."""
    parts: list[str] = []
    for element in root.iter():
        parts.extend(str(v) for v in element.attrib.values())
        parts.extend(t for t in (element.text, element.tail) if t)
    return "".join(parts)


def check_direction_controls(
    project: Project, handout: Handout, root: Any, templates: Sequence[str]
) -> None:
    """Raise a ContentError if the checked HTML holds a bidirectional control character."""
    found = sorted(set(tree_text(root)) & BIDI_CONTROLS)
    if not found:
        return
    practice = project.practice
    probe = etree.Element("para")
    probe.text = "".join(found)
    # The PDF build's message, where the font lacks the character (as it lacks U+202E).
    glyphs.check_glyphs(probe, practice.font, handout, templates)
    names = ", ".join(character_name(c) for c in found)
    raise ContentError(
        [
            Problem(
                handout.condition.slug,
                0,
                0,
                "",
                f"the invisible character {names} would reorder the text a browser shows; "
                "delete it",
                "glyph",
            )
        ]
    )
