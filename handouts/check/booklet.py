"""The check of the full-guide booklet's parts with a practice's own handout template:
the parts go through the build's own stages (pipeline/booklet.py), so a block override
that prints differently in the booklet (``{% if booklet %}``) and drops what the booklet
must carry is found by ``check`` as ``build --booklet`` would refuse it."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from handouts.check.report import ERROR
from handouts.check.sources import Place, shown
from handouts.editions import FULL
from handouts.errors import ContentError, TemplateError
from handouts.model import Project
from handouts.pipeline.booklet import BookletPartError, booklet_parts, shared_page
from handouts.render.templates import template_files

if TYPE_CHECKING:
    from handouts.check.checker import Checker


def booklet_name(project: Project) -> str:
    """How findings name the booklet: its file's stem (``riverside-booklet``)."""
    return f"{project.practice.slug or 'handouts'}-booklet"


def check_booklet(checker: Checker, project: Project, slugs: list[str]) -> None:
    """Findings for the booklet of ``slugs`` that its handouts did not already show;
    nothing when the practice has no handout template of its own (the built-in one is
    tested with the package)."""
    files = template_files(project.search_path, FULL.template)
    root = project.practice.root
    if not slugs or not files or root is None:
        return
    if not Path(files[0]).resolve().is_relative_to(root.resolve()):
        return
    name = booklet_name(project)
    template = shown(Path(files[0]))
    before = len(checker.findings)
    try:
        booklet_parts(project, slugs, shared_page(project, len(slugs)), f"{name}.pdf")
    except BookletPartError as exc:
        cause = exc.cause
        if isinstance(cause, TemplateError):
            checker.template_problem(cause, template, files, name)
        elif isinstance(cause, ContentError):
            checker.problems(cause, name)
        else:  # the layout's bounds, a claim: in build's words, at the template
            checker.add(ERROR, "booklet", Place(template), str(exc), name)
    # A problem the handouts already showed is theirs; only what is new is the booklet's.
    seen = {f.key for f in checker.findings[:before]}
    checker.findings[before:] = [f for f in checker.findings[before:] if f.key not in seen]
