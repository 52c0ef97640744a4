"""Render stage: Jinja2 templates (practice overrides first) -> RML or HTML, in a sandbox."""

from handouts.render.layout import page_layout
from handouts.render.templates import render_template, template_files

__all__ = ["page_layout", "render_template", "template_files"]
