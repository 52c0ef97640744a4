"""Colour contrast (WCAG 2): check a practice's brand colours, and suggest a shade that passes.

Which colour is drawn on which, in the built-in template:
- ``primary``: the title and headings on the white page, and white header text on a
  ``primary`` band, so it needs 4.5:1 against white;
- ``text``: body text on white, and on ``accent`` (the key points box, table headers);
- ``band_text``: the practice name on the header ``band`` (the primary colour unless the
  practice gives ``band``), 13 pt bold, so it needs 4.5:1 against the band;
- ``warning``: the border of the opioid warning box on its light grey background. A border
  is not text: WCAG 1.4.11 asks 3:1 for it.
A failing colour is reported with the nearest shade (same hue and saturation, lightness
moved in small steps) that passes against every background it is used on.
"""

from __future__ import annotations

import colorsys
import re
from dataclasses import dataclass

from handouts.model import Colours

WHITE = "#ffffff"
WARNING_BOX = "#f0f0f0"  # the warning box background in templates/handout.rml.j2
TEXT_MINIMUM = 4.5  # WCAG 1.4.3 (AA), normal-size text
BORDER_MINIMUM = 3.0  # WCAG 1.4.11, graphical objects
HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
_STEP = 0.005  # lightness step when looking for a passing shade


def rgb(colour: str) -> tuple[float, float, float]:
    """'#rrggbb' as three channels from 0 to 1."""
    value = colour.lstrip("#")
    return (int(value[0:2], 16) / 255, int(value[2:4], 16) / 255, int(value[4:6], 16) / 255)


def to_hex(red: float, green: float, blue: float) -> str:
    """Three channels from 0 to 1 as '#rrggbb'."""
    return "#" + "".join(f"{round(min(max(c, 0.0), 1.0) * 255):02x}" for c in (red, green, blue))


def relative_luminance(colour: str) -> float:
    """WCAG relative luminance of an sRGB colour, from 0 (black) to 1 (white)."""

    def linear(channel: float) -> float:
        return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(c) for c in rgb(colour))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_ratio(first: str, second: str) -> float:
    """WCAG contrast ratio of two colours, from 1 to 21 (order does not matter)."""
    light, dark = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def nearest_passing(colour: str, backgrounds: tuple[str, ...], minimum: float) -> str:
    """The shade of ``colour`` closest in lightness that reaches ``minimum`` on every background."""
    hue, lightness, saturation = colorsys.rgb_to_hls(*rgb(colour))
    for step in range(1, int(1 / _STEP) + 1):
        for direction in (-1, 1):  # darker first: most backgrounds here are light
            candidate_lightness = lightness + direction * step * _STEP
            if not 0.0 <= candidate_lightness <= 1.0:
                continue
            candidate = to_hex(*colorsys.hls_to_rgb(hue, candidate_lightness, saturation))
            if all(contrast_ratio(candidate, bg) >= minimum for bg in backgrounds):
                return candidate
    return "#000000"


@dataclass(frozen=True)
class ContrastProblem:
    """A brand colour that fails its contrast check, with a shade that would pass."""

    field: str  # primary | accent | text | warning | band
    message: str


def _failure(
    field: str, colour: str, against: str, what: str, minimum: float, suggestion: str
) -> ContrastProblem:
    ratio = contrast_ratio(colour, against)
    return ContrastProblem(
        field,
        f"'{colour}' has a contrast ratio of {ratio:.2f}:1 with {what} ({against}); "
        f"it needs at least {minimum:g}:1 (WCAG AA). "
        f"The nearest shade that passes is '{suggestion}'",
    )


def check_colours(colours: Colours) -> list[ContrastProblem]:
    """Every brand colour that fails its contrast check (valid '#rrggbb' values assumed)."""
    problems = []
    if contrast_ratio(colours.primary, WHITE) < TEXT_MINIMUM:
        suggestion = nearest_passing(colours.primary, (WHITE,), TEXT_MINIMUM)
        problems.append(
            _failure("primary", colours.primary, WHITE, "white", TEXT_MINIMUM, suggestion)
        )
    if contrast_ratio(colours.text, WHITE) < TEXT_MINIMUM:
        suggestion = nearest_passing(colours.text, (WHITE, colours.accent), TEXT_MINIMUM)
        problems.append(_failure("text", colours.text, WHITE, "white", TEXT_MINIMUM, suggestion))
    elif contrast_ratio(colours.text, colours.accent) < TEXT_MINIMUM:
        # The text colour is fine on the page, so the accent background is too dark.
        suggestion = nearest_passing(colours.accent, (colours.text,), TEXT_MINIMUM)
        problems.append(
            _failure(
                "accent",
                colours.accent,
                colours.text,
                "the text colour",
                TEXT_MINIMUM,
                suggestion,
            )
        )
    band = _band_problem(colours)
    if band is not None:
        problems.append(band)
    if contrast_ratio(colours.warning, WARNING_BOX) < BORDER_MINIMUM:
        suggestion = nearest_passing(colours.warning, (WARNING_BOX,), BORDER_MINIMUM)
        problems.append(
            _failure(
                "warning",
                colours.warning,
                WARNING_BOX,
                "the warning box background",
                BORDER_MINIMUM,
                suggestion,
            )
        )
    return problems


def _band_problem(colours: Colours) -> ContrastProblem | None:
    """The band and the name on it, if they are too close: either may be changed, so the
    message gives a passing band for this text colour and a passing text for this band."""
    ratio = contrast_ratio(colours.band_text, colours.band)
    if colours.band == colours.primary and colours.band_text == WHITE:
        return None  # the primary check (4.5:1 with white) is this same check
    if ratio >= TEXT_MINIMUM:
        return None
    band = nearest_passing(colours.band, (colours.band_text,), TEXT_MINIMUM)
    text = nearest_passing(colours.band_text, (colours.band,), TEXT_MINIMUM)
    return ContrastProblem(
        "band",
        f"the practice name in '{colours.band_text}' (band_text) on the header band "
        f"'{colours.band}' has a contrast ratio of {ratio:.2f}:1; it needs at least "
        f"{TEXT_MINIMUM:g}:1 (WCAG AA). The nearest band that passes is '{band}', "
        f"or keep the band and set band_text to '{text}'",
    )
