"""Blocks kept together (standards.md, "Keeping blocks together"), read page by page from
the built PDFs of every edition (Letter, A4, large print at both sizes, both example
practices), full guide and summary sheet: no page ends with a list's lead-in line or a
heading, the contact block prints whole on one page, and the sheet's closing block (the
off-label words, "Key sources" and its lines) is never split. The summary stays one sheet.
"""

from __future__ import annotations

import re

import pytest
from helpers import EDITIONS, squash

# Headings, typed by hand from sections.yaml, summary.yaml and ui.yaml as they print.
HEADINGS = {
    # the full guide
    "What is LDN?", "How might LDN work?", "How to take LDN", "Side effects and what to do",
    "Important: LDN and opioid medicines", "Which medicines are opioids, and what to do",
    "Off-label use, cost and insurance", "When to get help", "Questions to ask",
    "How strong is the evidence?", "What studies found", "What some patients report",
    "Your dose schedule", "References", "Key points", "Getting your LDN at Northfield",
    # the summary sheet ("Weeks" and "Date you start" are its dose table's header row)
    "Key facts", "Which medicines are opioids", "Tell us before you start if you:",
    "Off-label use and cost", "Key sources", "Want to know more?", "Weeks", "Date you start",
    "Unlicensed use and cost",  # the off-label section's title for a UK practice (en-GB)
}  # fmt: skip
# Headings that hold a name: "LDN and lupus", "If you have MS", "Idea 2: Calming ...".
HEADING_PATTERNS = re.compile(r"(LDN and [\w' ]+|If you have [\w' ]+|Idea \d+: .*)")


def last_line(page: str) -> str:
    """The last line of a page's story (pypdf reads the running header and footer first)."""
    lines = [" ".join(line.split()) for line in page.splitlines() if line.strip()]
    return lines[-1]


def stranded(page: str, in_references: bool = False) -> str | None:
    """Why the page's last line must not end a page, or None. In the reference list a
    line may end with a colon where a title wraps ("... naltrexone:")."""
    line = last_line(page).lstrip("• ")
    if line.endswith(":") and not in_references:
        return "a lead-in line"
    if line in HEADINGS or HEADING_PATTERNS.fullmatch(line):
        return "a heading"
    return None


def test_the_oracle_catches_what_used_to_end_pages() -> None:
    # The page ends of the builds before this fix, as pypdf read them.
    assert stranded("Patient information\nPage 7 of 10\n...\nwith you. Write:\n") == (
        "a lead-in line"
    )
    assert stranded("Northfield Health Centre\n...\nWeeks\nDose each day, at night\n"
                    "Date you start\n") == "a heading"  # fmt: skip
    assert stranded("x\nStop LDN and call us at (217) 555-0142 the same day if you have:") == (
        "a lead-in line"
    )
    assert stranded("x\nIf you have MS") == "a heading"
    assert stranded("x\n• Dark urine") is None
    assert stranded("x\nSources: 1, 2, 3") is None
    assert stranded("x\nreversal of neuropathic pain by naloxone and naltrexone:", True) is None


@pytest.mark.parametrize("edition", EDITIONS)
def test_no_full_guide_page_ends_with_a_lead_in_or_a_heading(
    edition: str, edition_pages: dict
) -> None:
    for slug, pages in edition_pages[edition].items():
        references = False
        for number, page in enumerate(pages[:-1], 1):
            references = references or "\nReferences\n" in page
            why = stranded(page, references)
            assert why is None, (edition, slug, number, why, last_line(page))


@pytest.mark.parametrize("edition", EDITIONS)
def test_no_summary_page_ends_with_a_lead_in_or_a_heading(
    edition: str, summary_pages: dict
) -> None:
    for slug, pages in summary_pages[edition].items():
        for number, page in enumerate(pages[:-1], 1):
            why = stranded(page)
            assert why is None, (edition, slug, number, why, last_line(page))


@pytest.mark.parametrize("edition", EDITIONS)
def test_the_summary_is_still_one_sheet(edition: str, summary_pages: dict) -> None:
    large = edition.endswith("large") or edition == "northfield"  # Northfield: large print
    for slug, pages in summary_pages[edition].items():
        assert len(pages) == (4 if large else 2), (edition, slug, len(pages))


def pages_with(pages: list[str], text: str) -> list[int]:
    return [i + 1 for i, page in enumerate(pages) if text in squash(page)]


# The contact lines as they print, typed from the practices' practice.yaml files.
CONTACTS = {
    "riverside": ("Your contacts:", "Clinic: Riverside Family Medicine",
                  "Pharmacy: Riverside Compounding Pharmacy, (217) 555-0188",
                  "Emergency: 911"),
    "northfield": ("Your contacts:", "Clinic: Northfield Health Centre, 01632 960 123",
                   "Pharmacy: Mill Lane Pharmacy, 01632 960 456", "Emergency: 999"),
}  # fmt: skip
SHEET_CONTACTS = {
    "riverside": ("Your contacts: Clinic: (217) 555-0142", "Emergency: 911"),
    "northfield": ("Your contacts: Clinic: 01632 960 123", "Emergency: 999"),
}


@pytest.mark.parametrize("edition", ["riverside", "riverside-large", "northfield"])
def test_the_contact_block_is_on_one_page(
    edition: str, edition_pages: dict, summary_pages: dict
) -> None:
    practice = edition.split("-")[0]
    editions = (("full", edition_pages, CONTACTS[practice]),
                ("summary", summary_pages, SHEET_CONTACTS[practice]))  # fmt: skip
    for kind, pages_of, lines in editions:
        for slug, pages in pages_of[edition].items():
            found = [pages_with(pages, line) for line in lines]
            assert all(len(f) == 1 for f in found) and len({f[0] for f in found}) == 1, (
                kind, edition, slug, dict(zip(lines, found, strict=True)))  # fmt: skip


@pytest.mark.parametrize("edition", EDITIONS)
def test_the_sheet_closing_block_is_on_one_page(edition: str, summary_pages: dict) -> None:
    # "Off-label use and cost", its words, "Key sources:" and its lines, "Want to know
    # more?": one table row on the back, never split.
    title = "Unlicensed use and cost" if edition == "northfield" else "Off-label use and cost"
    for slug, pages in summary_pages[edition].items():
        where = [pages_with(pages, text) for text in (title, "Key sources: 1.",
                                                      "Want to know more?")]  # fmt: skip
        assert where[0] == where[1] == where[2] and len(where[0]) == 1, (edition, slug, where)


def test_the_html_marks_lead_ins_and_contacts_for_print() -> None:
    # The tagged PDF is the HTML printed: its CSS keeps .lead-in with what follows and
    # .contacts whole (templates/handout.html.j2, pdf/tagged.py).
    from helpers import EXAMPLES

    from handouts.editions import FULL, SUMMARY
    from handouts.pdf.tagged import print_stylesheet
    from handouts.pipeline.build import load_project, render_html

    project = load_project(EXAMPLES / "riverside")
    full = render_html(project, "multiple-sclerosis", FULL)
    assert '<p class="lead-in"><strong>Stop LDN and call us at' in full
    assert (
        '<p class="lead-in contacts"><strong>Your contacts:</strong></p>\n<ul class="contacts">'
        in full
    )
    assert "h2, h3, .lead-in { break-after: avoid; }" in full
    sheet = render_html(project, "multiple-sclerosis", SUMMARY)
    assert '<p class="contacts"><strong>Your contacts:</strong> <strong>Clinic:</strong>' in sheet
    css = print_stylesheet(project.practice.font, "letter", False)
    assert "h1, h2, h3, .lead-in { break-after: avoid; }" in css
    assert ".warning, .key-points, table, li, .contacts { break-inside: avoid; }" in css
