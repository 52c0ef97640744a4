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

from lxml import etree

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


@dataclass(frozen=True)
class Finding:
    """One thing a printed piece must not hold: its element's RML line and tag."""

    line: int
    tag: str
    message: str
    check: str


def _text(element: etree._Element) -> str:
    """The piece's own text: its inline markup joined, nested pieces left out."""
    parts = [element.text or ""]
    for child in element:
        if isinstance(child.tag, str) and child.tag not in PIECES and child.tag not in HIDDEN:
            parts.append(_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def printed_findings(root: etree._Element, phrases: tuple[ForbiddenPhrase, ...]) -> list[Finding]:
    """Each forbidden claim and invisible character in a printed piece, in RML order."""
    found = []
    for element in root.iter():
        if not isinstance(element.tag, str) or element.tag not in PIECES:
            continue
        raw = _text(element)
        if not raw.strip():
            continue
        line, tag = element.sourceline or 0, element.tag
        invisible = invisible_characters(raw)
        if invisible:
            found.append(Finding(line, tag, (
                f"prints the invisible character {character_name(invisible[0][1])}, which "
                "prints as an empty box or as nothing and can hide a word from the checks; "
                "take out what makes it"
            ), "glyph"))  # fmt: skip
        for phrase, words in forbidden_claims(normalise(raw), phrases):
            found.append(Finding(line, tag, (
                f'says "{words}", which a handout must never say: {phrase.reason}'
            ), "forbidden-claim"))  # fmt: skip
    return found
