"""Practice template lines for what the later stages find: a layout failure, or words a
template printed that it must not (the render trace maps RML lines to template lines)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from lxml import etree

from handouts import paths
from handouts.errors import LayoutFailure, TemplateError
from handouts.model import Project

Locate = Callable[[int, str], tuple[str, int]]  # RML line, text on it -> file, line


def refuse_printed(
    project: Project,
    root: etree._Element,
    files: tuple[str, ...],
    locate: Locate,
) -> None:
    """What a practice template prints, expressions included, holds no forbidden claim
    and no invisible character (guard/rml_words.py): a TemplateError at the template
    line that printed it. Only a practice's own templates can print something the
    content checks have not seen, so without them there is nothing to look at."""
    builtin = paths.builtin_templates_dir().resolve()
    if all(Path(f).resolve().is_relative_to(builtin) for f in files):
        return
    from handouts.guard.rml_words import printed_findings

    for finding in printed_findings(root, project.content.forbidden):
        path, line = locate(finding.line, f"<{finding.tag}")
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
