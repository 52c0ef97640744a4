"""The two-part evidence scale (ldn-facts.md 4.2): boxes for how much research there is in
people, words for what it found. The oracle is the table below, typed by hand from the
fact sheet; no value on the scale may contradict its condition's own words."""

from __future__ import annotations

import re

import pytest
from helpers import EDITIONS, squash

from handouts.model import Condition, Project
from handouts.pipeline.build import render_html

# The words, typed by hand (not read from ui.yaml).
NONE = "No studies in people, only lab studies or personal reports"
CASES = "Reports on single patients only"
OPEN = "Small studies with no comparison group"
TRIALS = "Small trials with a comparison group"
MIXED = "Helped in some studies, not in others"
WEAK = "May help, but the evidence is weak"
UNTESTED = "Not tested in people"
# slug -> (boxes filled of 5, research words, finding words), from ldn-facts.md 4.2 and 1D.
EXPECTED = {
    "multiple-sclerosis": (3, TRIALS, MIXED),
    "crohns-disease": (3, TRIALS, WEAK),
    "fibromyalgia": (3, TRIALS, MIXED),
    "chronic-pain": (3, TRIALS, MIXED),
    "depression": (3, TRIALS, "Did not clearly help"),
    "hiv": (3, TRIALS, MIXED),
    "autoimmune-conditions": (3, TRIALS, MIXED),
    "irritable-bowel-syndrome": (2, OPEN, WEAK),
    "rheumatoid-arthritis": (2, OPEN, WEAK),
    "cancer": (1, CASES, "Not tested on its own in people"),
    "sarcoidosis": (1, CASES, WEAK),
    "hashimotos-thyroiditis": (0, NONE, UNTESTED),
    "lupus": (0, NONE, UNTESTED),
    "parkinsons-disease": (0, NONE, UNTESTED),
    "alzheimers-disease": (0, NONE, UNTESTED),
}

# What each condition's own text must say for its rating to be honest (typed by hand).
SAYS = {
    "multiple-sclerosis": ("placebo", "no clear change"),
    "crohns-disease": ("placebo", "low quality"),
    "fibromyalgia": ("placebo", "99 women", "no clear pain"),
    "chronic-pain": ("placebo", "no clear"),
    "depression": ("12 adults", "not clearly better"),
    "hiv": ("went down, not up", "rose more with LDN"),
    "autoimmune-conditions": ("Small trials", "mixed results"),
    "irritable-bowel-syndrome": ("no dummy-pill group", "42 people"),
    "rheumatoid-arthritis": ("no group of similar people who did not take LDN", "records"),
    "cancer": ("case report", "other treatments"),
    "sarcoidosis": ("one published case report",),
    "hashimotos-thyroiditis": ("no published scientific data",),
    "lupus": ("one doctor's reports", "never published"),
    "parkinsons-disease": ("one doctor's clinic", "never published"),
    "alzheimers-disease": ("lab studies only", "no trials of LDN in people"),
}
# Below "small controlled trials", the text must say there was nothing to compare with.
NO_COMPARISON = re.compile(r"\bno (dummy-pill |comparison )?group|\bno (controlled )?trials?\b|"
                           r"\bno (published|studies)", re.IGNORECASE)  # fmt: skip
COUNTED = re.compile(r"\b\d+ (people|women|men|adults|children|patients)\b")


def condition_text(c: Condition) -> str:
    parts = (c.summary, *c.key_points, c.evidence.known, c.evidence.not_known, *c.studies)
    return squash(" ".join(parts).replace("**", ""))


def test_every_condition_has_a_rating() -> None:
    assert sorted(EXPECTED) == sorted(SAYS)


@pytest.mark.parametrize("slug", sorted(EXPECTED))
def test_rating_matches_the_fact_sheet(project: Project, slug: str) -> None:
    from handouts.text.evidence import scale_of

    scale = scale_of(project.content.conditions[slug].evidence, project.content.ui)
    assert (scale.filled, scale.research_words, scale.found_words) == EXPECTED[slug]
    assert scale.steps == 5


@pytest.mark.parametrize("slug", sorted(EXPECTED))
def test_no_rating_contradicts_the_condition_words(project: Project, slug: str) -> None:
    c = project.content.conditions[slug]
    text = condition_text(c)
    for phrase in SAYS[slug]:
        assert phrase.lower() in text.lower(), (slug, phrase)
    filled = EXPECTED[slug][0]
    if filled == 0:  # no research in people: no study in people may be described
        assert not COUNTED.search(text), (slug, COUNTED.search(text))
    if filled < 3:  # no comparison group: the text must say so
        assert NO_COMPARISON.search(text), slug
    if filled >= 3:  # a comparison group: the text says what it was compared with
        assert re.search(
            r"placebo|dummy pill|comparison group|small trials?\b|two groups", text, re.I
        ), slug


@pytest.mark.parametrize("edition", EDITIONS)
def test_printed_scale_matches_the_table(edition: str, edition_pages: dict) -> None:
    for slug, pages in edition_pages[edition].items():
        text = squash(" ".join(pages))
        filled, research, found = EXPECTED[slug]
        assert f"How much research in people: {filled} of 5 boxes {research}." in text, slug
        assert f"What it found: {found}." in text, (edition, slug)
        words = text[: text.rindex("References")].lower()  # a cited title may say "proof"
        assert "proof" not in words and " yet." not in words, (edition, slug)


@pytest.mark.parametrize("slug", sorted(EXPECTED))
def test_html_scale_matches_the_table(project: Project, slug: str) -> None:
    filled, research, found = EXPECTED[slug]
    html = render_html(project, slug)
    boxes = re.search(r'<span class="boxes" aria-hidden="true">(.*?)</span> ', html)
    assert boxes and boxes[1].count('class="filled"') == filled, slug
    assert f"</span> {filled} of 5 boxes. {research}.</p>" in html, slug
    assert f"What it found:</strong> {found}.</p>" in html, slug
