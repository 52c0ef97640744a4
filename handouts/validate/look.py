"""The look fields of ``practice.yaml``: the logo (and its white plate) and the brand
colours, each colour checked for contrast where it is printed (contrast.py)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from handouts.model import Colours
from handouts.text.yamlfile import Key
from handouts.validate.contrast import HEX_COLOUR, check_colours
from handouts.validate.logo import LogoError, resolve_logo
from handouts.validate.schema import FieldReader

COLOUR_FIELDS = tuple(f.name for f in dataclasses.fields(Colours))


def logo(r: FieldReader, root: Path) -> tuple[Path | None, bool]:
    """The logo file, and whether it sits on a white plate: ``logo: logo.png``, or
    ``logo: {file: logo.png, plate: white}`` for a logo that would vanish on the band."""
    key: Key = ("logo",)
    plate = False
    if isinstance(r.raw(key), dict):
        r.mapping(key, required=("file",), optional=("plate",))
        plate = r.choice(("logo", "plate"), ("white", "none"), default="none") == "white"
        key = ("logo", "file")
    value = r.text(key, required=False)
    if not value:
        return None, False
    try:
        return resolve_logo(value, root), plate
    except LogoError as exc:
        r.add(key, str(exc))
        return None, False


def colours(r: FieldReader) -> Colours:
    r.mapping(("colours",), optional=COLOUR_FIELDS)
    values: dict[str, str] = {}
    all_valid = True
    for name in COLOUR_FIELDS:
        key: Key = ("colours", name)
        if not r.has(key):
            continue
        value = r.raw(key)
        if value is None:
            r.add(key, 'no colour given; write it in quotes, e.g. "#1f4e79" '
                  "(in YAML an unquoted # starts a comment)")  # fmt: skip
        elif not isinstance(value, str) or not HEX_COLOUR.match(value.strip()):
            r.add(key, f'\'{value}\' is not a colour; write it as "#rrggbb", e.g. "#1f4e79"')
        else:
            values[name] = value.strip().lower()
            continue
        all_valid = False
    colours = Colours(**{"band": values.get("primary", Colours.primary), **values})
    if all_valid:
        for problem in check_colours(colours):
            # A band problem points at the line the practice wrote: band, else band_text.
            field = problem.field
            if field == "band" and "band" not in values:
                field = "band_text"
            r.add(("colours", field), problem.message)
    return colours
