"""The accessible PDF: the HTML edition printed by WeasyPrint as PDF/UA-1, checked.

Expected values are typed here from the content (titles, section words, font names), and
the PDFs are read with pikepdf, a second reader beside the pypdf the check module uses.
"""

from __future__ import annotations

import builtins
import io
from pathlib import Path
from typing import Any

import pikepdf
import pytest
from click.testing import CliRunner

from handouts.cli import main
from handouts.guard import pdfua
from handouts.guard.pdfua import check_tagged_pdf
from handouts.pdf.tagged import TaggedPdfError, tagged_pdf

ROOT = Path(__file__).resolve().parent.parent
MS_TITLE = "Low Dose Naltrexone (LDN) and multiple sclerosis"


def _built(out: Path, *args: str) -> list[str]:
    result = CliRunner().invoke(
        main, ["html", "--edition", "full", *args, "--tagged-pdf", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    return result.output.splitlines()


@pytest.fixture(scope="module")
def ms_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("tagged")
    lines = _built(out, "multiple-sclerosis")
    assert lines == [
        f"wrote {out}/multiple-sclerosis.html",
        f"wrote {out}/multiple-sclerosis-accessible.pdf",
    ]
    return out / "multiple-sclerosis-accessible.pdf"


@pytest.fixture(scope="module")
def riverside_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("riverside")
    _built(out, "--practice", str(ROOT / "practices" / "riverside"), "crohns-disease")
    return out / "riverside" / "crohns-disease-accessible.pdf"


def _tree(pdf: pikepdf.Pdf) -> list[tuple[str, pikepdf.Dictionary]]:
    """(type, element) of the structure tree in document order, read with pikepdf."""
    out: list[tuple[str, pikepdf.Dictionary]] = []

    def walk(node: Any) -> None:
        if isinstance(node, pikepdf.Dictionary) and "/S" in node:
            out.append((str(node.S)[1:], node))
            kids = node.get("/K")
            for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
                walk(kid)

    kids = pdf.Root.StructTreeRoot.K
    for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
        walk(kid)
    return out


def _fonts(pdf: pikepdf.Pdf) -> list[pikepdf.Dictionary]:
    return [font for page in pdf.pages for font in page.Resources.Font.values()]


def test_ms_is_tagged_pdf_ua(ms_pdf: Path) -> None:
    with pikepdf.open(ms_pdf) as pdf:
        assert pdf.Root.MarkInfo.Marked is True
        assert str(pdf.Root.Lang) == "en"
        assert pdf.Root.ViewerPreferences.DisplayDocTitle is True
        assert str(pdf.docinfo.Title) == MS_TITLE
        with pdf.open_metadata() as xmp:
            assert xmp["pdfuaid:part"] == "1"
        types = [t for t, _ in _tree(pdf)]
        fonts = {
            str(f.BaseFont).split("+")[-1] for p in pdf.pages for f in p.Resources.Font.values()
        }
        mediabox = [float(v) for v in pdf.pages[0].MediaBox]
    assert types[0] == "Document"
    assert types.count("H1") == 1
    assert {"H2", "H3", "L", "LI", "Table", "TH", "Caption", "Link"} <= set(types)
    # The packaged Atkinson Hyperlegible, not the Liberation Sans fallback.
    assert fonts == {
        "Atkinson-Hyperlegible",
        "Atkinson-Hyperlegible-Bold",
        "Atkinson-Hyperlegible-Italic",
    }
    assert mediabox == [0, 0, 612, 792]  # US Letter


def test_ms_heading_order_and_reading_order(ms_pdf: Path) -> None:
    structure = check_tagged_pdf(ms_pdf.read_bytes(), MS_TITLE)
    assert structure.problems == []
    levels = [level for level, _ in structure.headings]
    assert levels[:3] == [1, 2, 2]
    titles = [text for _, text in structure.headings]
    # The page order of the HTML edition (templates/handout.html.j2), typed from content.
    order = ["Key points", "What is LDN?", "How might LDN work?", "LDN and multiple sclerosis",
             "How to take LDN", "Important: LDN and opioid medicines",
             "Off-label use, cost and insurance", "References"]  # fmt: skip
    assert [t for t in titles if t in order] == order


def test_ms_tagged_text_has_the_evidence_in_words(ms_pdf: Path) -> None:
    _, text = pdfua.marked_texts(__import__("pypdf").PdfReader(ms_pdf))
    # The evidence boxes are drawn shapes; their meaning is in the tagged text.
    words = pdfua.normalise(text)
    assert (
        "How strong is the evidence? How much research in people: 3 of 5 boxes. Small trials "
        "with a comparison group. What it found: Helped in some studies, not in others."
    ) in words
    assert "LDN blocks opioids." in pdfua.normalise(text)


def test_repeat_builds_are_byte_identical(ms_pdf: Path, tmp_path: Path) -> None:
    _built(tmp_path, "multiple-sclerosis")
    assert (tmp_path / "multiple-sclerosis-accessible.pdf").read_bytes() == ms_pdf.read_bytes()


def test_logo_is_a_figure_with_alt_text(riverside_pdf: Path) -> None:
    with pikepdf.open(riverside_pdf) as pdf:
        figures = [e for t, e in _tree(pdf) if t == "Figure"]
        assert [str(f.Alt) for f in figures] == ["Riverside Family Medicine logo"]


def test_practice_font_and_page_size(tmp_path: Path) -> None:
    _built(tmp_path, "--practice", str(ROOT / "practices" / "northfield"), "depression")
    with pikepdf.open(tmp_path / "northfield" / "depression-accessible.pdf") as pdf:
        fonts = {
            str(f.BaseFont).split("+")[-1] for p in pdf.pages for f in p.Resources.Font.values()
        }
        assert fonts == {"Fira-Sans", "Fira-Sans-Bold", "Fira-Sans-Italic"}
        assert [round(float(v)) for v in pdf.pages[0].MediaBox] == [0, 0, 595, 842]  # A4


# ---- the check module finds what is wrong ------------------------------------------------

PAGE = """<!doctype html><html lang="{lang}"><head><meta charset="utf-8">
<title>Test page</title></head><body>{body}</body></html>"""
PNG = (
    "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQ"
    "DwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)


def _problems(body: str, lang: str = "en", title: str = "Test page") -> list[str]:
    data = tagged_pdf(PAGE.format(lang=lang, body=body), "atkinson-hyperlegible", "letter")
    return check_tagged_pdf(data, title, {"warning": ("Never take LDN with opioids.",)}).problems


GOOD = "<h1>Title</h1><h2>Part</h2><p>Never take LDN with opioids.</p>"


def test_a_good_page_passes() -> None:
    assert _problems(GOOD) == []


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("<h1>A</h1><h3>C</h3><p>Never take LDN with opioids.</p>",
         'heading H3 "C" skips a level after H1'),
        ("<h1>A</h1><h1>B</h1><p>Never take LDN with opioids.</p>",
         "2 H1 headings; a handout has exactly one"),
        ("<h2>B</h2><p>Never take LDN with opioids.</p>",
         "0 H1 headings; a handout has exactly one|heading H2 \"B\" skips a level after H0"),
        (GOOD + f'<p><img src="{PNG}" width="20" height="20"></p>',
         "a Figure has no alt text (/Alt)"),
        (GOOD + "<table><tr><td>1</td><td>2</td></tr></table>",
         "a table has no header cells (TH)"),
        ("<h1>A</h1><p>Take LDN.</p>",
         "required section 'warning' is not in the tagged text "
         '(cannot find: "Never take LDN with opioids.")'),
    ],
)  # fmt: skip
def test_the_check_finds(body: str, expected: str) -> None:
    assert _problems(body) == expected.split("|")


def test_wrong_title_is_reported() -> None:
    assert _problems(GOOD, title="Another title") == [
        'the title is "Test page", not the handout\'s title "Another title"'
    ]


def test_an_untagged_pdf_fails(built_ms: Any) -> None:
    problems = check_tagged_pdf(built_ms.pdf, MS_TITLE).problems
    assert "MarkInfo /Marked is not true: the PDF does not say it is tagged" in problems
    assert "no PDF/UA identifier (pdfuaid:part 1) in the XMP metadata" in problems
    assert problems[-1] == "no StructTreeRoot: the PDF has no structure tree"


def test_an_unembedded_font_is_reported() -> None:
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer)
    page.setFont("Helvetica", 12)  # a standard 14 font: never embedded
    page.drawString(72, 720, "Hello")
    page.save()
    assert "font Helvetica is not embedded" in check_tagged_pdf(buffer.getvalue(), "").problems


# ---- nothing half-written ------------------------------------------------------------------


def test_missing_system_libraries_say_what_to_install(
    workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_import = builtins.__import__

    def no_pango(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "weasyprint":
            raise OSError("cannot load library 'libpango-1.0-0'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_pango)
    result = CliRunner().invoke(
        main, ["html", "--edition", "full", "hiv", "--tagged-pdf", "--out", "site"]
    )
    assert result.exit_code == 1
    assert "apt-get install libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0" in result.output
    assert "Traceback" not in result.output
    assert sorted(p.name for p in (workdir / "site").iterdir()) == []


def test_a_pdf_that_fails_its_checks_is_not_written(
    workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (workdir / "site").mkdir()
    (workdir / "site" / "hiv-accessible.pdf").write_bytes(b"old")

    def failing(data: bytes, title: str, required: Any = None) -> pdfua.Structure:
        return pdfua.Structure(problems=["a table has no header cells (TH)"])

    monkeypatch.setattr(pdfua, "check_tagged_pdf", failing)
    result = CliRunner().invoke(
        main, ["html", "--edition", "full", "hiv", "--tagged-pdf", "--out", "site"]
    )
    assert result.exit_code == 1
    assert result.output == (
        "Error: hiv-accessible.pdf: not written, the tagged PDF fails its checks: "
        "a table has no header cells (TH)\n"
    )
    assert sorted(p.name for p in (workdir / "site").iterdir()) == ["hiv-accessible.pdf"]
    assert (workdir / "site" / "hiv-accessible.pdf").read_bytes() == b"old"


def test_the_tagged_pdf_loads_nothing_from_elsewhere(caplog: pytest.LogCaptureFixture) -> None:
    body = GOOD + '<p><img src="file:///etc/hostname" alt="x"></p>'
    tagged_pdf(PAGE.format(lang="en", body=body), "atkinson-hyperlegible", "letter")
    refused = "the tagged PDF loads nothing from elsewhere: file:///etc/hostname"
    assert any(refused in r.getMessage() for r in caplog.records)


def test_tagged_pdf_error_is_a_handouts_error() -> None:
    from handouts.errors import HandoutsError

    assert issubclass(TaggedPdfError, HandoutsError)


def test_check_runs_the_tagged_checks_on_request() -> None:
    # Two of Northfield's set (by staff names), in each edition it builds: the full guide,
    # then the summary sheet.
    practice = str(ROOT / "practices" / "northfield")
    args = ["check", "fibro", "ibs", "--practice", practice, "--tagged-pdf"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    notes = [line for line in result.output.splitlines() if "-accessible.pdf:" in line]
    slugs = ["fibromyalgia", "irritable-bowel-syndrome"]
    assert [n.split(":")[1].strip() for n in notes] == [
        *(f"{slug}-accessible.pdf" for slug in slugs),
        *(f"{slug}-summary-accessible.pdf" for slug in slugs),
    ]
    assert all("H1 1," in n and "TH " in n for n in notes)


def test_spanish_tagged_pdf(tmp_path: Path) -> None:
    _built(tmp_path, "--language", "es", "multiple-sclerosis")
    path = tmp_path / "es" / "multiple-sclerosis-accessible.pdf"
    title = "Naltrexona en dosis bajas (LDN) y esclerosis múltiple"
    with pikepdf.open(path) as pdf:
        assert str(pdf.Root.Lang) == "es"
        assert str(pdf.docinfo.Title) == title
    structure = check_tagged_pdf(path.read_bytes(), title)
    assert structure.problems == []
    assert [t for _, t in structure.headings][:2] == [
        "Naltrexona en dosis bajas (LDN)",
        "Puntos clave",
    ]


# ---- the summary sheet: the same path, the same checks -------------------------------------


@pytest.fixture(scope="module")
def summary_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("summary")
    result = CliRunner().invoke(
        main,
        ["html", "--edition", "summary", "multiple-sclerosis", "--tagged-pdf", "--out", str(out)],
    )
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        f"wrote {out}/multiple-sclerosis-summary.html",
        f"wrote {out}/multiple-sclerosis-summary-accessible.pdf",
    ]
    return out / "multiple-sclerosis-summary-accessible.pdf"


def test_summary_is_tagged_pdf_ua_and_passes_the_checks(summary_pdf: Path) -> None:
    with pikepdf.open(summary_pdf) as pdf:
        assert pdf.Root.MarkInfo.Marked is True
        assert str(pdf.Root.Lang) == "en"
        assert pdf.Root.ViewerPreferences.DisplayDocTitle is True
        with pdf.open_metadata() as xmp:
            assert xmp["pdfuaid:part"] == "1"
        types = [t for t, _ in _tree(pdf)]
        fonts = {str(f.BaseFont).split("+")[-1] for f in _fonts(pdf)}
    assert types.count("H1") == 1
    assert {"H2", "H3", "L", "LI", "Table", "TH", "Caption"} <= set(types)
    assert fonts == {
        "Atkinson-Hyperlegible",
        "Atkinson-Hyperlegible-Bold",
        "Atkinson-Hyperlegible-Italic",
    }
    # Its own title (content/en/summary.yaml handout_title), not the full guide's.
    with pikepdf.open(summary_pdf) as pdf:
        assert str(pdf.docinfo["/Title"]) == f"{MS_TITLE}: summary"
    structure = check_tagged_pdf(summary_pdf.read_bytes(), f"{MS_TITLE}: summary")
    assert structure.problems == []
    # The sheet's order (templates/summary.html.j2), typed from content/en/summary*.
    assert [t for _, t in structure.headings] == [
        "LDN and Multiple sclerosis", "Key facts", "What studies found", "If you have MS",
        "How to take LDN", "Side effects and what to do", "Important: LDN and opioid medicines",
        "Which medicines are opioids", "Tell us before you start if you:", "When to get help",
        "Off-label use and cost", "Key sources", "Want to know more?",
    ]  # fmt: skip
    _, text = pdfua.marked_texts(__import__("pypdf").PdfReader(summary_pdf))
    assert "Never take LDN with an opioid medicine. If you take one now" in pdfua.normalise(text)


def test_spanish_summary_is_tagged_pdf_ua_and_spanish(tmp_path: Path) -> None:
    args = ["html", "--edition", "summary", "--language", "es", "hiv", "--tagged-pdf"]
    result = CliRunner().invoke(main, [*args, "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        f"wrote {tmp_path}/es/hiv-summary.html",
        f"wrote {tmp_path}/es/hiv-summary-accessible.pdf",
    ]
    pdf = tmp_path / "es" / "hiv-summary-accessible.pdf"
    structure = check_tagged_pdf(pdf.read_bytes(), "VIH y la LDN")
    assert [p for p in structure.problems if not p.startswith("the title is")] == []
    with pikepdf.open(pdf) as doc:
        assert str(doc.Root.Lang) == "es"
    _, text = pdfua.marked_texts(__import__("pypdf").PdfReader(pdf))
    assert "Si toma un opioide ahora, no lo deje por su cuenta." in pdfua.normalise(text)
