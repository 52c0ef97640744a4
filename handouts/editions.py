"""Editions: a set of templates, a choice of sections and a length rule (design.md).

The orchestrator looks an edition up here by name and never branches on it: the
edition says which templates render it, where its own content comes from, how many
pages it may take, and the file name it writes. Adding an edition adds a row here, its
templates and its content; the pipeline stays as it is.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from handouts.errors import BuildError
from handouts.model import Section, Translation


@dataclass(frozen=True)
class Edition:
    """One printed form of a handout."""

    name: str
    template: str  # RML template (practice folders may override it block by block)
    html_template: str
    suffix: str  # file name: <slug><suffix>.pdf
    max_pages: int = 0  # 0: no limit
    max_pages_large: int = 0  # the limit in large print
    grade_limit: float = 0.0  # 0: the practice's limit (grade 8 by default)
    content: str = ""  # its own content: content/<lang>/<content>.yaml and <content>/<slug>.yaml

    def file_name(self, slug: str, ext: str = "pdf") -> str:
        """``multiple-sclerosis-summary.pdf`` and the like."""
        return f"{slug}{self.suffix}.{ext}"

    def key(self, slug: str) -> str:
        """How a batch, the manifest and progress lines name one handout of this edition."""
        return f"{slug}{self.suffix}"

    def page_limit(self, large_print: bool) -> int:
        """The most pages one handout of this edition may take (0: no limit)."""
        return self.max_pages_large if large_print else self.max_pages


FULL = Edition("full", "handout.rml.j2", "handout.html.j2", "")
# One sheet, front and back; large print two sheets. Grade 6 (standards.md, "Editions").
SUMMARY = Edition(
    "summary",
    "summary.rml.j2",
    "summary.html.j2",
    "-summary",
    max_pages=2,
    max_pages_large=4,
    grade_limit=6.0,
    content="summary",
)
EDITIONS: dict[str, Edition] = {e.name: e for e in (FULL, SUMMARY)}
DEFAULT_EDITIONS = ("full", "summary")  # what a build makes unless told otherwise


def get_edition(name: str) -> Edition:
    """The edition called ``name``; a BuildError naming the known ones otherwise."""
    try:
        return EDITIONS[name]
    except KeyError:
        raise BuildError(f'unknown edition "{name}"; use one of: {", ".join(EDITIONS)}') from None


@dataclass(frozen=True)
class SheetText:
    """One condition's own lines in an edition."""

    slug: str
    for_whom: str
    keep: str
    results: tuple[str, ...]
    not_known: str
    cautions: tuple[str, ...]
    sources: tuple[str, ...]
    source: str = ""


@dataclass(frozen=True)
class EditionContent:
    """An edition's shared wording, sections in print order, and per-condition lines."""

    name: str
    words: dict[str, str]
    key_facts: tuple[str, ...]
    sections: tuple[Section, ...]
    conditions: dict[str, SheetText]
    files: tuple[Path, ...] = ()
    # A translated edition's provenance, by file (content/es/summary/hiv.yaml): who made
    # and reviewed each file, and the English file it was made from.
    translations: dict[str, Translation] = field(default_factory=dict)
