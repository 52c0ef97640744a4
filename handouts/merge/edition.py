"""Merge stage for an edition with its own content (the summary): the same merge as the
full guide, over the edition's sections and the condition's own lines.

The condition is restated in the edition's words (its ``for`` line as the summary, the
key facts, at most three study results, what is not known, its cautions, at most three
key sources), then ``merge.merge_handout`` applies the one merge rule: the practice's
values, contacts and hidden sections. A practice's extra sections belong to the full
guide only: one sheet has no room for them. Citation numbers are not printed (the sheet
lists its key sources instead), so every handout's text is checked as it prints.
"""

from __future__ import annotations

import dataclasses

from handouts.editions import EditionContent
from handouts.errors import BuildError
from handouts.merge.handout import CONTACT_SECTION, merge_handout
from handouts.model import Block, ContentSet, Handout, Practice, Section, Translation
from handouts.text.evidence import evidence_line, scale_of


def merge_edition(
    content: ContentSet, slug: str, practice: Practice, edition: EditionContent
) -> Handout:
    """The Handout of condition ``slug`` in ``edition``'s words."""
    sheet = edition.conditions.get(slug)
    if sheet is None:
        raise BuildError(
            f"{slug}: the {edition.name} edition has no text for this condition; add "
            f"content/{content.language}/{edition.name}/{slug}.yaml (see the built-in ones)"
        )
    base = content.conditions[slug]
    facts = edition.key_facts
    ui = {**content.ui, **edition.words, "purpose": ""}
    # Never typed by hand: the scale's own words, so the sheet and the guide agree.
    evidence = evidence_line(scale_of(base.evidence, content.ui), ui)
    condition = dataclasses.replace(
        base,
        summary=sheet.for_whom,
        key_points=(*facts[:1], evidence, sheet.keep, *facts[1:]),
        evidence=dataclasses.replace(
            base.evidence,
            known=evidence,
            not_known=sheet.not_known,
            references=sheet.sources,
        ),  # fmt: skip
        studies=sheet.results,
        patients_report=(),
        cautions=sheet.cautions,
        mechanisms=(),
        source=sheet.source,
    )
    scoped = dataclasses.replace(
        content, sections=edition.sections, conditions={slug: condition}, ui=ui
    )
    handout = merge_handout(scoped, slug, dataclasses.replace(practice, extra_sections=()))
    sources = tuple(content.references[key] for key in sheet.sources)
    handout = dataclasses.replace(handout, sections=_compact_contacts(handout.sections, content.ui))
    return dataclasses.replace(
        handout,
        practice=practice,
        numbers={},
        references=sources,
        translations=_translations(handout, edition, sheet.source),
    )


def _translations(handout: Handout, edition: EditionContent, sheet: str) -> tuple[Translation, ...]:
    """The sheet's own translation record first, then its edition's shared file's, then
    the full content's (sections, ui) that the sheet also prints."""
    own = [t for path, t in edition.translations.items() if path == sheet]
    shared = [t for path, t in edition.translations.items() if path != sheet
              and path.rsplit("/", 1)[-1] == f"{edition.name}.yaml"]  # fmt: skip
    inherited = [t for t in handout.translations if t.path not in edition.translations]
    return (*own, *shared, *inherited)


def _compact_contacts(sections: tuple[Section, ...], ui: dict[str, str]) -> tuple[Section, ...]:
    """The practice's contacts as one line: a sheet has no room for a list of them. The
    header already names the practice, and the QR code's link is its website."""
    heading = f"**{ui.get('contacts_heading', 'Your contacts:')}**"
    out = []
    for section in sections:
        body = section.body
        if section.id == CONTACT_SECTION and len(body) >= 2 and body[-2].texts == (heading,):
            items = [
                t.replace("{practice_name}, ", "").replace(", {practice_website}", "")
                for t in body[-1].texts
            ]
            line = f"{heading} " + "; ".join(items)
            section = dataclasses.replace(section, body=(*body[:-2], Block("text", (line,))))
        out.append(section)
    return tuple(out)
