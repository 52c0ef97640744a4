"""The practice logo through the pipeline: its print box, the reduced copy the PDF and
the HTML embed, and the lines the build output says about it."""

from __future__ import annotations

from typing import Any

from handouts.model import Practice, Project
from handouts.pdf.images import PrintImage, print_image
from handouts.render import layout


def logo_context(practice: Practice) -> dict[str, Any] | None:
    """What a template gets as ``logo``: file, width, height (points) and plate (bool)."""
    if practice.logo is None:
        return None
    from handouts.validate.logo import logo_box

    box = logo_box(practice.logo, layout.page_layout(practice))
    box["plate"] = practice.logo_plate
    return box


def print_logo(practice: Practice) -> PrintImage | None:
    """The logo at 300 ppi for its printed size (the file itself if it is not larger)."""
    box = logo_context(practice)
    if practice.logo is None or box is None:
        return None
    return print_image(practice.logo, box["width"], box["height"])


def print_images(practice: Practice) -> dict[str, bytes]:
    """Absolute file name -> the bytes to embed instead, for images that were reduced."""
    image = print_logo(practice)
    if image is None or not image.reduced:
        return {}
    return {str(image.path): image.data}


def logo_notes(project: Project) -> list[str]:
    """What a build says about the logo: its print resolution, and a warning if it would
    hardly show on the band (see validate/logo_band.py)."""
    practice = project.practice
    image = print_logo(practice)
    if practice.logo is None or image is None:
        return []
    warning = vanishing_logo(project)
    return [image.describe()] + ([f"warning: {warning}"] if warning else [])


def vanishing_logo(project: Project) -> str:
    """The warning for a logo that would hardly show on its band (or plate), or ''
    (``check`` reports it as ``build`` prints it)."""
    practice = project.practice
    if practice.logo is None:
        return ""
    from handouts.validate.logo_band import logo_warning

    return logo_warning(practice.logo, practice.colours.band, practice.logo_plate)


def font_notes(project: Project) -> list[str]:
    """What a build says about a practice's own font that lacks a face: the words set in
    it (italic: the journal names in the references) print in the nearest face given."""
    from handouts.pdf.fonts import missing_faces

    gaps = missing_faces(project.practice.font)
    if not gaps:
        return []
    fields = " and ".join(g.replace(" ", "_") + ":" for g in gaps)
    return [
        f"font: no {' or '.join(gaps)} file, so text meant to be in {' or '.join(gaps)} "
        f"(the journal names in the references) prints upright; add {fields} under font: in "
        "practice.yaml to print it"
    ]


def build_notes(project: Project, edition_note: str) -> list[str]:
    """Lines a build or html command prints first: the edition note, then the logo's and
    the font's."""
    return ([edition_note] if edition_note else []) + logo_notes(project) + font_notes(project)
