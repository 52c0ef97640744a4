"""The orchestrator: the one place that runs the stages, for every command."""

from handouts.pipeline.build import (
    BuiltHandout,
    Project,
    build_handout,
    build_to_folder,
    html_to_folder,
    load_project,
    render_html,
    render_rml,
    resolve_conditions,
)

__all__ = [
    "BuiltHandout",
    "Project",
    "build_handout",
    "build_to_folder",
    "html_to_folder",
    "load_project",
    "render_html",
    "render_rml",
    "resolve_conditions",
]
