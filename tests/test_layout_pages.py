"""Layout, read page by page from the built PDFs of every edition (Letter, A4, large print
at both sizes, and the two example practices): the opioid warning box never splits, and
every handout carries the opioid advice a patient could otherwise get wrong."""

from __future__ import annotations

import io
import re

import pypdf
import pytest
from helpers import EDITIONS, edition_pdf, squash

from handouts.pipeline.build import load_project

WARNING_FIRST = "Important: LDN and opioid medicines"
WARNING_LAST = "It can cause a dangerous overdose"
NOT_STOP = "If you take an opioid now, do not stop it on your own."

# The names a patient knows, per locale (ldn-facts.md 4.1), typed here by hand.
US_PILLS = ("Percocet", "Norco", "Vicodin", "Tylenol with Codeine (#3 or #4)", "Ultracet",
            "OxyContin", "MS Contin", "Duragesic", "Suboxone")  # fmt: skip
UK_PILLS = ("co-codamol (codeine and paracetamol)", "co-dydramol (dihydrocodeine and paracetamol)")


# The running header and footer of the neutral editions, which pypdf reads between pages.
RUNNING = re.compile(r"Patient information Low Dose Naltrexone \(LDN\) Page \d+ of \d+ "
                     r"Reviewed [^·]*· Content version \S+ ")  # fmt: skip


def story(pages: list[str]) -> str:
    """The text of all pages as one, without the running header and footer."""
    return RUNNING.sub("", squash(" ".join(pages)))


def pages_with(pages: list[str], text: str) -> list[int]:
    """1-based numbers of the pages whose text holds ``text``."""
    return [i + 1 for i, page in enumerate(pages) if text in squash(page)]


@pytest.mark.parametrize("edition", EDITIONS)
def test_warning_box_is_on_one_page(edition: str, edition_pages: dict) -> None:
    for slug, pages in edition_pages[edition].items():
        first = pages_with(pages, WARNING_FIRST)
        last = pages_with(pages, WARNING_LAST)
        assert len(first) == 1 and first == last, (edition, slug, first, last)


@pytest.mark.parametrize("edition", EDITIONS)
def test_summary_warning_box_is_on_one_page_with_its_do_not_stop_line(
    edition: str, summary_pages: dict
) -> None:
    # The sheet's back carries the whole warning (issue 13), large print included.
    for slug, pages in summary_pages[edition].items():
        first = pages_with(pages, WARNING_FIRST)
        last = pages_with(pages, WARNING_LAST)
        assert len(first) == 1 and first == last, (edition, slug, first, last)
        assert first == pages_with(pages, NOT_STOP), (edition, slug)


# The same box in Spanish (content/es/sections.yaml), typed here by hand.
WARNING_FIRST_ES = "Importante: la LDN y los opioides"
WARNING_LAST_ES = "Puede causar una sobredosis peligrosa."
NOT_STOP_ES = "Si toma un opioide ahora, no lo deje por su cuenta."


@pytest.mark.parametrize("edition", EDITIONS)
def test_spanish_summary_is_one_sheet_with_the_warning_whole_on_one_page(
    edition: str, summary_pages_es: dict
) -> None:
    large = edition.endswith("large") or edition == "northfield"  # Northfield: large print
    practice = edition.startswith(("riverside", "northfield"))  # each has 4 in its set
    assert len(summary_pages_es[edition]) == (4 if practice else 15)
    for slug, pages in summary_pages_es[edition].items():
        # One sheet front and back; large print two sheets, the warning on the second.
        assert len(pages) == 2 or (large and len(pages) <= 4), (edition, slug, len(pages))
        first = pages_with(pages, WARNING_FIRST_ES)
        last = pages_with(pages, WARNING_LAST_ES)
        assert len(first) == 1 and first == last, (edition, slug, first, last)
        assert first == pages_with(pages, NOT_STOP_ES), (edition, slug)
        assert first[0] > (2 if len(pages) == 4 else 1), (edition, slug)  # never on the front


@pytest.mark.parametrize("edition", EDITIONS)
def test_every_handout_says_do_not_stop_an_opioid_alone(edition: str, edition_pages: dict) -> None:
    for slug, pages in edition_pages[edition].items():
        text = squash(" ".join(pages))
        assert NOT_STOP in text, (edition, slug)
        # On the same page as the start of the box: it is part of the warning itself.
        assert set(pages_with(pages, WARNING_FIRST)) <= set(pages_with(pages, NOT_STOP)), slug


@pytest.mark.parametrize("edition", EDITIONS)
def test_combination_pills_are_named_for_the_locale(edition: str, edition_pages: dict) -> None:
    uk = edition == "northfield"
    for slug, pages in edition_pages[edition].items():
        text = squash(" ".join(pages))
        for name in UK_PILLS if uk else US_PILLS:
            assert name in text, (edition, slug, name)
        plain = "plain paracetamol on its own" if uk else "plain acetaminophen (Tylenol) on its own"
        assert f"These are not opioids: {plain}" in text, (edition, slug)
        assert ("Tylenol" in text) is not uk and ("co-codamol" in text) is uk, (edition, slug)
        # The old sentence told a Percocet user that their pill was fine.
        assert "acetaminophen do not count" not in text


def test_short_acting_long_acting_surgery_and_emergency_are_explained(
    edition_pages: dict,
) -> None:
    text = story(edition_pages["letter"]["multiple-sclerosis"])
    for expected in (
        "After regular use of short-acting opioids (pills you take every few hours, such as "
        "tramadol (Ultram), Norco or Percocet): at least 7 to 10 days",
        "After long-acting pills (such as OxyContin or MS Contin), a fentanyl patch "
        "(Duragesic), buprenorphine or methadone: longer. Ask your prescriber how long.",
        "up to about 2 weeks after the last dose",
        "at least a week ahead",
        "about 3 days (72 hours) before surgery",
        "If you were given an opioid, do not restart LDN until your prescriber says so.",
        "Butorphanol, nalbuphine and pentazocine. These are opioid pain medicines too.",
        "Eluxadoline (Viberzi), a medicine for IBS with diarrhea",
        "Kratom, a herbal product",
        "I take low dose naltrexone (LDN), an opioid blocker. My dose: ___ mg at ___ (time).",
    ):
        assert expected in text, expected


def test_phone_numbers_never_break_across_lines(edition_pages: dict) -> None:
    numbers = {"riverside": ("(217) 555-0142", "(217) 555-0188"),
               "northfield": ("01632 960 123", "01632 960 456")}  # fmt: skip
    for edition, wanted in numbers.items():
        for slug, pages in edition_pages[edition].items():
            lines = [" ".join(line.split()) for page in pages for line in page.splitlines()]
            for number in wanted:
                whole = sum(number in line for line in lines)
                parts = sum(line.endswith(number.split(" ")[0]) for line in lines)
                assert whole >= 1 and parts == 0, (edition, slug, number)


def _sizes(pdf: bytes) -> dict[float, int]:
    """Characters printed at each font size (citation numbers excluded: not read text)."""
    sizes: dict[float, int] = {}

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        # Citation numbers ("4", "8,9") are references, not text a patient must read.
        bare = text.strip().replace(",", "").replace("[", "").replace("]", "").strip()
        if text.strip() and not (bare.isdigit() or not bare):
            key = round(size * tm[0] * cm[0], 1)
            sizes[key] = sizes.get(key, 0) + len(text.strip())

    for page in pypdf.PdfReader(io.BytesIO(pdf)).pages:
        page.extract_text(visitor_text=visit)
    return sizes


@pytest.mark.parametrize(("edition", "floor", "body"), [("letter", 12.0, 13.0),
                                                       ("a4-large", 13.5, 18.0)])  # fmt: skip
def test_nothing_a_patient_reads_is_small(edition: str, floor: float, body: float) -> None:
    sizes = _sizes(edition_pdf(edition, "crohns-disease"))  # edition_pages' PDF, built once
    assert min(sizes) >= floor, sorted(sizes.items())
    assert max(sizes, key=lambda s: sizes[s]) == body, sorted(sizes.items())


def test_locale_is_a_practice_choice(tmp_path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "practice.yaml").write_text("name: Test\nlocale: en-AU\n", encoding="utf-8")
    from handouts.errors import ContentError

    with pytest.raises(ContentError) as caught:
        load_project(tmp_path)
    assert "practice.yaml:2:9: locale: 'en-AU' is not one of: en-US, en-GB" in str(caught.value), (
        str(caught.value)
    )


# A list's lead-in line and the list's first item (typed by hand from sections.yaml).
LEAD_INS = (
    ("Most side effects were mild. The common ones are:", "Trouble sleeping and vivid dreams."),
    ("the same day if you have:", "Yellow skin or yellow whites of the eyes"),
    ("Before you start, tell", "Take any opioid medicine, or have taken one"),
)


@pytest.mark.parametrize("edition", EDITIONS)
def test_a_list_lead_in_is_on_the_page_of_its_first_item(edition: str, edition_pages: dict) -> None:
    for slug, pages in edition_pages[edition].items():
        for lead, first in LEAD_INS:
            leads, firsts = pages_with(pages, lead), pages_with(pages, first)
            assert len(leads) == 1 and leads == firsts, (edition, slug, lead, leads, firsts)
