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

from handouts.errors import HandoutsError
from handouts.model import FONT_FAMILIES as FONT_FAMILIES  # the practice.yaml choices
from handouts.model.fonts import is_practice_font as is_practice_font
from handouts.model.fonts import practice_font_file

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
    """Path of one face of a bundled family or of a practice's own font."""
    if is_practice_font(key):
        return practice_font_file(key, style)
    import fontpkg

    weight, slant = _STYLES[style]
    return Path(fontpkg.path(FONT_FAMILIES[key], weight=weight, style=slant))


def family_name(key: str) -> str:
    """The family's name as messages give it: "Atkinson Hyperlegible", or a practice
    font's file name ("MyFont.ttf")."""
    return font_file(key).name if is_practice_font(key) else FONT_FAMILIES[key]


def css_families(key: str) -> tuple[str, ...]:
    """The HTML edition's CSS font families, in order: the practice's first (its own font
    by the name in the file's name table), then the bundled ones, so a browser that has
    the clinic's typeface shows it. The HTML loads no font file (it is self-contained);
    the tagged PDF embeds the files (pdf/tagged.py)."""
    first = _own_family(font_file(key)) if is_practice_font(key) else FONT_FAMILIES[key]
    return tuple(dict.fromkeys(n for n in (first, *FONT_FAMILIES.values()) if n))


@cache
def _own_family(path: Path) -> str:
    """A font file's family name (name table: typographic family, else family), kept to
    letters, digits, spaces and hyphens: it goes into a stylesheet; '' if there is none."""
    import re

    from fontTools.ttLib import TTFont

    with TTFont(str(path), lazy=True, fontNumber=0) as font:
        name = font["name"].getDebugName(16) or font["name"].getDebugName(1) or ""
    return re.sub(r"[^A-Za-z0-9 -]", "", name).strip()[:60]


def missing_faces(key: str) -> tuple[str, ...]:
    """The faces a practice's own font was given no file for ("italic", "bold italic"):
    they print in the nearest face given (italic words upright). Bundled fonts have all."""
    if not is_practice_font(key):
        return ()
    regular, bold = font_file(key, "regular"), font_file(key, "bold")
    gaps = []
    if font_file(key, "italic") == regular:
        gaps.append("italic")
    if font_file(key, "bolditalic") in (regular, bold):
        gaps.append("bold italic")
    return tuple(gaps)


def font_names(key: str) -> FontSet:
    """The ReportLab names of a family's faces (no font file is read)."""
    if is_practice_font(key):
        import hashlib
        import re

        # Unique per set of files: two practices' "MyFont" in one process never clash.
        stem = re.sub(r"[^A-Za-z0-9]", "", font_file(key).stem)[:24] or "Font"
        base = f"Practice{stem}-{hashlib.sha256(key.encode()).hexdigest()[:8]}"
    else:
        base = FONT_FAMILIES[key].replace(" ", "")
    return FontSet(key, *(base if s == "regular" else f"{base}-{s}" for s in _STYLES))


def embedded_names(key: str) -> frozenset[str]:
    """The ReportLab names of the faces a build with family ``key`` embeds."""
    names = font_names(key)
    return frozenset((names.regular, names.bold, names.italic, names.bolditalic))


@cache
def _parsed(key: str) -> tuple[FontSet, tuple[object, ...]]:
    from reportlab.pdfbase.ttfonts import TTFError, TTFont

    names = font_names(key)
    try:
        fonts = tuple(TTFont(getattr(names, s), str(font_file(key, s))) for s in _STYLES)
    except TTFError as exc:  # a practice's own file that fontTools read but ReportLab cannot
        raise HandoutsError(
            f"{font_file(key)}: the PDF library cannot use this font ({exc}); use another .ttf file"
        ) from exc
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


# z3c.rml (rlfix) and ReportLab's testshapes each re-parse the four Vera fonts after every
# reset: 8 TrueType parses, about 7 ms a handout. Their hooks are replaced by ours, which
# registers Vera fonts parsed once and restores z3c's font maps the same way (measured in
# bench/RESULTS.md).
_VERA = ("Vera", "VeraBd", "VeraIt", "VeraBI")
_vera_fonts: tuple[object, ...] = ()


def _reregister_after_reset() -> None:
    if _vera_fonts:
        from reportlab.graphics import testshapes
        from reportlab.lib import fonts as rl_fonts
        from reportlab.pdfbase import pdfmetrics
        from z3c.rml import rlfix

        for font in _vera_fonts:
            pdfmetrics.registerFont(font)
        for name in ("Times-Roman", "Courier", "Helvetica", *_VERA):
            if name not in testshapes._FONTS:
                testshapes._FONTS.append(name)
        # The maps' values are tuples and strings: a shallow copy restores them.
        rl_fonts._ps2tt_map = dict(rlfix._ps2tt_map_original)
        rl_fonts._tt2ps_map = dict(rlfix._tt2ps_map_original)
    # Last, so that a restored font map cannot drop our bold and italic mappings.
    for fontset, fonts in _active.values():
        _register(fontset, fonts)


def _registered_or_parsed(name: str) -> object:
    """A Vera face: the one testshapes registered when z3c.rml was imported, if it is."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    font = pdfmetrics._fonts.get(name)
    return font if isinstance(font, TTFont) else TTFont(name, f"{name}.ttf")


def _install_reset_hook() -> None:
    """Run ``_reregister_after_reset`` after every ReportLab reset, as the last hook."""
    global _vera_fonts
    import z3c.rml  # noqa: F401  (registers z3c's and testshapes' hooks first)
    from reportlab import rl_config
    from reportlab.graphics import testshapes
    from z3c.rml import rlfix

    hooks = getattr(rl_config, "_registered_resets", None)
    slow = (getattr(testshapes, "resetFonts", None), getattr(rlfix, "resetFonts", None))
    if isinstance(hooks, list) and all(slow) and hasattr(rlfix, "_ps2tt_map_original"):
        _vera_fonts = tuple(_registered_or_parsed(name) for name in _VERA)
        hooks[:] = [hook for hook in hooks if hook() not in slow]
    rl_config.register_reset(_reregister_after_reset)


_hook_installed = False


def use_font(key: str) -> FontSet:
    """Make a bundled family available to ReportLab (cheap after the first call)."""
    global _hook_installed
    if not _hook_installed:
        _install_reset_hook()
        _hook_installed = True
    if key not in _active:
        _active[key] = _parsed(key)
    fontset, fonts = _active[key]
    _register(fontset, fonts)
    return fontset


def missing_glyphs(key: str, text: str) -> set[str]:
    """Characters of ``text`` that some face of ``key`` cannot draw."""
    cmap = font_characters(key)
    return {ch for ch in set(text) if ord(ch) not in cmap and ch not in "\n\r\t"}


@cache
def font_characters(key: str) -> frozenset[int]:
    """Code points that every face (regular, bold, italic, bold italic) of ``key`` has."""
    _, fonts = _parsed(key)
    maps = [set(font.face.charToGlyph) for font in fonts]  # type: ignore[attr-defined]
    return frozenset(set.intersection(*maps))
