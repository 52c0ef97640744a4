"""The patient-facing text of a handout, section by section, as plain text.

One place that knows which words a reader sees, used to check forbidden claims, to
measure reading grades, and to check that required sections survived a template.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from handouts.model import (
    CONDITION_SECTION,
    MECHANISM_SECTION,
    ForbiddenPhrase,
    Handout,
    Origin,
    made_from,
    origin_of,
)
from handouts.text import markup
from handouts.text.claims import claim_text, english_claim_text, first_claim


@dataclass(frozen=True)
class SectionText:
    """The plain text of one part of a handout."""

    id: str
    title: str
    texts: tuple[str, ...]
    # Each of ``texts`` as written, in the same order: a Text, which knows its file and
    # line, when it was read from one (see model.origin).
    written: tuple[str, ...] = ()

    def origin(self, index: int) -> Origin | None:
        """Where ``texts[index]`` is written, if known."""
        return origin_of(self.written[index]) if index < len(self.written) else None

    @property
    def joined(self) -> str:
        """All texts as running prose; list items get a full stop so they count as sentences."""
        return " ".join(
            t if t.rstrip().endswith((".", "!", "?", ":")) else t + "." for t in self.texts
        )


# A build asks twice for the same handout's texts (forbidden claims, required sections):
# the last answer is kept for the handout object it was computed for.
_last_texts: list[tuple[Handout, tuple[SectionText, ...]]] = []


def section_texts(handout: Handout) -> list[SectionText]:
    """Every patient-facing part of ``handout``: summary box first, then sections in order."""
    if _last_texts and _last_texts[0][0] is handout:
        return list(_last_texts[0][1])
    parts = _section_texts(handout)
    _last_texts[:] = [(handout, tuple(parts))]
    return parts


# Plain text of (source text, placeholder values): the shared sections are the same in
# every handout of a practice, and converting them is a millisecond a handout.
_plain_texts: dict[tuple[tuple[str, str], ...], dict[str, str]] = {}


def _section_texts(handout: Handout) -> list[SectionText]:
    values = handout.placeholder_values
    if len(_plain_texts) > 16:  # a bound: a few practices' values in one process
        _plain_texts.clear()
    known = _plain_texts.setdefault(tuple(sorted(values.items())), {})

    def part(part_id: str, title: str, *texts: str) -> SectionText:
        out, written = [], []
        for text in texts:
            if text:
                found = known.get(text)
                if found is None:
                    found = known[text] = markup.to_plain(text, values)
                out.append(found)
                written.append(text)
        return SectionText(part_id, title, tuple(out), tuple(written))

    c = handout.condition
    parts = [
        part(
            "key-points",
            handout.ui.get("key_points", "Key points"),
            handout.ui.get("purpose", ""),
            c.summary,
            *c.key_points,
        )
    ]
    for section in handout.sections:
        texts = [t for block in section.body for t in block.texts]
        if section.id == CONDITION_SECTION:
            texts = [c.summary, c.evidence.known, c.evidence.not_known, *c.studies,
                     *c.patients_report, *c.cautions]  # fmt: skip
        if section.id == MECHANISM_SECTION:
            texts += [m.text for m in handout.mechanisms]
        # The name filled in, the title keeps its origin (str.replace makes a plain str).
        title = made_from(section.title.replace("{condition}", c.name), section.title)
        parts.append(part(section.id, title, *texts))
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


class _PhraseFinder:
    """The forbidden phrases of one content set, with what each text already checked held.

    Searching every text for every phrase costs about 8 ms a handout (regular expressions
    scanning the whole text, case-insensitively, some 30 times), and most texts are the
    shared sections, the same in every handout of a set: each text is searched once.
    """

    def __init__(self, phrases: tuple[ForbiddenPhrase, ...]) -> None:
        self.patterns = [
            (
                re.compile(p.pattern, re.IGNORECASE),
                getattr(p, "negatable", False),
                getattr(p, "fold_accents", False),
            )
            for p in phrases
        ]
        self.seen: dict[str, tuple[tuple[int, str], ...]] = {}

    def hits(self, text: str) -> tuple[tuple[int, str], ...]:
        """(phrase index, matched words) for each phrase found in ``text``."""
        found = self.seen.get(text)
        if found is None:
            if len(self.seen) > 20_000:  # a bound, far above a clinic set's texts
                self.seen.clear()
            plain = claim_text(text)
            folded = english_claim_text(plain)
            found = tuple(
                (index, words)
                for index, (pattern, negatable, fold) in enumerate(self.patterns)
                if (words := first_claim(pattern, negatable, folded if fold else plain)) is not None
            )
            self.seen[text] = found
        return found


@lru_cache(maxsize=8)
def _finder(phrases: tuple[ForbiddenPhrase, ...]) -> _PhraseFinder:
    return _PhraseFinder(phrases)


def forbidden_claims(
    text: str, phrases: tuple[ForbiddenPhrase, ...]
) -> list[tuple[ForbiddenPhrase, str]]:
    """The one forbidden-phrase matcher: (phrase, the words matched) for each phrase of
    ``phrases`` that ``text`` says, in the order of the list."""
    return [(phrases[index], words) for index, words in _finder(phrases).hits(text)]


def find_forbidden(
    parts: list[SectionText], phrases: tuple[ForbiddenPhrase, ...]
) -> list[ClaimHit]:
    """Every forbidden phrase in ``parts``: by phrase, then in reading order."""
    finder = _finder(phrases)
    found = []
    for part_index, part in enumerate(parts):
        for text_index, text in enumerate((part.title, *part.texts)):
            for phrase_index, words in finder.hits(text):
                hit = ClaimHit(part.id, words, phrases[phrase_index].reason)
                found.append(((phrase_index, part_index, text_index), hit))
    return [hit for _, hit in sorted(found, key=lambda item: item[0])]
