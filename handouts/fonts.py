"""Bundled fonts: parsed once per process, registered with ReportLab under stable names.

z3c.rml calls ``reportlab.rl_config._reset()`` for every document, which empties
ReportLab's font registry. Parsing a TrueType file costs milliseconds, so we keep the
parsed fonts and put them back after every reset (a registered reset hook), instead of
registering fonts from the RML on every build.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

# key used in practice.yaml -> fontpkg family name
FONT_FAMILIES: dict[str, str] = {
    "atkinson-hyperlegible": "Atkinson Hyperlegible",
    "fira-sans": "Fira Sans",
}
_STYLES = {"regular": (400, "normal"), "bold": (700, "normal"), "italic": (400, "italic"),
           "bolditalic": (700, "italic")}  # fmt: skip


@dataclass(frozen=True)
class FontSet:
    """ReportLab names of one family's four faces, as templates use them."""

    key: str
    regular: str
    bold: str
    italic: str
    bolditalic: str


def font_file(key: str, style: str = "regular") -> Path:
    """Path of one face of a bundled family."""
    import fontpkg

    weight, slant = _STYLES[style]
    return Path(fontpkg.path(FONT_FAMILIES[key], weight=weight, style=slant))


def font_names(key: str) -> FontSet:
    """The ReportLab names of a family's faces (no font file is read)."""
    base = FONT_FAMILIES[key].replace(" ", "")
    return FontSet(key, *(base if s == "regular" else f"{base}-{s}" for s in _STYLES))


@cache
def _parsed(key: str) -> tuple[FontSet, tuple[object, ...]]:
    from reportlab.pdfbase.ttfonts import TTFont

    names = font_names(key)
    fonts = tuple(TTFont(getattr(names, style), str(font_file(key, style))) for style in _STYLES)
    return names, fonts


_active: dict[str, tuple[FontSet, tuple[object, ...]]] = {}


def _register(fontset: FontSet, fonts: tuple[object, ...]) -> None:
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics

    for font in fonts:
        pdfmetrics.registerFont(font)
    for bold, italic, name in ((0, 0, fontset.regular), (1, 0, fontset.bold),
                               (0, 1, fontset.italic), (1, 1, fontset.bolditalic)):  # fmt: skip
        addMapping(fontset.regular, bold, italic, name)


def _reregister_after_reset() -> None:
    for fontset, fonts in _active.values():
        _register(fontset, fonts)


_hook_installed = False


def use_font(key: str) -> FontSet:
    """Make a bundled family available to ReportLab (cheap after the first call)."""
    global _hook_installed
    if not _hook_installed:
        # Hooks run in the order registered: import the modules whose own reset empties the
        # registry first, so that ours runs after theirs.
        import reportlab.pdfbase.pdfmetrics
        import reportlab.pdfbase.ttfonts  # noqa: F401
        from reportlab.rl_config import register_reset

        register_reset(_reregister_after_reset)
        _hook_installed = True
    if key not in _active:
        _active[key] = _parsed(key)
    fontset, fonts = _active[key]
    _register(fontset, fonts)
    return fontset


def missing_glyphs(key: str, text: str) -> set[str]:
    """Characters of ``text`` that the regular face of ``key`` cannot draw."""
    _, fonts = _parsed(key)
    cmap = fonts[0].face.charToGlyph  # type: ignore[attr-defined]
    return {ch for ch in set(text) if ord(ch) not in cmap and ch not in "\n\r\t"}
