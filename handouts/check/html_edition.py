"""When ``handouts check`` also renders the HTML edition: when the practice overrides one
of its templates. The built-in HTML templates are checked by the test suite, so a
practice without HTML overrides is not slowed down by a second render of every handout."""

from __future__ import annotations

from typing import Any

from handouts.editions import Edition
from handouts.errors import ContentError, TemplateError
from handouts.model import Project
from handouts.pipeline.build import render_html
from handouts.render.templates import template_files


def html_overridden(project: Project) -> bool:
    """Whether the practice folder has its own ``templates/*.html.j2``."""
    folder = project.practice.templates_dir
    return folder is not None and any(folder.glob("*.html.j2"))


def check_html(checker: Any, project: Project, slug: str, edition: Edition) -> None:
    """The HTML edition through the build's own render and guard: whatever
    ``handouts html`` refuses, check refuses with the same message (``checker`` is the
    Checker collecting findings). Only where the practice overrides an HTML template."""
    if not html_overridden(project):
        return
    files = template_files(project.search_path, edition.html_template)
    try:
        render_html(project, slug, edition)
    except TemplateError as exc:
        checker.template_problem(exc, edition.html_template, files, slug)
    except ContentError as exc:
        checker.problems(exc, slug)
