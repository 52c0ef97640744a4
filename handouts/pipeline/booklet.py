"""The orchestrator's booklet steps: the full-guide booklet's parts, each run through the
same stages as a handout (merge, render with the practice's templates, guard with its
required sections and glyph check, PDF), so the booklet has no way of rendering of its own.

The parts (merge/booklet.py): "About LDN", the shared sections once (so the opioid
warning and the off-label caveat, which the guard requires there); one part per
condition with its key points and its own section; and the one reference list. Each
part is its own PDF, with its own "Page X of Y"; batch/booklet.py binds them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from handouts.editions import FULL
from handouts.errors import HandoutsError
from handouts.merge.booklet import merge_booklet
from handouts.model import Handout, Project
from handouts.pipeline.build import guard_handout, laid_out, template_context
from handouts.render import layout
from handouts.text.booklet_words import PART_WORDS
from handouts.text.sections import find_forbidden, section_texts

CONTENTS_ROW = 24.0  # the contents page's row height, points


def rows_per_page(page: dict[str, Any]) -> int:
    """How many rows a contents page holds."""
    usable = page["height"] - page["header_height"] - 2 * page["margin"] - 40
    return max(1, int(usable // CONTENTS_ROW))


def contents_pages(project: Project, count: int) -> int:
    """How many pages the contents of ``count`` parts take."""
    return -(-count // rows_per_page(layout.page_layout(project.practice))) if count else 1


def shared_page(project: Project, conditions: int) -> int:
    """The booklet page "About LDN" starts on: the first right-hand (odd) page after the
    cover and the contents of its parts (the conditions', the shared one, the references)."""
    used = 1 + contents_pages(project, conditions + 2)
    return used + 1 if used % 2 == 0 else used + 2


class BookletPartError(HandoutsError):
    """A booklet part refused by a stage; ``cause`` is that stage's own error."""

    def __init__(self, message: str, part: str, cause: HandoutsError) -> None:
        super().__init__(message)
        self.part = part
        self.cause = cause


@dataclass(frozen=True)
class BookletPart:
    """One part of the booklet, laid out."""

    key: str  # "about-ldn", the condition's slug, "references"
    title: str  # its line in the contents and its bookmark
    pdf: bytes
    pages: int


def booklet_words(project: Project) -> dict[str, str]:
    """The booklet parts' words in the project's language (English where ui.yaml has none)."""
    ui = project.content.ui
    return {key: ui.get(key, default) for key, default in PART_WORDS.items()}


def _refuse_claims(project: Project, handout: Handout) -> None:
    hits = find_forbidden(section_texts(handout), project.content.forbidden)
    if hits:
        hit = hits[0]
        raise HandoutsError(
            f'{handout.condition.slug}: the booklet would say "{hit.phrase}" '
            f"(section {hit.section}): {hit.reason}"
        )


def _cap(name: str) -> str:
    return name[:1].upper() + name[1:]


def booklet_parts(
    project: Project, slugs: list[str], shared_page: int, source: str
) -> list[BookletPart]:
    """The laid-out parts of the booklet of ``slugs``, in print order. ``shared_page`` is
    the booklet page "About LDN" starts on (each condition part points to it); ``source``
    names the booklet file in error messages. Failures: HandoutsError."""
    words = booklet_words(project)
    merged = merge_booklet(project.content, slugs, project.practice, words["booklet_shared_name"])
    kinds = ["shared", *(["condition"] * len(merged.conditions)), "references"]
    out = []
    for kind, handout in zip(kinds, merged.parts, strict=True):
        condition = handout.condition
        context = template_context(project, handout, online_link=kind == "condition")
        lead = words["booklet_condition_lead" if kind == "condition" else "booklet_shared_lead"]
        lead = lead.replace("{condition}", condition.name).replace("{page}", str(shared_page))
        key_point = words["booklet_key_point_opioids"].replace("{page}", str(shared_page))
        context["booklet"] = {"part": kind, "lead": lead, "key_point_opioids": key_point}
        try:
            _refuse_claims(project, handout)
            guarded = guard_handout(project, handout, FULL.template, context)
            laid = laid_out(project, guarded, "patient information", source)
        except HandoutsError as exc:  # say which part, in the guard's or layout's words
            title = _cap(condition.name)
            raise BookletPartError(f"{source}, part {title}: {exc}", title, exc) from exc
        out.append(BookletPart(condition.slug, _cap(condition.name), laid.pdf, laid.pages))
    return out
