"""A QR code as rows of dark runs, encoded once per address.

ReportLab's QR widget encodes its text again every time it is drawn (about 17 ms each,
design.md). A template draws these runs as rectangles instead, so each address is
encoded once per process however many pages print it.
"""

from __future__ import annotations

from functools import lru_cache

QUIET_ZONE = 4  # modules of white around the code (the QR standard's minimum)


@lru_cache(maxsize=64)
def qr_runs(text: str) -> tuple[int, tuple[tuple[int, int, int], ...]]:
    """(modules per side including the quiet zone, (column, row-from-bottom, length) runs)."""
    from reportlab.graphics.barcode import qr

    widget = qr.QrCodeWidget(text, barLevel="M")
    code = widget.qr
    code.make()
    count = code.getModuleCount()
    size = count + 2 * QUIET_ZONE
    runs: list[tuple[int, int, int]] = []
    for r, row in enumerate(code.modules):
        y = size - 1 - (r + QUIET_ZONE)
        start = -1
        for c, dark in enumerate([*row, False]):
            if dark and start < 0:
                start = c
            elif not dark and start >= 0:
                runs.append((start + QUIET_ZONE, y, c - start))
                start = -1
    return size, tuple(runs)
