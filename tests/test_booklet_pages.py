"""The booklet's own page numbers, its blank pages, its cover, and the summary booklet
(the sheets in order), read from the booklet's text page by page."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pypdf
import pytest
from helpers import squash

from handouts.batch.runner import build_set
from handouts.pipeline.build import Project, load_project

ROOT = Path(__file__).resolve().parent.parent
SLUGS = ["hiv", "sarcoidosis", "lupus"]
EPOCH = str(int(dt.datetime(2026, 11, 21, 12).timestamp()))


def texts(path: Path) -> list[str]:
    return [squash(page.extract_text()) for page in pypdf.PdfReader(path).pages]


@pytest.fixture(scope="module")
def riverside_books(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    project = load_project(ROOT / "practices" / "riverside")
    out = tmp_path_factory.mktemp("out")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", EPOCH)
        full = build_set(project, SLUGS, out, jobs=1, booklet=True, editions=("full",))
        sheets = build_set(project, SLUGS, out, jobs=1, booklet=True, editions=("summary",))
    assert full.booklet is not None and sheets.booklet is not None
    assert full.booklet.name == "riverside-booklet.pdf"
    assert sheets.booklet.name == "riverside-summary-booklet.pdf"
    return full.booklet, sheets.booklet


def test_every_page_carries_the_booklet_number_the_contents_give(
    riverside_books: tuple[Path, Path],
) -> None:
    pages = texts(riverside_books[0])
    for number, text in enumerate(pages, start=1):
        assert f"Booklet page {number}" in text, number
    # The contents page lists each handout with the booklet page its first page has.
    listed = re.findall(r"(HIV|Sarcoidosis|Lupus) (\d+)", pages[1])
    assert [name for name, _ in listed] == ["HIV", "Sarcoidosis", "Lupus"]
    for name, start in listed:
        first = pages[int(start) - 1]
        assert "Page 1 of" in first and name.lower() in first.lower(), (name, start)


def test_inserted_blank_pages_say_so(riverside_books: tuple[Path, Path]) -> None:
    pages = texts(riverside_books[0])
    blank = [n for n, text in enumerate(pages, start=1) if "blank on purpose" in text]
    assert blank, "three handouts of odd length need at least one blank page"
    for number in blank:
        assert "Page " not in pages[number - 1].replace("Booklet page", "")  # no handout text
        assert pages[number] and "Page 1 of" in pages[number]  # the next handout follows


def test_the_cover_has_the_practice_contacts(riverside_books: tuple[Path, Path]) -> None:
    cover = texts(riverside_books[0])[0]
    for words in ("Riverside Family Medicine", "210 River Road, Springfield, IL 62701",
                  "(217) 555-0142", "riverside-family.example.org"):  # fmt: skip
        assert words in cover
    assert "/XObject" in str(pypdf.PdfReader(riverside_books[0]).pages[0]["/Resources"])  # logo


def test_the_summary_booklet_is_the_sheets_in_order(riverside_books: tuple[Path, Path]) -> None:
    pages = texts(riverside_books[1])
    assert len(pages) == 2 + 2 * len(SLUGS)  # cover, contents, one sheet each: no blanks
    for index, name in enumerate(["HIV", "Sarcoidosis", "Lupus"]):
        front, back = pages[2 + 2 * index], pages[3 + 2 * index]
        assert f"LDN and {name}" in front and "Page 1 of 2" in front
        assert "Important: LDN and opioid medicines" in back and "Page 2 of 2" in back


def test_booklet_bytes_repeat(riverside_books: tuple[Path, Path], project: Project) -> None:
    first = riverside_books[1].read_bytes()
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", EPOCH)
        again = build_set(load_project(ROOT / "practices" / "riverside"), SLUGS,
                          riverside_books[1].parent.parent, jobs=1, booklet=True,
                          editions=("summary",), force=True)  # fmt: skip
    assert again.booklet is not None and again.booklet.read_bytes() == first
