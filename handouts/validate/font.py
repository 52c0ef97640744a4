"""``font:`` in practice.yaml: a bundled family by name, or the practice's own TrueType or
OpenType files, e.g. ``font: {regular: fonts/MyFont.ttf, bold: fonts/MyFont-Bold.ttf}``.

A practice's font file is checked when practice.yaml is read, so every problem is told at
its line before anything is built: it must lie inside the practice folder, be a font that
fontTools reads, have TrueType outlines (ReportLab embeds no PostScript/CFF outlines), and
its licence must allow embedding it in a document. That licence is the OS/2 table's
``fsType``: installable (0), preview & print (0x0004) and editable (0x0008) embedding are
allowed; restricted-licence (0x0002, with none of the other two) is refused, and so are
bitmap-only embedding (0x0200, the outlines may not be embedded) and no-subsetting
(0x0100: every PDF here embeds only the characters it uses). The glyph check then runs on
the practice's own font as on a bundled one.
"""

from __future__ import annotations

import io
from pathlib import Path

from handouts.errors import ContentError
from handouts.model import FONT_FAMILIES
from handouts.model.fonts import practice_font_key
from handouts.text.safe_files import read_file
from handouts.text.yamlfile import Key
from handouts.validate.schema import FieldReader

FACES = {"regular": "regular", "bold": "bold", "italic": "italic", "bold_italic": "bolditalic"}
SUFFIXES = (".ttf", ".otf")
RESTRICTED, PREVIEW_PRINT, EDITABLE = 0x0002, 0x0004, 0x0008
NO_SUBSETTING, BITMAP_ONLY = 0x0100, 0x0200
DEFAULT = "atkinson-hyperlegible"


def read_font(r: FieldReader, root: Path, default: str = DEFAULT) -> str:
    """The font key of ``font:``: a bundled family's name, or a practice font's key
    (pdf.fonts.practice_font_key). A problem is recorded at its line; then the default."""
    value = r.raw(("font",))
    if not isinstance(value, dict):
        return r.choice(("font",), FONT_FAMILIES, default=default)
    r.mapping(("font",), required=("regular",), optional=tuple(FACES)[1:])
    files: dict[str, Path] = {}
    for field, face in FACES.items():
        text = r.text(("font", field), required=False)
        if text:
            path = _font_file(r, ("font", field), text, root)
            if path is not None:
                files[face] = path
    if "regular" not in files or len(files) < sum(1 for f in FACES if r.has(("font", f))):
        return default
    return practice_font_key(files)


def _font_file(r: FieldReader, key: Key, value: str, root: Path) -> Path | None:
    """The checked absolute path of one face, or None (the problem recorded)."""
    folder = root.resolve()
    path = (folder / value).resolve()
    if not path.is_relative_to(folder):
        r.add(key, f"'{value}' is outside the practice folder ({root}); copy the font into it")
        return None
    if "|" in value:
        r.add(key, f"'{value}': rename the file without the | character")
        return None
    if path.suffix.lower() not in SUFFIXES:
        r.add(key, f"'{value}' is not a .ttf or .otf font file")
        return None
    if not path.exists():
        r.add(key, f"'{value}' not found in the practice folder ({root})")
        return None
    try:
        data = read_file(path, folder)
    except ContentError as exc:
        r.add(key, f"'{value}': {exc.problems[0].message}")
        return None
    reason = font_refusal(data)
    if reason:
        r.add(key, f"'{value}' {reason}")
        return None
    return path


def font_refusal(data: bytes) -> str:
    """Why a font file cannot be embedded in a handout, in plain words, or ''."""
    from fontTools.ttLib import TTFont, TTLibError

    try:
        font = TTFont(io.BytesIO(data), lazy=True, fontNumber=0)
        tables = set(font.keys())
        fs_type = int(font["OS/2"].fsType) if "OS/2" in tables else 0
    except (TTLibError, KeyError, ValueError, AssertionError, OSError, IndexError) as exc:
        return f"is not a font file that can be read ({type(exc).__name__}); use a .ttf file"
    if "glyf" not in tables:
        if "CFF " in tables or "CFF2" in tables:
            return ("has PostScript (CFF) outlines, which the PDF library cannot embed; use "
                    "the font's TrueType (.ttf) version")  # fmt: skip
        return "has no outlines (a bitmap-only font prints blurred); use a TrueType (.ttf) font"
    if fs_type & 0x000F == RESTRICTED:
        return ("may not be embedded in a document: its licence is restricted (OS/2 fsType "
                "0x0002); a PDF that others open must embed the font, so ask the foundry for "
                "a licence that allows embedding, or use another font")  # fmt: skip
    if fs_type & BITMAP_ONLY:
        return ("may be embedded only as bitmaps (OS/2 fsType 0x0200), which print blurred; "
                "use another font")  # fmt: skip
    if fs_type & NO_SUBSETTING:
        return ("may be embedded only whole (OS/2 fsType 0x0100), and a handout embeds just "
                "the characters it prints; use another font")  # fmt: skip
    return ""
