"""The evidence scale as every edition shows it: boxes for how much research there is in
people, words for what it found (ldn-facts.md 4.2). One place, so the full guide, the
summary, the HTML and ``handouts list`` can never disagree."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from handouts.model import RESEARCH_LEVELS, RESEARCH_STEPS, Evidence


@dataclass(frozen=True)
class Scale:
    """One condition's place on the scale, with its words in the handout's language."""

    research: str  # the ladder key, e.g. "small-controlled-trials"
    found: str  # the finding key, e.g. "mixed"
    filled: int  # boxes filled, 0 to steps
    steps: int
    research_words: str  # "Small trials with a comparison group"
    found_words: str  # "Helped in some studies, not in others"
    boxes_words: str  # "3 of 5 boxes"


def scale_of(evidence: Evidence, ui: Mapping[str, str]) -> Scale:
    """The scale for one condition; the words come from ui.yaml (``research_<key>``,
    ``found_<key>``, ``scale_boxes``), falling back to the key where a word is missing."""
    filled = RESEARCH_LEVELS[evidence.research]
    boxes = ui.get("scale_boxes", "{filled} of {steps}")
    return Scale(
        research=evidence.research,
        found=evidence.found,
        filled=filled,
        steps=RESEARCH_STEPS,
        research_words=ui.get(f"research_{evidence.research}", evidence.research),
        found_words=ui.get(f"found_{evidence.found}", evidence.found),
        boxes_words=boxes.replace("{filled}", str(filled)).replace("{steps}", str(RESEARCH_STEPS)),
    )


# A sheet's key-facts line: the scale's two parts with the scale's own labels, so the
# summary says it in the very words of the full guide's scale. An edition may set its
# own pattern as ``evidence_line`` in its words; the labels and words stay the scale's.
EVIDENCE_LINE = "**{research_label}** {research}. **{found_label}** {found}."


def evidence_line(scale: Scale, ui: Mapping[str, str]) -> str:
    """The scale in one line of key facts, in ``ui``'s language."""
    values = {
        "research_label": ui.get("research_label", ""),
        "found_label": ui.get("found_label", ""),
        "research": scale.research_words,
        "found": scale.found_words,
    }
    line = ui.get("evidence_line", EVIDENCE_LINE)
    for name, value in values.items():
        line = line.replace("{" + name + "}", value)
    return line
