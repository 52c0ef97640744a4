"""Broken XML in a template's RML, told at the template line that wrote it.

A practice never sees the RML its template makes, so "output line 25" helps nobody. The
parser's error gives the output line and a reason; the render trace (``locate``) gives
the template file and line that wrote that text, and the reason is put in plain words
with what to write instead.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from lxml import etree

from handouts.errors import TemplateError

Locate = Callable[[int, str], tuple[str, int]]


def _words(reason: str) -> tuple[str, str, int]:
    """(plain words, text to look for in the template, output line of the cause or 0)."""
    found = re.match(r"Opening and ending tag mismatch: (\S+) line (\d+) and (\S+)", reason)
    if found:
        opened, closed = found[1], found[3]
        return (f"</{closed}> closes a tag that is not open here (the open tag is <{opened}>); "
                f"close tags in the order they were opened", f"</{closed}>", 0)  # fmt: skip
    found = re.match(r"Premature end of data in tag (\S+) line (\d+)", reason)
    if found:
        return f"<{found[1]}> is never closed with </{found[1]}>", f"<{found[1]}", int(found[2])
    if "EntityRef" in reason:
        return "a & in your own text must be written &amp;", "&", 0
    found = re.match(r"Entity '(\w+)' not defined", reason)
    if found:
        return (f"&{found[1]}; is not an XML entity; type the character itself (or its "
                f"number, like &#160;)", f"&{found[1]};", 0)  # fmt: skip
    if reason.startswith("StartTag: invalid element name"):
        return "a < in your own text must be written &lt;", "<", 0
    if reason.startswith("AttValue"):
        return 'an attribute\'s value must be in quotes, like style="body"', "=", 0
    if "attributes construct error" in reason or "end of Start Tag" in reason:
        return "a tag is not closed with >, or an attribute lacks its = or quotes", "<", 0
    found = re.match(r"Attribute (\S+) redefined", reason)
    if found:
        return f"the attribute {found[1]} is given twice in one tag", f"{found[1]}=", 0
    if reason.startswith("Extra content at the end of the document"):
        return "there is text after the end of the document (</document>)", "", 0
    return reason, "", 0


def _holds(path: str, line: int, needle: str) -> bool:
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return False
    return 0 < line <= len(lines) and needle in lines[line - 1]


def _place(
    locate: Locate, rml: str, line: int, needle: str, column: int = 0
) -> tuple[str, int, bool]:
    """The template file and line that wrote output ``line``: found by the whole output
    line if the template holds it as it is, else by the output from the parser's
    ``column`` on (a line may join a built-in tag and a practice's text: "<story><para><"),
    else by ``needle``; and whether it was found."""
    lines = rml.splitlines()
    whole = lines[line - 1].strip() if 0 < line <= len(lines) else ""
    tail = lines[line - 1][max(column - 2, 0) :].strip() if column > 1 and whole else ""
    path, at = "", 0
    for text in (whole, tail, needle):
        if text:
            path, at = locate(line, text)
            if _holds(path, at, text):
                return path, at, True
    return path, at, False


def xml_error(
    rml: str, exc: etree.XMLSyntaxError, template: str, locate: Locate | None
) -> TemplateError:
    """The TemplateError for RML that is not well-formed XML, at the template line."""
    reason = str(exc.msg).split(", line ")[0]
    words, needle, cause = _words(reason)
    line = exc.lineno or 0
    position = getattr(exc, "position", None)
    column = position[1] if position and not re.match(r"Opening|Premature", reason) else 0
    mismatch = re.match(r"Opening and ending tag mismatch: (\S+) line (\d+)", reason)
    if locate is not None and line:
        path, at, found = _place(locate, rml, line, needle, column)
        if mismatch and path != template:
            # The close tag is the built-in one after the practice's block: the practice's
            # own tag was left open.
            opened, cause = mismatch[1], int(mismatch[2])
            words, needle = f"<{opened}> is never closed with </{opened}>", f"<{opened}"
        if cause:
            path, at, found = _place(locate, rml, cause, needle)
        if at:
            text = f"the RML (XML) is not well formed: {words}"
            if not found:
                text += f" (it shows in the RML made from this line: {reason})"
            return TemplateError(text, path=path, line=at)
    lines = rml.splitlines()
    near = f": {lines[line - 1].strip()[:80]}" if 0 < line <= len(lines) else ""
    return TemplateError(
        f"the template produced invalid RML (output line {line}{near}): {words}", path=template
    )
