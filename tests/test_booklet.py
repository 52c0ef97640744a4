"""--booklet with the full guide, read from the booklet's text page by page: a cover, the
contents, "About LDN" (the shared sections, once), one part per condition, one reference
list whose numbers are the ones the parts cite; parts on odd pages, bookmarks per part and
section, links from the contents. Expected titles and sentences are typed here by hand."""

from __future__ import annotations

import datetime as dt
import io
import re
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
CONTENTS = ["About LDN", "HIV", "Sarcoidosis", "Lupus", "References"]
# The shared sections' headings (content/en/sections.yaml), in print order.
SHARED = ["What is LDN?", "How might LDN work?", "How to take LDN",
          "Side effects and what to do", "Important: LDN and opioid medicines",
          "Which medicines are opioids, and what to do", "Off-label use, cost and insurance",
          "When to get help", "Questions to ask"]  # fmt: skip
# A sentence of each shared section that no condition's text repeats.
SHARED_SENTENCES = ["LDN blocks opioids.", "No company makes LDN in these low strengths",
                    "Write one yourself, or put a note on your phone."]  # fmt: skip
# Each condition part's own heading, and the first author of the study it cites.
OWN = {"HIV": ("LDN and HIV", "Traoré AK"), "Sarcoidosis": ("LDN and sarcoidosis", "Weinstock LB"),
       "Lupus": ("LDN and lupus", None)}  # fmt: skip
WARNING_FIRST = "Important: LDN and opioid medicines"
WARNING_LAST = "It can cause a dangerous overdose"
DAY = dt.date(2026, 11, 21)
EPOCH = str(int(dt.datetime(2026, 11, 21, 12).timestamp()))


@pytest.fixture(scope="module")
def built(project: Project, tmp_path_factory: pytest.TempPathFactory) -> BatchReport:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", EPOCH)
        return build_set(project, SLUGS, tmp_path_factory.mktemp("out"), jobs=1, booklet=True,
                         editions=("full",))  # fmt: skip


@pytest.fixture(scope="module")
def reader(built: BatchReport) -> pypdf.PdfReader:
    assert built.booklet == built.folder / "handouts-booklet.pdf"
    return pypdf.PdfReader(built.booklet)


@pytest.fixture(scope="module")
def pages(reader: pypdf.PdfReader) -> list[str]:
    return [squash(page.extract_text()) for page in reader.pages]


def listed(pages: list[str]) -> list[tuple[str, int]]:
    """The contents page's (title, booklet page) rows, as printed."""
    rows = re.findall(r"(About LDN|HIV|Sarcoidosis|Lupus|References) (\d+)", pages[1])
    return [(title, int(number)) for title, number in rows]


def part_pages(pages: list[str], title: str) -> range:
    """The booklet pages (1-based) of the part ``title``, from the contents."""
    rows = listed(pages)
    starts = [n for _, n in rows] + [len(pages) + 1]
    index = [t for t, _ in rows].index(title)
    return range(starts[index], starts[index + 1])


def test_plan_pages_puts_every_part_on_an_odd_page() -> None:
    parts = [Part("a", Path("a.pdf"), n) for n in (3, 4, 1, 2)]
    assert plan_pages(parts, 1) == [3, 7, 11, 13]
    assert plan_pages(parts, 2) == [5, 9, 13, 15]


def test_cover_lists_practice_date_and_conditions(pages: list[str]) -> None:
    cover = pages[0]
    assert cover.startswith("Patient information Low Dose Naltrexone (LDN) Patient handouts")
    assert "Printed 21 November 2026" in cover
    assert "Handouts in this booklet • HIV • Sarcoidosis • Lupus Booklet page 1" in cover


def test_contents_numbers_are_the_printed_booklet_pages(pages: list[str]) -> None:
    rows = listed(pages)
    assert [title for title, _ in rows] == CONTENTS
    assert rows[0][1] == 3  # after the cover and one page of contents
    firsts = {"About LDN": "Low Dose Naltrexone (LDN) About LDN This part is for everyone",
              "HIV": "Low Dose Naltrexone (LDN) HIV This part is about LDN and HIV.",
              "Sarcoidosis": "Low Dose Naltrexone (LDN) Sarcoidosis This part is about LDN",
              "Lupus": "Low Dose Naltrexone (LDN) Lupus This part is about LDN and lupus.",
              "References": "References 1. "}  # fmt: skip
    for title, number in rows:
        assert number % 2 == 1, title  # a right-hand page
        first = pages[number - 1]
        assert first.endswith(f"Booklet page {number}"), title
        assert "Page 1 of " in first and firsts[title] in first, title
    for number, text in enumerate(pages, start=1):
        assert f"Booklet page {number}" in text


def test_the_shared_sections_print_once_in_about_ldn(pages: list[str]) -> None:
    shared = part_pages(pages, "About LDN")
    everything = " ".join(pages)
    for text in SHARED + SHARED_SENTENCES:
        assert everything.count(text) == 1, text
        (page,) = [n for n in range(1, len(pages) + 1) if text in pages[n - 1]]
        assert page in shared, (text, page)
    # In print order.
    story = " ".join(pages[n - 1] for n in shared)
    assert [story.index(t) for t in SHARED] == sorted(story.index(t) for t in SHARED)
    # Each condition part points to the shared part's first page.
    for name in NAMES:
        first = pages[part_pages(pages, name)[0] - 1]
        assert f"Read it with “About LDN”, from booklet page {shared[0]}: how to take" in first


def test_each_condition_part_has_its_own_text_only(pages: list[str]) -> None:
    for name, (heading, _) in OWN.items():
        own = part_pages(pages, name)
        text = " ".join(pages[n - 1] for n in own)
        assert heading in text and "Key points" in text
        assert "What is LDN?" not in text and WARNING_FIRST not in text
        assert "Never take LDN with opioid medicines." in text  # the key point on opioids
        # The part has no warning box of its own: the key point sends the reader to it.
        shared = part_pages(pages, "About LDN")[0]
        assert (
            "do not stop it on your own. Read the warning box in “About LDN”, on booklet "
            f"page {shared}, before you start."
        ) in text
        assert "Read the warning box before you start" not in text
        elsewhere = [
            n for n in range(1, len(pages) + 1) if n not in own and heading in pages[n - 1]
        ]
        assert elsewhere == [], (name, elsewhere)
        last = pages[own[-1] - 1]
        assert "Page " in last and "Reviewed by" in " ".join(pages[n - 1] for n in own)


def test_one_reference_list_at_the_end_numbered_as_the_parts_cite(pages: list[str]) -> None:
    refs = part_pages(pages, "References")
    assert refs[-1] == len(pages)
    everything = " ".join(pages)
    assert everything.count("References 1. ") == 1
    listing = " ".join(pages[n - 1] for n in refs)
    numbers = [int(n) for n in re.findall(r"(?:^| )(\d+)\. (?=[A-Z])", listing)]
    count = max(numbers)
    assert numbers[:count] == list(range(1, count + 1))
    cited = [int(n) for line in re.findall(r"Sources: ([\d, ]+)", everything)
             for n in line.split(",") if n.strip()]  # fmt: skip
    assert cited and max(cited) <= count

    def entry(number: int) -> str:
        return listing.split(f" {number}. ", 1)[1] if number > 1 else listing.split(" 1. ", 1)[1]

    for name, (_, author) in OWN.items():
        own = " ".join(pages[n - 1] for n in part_pages(pages, name))
        sources = re.findall(r"Sources: ([\d, ]+)", own)
        if author is None:
            assert sources == [], name  # no study of LDN in lupus to cite
            continue
        for number in sources[0].split(","):
            assert entry(int(number)).startswith(author), (name, number)


def test_the_warning_box_is_on_one_page(pages: list[str]) -> None:
    first = [n for n, text in enumerate(pages, start=1) if WARNING_FIRST in text]
    last = [n for n, text in enumerate(pages, start=1) if WARNING_LAST in text]
    assert len(first) == 1 and first == last
    assert "Off-label use, cost and insurance" in " ".join(pages)


def test_blank_pages_say_so(pages: list[str]) -> None:
    starts = [number for _, number in listed(pages)]
    for number, text in enumerate(pages, start=1):
        if text.startswith("This page is blank on purpose."):
            # Only before a part that would otherwise start on a left-hand page.
            assert text == f"This page is blank on purpose. Booklet page {number}"
            assert number + 1 in starts and number % 2 == 0


def test_bookmarks_per_part_and_section(reader: pypdf.PdfReader, pages: list[str]) -> None:
    outline = reader.outline
    tops = [item for item in outline if not isinstance(item, list)]
    assert [t.title for t in tops] == ["Contents", *CONTENTS]
    for top, (_, number) in zip(tops[1:], listed(pages), strict=True):
        assert reader.get_destination_page_number(top) == number - 1
    children = [item for item in outline if isinstance(item, list)]
    assert [s.title for s in children[0]] == SHARED
    assert [[s.title for s in c] for c in children[1:]] == [[h] for h, _ in OWN.values()]


def test_contents_entries_link_to_the_parts(reader: pypdf.PdfReader, pages: list[str]) -> None:
    targets = []
    for annotation in reader.pages[1]["/Annots"]:
        link: Any = annotation.get_object()
        assert link["/Subtype"] == "/Link"
        targets.append(reader.get_page_number(link["/Dest"][0].get_object()))
    assert targets == [number - 1 for _, number in listed(pages)]


def test_metadata_and_language(reader: pypdf.PdfReader) -> None:
    assert reader.metadata is not None
    assert reader.metadata.title == "Low Dose Naltrexone (LDN): Patient handouts"
    assert reader.metadata.subject == "HIV, Sarcoidosis, Lupus"
    assert reader.trailer["/Root"]["/Lang"] == "en"


def test_same_inputs_give_the_same_booklet(project: Project, built: BatchReport) -> None:
    assert built.booklet is not None
    first = built.booklet.read_bytes()
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", EPOCH)
        again = build_set(project, SLUGS, built.folder, jobs=1, booklet=True,
                          editions=("full",), force=True)  # fmt: skip
    assert again.booklet is not None and again.booklet.read_bytes() == first
    assert [r.status for r in again.results] == [BUILT] * 3


def _logo_pixels(page: Any) -> list[tuple[int, int]]:
    """The pixel sizes of the images a PDF page draws (the logo, on these pages)."""
    return [(image.image.width, image.image.height) for image in page.images]


def test_a_practice_booklet_is_the_same_in_any_folder_and_prints_the_handouts_logo(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """ReportLab names an image drawn from a file by its path: the cover's logo must not
    make the booklet's bytes depend on where the practice folder is."""
    import shutil

    from click.testing import CliRunner

    from handouts.cli import main

    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    riverside = Path(__file__).parent.parent / "practices" / "riverside"
    booklets = []
    for where in ("a", "b/deeper"):
        practice = tmp_path / where / "riverside"
        shutil.copytree(riverside, practice)
        out = tmp_path / where / "out"
        args = ["build", "lupus", "--practice", str(practice), "--edition", "full",
                "--booklet", "--out", str(out)]  # fmt: skip
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 0, result.output
        booklets.append(out / "riverside" / "riverside-booklet.pdf")
    assert booklets[0].read_bytes() == booklets[1].read_bytes()
    # The cover's logo is the print copy the handout itself embeds, not the source file.
    handout = pypdf.PdfReader(booklets[0].parent / "lupus.pdf").pages[0]
    cover = pypdf.PdfReader(booklets[0]).pages[0]
    assert _logo_pixels(cover) == _logo_pixels(handout) != []


def test_an_unchanged_booklet_is_kept_and_a_changed_one_rebuilt(
    project: Project, built: BatchReport, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    assert built.booklet is not None
    before = built.booklet.stat().st_mtime_ns
    again = build_set(project, SLUGS, built.folder, jobs=1, booklet=True, editions=("full",))
    assert (again.booklet, again.booklet_note) == (built.booklet, "booklet unchanged")
    assert built.booklet.stat().st_mtime_ns == before
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(dt.datetime(2026, 12, 1, 12).timestamp())))
    later = build_set(project, SLUGS, built.folder, jobs=1, booklet=True, editions=("full",))
    assert later.booklet_note == ""
    assert "Printed 1 December 2026" in squash(
        pypdf.PdfReader(built.booklet).pages[0].extract_text()
    )


def test_no_booklet_when_a_handout_fails(
    project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = batch.build_handout

    def broken_lupus(project: Project, slug: str, edition: str = "full") -> Any:
        if slug == "lupus":
            raise TemplateError("handout.rml.j2:3: broken")
        return real(project, slug, edition)

    monkeypatch.setattr(batch, "build_handout", broken_lupus)
    report = build_set(project, ["hiv", "lupus"], tmp_path, jobs=1, booklet=True,
                       editions=("full",))  # fmt: skip
    assert report.booklet is None
    assert report.booklet_note == "no booklet: 1 handout(s) failed"
    assert not (tmp_path / "handouts-booklet.pdf").exists()


def test_a_long_set_gets_two_pages_of_contents(project: Project, tmp_path: Path) -> None:
    from reportlab.pdfgen.canvas import Canvas

    one_page = tmp_path / "one.pdf"
    canvas = Canvas(str(one_page), invariant=1)
    canvas.drawString(72, 720, "A one-page handout")
    canvas.save()
    parts = [Part(f"Condition {n}", one_page, 1) for n in range(1, 31)]
    data, count = combine(project, parts, DAY)
    reader = pypdf.PdfReader(io.BytesIO(data))
    starts = plan_pages(parts, 2)
    assert starts[:2] == [5, 7] and all(s % 2 == 1 for s in starts)
    assert count == len(reader.pages) == starts[-1]
    second = squash(reader.pages[2].extract_text())
    assert second.startswith("Patient information Contents")
    assert f"Condition 30 {starts[-1]}" in second and "Condition 1 " not in second
    assert squash(reader.pages[3].extract_text()) == "This page is blank on purpose. Booklet page 4"
    assert squash(reader.pages[4].extract_text()) == "A one-page handout Booklet page 5"
