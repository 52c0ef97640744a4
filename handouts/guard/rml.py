"""Guard stage: check rendered RML before ReportLab sees it.

Practice templates are not trusted code. The RML they produce may not load Python
(``plugInFlowable``, ``plugInGraphic``), read files outside the practice folder and the
built-in assets, fetch URLs, or declare XML entities; and it must still contain every
required section, word for word. A violation is a TemplateError naming the template.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from pathlib import Path

from lxml import etree

from handouts.errors import TemplateError

FORBIDDEN_TAGS = {"plugInFlowable", "plugInGraphic", "plugInFlowableCall"}
# Attributes z3c.rml opens as files (or as URLs, which it would fetch).
FILE_ATTRIBUTES = {"file", "filename", "fileName", "src", "imageName", "faceFile", "afmFile",
                   "pfbFile", "encFile", "image"}  # fmt: skip
_URL = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")  # any scheme: http:, file:, data:, ...
_SPACE = re.compile(r"\s+")

SAFE_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
)


def normalise(text: str) -> str:
    """Collapse white space, for comparing text across line breaks."""
    return _SPACE.sub(" ", text).strip()


def visible_text(root: etree._Element, hidden: frozenset[str] = frozenset({"super"})) -> str:
    """The text of the document as a reader sees it: no comments, and nothing inside the
    ``hidden`` tags (by default RML's citation numbers)."""
    parts: list[str] = []

    def walk(element: etree._Element) -> None:
        if isinstance(element.tag, str) and element.tag not in hidden:
            if element.text:
                parts.append(element.text)
            for child in element:
                walk(child)
        if element.tail:
            parts.append(element.tail)

    walk(root)
    return normalise("".join(parts))


def _check_file(value: str, roots: Iterable[Path], base: Path) -> str | None:
    """Why a file reference is refused, or None if it is inside an allowed folder."""
    if _URL.match(value) and not re.match(r"^[a-zA-Z]:[\\/]", value):
        return f"a URL ({value}) would be fetched; use a file in the practice folder"
    if value.startswith("["):
        return f"package paths ({value}) are not allowed"
    path = Path(value)
    resolved = (path if path.is_absolute() else base / path).resolve()
    for root in roots:
        if resolved.is_relative_to(root.resolve()):
            return None
    return f"the file {value} is outside the practice folder"


def _syntax_message(rml: str, exc: etree.XMLSyntaxError) -> str:
    """Invalid RML, explained with the output line it happened on (users never see the RML,
    but can find that text in their template)."""
    reason = str(exc.msg).split(", line ")[0]
    lines = rml.splitlines()
    line = exc.lineno or 0
    near = f": {lines[line - 1].strip()[:80]}" if 0 < line <= len(lines) else ""
    hint = "; write & as &amp; and < as &lt; in a template's own text" if "Entity" in reason else ""
    return f"the template produced invalid RML (output line {line}{near}): {reason}{hint}"


def guard_rml(
    rml: str,
    template: str,
    allowed_roots: tuple[Path, ...],
    required: Mapping[str, tuple[str, ...]],
) -> etree._Element:
    """Parse and check ``rml``; return the parsed tree for the PDF stage."""
    if "<!ENTITY" in rml or "<!DOCTYPE" in rml:
        raise TemplateError("DOCTYPE and ENTITY declarations are not allowed in RML", path=template)
    try:
        root = etree.fromstring(rml.encode("utf-8"), SAFE_PARSER)
    except etree.XMLSyntaxError as exc:
        raise TemplateError(_syntax_message(rml, exc), path=template) from exc
    base = allowed_roots[0] if allowed_roots else Path.cwd()
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue  # comments and processing instructions
        if element.tag in FORBIDDEN_TAGS:
            raise TemplateError(
                f"<{element.tag}> is not allowed: it would run Python code", path=template
            )
        for name, value in element.attrib.items():
            if name in FILE_ATTRIBUTES and not (element.tag == "document" and name == "filename"):
                reason = _check_file(value, allowed_roots, base)
                if reason:
                    raise TemplateError(f"<{element.tag} {name}=...>: {reason}", path=template)
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
