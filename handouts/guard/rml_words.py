"""What the rendered RML prints, piece by piece: forbidden claims and invisible characters.

A practice template's literal text is checked before rendering (validate/template_words.py),
but words it builds from expressions (``{{ "cu" ~ "res" }}``, ``{{ "us\\u200b" }}``) exist
only in the output. Here each printed piece (a paragraph, a table cell, a drawn string) is
read as a reader sees it, inline markup joined ("c<b>ures</b>" is "cures"), and held to
the one claim matcher and the one set of invisible characters. Each finding carries the
RML line of its element, for the pipeline to name the template line that printed it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from handouts.guard.rml import joined_text
from handouts.model import ForbiddenPhrase
from handouts.text.normalise import invisible_characters, normalise
from handouts.text.sections import forbidden_claims
from handouts.text.yamlfile import character_name

# Elements that print their text as one piece; others only hold pieces (or inline markup).
PIECES = frozenset(
    "para title h1 h2 h3 h4 h5 h6 td li pre xpre drawString drawRightString "
    "drawCentredString drawCenteredString drawCenterString".split()
)
HIDDEN = frozenset({"super"})  # citation numbers, as visible_text leaves them out
# The HTML edition's pieces (tinyhtml5's tree keeps no line numbers: found by their text).
HTML_PIECES = frozenset(
    "p li h1 h2 h3 h4 h5 h6 td th dt dd caption figcaption summary blockquote div "
    "section header footer main article aside nav body address label button".split()
)


@dataclass(frozen=True)
class Finding:
    """One thing a printed piece must not hold: its element's RML line and tag."""

    line: int  # 0 in HTML
    tag: str
    message: str
    check: str
    text: str  # the start of the piece's text, as printed


def printed_findings(
    root: Any,
    phrases: tuple[ForbiddenPhrase, ...],
    pieces: frozenset[str] = PIECES,
    hidden: frozenset[str] = HIDDEN,
) -> list[Finding]:
    """Each forbidden claim and invisible character in a printed piece, in tree order
    (an RML tree by default; the HTML edition's with HTML_PIECES)."""
    found = []
    for element in root.iter():
        if not isinstance(element.tag, str) or element.tag not in pieces:
            continue
        raw = joined_text(element, hidden, apart=pieces)  # nested pieces are read on their own
        if not raw.strip():
            continue
        line, tag = getattr(element, "sourceline", None) or 0, element.tag
        start = " ".join(raw.split())[:40]
        invisible = invisible_characters(raw)
        if invisible:
            found.append(Finding(line, tag, (
                f"prints the invisible character {character_name(invisible[0][1])}, which "
                "prints as an empty box or as nothing and can hide a word from the checks; "
                "take out what makes it"
            ), "glyph", start))  # fmt: skip
        for phrase, words in forbidden_claims(normalise(raw), phrases):
            found.append(Finding(line, tag, (
                f'says "{words}", which a handout must never say: {phrase.reason}'
            ), "forbidden-claim", start))  # fmt: skip
    return found
