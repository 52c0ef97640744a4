"""The link back from paper: a printed full guide whose practice says where the set is
published (practice.yaml ``full_guide_url:``) carries a QR code and a short link to its own
online page, on its first page; without the address, nothing is drawn.

The QR code is read back as a phone would: the page rendered by PDFium (pypdfium2) and
decoded by zxing-cpp, neither of which the tool uses. URLs are typed from
practices/riverside/practice.yaml (https://riverside-family.example.org/ldn/).
"""

from __future__ import annotations

import io
from pathlib import Path

import pypdf
import pypdfium2
import pytest
import zxingcpp
from helpers import EXAMPLES, squash

from handouts.pipeline.build import BuiltHandout, Project, build_handout, load_project
from handouts.render import qr

SITE = "riverside-family.example.org/ldn/"


def qr_codes(data: bytes) -> list[list[str]]:
    """The text of every QR code on each page, page by page."""
    document = pypdfium2.PdfDocument(data)
    try:
        pages = []
        for page in document:
            image = page.render(scale=3).to_pil()
            pages.append([c.text for c in zxingcpp.read_barcodes(image)])
        return pages
    finally:
        document.close()


def page_texts(data: bytes) -> list[str]:
    return [squash(p.extract_text()) for p in pypdf.PdfReader(io.BytesIO(data)).pages]


@pytest.fixture(scope="module")
def riverside() -> Project:
    return load_project(EXAMPLES / "riverside")


@pytest.fixture(scope="module")
def riverside_ms(riverside: Project) -> BuiltHandout:
    return build_handout(riverside, "multiple-sclerosis")


def test_first_page_has_the_link_and_a_code_that_reads_back(riverside_ms: BuiltHandout) -> None:
    texts = page_texts(riverside_ms.pdf)
    line = f"Read this guide online: scan the code or go to {SITE}multiple-sclerosis"
    assert line in texts[0]
    assert [n for n, text in enumerate(texts, 1) if "Read this guide online" in text] == [1]
    codes = qr_codes(riverside_ms.pdf)
    assert codes[0] == [f"https://{SITE}multiple-sclerosis"]
    assert all(page == [] for page in codes[1:])  # once, on the page it belongs to


def test_the_short_link_is_a_real_link(riverside_ms: BuiltHandout) -> None:
    page = pypdf.PdfReader(io.BytesIO(riverside_ms.pdf)).pages[0]
    uris = [a.get_object()["/A"].get("/URI") for a in page.get("/Annots", [])]
    assert f"https://{SITE}multiple-sclerosis" in uris


def test_each_guide_points_at_its_own_page(riverside: Project) -> None:
    built = build_handout(riverside, "crohns-disease")
    assert qr_codes(built.pdf)[0] == [f"https://{SITE}crohns-disease"]
    assert f"{SITE}crohns-disease" in page_texts(built.pdf)[0]


def test_large_print_code_reads_back(tmp_path: Path) -> None:
    # (Riverside's own large print does not build on main today: its warning box is taller
    # than a page; see the s4 note.)
    (tmp_path / "practice.yaml").write_text(
        "name: Lake Clinic\nslug: lake\nlarge_print: true\n"
        "full_guide_url: https://lake.example.org/ldn/\n",
        encoding="utf-8",
    )
    built = build_handout(load_project(tmp_path), "hiv")
    assert qr_codes(built.pdf)[0] == ["https://lake.example.org/ldn/hiv"]


def test_spanish_guide_points_at_the_spanish_page(tmp_path: Path) -> None:
    # html --language es writes es/<slug>.html, so that is where the Spanish page is.
    (tmp_path / "practice.yaml").write_text(
        "name: Clínica del Lago\nslug: lago\nfull_guide_url: https://lago.example.org/ldn\n",
        encoding="utf-8",
    )
    built = build_handout(load_project(tmp_path, language="es"), "multiple-sclerosis")
    assert qr_codes(built.pdf)[0] == ["https://lago.example.org/ldn/es/multiple-sclerosis"]
    line = "Lea esta guía en internet: escanee el código o vaya a lago.example.org/ldn/es/"
    assert line + "multiple-sclerosis" in page_texts(built.pdf)[0]


def test_no_address_no_code_and_nothing_broken(built_ms: BuiltHandout) -> None:
    # The neutral profile and Northfield set no full_guide_url: the paper stands alone.
    assert qr_codes(built_ms.pdf)[0] == []
    assert not any("online" in text for text in page_texts(built_ms.pdf))
    northfield = build_handout(load_project(EXAMPLES / "northfield"), "depression")
    assert qr_codes(northfield.pdf)[0] == []
    assert "Read this guide online" not in page_texts(northfield.pdf)[0]


def test_the_code_is_encoded_once_per_address(riverside: Project) -> None:
    qr.qr_runs.cache_clear()
    from handouts.editions import SUMMARY

    build_handout(riverside, "fibromyalgia")
    build_handout(riverside, "fibromyalgia")
    build_handout(riverside, "fibromyalgia", SUMMARY.name)  # the sheet points at the same page
    info = qr.qr_runs.cache_info()
    assert (info.misses, info.hits) == (1, 2)
