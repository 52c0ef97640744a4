"""Guard for the HTML edition: check rendered HTML before it is written.

A practice may override ``handout.html.j2`` as it may the RML template, and gets the same
distrust. The HTML may not run code (``<script>``, ``on*`` handlers, ``javascript:``
links), load anything from elsewhere (only ``data:`` URIs as images and in styles; no
``<link>``, ``<iframe>``, ``<object>``, ``@import``) and must still contain every required
section, word for word. A violation is a TemplateError naming the template.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from lxml import etree, html

from handouts.errors import TemplateError
from handouts.guard.rml import check_required, visible_text

# Elements that run code, embed another document or fetch one, or redirect the page.
FORBIDDEN_TAGS = {"script", "iframe", "frame", "frameset", "object", "embed", "applet",
                  "link", "base", "portal", "noscript", "template"}  # fmt: skip
# Attributes whose value a browser loads as a resource.
RESOURCE_ATTRIBUTES = {"src", "srcset", "poster", "data", "background", "action",
                       "formaction", "manifest", "codebase", "ping", "xlink:href"}  # fmt: skip
LINK_SCHEMES = ("https:", "http:", "mailto:", "tel:", "#")
# Text a reader does not see as prose: citation numbers, styles, the document head.
HIDDEN_TEXT_TAGS = frozenset({"sup", "style", "head", "title"})
_CSS_FETCH = re.compile(r"url\s*\(\s*(?!['\"]?\s*data:)|@import|image-set\s*\(", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x20]")

PARSER = html.HTMLParser(no_network=True, remove_comments=True, remove_pis=True)


def _scheme(value: str) -> str:
    """The lower-case start of a URL, with the spaces and controls browsers ignore removed."""
    return _CONTROL.sub("", value).lower()


def _refusal(tag: str, name: str, value: str) -> str | None:
    """Why attribute ``name="value"`` of ``<tag>`` is refused, or None."""
    if name.startswith("on"):
        return f'<{tag} {name}=...>: event handler attributes run code; remove "{name}"'
    if name in RESOURCE_ATTRIBUTES or (name == "href" and tag not in ("a", "area")):
        if tag == "img" and name == "src" and _scheme(value).startswith("data:image/"):
            return None
        if name == "href" and _scheme(value).startswith("#"):
            return None
        return (
            f"<{tag} {name}=...>: the HTML edition loads nothing from elsewhere; "
            "an image must be a data: URI"
        )
    if name == "href" and not _scheme(value).startswith(LINK_SCHEMES):
        return f'<{tag} href="{value[:40]}">: only https:, http:, mailto:, tel: and # links'
    if name == "style" and _CSS_FETCH.search(value):
        return f"<{tag} style=...>: styles may not load files (url(), @import)"
    if tag == "meta" and name == "http-equiv":
        return "<meta http-equiv=...> is not allowed: it can redirect or reload the page"
    return None


def guard_html(text: str, template: str, required: Mapping[str, tuple[str, ...]]) -> etree._Element:
    """Parse and check ``text``; return the parsed document."""
    if not text.strip():
        raise TemplateError("the template produced no HTML", path=template)
    try:
        root = html.document_fromstring(text, parser=PARSER)
    except (etree.ParserError, ValueError) as exc:
        raise TemplateError(f"the template produced invalid HTML: {exc}", path=template) from exc
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        tag = element.tag.lower()
        if tag in FORBIDDEN_TAGS or tag.endswith(":script"):
            raise TemplateError(
                f"<{tag}> is not allowed in the HTML edition: it runs code or "
                "loads another document",
                path=template,
            )
        if tag == "style" and _CSS_FETCH.search(element.text or ""):
            raise TemplateError(
                "<style>: styles may not load files (url(), @import)", path=template
            )
        for name, value in element.attrib.items():
            reason = _refusal(tag, str(name).lower(), str(value))
            if reason:
                raise TemplateError(reason, path=template)
    body = root.find("body")
    seen = visible_text(body if body is not None else root, HIDDEN_TEXT_TAGS)
    check_required(seen, required, template)
    return root
