"""A practice's own sections (``extra_sections:`` in practice.yaml): each with a title,
its text or blocks, and where it goes (before or after a built-in section)."""

from __future__ import annotations

import re

from handouts.model import Block, ContentSet, ExtraSection, Section, Text
from handouts.text.yamlfile import Key
from handouts.validate.content import TextChecker, validate_blocks
from handouts.validate.schema import FieldReader, did_you_mean

EXTRA_FIELDS = ("id", "title", "text", "body", "before", "after")
# A handout is a few pages: more than this many sections of a practice's own is a mistake.
MAX_EXTRA_SECTIONS = 20
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


def slugify(text: str) -> str:
    """'Riverside Family Medicine' -> 'riverside-family-medicine'."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _section_ids(content: ContentSet) -> list[str]:
    return [s.id for s in content.sections]


def extra_sections(
    r: FieldReader, content: ContentSet, hidden: tuple[str, ...]
) -> tuple[ExtraSection, ...]:
    """The practice's own sections, checked; placed next to sections that print."""
    raw = r.raw(("extra_sections",))
    if not isinstance(raw, list):
        if raw is not None and r.has(("extra_sections",)):
            r.add(("extra_sections",), "expected a list of sections (- title: ...)")
        return ()
    if len(raw) > MAX_EXTRA_SECTIONS:
        r.add(
            ("extra_sections",),
            f"{len(raw):,} extra sections; a handout takes at most {MAX_EXTRA_SECTIONS}",
        )
        return ()
    ids = _section_ids(content)
    checker = TextChecker(r, set(content.references), set())
    used = set(ids)
    extras = []
    for i, _ in enumerate(raw):
        key: Key = ("extra_sections", i)
        r.mapping(key, required=("title",), optional=EXTRA_FIELDS)
        title = r.text((*key, "title"))
        sid = r.slug((*key, "id"), required=False) or slugify(title)
        if sid in used:
            r.add((*key, "id"), f"the id '{sid}' is already used by another section; "
                  "give this one its own id:")  # fmt: skip
        used.add(sid)
        has_text, has_body = r.has((*key, "text")), r.has((*key, "body"))
        if has_text == has_body:
            r.add(key, "give either text: (paragraphs) or body: (a list of blocks), one of them")
        body: tuple[Block, ...] = ()
        if has_text:
            text = checker((*key, "text"), r.text((*key, "text")))
            paragraphs = [p.strip() for p in _PARAGRAPH_BREAK.split(text) if p.strip()]
            # Each paragraph keeps the field's origin; check finds the line within it.
            where = r.origin((*key, "text"))
            body = tuple(Block("text", (Text(p, where),)) for p in paragraphs)
        elif has_body:
            body = validate_blocks(r, (*key, "body"), checker)
        position, anchor = _placement(r, key, ids, hidden)
        section = Section(id=sid, title=title, body=body, origin=r.origin(key))
        extras.append(ExtraSection(section, position, anchor))
    return tuple(extras)


def _placement(
    r: FieldReader, key: Key, ids: list[str], hidden: tuple[str, ...]
) -> tuple[str, str]:
    """(position, anchor) from exactly one of ``before:`` and ``after:``."""
    given = [p for p in ("before", "after") if r.has((*key, p))]
    if len(given) != 1:
        r.add(key, "say where it goes with one of before: <section id> or after: <section id>")
        return "after", ""
    position = given[0]
    anchor = r.text((*key, position))
    if anchor and anchor not in ids:
        r.add(
            (*key, position),
            f"unknown section '{anchor}'{did_you_mean(anchor, ids)}; sections: {', '.join(ids)}",
        )
    elif anchor in hidden:
        r.add((*key, position), f"'{anchor}' is hidden; place this next to a section that prints")
    return position, anchor
