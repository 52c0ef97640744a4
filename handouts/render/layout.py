"""Page geometry and type sizes for a practice's page size and print size (plain data)."""

from __future__ import annotations

from typing import Any

from handouts.model import PAGE_SIZES as PAGE_SIZES  # the practice.yaml choices
from handouts.model import Practice

# Body 13 pt on a 6.5 in measure gives about 70 characters a line (Clear Print: 60-70).
# Nothing a patient reads is under 12 pt (sources, captions, footer). Large print reflows
# at 18 pt body (the APH guideline), with sources and footer at 14 pt, above the normal
# edition's 13 pt body; nothing is scaled.
_SIZES = {
    False: {"body": 13.0, "leading": 18.5, "small": 12.0, "small_leading": 15.5, "title": 24.0,
            "h2": 17.0, "h3": 14.0, "header": 13.0, "footer": 12.0},
    True: {"body": 18.0, "leading": 25.0, "small": 14.0, "small_leading": 18.5, "title": 30.0,
           "h2": 23.0, "h3": 20.0, "header": 16.0, "footer": 14.0},
}  # fmt: skip


def page_layout(practice: Practice) -> dict[str, Any]:
    """Geometry (points) and sizes a template needs to lay out a page."""
    width, height = PAGE_SIZES[practice.page_size]
    margin = 72.0
    header = 56.0 if not practice.large_print else 64.0
    footer = 46.0
    return {
        "width": width,
        "height": height,
        "margin": margin,
        "header_height": header,
        "footer_height": footer,
        "frame_x": margin,
        "frame_y": footer,
        "frame_width": width - 2 * margin,
        "frame_height": height - header - footer - 14,
        "size": _SIZES[practice.large_print],
        "large_print": practice.large_print,
    }
