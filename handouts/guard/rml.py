"""Guard stage: check rendered RML before ReportLab sees it.

Practice templates are not trusted code. The RML they produce may not load Python
(``plugInFlowable``, ``plugInGraphic``), read files outside the practice folder and the
built-in assets, fetch URLs, or declare XML entities; and it must still contain every
required section, word for word. A violation is a TemplateError naming the template.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from lxml import etree

from handouts.errors import TemplateError
from handouts.guard.rml_check import RmlRules, check_tree
from handouts.guard.rml_schema import builtin_usage

_SPACE = re.compile(r"\s+")

SAFE_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
)


def normalise(text: str) -> str:
    """Collapse white space, for comparing text across line breaks."""
    return _SPACE.sub(" ", text).strip()


def joined_text(
    element: Any, hidden: frozenset[str] = frozenset({"super"}), apart: frozenset[str] = frozenset()
) -> str:
    """The text of ``element`` as a reader sees it, its own tail not included: inline
    markup joined, with nothing inside comments, the ``hidden`` tags, or the ``apart``
    tags (nested pieces that print on their own); their tails are kept, as they print.
    Works on lxml and ElementTree elements alike."""
    parts = [element.text or ""]
    for child in element:
        if isinstance(child.tag, str) and child.tag not in hidden and child.tag not in apart:
            parts.append(joined_text(child, hidden, apart))
        parts.append(child.tail or "")
    return "".join(parts)


def visible_text(root: etree._Element, hidden: frozenset[str] = frozenset({"super"})) -> str:
    """The text of the document as a reader sees it, white space collapsed: no comments,
    and nothing inside the ``hidden`` tags (by default RML's citation numbers). ``root``'s
    own tail counts too (pemat reads each paragraph with it: in RML, only white space)."""
    shown = (
        joined_text(root, hidden) if isinstance(root.tag, str) and root.tag not in hidden else ""
    )
    return normalise(shown + (root.tail or ""))


Locate = Callable[[int, str], tuple[str, int]]


def guard_rml(
    rml: str,
    template: str,
    allowed_roots: tuple[Path, ...],
    required: Mapping[str, tuple[str, ...]],
    fonts: frozenset[str] | None = None,
    locate: Locate | None = None,
) -> etree._Element:
    """Parse and check ``rml``; return the parsed tree for the PDF stage.

    The tree is checked by allowlist (guard.rml_check): ``fonts`` are the embedded fonts
    the build registers (None: fonts are not checked), and ``locate`` maps an RML output
    line and the text on it to the template file and line that wrote it.
    """
    if "<!ENTITY" in rml or "<!DOCTYPE" in rml:
        raise TemplateError("DOCTYPE and ENTITY declarations are not allowed in RML", path=template)
    try:
        root = etree.fromstring(rml.encode("utf-8"), SAFE_PARSER)
    except etree.XMLSyntaxError as exc:
        from handouts.guard.rml_syntax import xml_error

        raise xml_error(rml, exc, template, locate) from exc
    except ValueError as exc:  # lxml refuses some text outright
        raise TemplateError(f"the template produced invalid RML: {exc}", path=template) from exc
    rules = RmlRules(builtin_usage(), allowed_roots, fonts)
    problems = check_tree(root, rules)
    if problems:

        def where(line: int, needle: str) -> tuple[str, int]:
            return locate(line, needle) if locate else (f"{template} (RML output line {line})", 0)

        path, line = where(problems[0].line, problems[0].needle)
        more = []
        for problem in problems[1:]:
            p_path, p_line = where(problem.line, problem.needle)
            more.append(f"{p_path}:{p_line}: {problem.message}" if p_line else
                        f"{p_path}: {problem.message}")  # fmt: skip
        if more:
            more.append(f"{len(problems)} problems in the template; fix them and run again.")
        message = "\n".join([problems[0].message, *more])
        raise TemplateError(message, path=path, line=line)
    check_required(visible_text(root), required, template)
    return root


def check_required(text: str, required: Mapping[str, tuple[str, ...]], template: str) -> None:
    """The one required-section check (RML, HTML and ``handouts check``): every text of
    every required section appears, word for word, in what the template printed."""
    for section, texts in required.items():
        for expected in texts:
            if normalise(expected) not in text:
                raise TemplateError(
                    f"the required section '{section}' is missing or changed "
                    f'(cannot find: "{normalise(expected)[:70]}"); a practice may restyle '
                    "and add to it, never drop it",
                    path=template,
                    field=section,
                    check="required-section",
                )
