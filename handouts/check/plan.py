"""The check of a practice's own plan template: rendered and guarded as a blank plan (no
patient), so a broken override shows up before a patient's plan is printed."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from handouts.check.sources import shown
from handouts.errors import ContentError, TemplateError
from handouts.model import Project
from handouts.pipeline.plan import TEMPLATE, guard_blank_plan
from handouts.render.templates import template_files

if TYPE_CHECKING:
    from handouts.check.checker import Checker


def check_plan_template(checker: Checker, project: Project, slugs: list[str]) -> None:
    """Findings for the practice's plan.rml.j2 (a blank plan of the first condition, named
    ``plan-<slug>``); nothing when the practice has none (the built-in one is tested with
    the package)."""
    files = template_files(project.search_path, TEMPLATE)
    root = project.practice.root
    if not slugs or not files or root is None:
        return
    if not Path(files[0]).resolve().is_relative_to(root.resolve()):
        return
    slug = slugs[0]
    name = f"plan-{slug}"
    try:
        guard_blank_plan(project, slug, checker.today)
    except TemplateError as exc:
        checker.template_problem(exc, shown(Path(files[0])), files, name)
    except ContentError as exc:
        checker.problems(exc, name)
