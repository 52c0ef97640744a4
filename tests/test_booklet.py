"""--booklet: cover, contents with the right page numbers, handouts on odd pages with
their own footers, bookmarks per handout and section, links from the contents."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any

import pypdf
import pytest
from helpers import squash

from handouts.batch import runner as batch
from handouts.batch.booklet import Part, combine, plan_pages
from handouts.batch.runner import BUILT, BatchReport, build_set
from handouts.errors import TemplateError
from handouts.pipeline.build import Project

SLUGS = ["hiv", "sarcoidosis", "lupus"]
NAMES = ["HIV", "Sarcoidosis", "Lupus"]
DAY = dt.date(2026, 11, 21)


@pytest.fixture(scope="module")
def built(project: Project, tmp_path_factory: pytest.TempPathFactory) -> BatchReport:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", str(int(dt.datetime(2026, 11, 21, 12).timestamp())))
        return build_set(project, SLUGS, tmp_path_factory.mktemp("out"), jobs=1, booklet=True)


@pytest.fixture(scope="module")
def reader(built: BatchReport) -> pypdf.PdfReader:
    assert built.booklet == built.folder / "handouts-booklet.pdf"
    return pypdf.PdfReader(built.booklet)


def page_text(reader: pypdf.PdfReader, number: int) -> str:
    """Squashed text of 1-based page ``number``."""
    return squash(reader.pages[number - 1].extract_text())


def handout_pages(built: BatchReport) -> list[int]:
    return [len(pypdf.PdfReader(built.folder / f"{slug}.pdf").pages) for slug in SLUGS]


def starts(built: BatchReport) -> list[int]:
    """Where each handout must start: after cover and contents, on the next odd page."""
    found, used = [], 2
    for pages in handout_pages(built):
        start = used + 1 if used % 2 == 0 else used + 2
        found.append(start)
        used = start + pages - 1
    return found


def test_plan_pages_puts_every_part_on_an_odd_page() -> None:
    parts = [Part("a", Path("a.pdf"), n) for n in (3, 4, 1, 2)]
    assert plan_pages(parts, 1) == [3, 7, 11, 13]
    assert plan_pages(parts, 2) == [5, 9, 13, 15]


def test_cover_lists_practice_date_and_handouts(reader: pypdf.PdfReader) -> None:
    cover = page_text(reader, 1)
    assert cover.startswith("Patient information Low Dose Naltrexone (LDN) Patient handouts")
    assert "Printed 21 November 2026" in cover
    for name in NAMES:
        assert f"• {name}" in cover


def test_contents_give_the_right_page_numbers(built: BatchReport, reader: pypdf.PdfReader) -> None:
    contents = page_text(reader, 2)
    assert contents.startswith("Patient information Contents")
    for name, start in zip(NAMES, starts(built), strict=True):
        assert f"{name} {start}" in contents
        first = page_text(reader, start)
        assert f"Low Dose Naltrexone (LDN) {name} " in first
        assert "Page 1 of " in first


def test_each_handout_starts_on_an_odd_page_with_blanks_between(
    built: BatchReport, reader: pypdf.PdfReader
) -> None:
    expected = starts(built)
    assert all(start % 2 == 1 for start in expected)
    last = expected[-1] + handout_pages(built)[-1] - 1
    assert len(reader.pages) == last
    for start, pages in zip(expected, handout_pages(built), strict=True):
        # Footers keep each handout's own "Page X of Y".
        assert f"Page {pages} of {pages}" in page_text(reader, start + pages - 1)
        if (start + pages - 1) % 2 == 1 and start + pages <= last:
            blank = start + pages  # the inserted blank page says so, and has its number
            assert (
                page_text(reader, blank) == f"This page is blank on purpose. Booklet page {blank}"
            )


def test_bookmarks_per_handout_and_section(built: BatchReport, reader: pypdf.PdfReader) -> None:
    outline = reader.outline
    tops = [item for item in outline if not isinstance(item, list)]
    assert [t.title for t in tops] == ["Contents", *NAMES]
    assert reader.get_destination_page_number(tops[0]) == 1
    children = [item for item in outline if isinstance(item, list)]
    assert len(children) == len(SLUGS)
    for top, sections, start, pages in zip(
        tops[1:], children, starts(built), handout_pages(built), strict=True
    ):
        assert reader.get_destination_page_number(top) == start - 1
        titles = [s.title for s in sections]
        assert titles[0] == "What is LDN?" and titles[-1] == "References"
        assert "Important: LDN and opioid medicines" in titles
        for section in sections:
            assert start - 1 <= reader.get_destination_page_number(section) < start - 1 + pages


def test_contents_entries_link_to_the_handouts(built: BatchReport, reader: pypdf.PdfReader) -> None:
    targets = []
    for annotation in reader.pages[1]["/Annots"]:
        link: Any = annotation.get_object()
        assert link["/Subtype"] == "/Link"
        targets.append(reader.get_page_number(link["/Dest"][0].get_object()))
    assert targets == [start - 1 for start in starts(built)]


def test_metadata_and_language(reader: pypdf.PdfReader) -> None:
    assert reader.metadata is not None
    assert reader.metadata.title == "Low Dose Naltrexone (LDN): Patient handouts"
    assert reader.trailer["/Root"]["/Lang"] == "en"


def test_an_unchanged_booklet_is_kept_and_a_changed_one_rebuilt(
    project: Project, built: BatchReport, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(dt.datetime(2026, 11, 21, 12).timestamp())))
    assert built.booklet is not None
    before = built.booklet.stat().st_mtime_ns
    again = build_set(project, SLUGS, built.folder, jobs=1, booklet=True)
    assert (again.booklet, again.booklet_note) == (built.booklet, "booklet unchanged")
    assert built.booklet.stat().st_mtime_ns == before
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(dt.datetime(2026, 12, 1, 12).timestamp())))
    later = build_set(project, SLUGS, built.folder, jobs=1, booklet=True)
    assert later.booklet_note == ""
    assert "Printed 1 December 2026" in page_text(pypdf.PdfReader(built.booklet), 1)


def test_no_booklet_when_a_handout_fails(
    project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = batch.build_handout

    def broken_lupus(project: Project, slug: str, edition: str = "full") -> Any:
        if slug == "lupus":
            raise TemplateError("handout.rml.j2:3: broken")
        return real(project, slug, edition)

    monkeypatch.setattr(batch, "build_handout", broken_lupus)
    report = build_set(project, ["hiv", "lupus"], tmp_path, jobs=1, booklet=True)
    assert report.booklet is None
    assert report.booklet_note == "no booklet: 1 handout(s) failed"
    assert not (tmp_path / "handouts-booklet.pdf").exists()


def test_same_inputs_give_the_same_booklet(project: Project, built: BatchReport) -> None:
    sizes = zip(NAMES, SLUGS, handout_pages(built), strict=True)
    parts = [Part(name, built.folder / f"{slug}.pdf", pages) for name, slug, pages in sizes]
    first, pages = combine(project, parts, DAY)
    assert combine(project, parts, DAY) == (first, pages)
    assert [r.status for r in built.results] == [BUILT] * 3


def test_a_long_set_gets_two_pages_of_contents(project: Project, tmp_path: Path) -> None:
    from reportlab.pdfgen.canvas import Canvas

    one_page = tmp_path / "one.pdf"
    canvas = Canvas(str(one_page), invariant=1)
    canvas.drawString(72, 720, "A one-page handout")
    canvas.save()
    parts = [Part(f"Condition {n}", one_page, 1) for n in range(1, 31)]
    data, pages = combine(project, parts, DAY)
    reader = pypdf.PdfReader(io.BytesIO(data))
    starts = plan_pages(parts, 2)
    assert starts[:2] == [5, 7] and all(s % 2 == 1 for s in starts)
    assert pages == len(reader.pages) == starts[-1]
    second = page_text(reader, 3)
    assert second.startswith("Patient information Contents")
    assert f"Condition 30 {starts[-1]}" in second and "Condition 1 " not in second
    assert page_text(reader, 4) == "This page is blank on purpose. Booklet page 4"
    assert page_text(reader, 5) == "A one-page handout Booklet page 5"
