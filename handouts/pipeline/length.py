"""The length rule of an edition: a page limit, each side whole, the warning on one page.

An edition's template marks where its back side starts (bookmark ``back``) and where the
opioid warning starts and ends (``opioid-warning`` and ``opioid-warning-end``); the PDF
stage records on which page each mark landed and how far down each page's frame was
filled. From that this module says whether the handout fits, and if not, which side
overflows and by how many points: the type is never made smaller to make it fit.
"""

from __future__ import annotations

from handouts.editions import Edition
from handouts.errors import BuildError
from handouts.pdf.document import PdfLayout

LINE = 15.0  # points a body line takes in the summary (12 pt type): for "about N lines"


def _spill(used: tuple[float, ...], first: int, last: int, allowed: int, height: float) -> float:
    """Points of text on the pages of one side beyond its ``allowed`` pages."""
    pages = used[first - 1 : last]
    if len(pages) <= allowed:
        return 0.0
    # The full pages past the allowance, plus what the last one holds.
    return sum(min(p, height) for p in pages[allowed:])


def overflow(laid: PdfLayout, limit: int) -> list[tuple[str, float]]:
    """(side, points over) for each side of a sheet-based layout that does not fit."""
    back = laid.marks.get("back", laid.pages + 1)
    per_side = max(1, limit // 2)
    over = []
    front = _spill(laid.page_used, 1, back - 1, per_side, laid.frame_height)
    if front:
        over.append(("front", front))
    if back <= laid.pages:
        rest = _spill(laid.page_used, back, laid.pages, per_side, laid.frame_height)
        if rest:
            over.append(("back", rest))
    return over


def check_length(slug: str, edition: Edition, laid: PdfLayout, large_print: bool) -> None:
    """Refuse a handout longer than its edition allows, or with the warning split."""
    limit = edition.page_limit(large_print)
    sheets = limit // 2
    sheet_words = f"{sheets} sheet{'s' if sheets > 1 else ''}, front and back"
    if laid.pages > limit:
        sides = overflow(laid, limit) or [("back", laid.page_used[-1] if laid.page_used else 0)]
        parts = []
        for side, points in sides:
            lines = max(1, round(points / LINE))
            parts.append(f"the {side} by {points:.0f} pt (about {lines} line"
                         f"{'s' if lines != 1 else ''})")  # fmt: skip
        raise BuildError(
            f"{slug}: the {edition.name} must fit on {sheet_words} ({limit} pages), but it "
            f"needs {laid.pages}: {' and '.join(parts)} too long. Shorten the text; the "
            "type is never made smaller"
        )
    start = laid.marks.get("opioid-warning")
    end = laid.marks.get("opioid-warning-end")
    # In large print (18 pt) the warning is longer than any page: it may run on to the
    # second page of the back sheet, never further and never onto the front.
    spread = 1 if large_print else 0
    back = laid.marks.get("back")
    if start is None or end is None or start != back or end - start > spread:
        where = (
            "is not marked" if start is None or end is None else f"runs over pages {start}-{end}"
        )
        raise BuildError(
            f"{slug}: the opioid warning must print whole on one page, but it {where}; "
            "shorten the text around it"
        )
