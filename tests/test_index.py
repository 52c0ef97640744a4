"""The set's index page: ``handouts html --all`` writes index.html listing what it wrote.

Expected link texts, file names, titles and dates are typed here from the content and the
practice files; the page is read back with lxml, and every link must name a file that is
there. axe-core checks the page in a real browser in test_browser.py.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import html as lxml_html

from handouts.cli import main

ROOT = Path(__file__).resolve().parent.parent
# content/en/conditions/{hiv,lupus}.yaml: review: reviewed_on 2026-11-21, next 2027-11-21.
DATES = "Reviewed 21 November 2026. Next review 21 November 2027."


def _html(*args: str) -> list[str]:
    result = CliRunner().invoke(main, ["html", *args])
    assert result.exit_code == 0, result.output
    return result.output.splitlines()


@pytest.fixture(scope="module")
def clinic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A two-condition practice folder (small, so the tagged PDFs stay quick)."""
    folder = tmp_path_factory.mktemp("clinic")
    (folder / "practice.yaml").write_text(
        "name: Lakeside Clinic\nslug: lakeside\nphone: (555) 555-0100\n"
        "conditions: [hiv, lupus]\nsign_off: {name: Dr. Ana Ruiz, "
        "role: {en: Prescriber, es: Médica}, date: 2026-11-22}\n",
        encoding="utf-8",
    )
    return folder


@pytest.fixture(scope="module")
def tagged_site(clinic: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site")
    lines = _html("--all", "--practice", str(clinic), "--tagged-pdf", "--out", str(out))
    assert lines[-1] == f"wrote {out}/lakeside/index.html"  # written last, after the pages
    return out / "lakeside"


def _links(page: Path) -> list[tuple[str, str]]:
    root = lxml_html.parse(page).getroot()
    return [(a.get("href"), " ".join(a.text_content().split())) for a in root.iter("a")]


def test_index_lists_every_page_and_pdf_of_the_set(tagged_site: Path) -> None:
    assert _links(tagged_site / "index.html") == [
        ("hiv.html", "Full guide: LDN and HIV (web page)"),
        ("hiv-accessible.pdf", "Full guide: LDN and HIV (PDF)"),
        ("hiv-summary.html", "Summary sheet: LDN and HIV (web page)"),
        ("hiv-summary-accessible.pdf", "Summary sheet: LDN and HIV (PDF)"),
        ("lupus.html", "Full guide: LDN and lupus (web page)"),
        ("lupus-accessible.pdf", "Full guide: LDN and lupus (PDF)"),
        ("lupus-summary.html", "Summary sheet: LDN and lupus (web page)"),
        ("lupus-summary-accessible.pdf", "Summary sheet: LDN and lupus (PDF)"),
    ]


def test_every_link_of_the_index_names_a_file_that_is_there(tagged_site: Path) -> None:
    hrefs = [href for href, _ in _links(tagged_site / "index.html")]
    assert hrefs
    for href in hrefs:
        assert "/" not in href and (tagged_site / href).is_file(), href
    # ... and the folder holds nothing the index leaves out.
    assert sorted(hrefs) == sorted(p.name for p in tagged_site.iterdir() if p.name != "index.html")


def test_index_is_an_accessible_page(tagged_site: Path) -> None:
    root = lxml_html.parse(tagged_site / "index.html").getroot()
    assert root.get("lang") == "en"
    title = root.find("head/title").text
    assert title == "Patient handouts about low dose naltrexone (LDN): Lakeside Clinic"
    body = root.find("body")
    assert [child.tag for child in body] == ["header", "main", "footer"]
    headings = [(h.tag, h.text_content()) for h in root.iter("h1", "h2", "h3")]
    assert headings == [
        ("h1", "Patient handouts about low dose naltrexone (LDN)"),
        ("h2", "HIV"),
        ("h2", "Lupus"),
    ]
    sections = root.findall("body/main/section")
    assert [s.get("aria-labelledby") for s in sections] == ["c-hiv", "c-lupus"]
    assert [s.find("h2").get("id") for s in sections] == ["c-hiv", "c-lupus"]
    text = " ".join(root.find("body").text_content().split())
    assert "Language: English." in text
    assert "The PDF files are tagged, so a screen reader can read them." in text
    assert text.count(DATES) == 2
    assert "Signed off by Dr. Ana Ruiz, Prescriber, 22 November 2026." in text


def test_index_is_deterministic(clinic: Path, tagged_site: Path, tmp_path: Path) -> None:
    _html("--all", "--practice", str(clinic), "--edition", "full", "--out", str(tmp_path))
    _html("--all", "--practice", str(clinic), "--edition", "full", "--out", str(tmp_path / "b"))
    first = (tmp_path / "lakeside" / "index.html").read_bytes()
    assert first == (tmp_path / "b" / "lakeside" / "index.html").read_bytes()
    # Without --tagged-pdf it links no PDF and says nothing about PDFs.
    assert _links(tmp_path / "lakeside" / "index.html") == [
        ("hiv.html", "Full guide: LDN and HIV (web page)"),
        ("lupus.html", "Full guide: LDN and lupus (web page)"),
    ]
    assert b"PDF" not in first


def test_builtin_set_index(tmp_path: Path) -> None:
    _html("--all", "--edition", "summary", "--out", str(tmp_path))
    links = _links(tmp_path / "index.html")
    assert len(links) == 15
    assert links[0] == ("alzheimers-disease-summary.html",
                        "Summary sheet: LDN and Alzheimer's disease (web page)")  # fmt: skip
    assert all((tmp_path / href).is_file() for href, _ in links)
    root = lxml_html.parse(tmp_path / "index.html").getroot()
    assert root.find("head/title").text == "Patient handouts about low dose naltrexone (LDN)"


def test_no_index_for_named_conditions(tmp_path: Path) -> None:
    assert _html("hiv", "--edition", "full", "--out", str(tmp_path)) == [
        f"wrote {tmp_path}/hiv.html"
    ]


def test_spanish_index(clinic: Path, tmp_path: Path) -> None:
    _html("--all", "--practice", str(clinic), "--language", "es", "--out", str(tmp_path))
    page = tmp_path / "lakeside" / "es" / "index.html"
    root = lxml_html.parse(page).getroot()
    assert root.get("lang") == "es"
    text = " ".join(root.find("body").text_content().split())
    assert "Idioma: español." in text
    assert "Revisado 21 de noviembre de 2026. Próxima revisión 21 de noviembre de 2027." in text
    links = _links(page)
    assert links[0] == ("hiv.html", "Guía completa: la LDN y VIH (página web)")
    assert all((page.parent / href).is_file() for href, _ in links)


def test_a_refused_index_template_leaves_the_old_index(clinic: Path, tmp_path: Path) -> None:
    practice = tmp_path / "practice"
    (practice / "templates").mkdir(parents=True)
    (practice / "practice.yaml").write_text(
        (clinic / "practice.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    (practice / "templates" / "index.html.j2").write_text(
        '{% extends "builtin/index.html.j2" %}{% block title %}<h1>Handouts</h1>'
        '<a href="../secret.html">up</a>{% endblock %}',
        encoding="utf-8",
    )
    old = tmp_path / "out" / "lakeside" / "index.html"
    old.parent.mkdir(parents=True)
    old.write_text("old", encoding="utf-8")
    args = ["html", "--all", "--practice", str(practice), "--edition", "full"]
    result = CliRunner().invoke(main, [*args, "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert re.search(r'index\.html\.j2:1: <a href="\.\./secret\.html">: only https:', result.output)
    assert old.read_text(encoding="utf-8") == "old"


def test_two_languages_in_one_run_link_their_indexes(clinic: Path, tmp_path: Path) -> None:
    args = ["--all", "--practice", str(clinic), "--edition", "full"]
    lines = _html(*args, "--language", "en", "--language", "es", "--out", str(tmp_path))
    assert lines[-1] == f"wrote {tmp_path}/lakeside/es/index.html"
    english = tmp_path / "lakeside" / "index.html"
    spanish = tmp_path / "lakeside" / "es" / "index.html"
    assert _links(english)[0] == ("es/index.html", "Español")
    assert _links(spanish)[0] == ("../index.html", "English")
    text = " ".join(lxml_html.parse(spanish).getroot().find("body").text_content().split())
    assert "Idioma: español. También en: English." in text
    link = lxml_html.parse(english).getroot().xpath("//a[@href='es/index.html']")[0]
    assert (link.get("lang"), link.get("hreflang")) == ("es", "es")
    # Each link names the other index as written, and nothing outside the set.
    assert (english.parent / "es/index.html").resolve() == spanish.resolve()
    assert (spanish.parent / "../index.html").resolve() == english.resolve()


def test_one_language_links_no_other(clinic: Path, tmp_path: Path) -> None:
    _html("--all", "--practice", str(clinic), "--edition", "full", "--out", str(tmp_path))
    text = (tmp_path / "lakeside" / "index.html").read_text(encoding="utf-8")
    assert "Also in:" not in text and "hreflang" not in text
