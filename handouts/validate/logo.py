"""A practice's logo: checked to be a real PNG or JPEG inside the practice folder, and
scaled to fit the header band.

The checks run when practice.yaml is loaded, so a bad logo is reported with the other
practice problems (file:line), long before ReportLab would fail on it with a traceback.
"""

from __future__ import annotations

import re
import warnings
from functools import lru_cache
from pathlib import Path
from typing import Any

from handouts.errors import HandoutsError

MAX_BYTES = 10_000_000
MAX_PIXELS = 25_000_000  # a 5000 x 5000 image; a header logo needs far less
MAGIC = {b"\x89PNG\r\n\x1a\n": "PNG", b"\xff\xd8\xff": "JPEG"}
PADDING = 8.0  # points between the logo and the edges of the header band
# Pillow's modes for 16- and 32-bit greyscale: ReportLab draws every such pixel white.
HIGH_DEPTH_GREY = frozenset({"I;16", "I;16B", "I;16L", "I;16N", "I", "F"})
MAX_WIDTH_SHARE = 0.3  # of the page width, so the practice name keeps its room
_URL = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*://|^data:")


class LogoError(HandoutsError):
    """A logo that cannot be used; the message says why and how to fix it."""


def resolve_logo(value: str, root: Path) -> Path:
    """The absolute path of logo ``value`` (relative to ``root``), after every check."""
    if _URL.match(value):
        raise LogoError(
            f"'{value}' is a URL; handouts never fetch files: save the image in the "
            "practice folder and give its file name"
        )
    folder = root.resolve()
    path = (folder / value).resolve()  # also follows symlinks, so a link cannot leave the folder
    if not path.is_relative_to(folder):
        raise LogoError(
            f"'{value}' is outside the practice folder ({root}); copy the image into it"
        )
    if not path.exists():
        raise LogoError(f"'{value}' not found in the practice folder ({root})")
    if not path.is_file():
        raise LogoError(f"'{value}' is not a file")
    size = path.stat().st_size
    if size == 0:
        raise LogoError(f"'{value}' is empty (0 bytes); export the logo again as PNG or JPEG")
    if size > MAX_BYTES:
        raise LogoError(
            f"'{value}' is {size:,} bytes; the limit is {MAX_BYTES:,}: save a smaller image"
        )
    with path.open("rb") as handle:
        head = handle.read(16)
    kind = next((name for magic, name in MAGIC.items() if head.startswith(magic)), None)
    if kind is None:
        raise LogoError(
            f"'{value}' is not a PNG or JPEG image ({_what_it_is(head)}); "
            "export the logo as PNG or JPEG"
        )
    width, height = _checked_pixels(path, value, kind)
    if width * height > MAX_PIXELS:
        raise LogoError(
            f"'{value}' is {width} x {height} pixels ({width * height / 1e6:.1f} megapixels); "
            f"the limit is {MAX_PIXELS / 1e6:.0f} megapixels: save a smaller image"
        )
    return path


_OTHER_FORMATS = {b"GIF8": "a GIF image", b"%PDF": "a PDF", b"BM": "a BMP image",
                  b"II*\x00": "a TIFF image", b"MM\x00*": "a TIFF image"}  # fmt: skip


def _what_it_is(head: bytes) -> str:
    """A few words on what a file that is not PNG or JPEG holds."""
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "it is a WebP image"
    for magic, name in _OTHER_FORMATS.items():
        if head.startswith(magic):
            return f"it is {name}"
    try:
        head.decode("utf-8")
    except UnicodeDecodeError:
        return "its format is unknown"
    return "the file holds text"


def _checked_pixels(path: Path, value: str, kind: str) -> tuple[int, int]:
    """Pixel size, after Pillow has decoded the whole image (a truncated file fails here)."""
    from PIL import Image, ImageFile

    # WeasyPrint, once imported (--tagged-pdf), tells Pillow to accept truncated images for
    # the whole process: a half-written logo must still be refused here.
    lenient, ImageFile.LOAD_TRUNCATED_IMAGES = ImageFile.LOAD_TRUNCATED_IMAGES, False
    try:
        with warnings.catch_warnings():
            # Pillow warns about (and then refuses) decompression bombs; both mean "too big".
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as image:
                width, height = image.size
                if width * height > MAX_PIXELS:
                    return width, height
                image.load()
                deep = image.mode in HIGH_DEPTH_GREY
    except (Image.DecompressionBombWarning, Image.DecompressionBombError) as exc:
        raise LogoError(
            f"'{value}' is too large to open safely; the limit is "
            f"{MAX_PIXELS / 1e6:.0f} megapixels: save a smaller image"
        ) from exc
    except (OSError, SyntaxError, ValueError) as exc:  # Pillow's ways of saying "broken file"
        raise LogoError(
            f"'{value}' starts like a {kind} image but cannot be read ({exc}); "
            "export the logo again"
        ) from exc
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = lenient
    if deep:
        raise LogoError(
            f"'{value}' is a 16-bit greyscale image, which would print as plain white; "
            "save it as an 8-bit PNG (or a JPEG) and try again"
        )
    return width, height


def _pixel_size(path: Path) -> tuple[int, int]:
    stat = path.stat()  # keyed on the file's state too: a logo replaced during a preview
    return _pixel_size_of(path, stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=16)
def _pixel_size_of(path: Path, _mtime: int, _size: int) -> tuple[int, int]:
    from PIL import Image

    with Image.open(path) as image:
        return image.size


def logo_box(path: Path, page_layout: dict[str, Any]) -> dict[str, Any]:
    """Where a template draws the logo: its absolute file name and a size that fits the
    header band (aspect ratio kept), in points."""
    width_px, height_px = _pixel_size(path)
    max_height = float(page_layout["header_height"]) - 2 * PADDING
    max_width = float(page_layout["width"]) * MAX_WIDTH_SHARE
    scale = min(max_width / width_px, max_height / height_px)
    return {
        "file": str(path),
        "width": round(width_px * scale, 2),
        "height": round(height_px * scale, 2),
    }
