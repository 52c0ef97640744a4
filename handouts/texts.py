"""The patient-facing text of a handout, section by section, as plain text.

One place that knows which words a reader sees, used to check forbidden claims, to
measure reading grades, and to check that required sections survived a template.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from handouts import markup
from handouts.model import CONDITION_SECTION, MECHANISM_SECTION, ForbiddenPhrase, Handout


@dataclass(frozen=True)
class SectionText:
    """The plain text of one part of a handout."""

    id: str
    title: str
    texts: tuple[str, ...]

    @property
    def joined(self) -> str:
        """All texts as running prose; list items get a full stop so they count as sentences."""
        return " ".join(
            t if t.rstrip().endswith((".", "!", "?", ":")) else t + "." for t in self.texts
        )


def section_texts(handout: Handout) -> list[SectionText]:
    """Every patient-facing part of ``handout``: summary box first, then sections in order."""
    values = handout.placeholder_values

    def plain(*texts: str) -> tuple[str, ...]:
        return tuple(markup.to_plain(t, values) for t in texts if t)

    c = handout.condition
    parts = [
        SectionText(
            "key-points",
            handout.ui.get("key_points", "Key points"),
            plain(handout.ui.get("purpose", ""), c.summary, *c.key_points),
        )
    ]
    for section in handout.sections:
        texts = [t for block in section.body for t in block.texts]
        if section.id == CONDITION_SECTION:
            texts = [c.summary, c.evidence.known, c.evidence.not_known, *c.studies,
                     *c.patients_report, *c.cautions]  # fmt: skip
        if section.id == MECHANISM_SECTION:
            texts += [m.text for m in handout.mechanisms]
        title = section.title.replace("{condition}", c.name)
        parts.append(SectionText(section.id, title, plain(*texts)))
    return parts


def required_texts(handout: Handout) -> dict[str, tuple[str, ...]]:
    """For each required section: its title and every text it holds, as printed."""
    out = {}
    for part, section in zip(section_texts(handout)[1:], handout.sections, strict=True):
        if section.required:
            out[section.id] = (section.title, *part.texts)
    return out


@dataclass(frozen=True)
class ClaimHit:
    """A forbidden phrase found in a handout's text."""

    section: str
    phrase: str
    reason: str


def find_forbidden(
    parts: list[SectionText], phrases: tuple[ForbiddenPhrase, ...]
) -> list[ClaimHit]:
    """Every forbidden phrase in ``parts``."""
    hits = []
    for phrase in phrases:
        pattern = re.compile(phrase.pattern, re.IGNORECASE)
        for part in parts:
            for text in (part.title, *part.texts):
                match = pattern.search(text)
                if match:
                    hits.append(ClaimHit(part.id, match.group(0), phrase.reason))
    return hits
