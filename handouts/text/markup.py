"""The one converter for inline text in content: a small Markdown subset, always escaped.

Content may use ``**bold**``, ``*italic*``, ``[words](https://...)``, ``[@key]`` citations
and ``{name}`` practice values. Everything else is text: ``<``, ``&`` and quotes print as
themselves. The converter writes ReportLab paragraph markup (RML), HTML, or plain text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from html import escape

from markupsafe import Markup

_TOKEN = re.compile(
    r"\*\*(?P<bold>[^*]+?)\*\*"
    r"|\*(?P<italic>[^*\s][^*]*?)\*"
    r"|\[@(?P<cite>[a-z0-9-]+)\]"
    r"|\[(?P<label>[^\]\[]+)\]\((?P<url>(?:https?://|mailto:|tel:)[^\s)]+)\)"
    r"|\{(?P<name>[a-z_]+)\}"
)
# XML 1.0 forbids most control characters and lone surrogates (RML is XML; a surrogate
# cannot even be encoded as UTF-8), and U+E000 is the page-total marker: all are dropped.
# YAML files cannot carry them (yamlfile refuses them); this guards text made in code.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ue000\ufffe\uffff]")


@dataclass(frozen=True)
class Token:
    """A run of plain text, or one inline construct."""

    kind: str  # text | bold | italic | cite | link | value
    text: str
    url: str = ""


def tokens(source: str) -> Iterator[Token]:
    """Split inline text into tokens."""
    pos = 0
    for match in _TOKEN.finditer(source):
        if match.start() > pos:
            yield Token("text", source[pos : match.start()])
        if match["bold"] is not None:
            yield Token("bold", match["bold"])
        elif match["italic"] is not None:
            yield Token("italic", match["italic"])
        elif match["cite"] is not None:
            yield Token("cite", match["cite"])
        elif match["label"] is not None:
            yield Token("link", match["label"], match["url"])
        else:
            yield Token("value", match["name"])
        pos = match.end()
    if pos < len(source):
        yield Token("text", source[pos:])


def flat_tokens(source: str) -> Iterator[Token]:
    """Tokens with bold and italic runs opened up, so their values and citations count."""
    for token in tokens(source):
        if token.kind in ("bold", "italic"):
            yield from tokens(token.text)
        else:
            yield token


def citations(source: str) -> list[str]:
    """Reference keys cited in ``source``, in order."""
    return [t.text for t in flat_tokens(source) if t.kind == "cite"]


def placeholders(source: str) -> list[str]:
    """Names of ``{name}`` values used in ``source``."""
    return [t.text for t in flat_tokens(source) if t.kind == "value"]


def clean(text: str) -> str:
    """Drop characters XML cannot carry."""
    return _XML_ILLEGAL.sub("", text)


def to_plain(
    source: str, values: Mapping[str, str], numbers: Mapping[str, int] | None = None
) -> str:
    """Plain text, as a reader sees it (citations as [n] when numbered, else dropped)."""
    out: list[str] = []
    for token in flat_tokens(clean(source)):  # clean first, exactly as _convert does
        if token.kind == "cite":
            if out:
                out[-1] = out[-1].rstrip()
            if numbers is not None and token.text in numbers:
                out.append(f"[{numbers[token.text]}]")
        elif token.kind == "value":
            out.append(values.get(token.text, ""))
        else:
            out.append(token.text)
    return clean("".join(out))


def _convert(
    source: str,
    values: Mapping[str, str],
    numbers: Mapping[str, int],
    esc: Callable[[str], str],
    fmt: Mapping[str, str],
) -> Markup:
    out: list[str] = []
    last_cite = False
    bracketed = False  # citations right after a digit print as "10 [11]", not "10¹¹"
    parts = list(tokens(clean(source)))
    for index, token in enumerate(parts):
        following = parts[index + 1].kind if index + 1 < len(parts) else ""
        if token.kind == "text" and last_cite and following == "cite" and not token.text.strip():
            continue  # "[@a] [@b]" prints as one marker, "5,6"
        if token.kind != "cite":
            if bracketed:
                out.append(fmt["cite_close"])
                bracketed = False
            last_cite = False
        if token.kind == "text":
            out.append(esc(token.text))
        elif token.kind == "value":
            value = esc(values.get(token.text, ""))
            if "phone" in fmt:  # keep each phone number on one line (HTML only)
                value = _PHONE.sub(lambda m: _phone(m.group(0), fmt["phone"]), value)
            out.append(value)
        elif token.kind == "cite":
            number = numbers.get(token.text)
            if number is None:  # unnumbered (an edition that lists its sources instead)
                if out:
                    out[-1] = out[-1].rstrip()
                last_cite = False
            else:
                if out:  # a citation sits right after its word: "opioids[@x]." or "opioids [@x]."
                    out[-1] = out[-1].rstrip()
                if not last_cite and out and out[-1][-1:].isdigit():
                    out.append(fmt["cite_open"])
                    bracketed = True
                if last_cite:
                    out.append(fmt["cite_sep"])
                out.append(fmt["cite"].format(n=number))
                last_cite = True
        elif token.kind == "link":
            out.append(fmt["link"].format(url=esc(token.url), text=esc(token.text)))
        else:  # bold or italic: its inside may hold values, citations and links
            inner = _convert(token.text, values, numbers, esc, fmt)
            out.append(fmt[token.kind].format(text=inner))
    if bracketed:
        out.append(fmt["cite_close"])
    return Markup("".join(out))


# A phone number inside a filled-in value: "(217) 555-0142", "01632 960 123", "911".
_PHONE = re.compile(r"\+?(?:\(\d+\) ?)?\d[\d .\-]{1,}\d(?![\d.]*\s*mg)")


def _phone(text: str, wrap: str) -> str:
    """``text`` wrapped if it has the 3 or more digits of a phone number (not "1.5")."""
    return wrap.format(text=text) if sum(c.isdigit() for c in text) >= 3 else text


def _xml_escape(text: str) -> str:
    return escape(text, quote=True)


_RML = {
    "bold": "<b>{text}</b>",
    "italic": "<i>{text}</i>",
    "cite": "<super>{n}</super>",
    "cite_sep": "<super>,</super>",
    "cite_open": "<super> [</super>",
    "cite_close": "<super>]</super>",
    "link": '<a href="{url}" color="#1a4d8f"><u>{text}</u></a>',
}
RML_FORMS = _RML  # the RML guard allows what these write (see guard.rml_schema)
_HTML = {
    "bold": "<strong>{text}</strong>",
    "italic": "<em>{text}</em>",
    "cite": '<sup><a href="#ref-{n}">{n}</a></sup>',
    "cite_sep": "<sup>,</sup>",
    "cite_open": "<sup> [</sup>",
    "cite_close": "<sup>]</sup>",
    "link": '<a href="{url}">{text}</a>',
    "phone": '<span class="phone">{text}</span>',
}


def to_rml(source: str, values: Mapping[str, str], numbers: Mapping[str, int]) -> Markup:
    """ReportLab paragraph markup for ``source``."""
    return _convert(source, values, numbers, _xml_escape, _RML)


def to_html(source: str, values: Mapping[str, str], numbers: Mapping[str, int]) -> Markup:
    """HTML for ``source``."""
    return _convert(source, values, numbers, _xml_escape, _HTML)
