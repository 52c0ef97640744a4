"""Every character a handout prints must be in its font.

ReportLab draws a character its TrueType font lacks as an empty box (or nothing) and says
nothing. The bundled families cover Latin text and common punctuation, not CJK, Arabic,
Hebrew or emoji, and ReportLab would not shape or reorder right-to-left scripts even with
a font that had them. So a missing glyph is an error that names the character, its code
point and where it came from (file:line: field), never a silent box. The check runs on
the guarded RML, so it sees exactly what every template prints.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from lxml import etree

from handouts.errors import ContentError, Problem
from handouts.model import PAGE_TOTAL, Handout, Origin, origin_of
from handouts.pdf import fonts
from handouts.text.yamlfile import character_name

# Text that is not drawn with the body font: PDF bookmarks hold any Unicode text.
NOT_DRAWN = {"outlineAdd"}
# Text drawn on the canvas as it is (page headers and footers): every character is a glyph.
CANVAS_STRINGS = {"drawString", "drawRightString", "drawCentredString", "drawCenteredString",
                  "drawAlignedString"}  # fmt: skip
# In paragraphs ReportLab lays these out as spaces, never as glyphs (its list of white
# space, reportlab.platypus.paragraph._wsc).
PARAGRAPH_SPACES = frozenset(
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
    "\u2007\u2008\u2009\u200a\u200b\u2028\u2029\u202f\u205f\u3000"
)
_AS_SPACE = str.maketrans(dict.fromkeys(PARAGRAPH_SPACES, " "))
# Template layout (indentation, line breaks) and the page-total marker: never glyphs.
_LAYOUT_SPACE = set(" \t\n\r") | {PAGE_TOTAL}
MAX_REPORTED = 20
# Handout fields made from other fields: a character there is reported where it came from.
DERIVED = {"placeholder_values", "numbers", "title"}


def printed_text(root: etree._Element) -> str:
    """Every character the RML draws as a glyph: element text, tails and bullet texts
    (paragraph white space, which ReportLab lays out as plain spaces, becomes a space)."""
    parts: list[str] = []

    def add(text: str | None, tag: object) -> None:
        if text:
            parts.append(text if tag in CANVAS_STRINGS else text.translate(_AS_SPACE))

    for element in root.iter():
        if isinstance(element.tag, str):
            add(element.get("bulletText"), "")
            if element.tag not in NOT_DRAWN:
                add(element.text, element.tag)
        parent = element.getparent()
        if parent is not None:
            add(element.tail, parent.tag)
    return "".join(parts)


def missing_characters(font_key: str, text: str) -> list[str]:
    """Characters of ``text`` the font cannot draw, in code-point order."""
    have = fonts.font_characters(font_key)
    return sorted(ch for ch in set(text) - _LAYOUT_SPACE if ord(ch) not in have)


def describe(char: str, font_key: str) -> str:
    """The message for one missing character."""
    shown = f"'{char}' ({character_name(char)})" if char.isprintable() else character_name(char)
    kind = "character" if char.isprintable() else "invisible character"
    others = [
        k for k in fonts.FONT_FAMILIES if k != font_key and ord(char) in fonts.font_characters(k)
    ]
    hint = f", or use the font {others[0]}, which has it" if others else ""
    return (
        f"the {kind} {shown} is not in the font {fonts.family_name(font_key)}, so it would "
        f"print as an empty box; {'replace' if char.isprintable() else 'delete'} it{hint}"
    )


def check_glyphs(
    root: etree._Element,
    font_key: str,
    handout: Handout,
    template_files: Iterable[str],
) -> None:
    """Raise a ContentError naming each character ``root`` prints that the font lacks, at
    the file and line of every text that holds it (each text knows its origin), or in
    the template that prints it."""
    missing = missing_characters(font_key, printed_text(root))
    if not missing:
        return
    template_files = list(template_files)
    problems: list[Problem] = []
    for char in missing:
        message = describe(char, font_key)
        held = _in_handout(char, handout)
        found = [
            Problem(o.path, o.line, o.column, o.field, message, "glyph")
            for o in dict.fromkeys(o for _, o in held if o is not None)
        ] + _in_templates(char, message, template_files)
        if not found:
            found = [
                Problem(handout.condition.slug, 0, 0, where, message, "glyph")
                for where in dict.fromkeys(where for where, _ in held)
            ] or [Problem(handout.condition.slug, 0, 0, "", message, "glyph")]
        problems.extend(found)
    raise ContentError(problems[:MAX_REPORTED])


def _in_templates(char: str, message: str, files: list[str]) -> list[Problem]:
    found = []
    for name in files:
        try:
            lines = Path(name).read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            continue
        for number, line in enumerate(lines, 1):
            if char in line:
                found.append(Problem(name, number, line.index(char) + 1, "", message, "glyph"))
    return found


def _in_handout(char: str, handout: Handout) -> list[tuple[str, Origin | None]]:
    """Every text of the merged handout holding ``char``: its field path in the handout,
    and where it is written, if it was read from a file."""

    def walk(value: Any, where: str) -> Iterator[tuple[str, Origin | None]]:
        if where in DERIVED:
            return
        if isinstance(value, str):
            if char in value:
                yield where, origin_of(value)
        elif dataclasses.is_dataclass(value) and not isinstance(value, type):
            for f in dataclasses.fields(value):
                yield from walk(getattr(value, f.name), f"{where}.{f.name}" if where else f.name)
        elif isinstance(value, dict):
            for name, item in value.items():
                yield from walk(item, f"{where}[{name}]")
        elif isinstance(value, (list, tuple)):
            for i, item in enumerate(value):
                yield from walk(item, f"{where}[{i}]")

    return list(walk(handout, ""))
