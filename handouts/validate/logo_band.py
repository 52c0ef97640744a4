"""Does a logo show on the header band? A warning when most of it is too close to the band
colour (or, with ``plate: white``, to the white plate) to be seen.

What counts: the logo's visible pixels (alpha at least half), each blended onto the
background, against the background itself. A pixel "shows" at 3:1, the WCAG 1.4.11 minimum
for graphics. A logo of which fewer than a quarter of the pixels show is mostly invisible:
a dark-teal logo on a teal band, or a white logo on the white plate.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from handouts.validate.contrast import BORDER_MINIMUM, contrast_ratio, to_hex

PLATE = "#ffffff"
MIN_SHOWING = 0.25  # share of the visible pixels that must reach 3:1
_SAMPLE = 64  # pixels on the longer side: enough to judge, fast in plain Python


def showing_share(path: Path, background: str) -> float:
    """The share of the logo's visible pixels that reach 3:1 against ``background``."""
    stat = path.stat()
    return _showing_share(path, stat.st_mtime_ns, background)


@lru_cache(maxsize=16)
def _showing_share(path: Path, _mtime: int, background: str) -> float:
    from PIL import Image

    back = tuple(int(background[i : i + 2], 16) for i in (1, 3, 5))
    with Image.open(path) as image:
        sample = image.convert("RGBA")
    sample.thumbnail((_SAMPLE, _SAMPLE))
    visible = showing = 0
    raw = sample.tobytes()  # RGBA, 4 bytes a pixel (getdata is deprecated in Pillow 13)
    for i in range(0, len(raw), 4):
        red, green, blue, alpha = raw[i : i + 4]
        if alpha < 128:
            continue
        visible += 1
        a = alpha / 255
        blended = [
            (c * a + b * (1 - a)) / 255 for c, b in zip((red, green, blue), back, strict=True)
        ]
        if contrast_ratio(to_hex(*blended), background) >= BORDER_MINIMUM:
            showing += 1
    return showing / visible if visible else 0.0


def logo_warning(path: Path, band: str, plate: bool) -> str:
    """A warning for a logo that would vanish on its background, or ''."""
    background = PLATE if plate else band
    share = showing_share(path, background)
    if share >= MIN_SHOWING:
        return ""
    percent = round(share * 100)
    if plate:
        return (
            f"{path.name}: only {percent}% of the logo stands out from the white "
            f"plate (3:1 or more); the logo is mostly white: remove `plate: white`, or use "
            "a darker version of the logo"
        )
    return (
        f"{path.name}: only {percent}% of the logo stands out from the header band "
        f"({band}, 3:1 or more), so it will hardly show; put it on a white plate "
        "(in practice.yaml, logo: {file: " + path.name + ", plate: white}), "
        "or choose another colours.band"
    )
