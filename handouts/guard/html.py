"""Guard for the HTML edition: check rendered HTML the way a browser reads it, then write
exactly the tree that was checked.

A practice may override ``handout.html.j2`` as it may the RML template, and gets the same
distrust. The rendered text is parsed as HTML5 (tinyhtml5, the WHATWG algorithm browsers
use; WeasyPrint parses with it too), so ``<svg><style>`` or a ``<meta charset>`` cannot
make the check see one document and the browser another. Every element, attribute, URL
scheme and CSS rule must be on the allowlist read from the built-in templates
(html_allow.py); SVG and MathML are refused; the page declares UTF-8 and nothing else;
and every required section must still be there, word for word. The file written is the
checked tree serialised again (html_write.py), never the raw template text.

A violation is a TemplateError naming the practice template and, when the offending text
is found in it, its line. Nothing is sanitised silently: what a browser would drop or
ignore is refused too.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import tinyhtml5

from handouts.errors import TemplateError
from handouts.guard.html_allow import HtmlAllowlist, builtin_allowlist
from handouts.guard.html_css import stylesheet_problem
from handouts.guard.html_write import serialise
from handouts.guard.rml import check_required, visible_text

# Elements that run code, embed another document or fetch one, or redirect the page.
FORBIDDEN_TAGS = {"script", "iframe", "frame", "frameset", "object", "embed", "applet",
                  "link", "base", "portal", "noscript", "template"}  # fmt: skip
# Attributes whose value a browser loads as a resource.
RESOURCE_ATTRIBUTES = {"src", "srcset", "poster", "data", "background", "action",
                       "formaction", "manifest", "codebase", "ping", "xlink:href"}  # fmt: skip
LINK_SCHEMES = ("https:", "http:", "mailto:", "tel:", "#")
# The logo: a PNG or JPEG as base64, nothing else (an SVG image is a document).
_IMAGE_URI = re.compile(r"data:image/(png|jpeg);base64,[A-Za-z0-9+/=]*\Z")
# Text a reader does not see as prose: citation numbers, styles, the document head.
HIDDEN_TEXT_TAGS = frozenset({"sup", "style", "head", "title"})
FOREIGN = {"http://www.w3.org/2000/svg": "SVG", "http://www.w3.org/1998/Math/MathML": "MathML"}
_CONTROL = re.compile(r"[\x00-\x20]")


@dataclass(frozen=True)
class CheckedHtml:
    """The checked document (an ElementTree tree) and the text to write: that tree."""

    root: Any
    text: str


@dataclass(frozen=True)
class _Refusal:
    message: str
    find: str  # a regular expression for the practice template's offending line


def _scheme(value: str) -> str:
    """The lower-case start of a URL, with the spaces and controls browsers ignore removed."""
    return _CONTROL.sub("", value).lower()


def _attribute(
    tag: str, name: str, value: str, allow: HtmlAllowlist, local: frozenset[str] = frozenset()
) -> _Refusal | None:
    """Why attribute ``name="value"`` of ``<tag>`` is refused, or None (``local``: the
    sibling files a link may name as they are, the index page's own pages)."""
    find = rf"\b{re.escape(name)}\s*="
    if name.startswith("on"):
        return _Refusal(
            f'<{tag} {name}=...>: event handler attributes run code; remove "{name}"', find
        )
    if tag == "meta" and name == "http-equiv":
        return _Refusal("<meta http-equiv=...> is not allowed: it can redirect or reload the "
                        "page", find)  # fmt: skip
    if tag == "meta" and name == "charset" and value.strip().lower() != "utf-8":
        return _Refusal(
            f'<meta charset="{value[:20]}">: the HTML edition is written in UTF-8 and must '
            'say so; use <meta charset="utf-8">',
            find,
        )
    if tag == "img" and name == "src" and _IMAGE_URI.match(value):
        return None
    if name in RESOURCE_ATTRIBUTES or (name == "href" and tag != "a"):
        return _Refusal(
            f"<{tag} {name}=...>: the HTML edition loads nothing from elsewhere; "
            "an image must be a data: URI (PNG or JPEG)",
            find,
        )
    if name == "href" and tag == "a" and value in local:
        return None
    if name == "href" and not _scheme(value).startswith(LINK_SCHEMES):
        return _Refusal(
            f'<{tag} href="{value[:40]}">: only https:, http:, mailto:, tel: and # links', find
        )
    if name == "style":
        return _Refusal(
            f"<{tag} style=...>: put styles in the stylesheet block, not in a style attribute",
            find,
        )
    if name not in allow.attributes[tag]:
        return _Refusal(
            f"<{tag} {name}=...>: the attribute {name} is not allowed on <{tag}> "
            "(the built-in templates do not use it)",
            find,
        )
    return None


def _element(
    element: Any, allow: HtmlAllowlist, siblings: frozenset[str] = frozenset()
) -> _Refusal | None:
    """Why an element (or one of its attributes, or its CSS) is refused, or None."""
    tag = element.tag
    if tag.startswith("{"):
        namespace, _, local = tag[1:].partition("}")
        kind = FOREIGN.get(namespace, "foreign")
        return _Refusal(
            f"<{local}> is not allowed in the HTML edition: {kind} content can hide markup "
            "from the check; use a PNG or JPEG image instead",
            rf"<{re.escape(local)}\b",
        )
    find = rf"<{re.escape(tag)}\b"
    if tag in FORBIDDEN_TAGS:
        return _Refusal(
            f"<{tag}> is not allowed in the HTML edition: it runs code or loads another document",
            find,
        )
    if tag not in allow.attributes:
        return _Refusal(
            f"<{tag}> is not allowed in the HTML edition (the built-in templates do not use it)",
            find,
        )
    for name, value in element.attrib.items():
        found = _attribute(tag, name, value, allow, siblings)
        if found:
            return found
    if tag == "style":
        css = element.text or ""
        problem = stylesheet_problem(css, allow)
        if problem:
            lines = css.splitlines() or [""]
            line = lines[min(max(problem.line, 1), len(lines)) - 1].strip()
            snippet = re.escape(line) if line else re.escape(problem.snippet)
            return _Refusal(problem.message, snippet or find)
    return None


def _charset(root: Any) -> _Refusal | None:
    """The page must declare UTF-8 once, first in its head (where browsers look)."""
    declared = [m for m in root.iter("meta") if "charset" in m.attrib]
    head = root.find("head")
    first = next((e for e in head if isinstance(e.tag, str)), None) if head is not None else None
    if len(declared) != 1 or first is not declared[0]:
        return _Refusal(
            'the page must declare its encoding once, as <meta charset="utf-8">, first in <head>',
            r"<meta\b[^>]*charset",
        )
    return None


def locate(pattern: str, sources: Sequence[str], default: str) -> tuple[str, int]:
    """The first template file and line (1-based) where ``pattern`` occurs, or (default, 0)."""
    if not pattern:
        return default, 0
    regex = re.compile(pattern, re.IGNORECASE)
    for name in sources:
        try:
            lines = Path(name).read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            continue
        for number, line in enumerate(lines, 1):
            if regex.search(line):
                return name, number
    return default, 0


def parse(text: str) -> Any:
    """``text`` parsed as a browser parses it (HTML elements without a namespace)."""
    return tinyhtml5.parse(text, namespace_html_elements=False)


def guard_html(
    text: str,
    template: str,
    required: Mapping[str, tuple[str, ...]],
    sources: Sequence[str] = (),
    local_links: frozenset[str] = frozenset(),
) -> CheckedHtml:
    """Parse and check ``text``; return the checked tree and its serialisation.

    ``template`` is named in errors; ``sources`` are the template files searched for the
    offending line (the practice's first). ``local_links`` are file names in the same
    folder a link may name (the index page's pages); every other link needs a scheme.
    """
    if not text.strip():
        raise TemplateError("the template produced no HTML", path=template)
    allow = builtin_allowlist()
    root = parse(text)
    refusal = None
    for element in root.iter():
        if isinstance(element.tag, str):
            refusal = _element(element, allow, local_links)
            if refusal:
                break
    refusal = refusal or _charset(root)
    if refusal:
        path, line = locate(refusal.find, sources, template)
        raise TemplateError(refusal.message, path=path, line=line, check="html")
    body = root.find("body")
    seen = visible_text(body if body is not None else root, HIDDEN_TEXT_TAGS)
    check_required(seen, required, template)
    written = serialise(root)
    # What is written must parse back to the same tree, or a browser would read another.
    if serialise(parse(written)) != written:
        raise TemplateError(
            "the HTML would not read back the same once written; check its nesting",
            path=template,
            check="html",
        )
    return CheckedHtml(root, written)
