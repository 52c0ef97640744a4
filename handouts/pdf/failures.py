"""ReportLab's failures in plain words: what went wrong with which element, and how to fix it.

ReportLab and z3c.rml word their errors for programmers (``<Table@0x7F6E... 1 rows x 1
cols> with cell(0,0) containing 'one' data error - 1 rows in data but 2 row heights``).
Each failure a practice template can cause is said here the way a clinic can act on it;
pdf/sourcelines.py says which RML element it was, and the pipeline turns that into the
template file and line.
"""

from __future__ import annotations

import re
from typing import Any

from handouts.pdf.sourcelines import TooWide

KINDS = {
    "blockTable": "table",
    "para": "paragraph",
    "illustration": "drawing",
    "spacer": "spacer",
    "keepTogether": "keepTogether group",
    "image": "image",
    "condPageBreak": "condPageBreak",
}

_NARROWER = {
    "blockTable": "make its columns narrower (colWidths=), or leave colWidths out",
    "illustration": "make it narrower (width=)",
}
# ReportLab's LayoutError quotes the start of the paragraph that did not fit.
_TOO_LARGE_TEXT = re.compile(r"Paragraph at 0x[0-9a-fA-F]+>(?P<text>.*?)'\(", re.DOTALL)
_OBJECT = re.compile(r"<\w+(?:@| at )0x[0-9a-fA-F]+[^>]*>(?:\.\.\.)?(?: with cell\(\d+,\d+\) "
                     r"containing\s*'.*?')?", re.DOTALL)  # fmt: skip
_FILE_INFO = re.compile(r"\s*\(file [^()]*, line \d+\)")
# (pattern of ReportLab's words, what it means and how to fix it); {0}, {1}: the groups.
_KNOWN = (
    (re.compile(r"data error - (\d+) rows in data but (\d+) row heights"),
     "it has {0:row} but rowHeights gives {1:height}; give one height per row, or leave "
     "rowHeights out"),
    (re.compile(r"data error - (\d+) columns in data but (\d+) column widths"),
     "it has {0:column} but colWidths gives {1:width}; give one width per column"),
    (re.compile(r"must have at least a row and column"),
     "it has no rows; give it at least one <tr> with a <td>, or leave the table out"),
    (re.compile(r"negative availWidth"),
     "a column is narrower than its cell padding; make it wider in colWidths"),
    (re.compile(r"too wide for cell"),
     "something in one of its cells is wider than its column; make the column wider in "
     "colWidths, or what is in it narrower"),
    (re.compile(r"Style '([^']*)' could not be found"),
     'it names the paragraph style "{0}", which the stylesheet does not define; use a style '
     'the stylesheet defines, or define it in the stylesheet block (<paraStyle name="{0}" '
     "... />)"),
)  # fmt: skip


class _Number(str):
    """A number from ReportLab's words; ``{0:row}`` formats it as "1 row", "2 rows"."""

    def __format__(self, noun: str) -> str:
        return _count(self, noun) if noun else str(self)


def kind(tag: str) -> str:
    """What a clinic calls the element: 'table' for <blockTable>."""
    return KINDS.get(tag, f"<{tag}> element")


def plain(text: str) -> str:
    """ReportLab's words without its object names, z3c.rml's RML places and line breaks."""
    return " ".join(_FILE_INFO.sub("", _OBJECT.sub("", text)).split()).strip(" :.-")


def _begins(text: str) -> str:
    match = _TOO_LARGE_TEXT.search(text)
    return f' (it begins "{" ".join(match["text"].split())[:60]}")' if match else ""


def unplaced(exc: Exception) -> str:
    """The message when no element is known: the handout as a whole."""
    if isinstance(exc, TooWide):
        return (
            f"something is {exc.width:.0f} points wide and a page has room for "
            f"{exc.room:.0f} points; it would print past the edge of the page"
        )
    text = str(exc)
    if "too large on page" in text:
        return (
            "a box or table cell is taller than a page and cannot be split across pages"
            f"{_begins(text)}; shorten that text or split it into several items"
        )
    return f"ReportLab could not lay out the handout: {plain(text)}"


def _too_tall(tag: str, flowable: Any, room: float, begins: str) -> str:
    """Why a flowable that no page can hold does not fit, and what to change."""
    if tag == "blockTable":
        rows = [float(h) for h in getattr(flowable, "_rowHeights", None) or () if h]
        repeated = int(getattr(flowable, "repeatRows", 0) or 0)
        if rows and max(rows) <= room and repeated:
            return (
                f'the rows it repeats at the top of every page (repeatRows="{repeated}") and '
                f"the next row{begins} do not fit on a page together (a page has room for "
                f"{room:.0f} points); make those rows shorter, or leave repeatRows out"
            )
        tallest = f" is {max(rows):.0f} points tall and" if rows else ""
        return (
            f"a row of it{begins}{tallest} does not fit on a page (a page has room for "
            f"{room:.0f} points), and a row cannot be split across pages; put less in that "
            "row (or give it a smaller height in rowHeights), or split it into several rows"
        )
    height = getattr(flowable, "height", None) or getattr(flowable, "_height", None)
    size = f"it{begins} is {float(height):.0f} points tall and " if height else ""
    fix = {
        "illustration": "make it less tall (height=)",
        "spacer": "make it shorter (length=)",
        "para": "a paragraph splits only between lines: use a smaller fontSize and leading",
    }.get(tag, "make it shorter, or split it into several")
    return f"{size}a page has room for {room:.0f} points, and it cannot be split; {fix}"


def _count(number: int | str, noun: str) -> str:
    return f"{number} {noun}" if int(number) == 1 else f"{number} {noun}s"


def explain(exc: Exception, tag: str, flowable: Any, room: float) -> str:
    """What went wrong with element ``tag`` (``flowable``: what ReportLab made of it, if
    known; ``room``: the height of the frame that could not take it)."""
    text = str(exc)
    start = f"ReportLab could not lay out this {kind(tag)}: "
    if isinstance(exc, TooWide):
        fix = _NARROWER.get(tag, "make it narrower")
        return (
            f"{start}it is {exc.width:.0f} points wide and a page has room for "
            f"{exc.room:.0f} points, so it would print past the edge of the page; {fix}"
        )
    if "too large on page" in text and flowable is not None:
        return start + _too_tall(tag, flowable, room, _begins(text))
    if "Splitting error" in text:
        return start + "it could not be split across pages; make it shorter, or split it"
    for pattern, words in _KNOWN:
        match = pattern.search(text)
        if match:
            return start + words.format(*(_Number(g) for g in match.groups()))
    return (
        f"{start}{plain(text)}; compare it with the same kind of element in the built-in template"
    )
