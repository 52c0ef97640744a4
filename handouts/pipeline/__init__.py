"""The orchestrator: the one place that runs the stages, for every command."""

from handouts.model import BuiltHandout, Project
from handouts.pipeline.build import (
    build_handout,
    build_to_folder,
    guard_handout,
    load_project,
    render_html,
    render_rml,
    resolve_conditions,
)
from handouts.pipeline.html_set import html_to_folder
from handouts.pipeline.plan import build_plan, plan_target, prepare_plan, stream_plan, write_plan

__all__ = [
    "BuiltHandout",
    "Project",
    "build_handout",
    "build_plan",
    "build_to_folder",
    "guard_handout",
    "html_to_folder",
    "load_project",
    "plan_target",
    "prepare_plan",
    "render_html",
    "render_rml",
    "resolve_conditions",
    "stream_plan",
    "write_plan",
]
