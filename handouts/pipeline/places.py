"""Practice template lines for what the later stages find: a layout failure, or words a
template printed that it must not (the render trace maps RML lines to template lines)."""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from pathlib import Path
from typing import Any

from handouts import paths
from handouts.errors import LayoutFailure, TemplateError
from handouts.model import Project

Locate = Callable[[int, str], tuple[str, int]]  # RML line, text on it -> file, line


def refuse_printed_html(
    project: Project, root: Any, files: tuple[str, ...], name: str, context: dict[str, Any]
) -> None:
    """refuse_printed for the HTML edition's tree (template ``name``, ``context``)."""
    from handouts.render.trace import locator

    where = locator(project.search_path, name, lambda: context, "html")
    refuse_printed(project, root, files, where, html=True)


def refuse_printed(
    project: Project, root: Any, files: tuple[str, ...], locate: Locate, html: bool = False
) -> None:
    """What a practice template prints, expressions included, holds no forbidden claim
    and no invisible character (guard/rml_words.py): a TemplateError at the template
    line that printed it. Only a practice's own templates can print something the
    content checks have not seen, so without them there is nothing to look at. ``html``:
    the HTML edition's tree, whose pieces are found by their text (no line numbers)."""
    builtin = paths.builtin_templates_dir().resolve()
    if all(Path(f).resolve().is_relative_to(builtin) for f in files):
        return
    from handouts.guard.rml_words import HTML_PIECES, printed_findings

    if html:
        from handouts.guard.html import HIDDEN_TEXT_TAGS

        found = printed_findings(root, project.content.forbidden, HTML_PIECES, HIDDEN_TEXT_TAGS)
    else:
        found = printed_findings(root, project.content.forbidden)
    for finding in found:
        needle = escape(finding.text, quote=False) if html else f"<{finding.tag}"
        path, line = locate(finding.line or 1, needle)
        if line and not Path(path).resolve().is_relative_to(builtin):
            raise TemplateError(finding.message, path=path, line=line, check=finding.check)


def placed_failure(locate: Locate | None, exc: LayoutFailure) -> LayoutFailure:
    """A layout failure at the practice template file and line that wrote the element;
    ``exc`` itself if no practice template did (the built-in templates' elements fail
    only on the text in them, which the message quotes)."""
    if not exc.line or locate is None:
        return exc
    path, line = locate(exc.line, exc.needle)
    builtin = paths.builtin_templates_dir().resolve()
    if not line or Path(path).resolve().is_relative_to(builtin):
        return exc
    return LayoutFailure(
        f"{path}:{line}: {exc.reason}", reason=exc.reason, path=path, path_line=line
    )
