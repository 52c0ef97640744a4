"""What ``handouts list`` shows: one row per condition (the CLI only prints them)."""

from __future__ import annotations

from typing import Any

from handouts.model import Project
from handouts.text.evidence import scale_of


def condition_rows(project: Project, with_clinic_set: bool = False) -> list[dict[str, Any]]:
    """Slug, display name and the evidence scale's two parts (research, found) of each
    condition; with ``with_clinic_set``,
    whether the practice's clinic set (what --all builds) has it."""
    ui = project.content.ui
    in_set = set(project.clinic_set)
    rows: list[dict[str, Any]] = []
    for c in project.content.conditions.values():
        scale = scale_of(c.evidence, ui)
        row: dict[str, Any] = {
            "slug": c.slug,
            "name": c.name[:1].upper() + c.name[1:],
            "research": scale.research,
            "research_words": scale.research_words,
            "found": scale.found,
            "found_words": scale.found_words,
        }
        if with_clinic_set:
            row["in_clinic_set"] = c.slug in in_set
        rows.append(row)
    return rows
