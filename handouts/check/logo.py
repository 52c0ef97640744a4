"""The logo warning `build` prints, reported by `check` too: a logo that would hardly
show on the header band (or on its white plate), at the ``logo:`` line of practice.yaml."""

from __future__ import annotations

from typing import TYPE_CHECKING

from handouts.check.report import WARNING
from handouts.check.sources import Place
from handouts.model import Project
from handouts.pipeline.logo import vanishing_logo

if TYPE_CHECKING:
    from handouts.check.checker import Checker


def check_logo(checker: Checker, project: Project) -> None:
    """Add a ``logo`` warning if the practice's logo would vanish on its background."""
    warning = vanishing_logo(project)
    source = project.practice.source
    if not warning or not source:
        return
    doc = checker.sources.docs.get(source)
    line = doc.where(("logo",))[0] if doc is not None else 0
    checker.add(WARNING, "logo", Place(source, line, "logo"), warning)
