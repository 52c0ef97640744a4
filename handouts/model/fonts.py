"""The font key a practice's ``font:`` becomes: a bundled family's name, or for a
practice's own font files the key ``file:<regular>|<bold>|<italic>|<bold italic>``
(absolute paths, checked when practice.yaml was read). A key is a plain string, so a
spawned worker process gets it with the project, and the PDF stage reads the faces from it."""

from __future__ import annotations

from pathlib import Path

PRACTICE_FONT = "file:"
STYLES = ("regular", "bold", "italic", "bolditalic")


def practice_font_key(faces: dict[str, Path]) -> str:
    """The key of a practice's own font files by style (a face not given is the nearest
    given one: bold for bold italic, else regular)."""
    regular = faces["regular"]
    bold = faces.get("bold", regular)
    italic = faces.get("italic", regular)
    order = (regular, bold, italic, faces.get("bolditalic", faces.get("bold", italic)))
    return PRACTICE_FONT + "|".join(str(path) for path in order)


def is_practice_font(key: str) -> bool:
    """Whether ``key`` names a practice's own font files (else a bundled family)."""
    return key.startswith(PRACTICE_FONT)


def practice_font_file(key: str, style: str = "regular") -> Path:
    """One face's file of a practice font key."""
    return Path(key[len(PRACTICE_FONT) :].split("|")[STYLES.index(style)])
