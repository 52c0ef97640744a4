"""readability.grade against a Flesch-Kincaid grade worked out by hand."""

from __future__ import annotations

import pytest

from handouts.text import readability

PARAGRAPH = (
    "Your prescriber will decide the dose. "
    "Tell them about every medicine you take, including vitamins."
)


def test_grade_matches_the_hand_worked_flesch_kincaid_value() -> None:
    # Counted by hand, syllables as CMUdict splits them:
    #   sentence 1: your 1, pre-scrib-er 3, will 1, de-cide 2, the 1, dose 1 -> 6 words, 9
    #   sentence 2: tell 1, them 1, a-bout 2, ev-er-y 3, med-i-cine 3, you 1, take 1,
    #               in-clud-ing 3, vi-ta-mins 3                              -> 9 words, 18
    #   15 words, 2 sentences, 27 syllables.
    # Flesch-Kincaid grade = 0.39 * words/sentences + 11.8 * syllables/words - 15.59
    #                      = 0.39 * 7.5 + 11.8 * 1.8 - 15.59
    #                      = 2.925 + 21.24 - 15.59 = 8.575
    assert readability.grade(PARAGRAPH) == pytest.approx(8.575, abs=1e-9)


def test_syllables_of_the_hand_counted_words() -> None:
    counts = {"prescriber": 3, "decide": 2, "about": 2, "every": 3, "medicine": 3,
              "including": 3, "vitamins": 3, "dose": 1}  # fmt: skip
    assert {word: readability.syllables(word) for word in counts} == counts


def test_empty_text_is_grade_zero() -> None:
    assert readability.grade("  \n") == 0.0
