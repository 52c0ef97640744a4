"""Write the checked HTML tree back out, so the file holds exactly what the guard checked.

The serialisation is the HTML standard's "serializing HTML fragments" algorithm for the
elements the allowlist admits (HTML elements only: SVG and MathML are refused before
this runs). Text is escaped; the text of ``<style>`` is written as it is, as the
standard says, and it cannot hold ``</style`` because the parser would have ended the
element there. Comments are not written: a browser shows none of them.
"""

from __future__ import annotations

from typing import Any

# Elements with no end tag and no content (the standard's list).
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                  "source", "track", "wbr"})  # fmt: skip
# Elements whose text is written without escaping.
RAW_TEXT = frozenset({"style", "script", "xmp", "iframe", "noembed", "noframes", "plaintext"})


def escape_text(text: str) -> str:
    return (
        text.replace("&", "&amp;")
        .replace("\xa0", "&nbsp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
    )


def escape_attribute(value: str) -> str:
    # < and > too, as the standard has since 2025, so no parser reads a tag in a value.
    return escape_text(value).replace('"', "&quot;")


def serialise(root: Any) -> str:
    """``<!doctype html>`` and the document under ``root`` (an ElementTree element)."""
    parts: list[str] = ["<!doctype html>\n"]

    def text(value: str | None, parent: str) -> None:
        if value:
            parts.append(value if parent in RAW_TEXT else escape_text(value))

    def element(node: Any, parent: str) -> None:
        if isinstance(node.tag, str):
            tag = node.tag
            attrs = "".join(f' {name}="{escape_attribute(v)}"' for name, v in node.attrib.items())
            parts.append(f"<{tag}{attrs}>")
            if tag not in VOID:
                text(node.text, tag)
                for child in node:
                    element(child, tag)
                parts.append(f"</{tag}>")
        if node.tag not in ("body", "html"):
            # After </body> the parser keeps only white space, and a browser puts it back
            # inside <body>: leave it out, so the file reads back as the same tree.
            text(node.tail, parent)

    element(root, "")  # no newline after </html>: a browser would put it inside <body>
    return "".join(parts)
