"""What the batch records per handout: manifest entries, and the order workers take them."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING

from handouts import paths
from handouts.editions import get_edition
from handouts.output import manifest

if TYPE_CHECKING:
    from handouts.batch.runner import _Outcome
    from handouts.model import Project


def _costliest_first(todo: list[tuple[str, str]], old: manifest.Manifest) -> list[tuple[str, str]]:
    """Order for the pool: long handouts first, so that no worker ends far behind."""

    def pages(job: tuple[str, str]) -> int:
        entry = old.handouts.get(get_edition(job[1]).key(job[0]))
        return entry.pages if entry else 1_000  # unknown: start it early

    return sorted(todo, key=pages, reverse=True)


def _template_name(filename: str, project: Project) -> str:
    """A template file as the manifest records it: builtin/<name> or relative to the practice."""
    path = Path(filename)
    builtin = paths.builtin_templates_dir()
    if path.is_relative_to(builtin):
        return f"builtin/{path.relative_to(builtin).as_posix()}"
    root = project.practice.root
    if root is not None and path.is_relative_to(root):
        return path.relative_to(root).as_posix()
    return filename


def _entry(
    project: Project, outcome: _Outcome, target: Path, input_hash: str
) -> manifest.ManifestEntry:
    condition = project.content.conditions[outcome.slug]
    return manifest.ManifestEntry(
        condition=outcome.slug,
        language=project.content.language,
        file=target.name,
        sha256=hashlib.sha256(outcome.pdf).hexdigest(),
        pages=outcome.pages,
        content_version=project.content.version,
        reviewed=condition.review.reviewed_on.isoformat(),
        next_review=condition.review.next_review.isoformat(),
        templates=tuple(_template_name(t, project) for t in outcome.templates),
        input_hash=input_hash,
        edition=outcome.edition,
    )
