"""Images at print resolution: a logo is reduced to 300 ppi at the size it prints, and
ReportLab is handed the reduced copy instead of the file the template names.

A 2000 x 2000 logo printed 0.56 inch square holds 13 times the pixels a printer can use;
embedding it made one handout 6.85 MB and 4.4 s (bench/RESULTS.md). The reduced copy is
made in memory (only the write stage writes files) and once per process per logo.
"""

from __future__ import annotations

import io
import math
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

PRINT_PPI = 300
# Reduce only an image with more than 1.5 times the pixels 300 ppi needs: resampling one
# that is nearly right costs sharpness and saves little.
REDUCE_ABOVE = 1.5
JPEG_QUALITY = 90


@dataclass(frozen=True)
class PrintImage:
    """An image as it goes into the PDF, and what was done to it (for the build output)."""

    path: Path
    data: bytes
    kind: str  # "png" | "jpeg"
    source_pixels: tuple[int, int]
    pixels: tuple[int, int]
    inches: tuple[float, float]  # printed width and height

    @property
    def reduced(self) -> bool:
        """Whether the image was downsampled."""
        return self.pixels != self.source_pixels

    def describe(self) -> str:
        """One line for the build output, e.g. 'logo.png: 2000 x 2000 pixels, printed at
        0.56 x 0.56 in, reduced to 167 x 167 pixels (300 ppi) for print (8.9 MB -> 41 kB)'."""
        (sw, sh), (w, h), (iw, ih) = self.source_pixels, self.pixels, self.inches
        size = self.path.stat().st_size
        if not self.reduced:
            ppi = round(sw / iw) if iw else 0
            return f"{self.path.name}: {sw} x {sh} pixels, printed at {ppi} ppi (used as it is)"
        return (
            f"{self.path.name}: {sw} x {sh} pixels, printed at {iw:.2f} x {ih:.2f} in, "
            f"reduced to {w} x {h} pixels ({PRINT_PPI} ppi) for print "
            f"({_bytes(size)} -> {_bytes(len(self.data))})"
        )


def _bytes(count: int) -> str:
    return f"{count / 1e6:.1f} MB" if count >= 1e6 else f"{max(count // 1000, 1)} kB"


def print_image(path: Path, width_pt: float, height_pt: float) -> PrintImage:
    """``path`` (a checked PNG or JPEG) for printing ``width_pt`` x ``height_pt`` points."""
    stat = path.stat()
    return _print_image(path, stat.st_mtime_ns, stat.st_size, width_pt, height_pt)


@lru_cache(maxsize=8)
def _print_image(
    path: Path, _mtime: int, _size: int, width_pt: float, height_pt: float
) -> PrintImage:
    from PIL import Image

    inches = (width_pt / 72, height_pt / 72)
    need = (math.ceil(inches[0] * PRINT_PPI), math.ceil(inches[1] * PRINT_PPI))
    data = path.read_bytes()
    with Image.open(io.BytesIO(data)) as image:
        kind = "jpeg" if image.format == "JPEG" else "png"
        source = image.size
        if source[0] <= need[0] * REDUCE_ABOVE and source[1] <= need[1] * REDUCE_ABOVE:
            return PrintImage(path, data, kind, source, source, inches)
        scale = max(need[0] / source[0], need[1] / source[1])  # both sides reach 300 ppi
        size = (max(1, round(source[0] * scale)), max(1, round(source[1] * scale)))
        full: Image.Image = image
        if image.mode == "P":  # a palette resamples badly: give it full colour first
            full = image.convert("RGBA" if "transparency" in image.info else "RGB")
        elif image.mode not in ("RGB", "RGBA", "L", "LA", "CMYK"):
            full = image.convert("RGBA")
        small = full.resize(size, Image.Resampling.LANCZOS)
        out = io.BytesIO()
        if kind == "jpeg":
            small.save(out, "JPEG", quality=JPEG_QUALITY)
        else:
            small.save(out, "PNG")
    return PrintImage(path, out.getvalue(), kind, source, size, inches)


@contextmanager
def substituted(images: dict[str, bytes]) -> Iterator[None]:
    """While laying out, reading one of ``images`` (absolute path -> bytes) gives the print
    copy. z3c.rml opens every image file through ReportLab's ``open_for_read``."""
    if not images:
        yield
        return
    from reportlab.lib import utils

    original = utils.open_for_read

    def open_for_read(name: object, mode: str = "b") -> object:
        if isinstance(name, str) and name in images:
            return io.BytesIO(images[name])
        return original(name, mode)

    utils.open_for_read = open_for_read
    try:
        yield
    finally:
        utils.open_for_read = original
