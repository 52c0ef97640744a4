"""A clinic's own font, in a practice manager's words: "our brand font is in fonts/":
`font: {regular: fonts/MyFont.ttf, bold: fonts/MyFont-Bold.ttf}` embeds those files, the
glyph check runs on them, and a font whose licence (OS/2 fsType) forbids embedding is
refused at its practice.yaml line with a plain reason."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pypdf
import pytest
from fontTools.ttLib import TTFont

from handouts.errors import ContentError
from handouts.pdf.fonts import font_file
from handouts.pipeline.build import build_handout, load_project

FIRA = {style: font_file("fira-sans", style) for style in ("regular", "bold")}
FONT_LINE = "font: {regular: fonts/MyFont.ttf, bold: fonts/MyFont-Bold.ttf}\n"


def clinic(tmp_path: Path, fs_type: int | None = None, font_line: str = FONT_LINE) -> Path:
    """A practice whose font files are Fira Sans under other names (fsType as given)."""
    folder = tmp_path / "clinic"
    (folder / "fonts").mkdir(parents=True)
    for style, name in (("regular", "MyFont.ttf"), ("bold", "MyFont-Bold.ttf")):
        if fs_type is None:
            shutil.copy(FIRA[style], folder / "fonts" / name)
        else:
            font = TTFont(FIRA[style])
            font["OS/2"].fsType = fs_type
            font.save(folder / "fonts" / name)
    (folder / "practice.yaml").write_text(f"name: Test Clinic\n{font_line}")
    return folder


def embedded(pdf: bytes) -> set[str]:
    names = set()
    for page in pypdf.PdfReader(io.BytesIO(pdf)).pages:
        for font in page["/Resources"]["/Font"].values():
            names.add(str(font.get_object()["/BaseFont"]).split("+")[-1])
    return names


def refusal(folder: Path) -> str:
    with pytest.raises(ContentError) as caught:
        load_project(folder)
    return str(caught.value)


def test_the_practice_font_is_embedded(tmp_path: Path) -> None:
    pdf = build_handout(load_project(clinic(tmp_path)), "hiv").pdf
    # The files' own PostScript names: Fira Sans, where the default is Atkinson Hyperlegible.
    assert embedded(pdf) == {"FiraSans-Regular", "FiraSans-Bold"}


@pytest.mark.parametrize("fs_type", [0x0000, 0x0004, 0x0008, 0x000C])
def test_fonts_whose_licence_allows_embedding_build(tmp_path: Path, fs_type: int) -> None:
    # Installable, preview & print, editable: each lets a document embed the font.
    assert load_project(clinic(tmp_path, fs_type)).practice.font.startswith("file:")


@pytest.mark.parametrize(
    ("fs_type", "reason"),
    [(0x0002, "may not be embedded in a document: its licence is restricted (OS/2 fsType "
              "0x0002); a PDF that others open must embed the font, so ask the foundry for "
              "a licence that allows embedding, or use another font"),
     (0x0200 | 0x0004, "may be embedded only as bitmaps (OS/2 fsType 0x0200), which print "
                       "blurred; use another font"),
     (0x0100, "may be embedded only whole (OS/2 fsType 0x0100), and a handout embeds just "
              "the characters it prints; use another font")],
)  # fmt: skip
def test_fonts_that_may_not_be_embedded_are_refused(
    tmp_path: Path, fs_type: int, reason: str
) -> None:
    folder = clinic(tmp_path, fs_type)
    message = refusal(folder)
    assert message.splitlines()[0] == (
        f"{folder}/practice.yaml:2:17: font.regular: 'fonts/MyFont.ttf' {reason}"
    )


def test_restricted_with_a_looser_bit_is_allowed(tmp_path: Path) -> None:
    # The OpenType spec: when several of bits 0-3 are set, the least restrictive applies.
    assert load_project(clinic(tmp_path, 0x0002 | 0x0004)).practice.font.startswith("file:")


def test_postscript_outlines_and_other_files_are_refused(tmp_path: Path) -> None:
    from fontTools.fontBuilder import FontBuilder
    from fontTools.pens.t2CharStringPen import T2CharStringPen

    folder = clinic(tmp_path, font_line="font: {regular: fonts/Brand.otf}\n")
    builder = FontBuilder(1000, isTTF=False)
    builder.setupGlyphOrder([".notdef"])
    builder.setupCharacterMap({})
    pen = T2CharStringPen(500, None)
    builder.setupCFF("Brand", {"FullName": "Brand"}, {".notdef": pen.getCharString()}, {})
    builder.setupHorizontalMetrics({".notdef": (500, 0)})
    builder.setupHorizontalHeader()
    builder.setupNameTable({"familyName": "Brand", "styleName": "Regular"})
    builder.setupOS2()
    builder.setupPost()
    builder.save(str(folder / "fonts" / "Brand.otf"))
    assert refusal(folder).endswith(
        "font.regular: 'fonts/Brand.otf' has PostScript (CFF) outlines, which the PDF library "
        "cannot embed; use the font's TrueType (.ttf) version"
    )
    (folder / "fonts" / "Brand.otf").write_text("not a font")
    assert "'fonts/Brand.otf' is not a font file that can be read" in refusal(folder)
    (folder / "practice.yaml").write_text("name: T\nfont: {regular: ../MyFont.ttf}\n")
    assert "'../MyFont.ttf' is outside the practice folder" in refusal(folder)
    (folder / "practice.yaml").write_text("name: T\nfont: {bold: fonts/MyFont-Bold.ttf}\n")
    assert "font: missing required field 'regular'" in refusal(folder)
    (folder / "practice.yaml").write_text("name: T\nfont: comic-sans\n")
    assert "font: " in refusal(folder) and "atkinson-hyperlegible" in refusal(folder)


def test_the_glyph_check_uses_the_practice_font(tmp_path: Path) -> None:
    from fontTools import subset

    folder = clinic(tmp_path)
    for name in ("MyFont.ttf", "MyFont-Bold.ttf"):
        options = subset.Options()
        font = TTFont(io.BytesIO((folder / "fonts" / name).read_bytes()))
        # Letters, digits and plain punctuation only: no bullet, no curly quotes.
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=range(0x20, 0x7F))
        subsetter.subset(font)
        font.save(folder / "fonts" / name)
    with pytest.raises(ContentError) as caught:
        build_handout(load_project(folder), "hiv")
    assert "is not in the font MyFont.ttf, so it would print as an empty box" in str(caught.value)


def test_a_font_without_italic_says_so_and_the_html_names_it_first(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from handouts.cli import main

    folder = clinic(tmp_path)
    out = tmp_path / "out"
    args = ["html", "hiv", "--practice", str(folder), "--edition", "full", "--out", str(out)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == (
        "font: no italic or bold italic file, so text meant to be in italic or bold italic "
        "(the journal names in the references) prints upright; add italic: and bold_italic: "
        "under font: in practice.yaml to print it"
    )
    # The files are Fira Sans under other names: the family is the one in their name table.
    page = (out / "clinic" / "hiv.html").read_text(encoding="utf-8")
    assert 'font-family: "Fira Sans", "Atkinson Hyperlegible", Verdana, Arial, sans-serif;' in page


def test_a_font_with_every_face_says_nothing(tmp_path: Path) -> None:
    from handouts.pipeline.logo import font_notes

    folder = clinic(tmp_path)
    for style, name in (("italic", "MyFont-Italic.ttf"), ("bolditalic", "MyFont-BI.ttf")):
        shutil.copy(font_file("fira-sans", style), folder / "fonts" / name)
    (folder / "practice.yaml").write_text(
        "name: Test Clinic\nfont: {regular: fonts/MyFont.ttf, bold: fonts/MyFont-Bold.ttf, "
        "italic: fonts/MyFont-Italic.ttf, bold_italic: fonts/MyFont-BI.ttf}\n"
    )
    assert font_notes(load_project(folder)) == []
    assert font_notes(load_project(None)) == []  # a bundled family has all four faces
