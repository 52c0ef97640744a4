"""The booklet's English words that English ui.yaml does not hold: the defaults the
booklet prints where a language's ui.yaml has no word of that name. They live here, not
in the code that prints them, so the validate stage can hold a translation's words to
them (the same ``{name}`` values) without importing the pipeline."""

from __future__ import annotations

# The parts of the full-guide booklet (pipeline/booklet.py).
PART_WORDS = {
    "booklet_shared_name": "About LDN",
    "booklet_shared_lead": (
        "This part is for everyone, whatever your condition. It tells you what LDN is, "
        "how to take it safely and when to get help. Read it first. Then read the part "
        "about your condition, and talk it over with {prescriber}."
    ),
    "booklet_condition_lead": (
        "This part is about LDN and {condition}. Read it with “About LDN”, from booklet "
        "page {page}: how to take LDN, side effects and the opioid warning. The numbers "
        "after “Sources” are those of the references at the end."
    ),
    # A condition part has no warning box of its own: it is in "About LDN".
    "booklet_key_point_opioids": (
        "**Never take LDN with opioid medicines.** If you take one now, do not stop it on "
        "your own. Read the warning box in “About LDN”, on booklet page {page}, before "
        "you start."
    ),
}

# What the booklet adds to its pages (batch/booklet_pages.py).
PAGE_WORDS = {
    "booklet_page_number": "Booklet page {number}",
    "booklet_blank": "This page is blank on purpose.",
}

# Every booklet word English ui.yaml lacks, with its English default.
BOOKLET_DEFAULTS = {**PART_WORDS, **PAGE_WORDS}
