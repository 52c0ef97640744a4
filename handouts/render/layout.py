"""Page geometry and type sizes for a practice's page size and print size (plain data)."""

from __future__ import annotations

from typing import Any

from handouts.model import EVIDENCE_LEVELS, EVIDENCE_STEPS, Practice

PAGE_SIZES = {"letter": (612.0, 792.0), "a4": (595.28, 841.89)}

# Body 13 pt on a 6.5 in measure gives about 70 characters a line (Clear Print: 60-70).
# Large print reflows at 16 pt body with the same margins; nothing is scaled.
_SIZES = {
    False: {"body": 13.0, "leading": 18.5, "small": 10.5, "small_leading": 13.5, "title": 24.0,
            "h2": 17.0, "h3": 14.0, "header": 13.0, "footer": 10.0},
    True: {"body": 16.0, "leading": 23.0, "small": 13.0, "small_leading": 17.0, "title": 28.0,
           "h2": 21.0, "h3": 17.5, "header": 15.0, "footer": 12.0},
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


def evidence_scale(level: str) -> dict[str, Any]:
    """How many of the scale's steps a level fills."""
    return {"level": level, "filled": EVIDENCE_LEVELS[level], "steps": EVIDENCE_STEPS}
