"""Merge for the personal plan: the merged handout cut down to the plan's sections, its
citations numbered again over what the plan prints (so "Sources: 1" means the plan's own
reference 1)."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping

from handouts.merge.handout import number_references
from handouts.model import CONDITION_SECTION, Handout, Reference


def cut_to_sections(
    handout: Handout, keep: Iterable[str], references: Mapping[str, Reference]
) -> Handout:
    """``handout`` with only the sections in ``keep`` and every required one."""
    wanted = set(keep)
    sections = tuple(
        s for s in handout.sections
        if (s.id in wanted or s.required) and s.id != CONDITION_SECTION
    )  # fmt: skip
    texts: list[tuple[str, tuple[str, ...]]] = [
        (t, ()) for s in sections for b in s.body for t in b.texts
    ]
    texts += [("", s.references) for s in sections]
    numbers = number_references(texts, references)
    return dataclasses.replace(
        handout,
        sections=sections,
        numbers=numbers,
        references=tuple(references[key] for key in numbers),
    )
