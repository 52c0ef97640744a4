"""Merge stage for the full-guide booklet: the shared sections once, each condition's own
part, and one reference list, all numbered alike.

Every handout of a set prints the same shared sections ("What is LDN?", how to take it,
side effects, the opioid warning, off-label use and cost, when to get help...). The
booklet prints them once, as the part "About LDN", then for each condition only what is
its own (its key points and its "LDN and <condition>" section), then one reference list.
The three kinds of part are ordinary Handouts, so the one handout template (and a
practice's block overrides) renders them; they differ only in their sections.

The references are numbered once for the whole booklet, by first citation in print
order (shared part first, then the condition parts in order), so "Sources: 12" means
reference 12 of the one list at the end, wherever it is printed.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from handouts.merge.handout import merge_handout, number_references, texts_in_print_order
from handouts.model import (
    CONDITION_SECTION,
    MECHANISM_SECTION,
    Condition,
    ContentSet,
    Handout,
    Mechanism,
    Practice,
    Review,
)

SHARED_SLUG = "about-ldn"
REFERENCES_SLUG = "references"


@dataclass(frozen=True)
class BookletHandouts:
    """The booklet's parts in print order: shared, conditions, references."""

    shared: Handout
    conditions: tuple[Handout, ...]
    references: Handout

    @property
    def parts(self) -> tuple[Handout, ...]:
        """Every part, in print order."""
        return (self.shared, *self.conditions, self.references)


def _mechanisms(handouts: list[Handout]) -> tuple[Mechanism, ...]:
    """The proposed mechanisms any condition of the set names, in the shared section's
    order (each handout already left out the ones its condition does not name)."""
    named = {m.id for h in handouts for m in h.mechanisms}
    section = next((s for s in handouts[0].sections if s.id == MECHANISM_SECTION), None)
    every = section.mechanisms if section is not None else ()
    return tuple(m for m in every if m.id in named)


def _stand_in(first: Condition, conditions: list[Condition], slug: str, name: str) -> Condition:
    """The condition a part that belongs to no one condition is rendered with. Its review
    is the set's oldest one and its next review the soonest: the shared text was last
    checked at least that long ago, and is due again when the first condition is."""
    review = Review(
        reviewed_on=min(c.review.reviewed_on for c in conditions),
        next_review=min(c.review.next_review for c in conditions),
        reviewer=first.review.reviewer,
    )
    return dataclasses.replace(first, slug=slug, name=name, short_name=name, summary="",
                               key_points=(), studies=(), patients_report=(), cautions=(),
                               mechanisms=(), aliases=(), review=review)  # fmt: skip


def merge_booklet(
    content: ContentSet, slugs: list[str], practice: Practice, shared_name: str
) -> BookletHandouts:
    """The booklet parts of ``slugs`` (at least one; each must exist in ``content``).
    ``shared_name`` names the shared part ("About LDN")."""
    handouts = [merge_handout(content, slug, practice) for slug in slugs]
    first = handouts[0]
    conditions = [h.condition for h in handouts]
    shared_sections = tuple(s for s in first.sections if s.id != CONDITION_SECTION)
    own_sections = [tuple(s for s in h.sections if s.id == CONDITION_SECTION) for h in handouts]
    mechanisms = _mechanisms(handouts)
    shared_condition = _stand_in(first.condition, conditions, SHARED_SLUG, shared_name)
    texts = texts_in_print_order(shared_condition, shared_sections, mechanisms)
    for handout, own in zip(handouts, own_sections, strict=True):
        texts += texts_in_print_order(handout.condition, own, ())
    numbers = number_references(texts, content.references)
    references = tuple(content.references[key] for key in numbers)
    title = f"{content.ui.get('title_ldn', '')}: {shared_name}"
    shared = dataclasses.replace(first, condition=shared_condition, sections=shared_sections,
                                 mechanisms=mechanisms, references=(), numbers=numbers,
                                 title=title)  # fmt: skip
    parts = tuple(
        dataclasses.replace(h, sections=own, mechanisms=(), references=(), numbers=numbers)
        for h, own in zip(handouts, own_sections, strict=True)
    )
    heading = content.ui.get("references_heading", "References")
    reference_condition = _stand_in(first.condition, conditions, REFERENCES_SLUG, heading)
    listed = dataclasses.replace(first, condition=reference_condition, sections=(),
                                 mechanisms=(), references=references, numbers=numbers,
                                 title=heading)  # fmt: skip
    return BookletHandouts(shared, parts, listed)
