"""``handouts init DIR``: a new practice folder with a commented practice.yaml (every
declared field, with its default and help), a templates/ folder holding one commented
example override, and a short README. It never overwrites: an existing practice.yaml is an error."""

from __future__ import annotations

import textwrap
from pathlib import Path

from handouts.errors import HandoutsError
from handouts.model import Practice
from handouts.output.write import write_atomic
from handouts.pipeline.build import builtin_content
from handouts.pipeline.template_docs import EXAMPLE, block_names
from handouts.validate.extras import slugify
from handouts.validate.practice import PRACTICE_FILE
from handouts.validate.practice_docs import yaml_lines

TEMPLATE_EXAMPLE = Path("templates") / "handout.rml.j2"

PRACTICE_HEADER = """\
# practice.yaml: how `handouts` prints handouts for your practice.
# Every field is here with its default value; change what you need. A line that starts
# with # is a comment. Put text with a colon (:) or a # in it in "quotes".
# Try your changes:  handouts build --practice @FOLDER@ --all   (PDFs go to out/@SLUG@/)
"""

TEMPLATE_HEAD = """\
{#- A template override. This file takes the place of the built-in handout.rml.j2 for
    this practice, but starts from it: the "extends" line below takes everything from the
    built-in template, and each {% block %} you add replaces just that part.

    Blocks you can replace (`handouts templates` lists each one with the variables it
    can use, and `handouts templates handout.rml.j2 header` prints one to start from):
@BLOCKS@

    Rules (a build that breaks one fails with a message naming this file):
    - the opioid warning and the off-label section must still print, word for word;
    - no plugInFlowable or plugInGraphic (they would run Python code);
    - no files outside this practice folder, and no URLs.
    Delete this file to use the built-in template unchanged. -#}
{% extends "builtin/handout.rml.j2" %}
{#- Example: a white header, the practice name in your primary colour, the phone number
    on the right and a coloured rule below. To use it, delete the two lines around it:
    the line "{#- EXAMPLE" and the line that starts with "END OF EXAMPLE". -#}
{#- EXAMPLE
"""


def template_text() -> str:
    """The example override: the block list and the worked example from the templates'
    own documentation (pipeline.template_docs), so the three never disagree."""
    blocks = textwrap.fill(
        ", ".join(block_names(TEMPLATE_EXAMPLE.name)) + ".",
        width=88,
        initial_indent="    ",
        subsequent_indent="    ",
        break_on_hyphens=False,
    )
    example = EXAMPLE.split("\n", 1)[1]  # without its extends line, which is above
    return TEMPLATE_HEAD.replace("@BLOCKS@", blocks) + example + "END OF EXAMPLE -#}\n"


README = """\
# @NAME@: practice folder for `handouts`

- `practice.yaml`: who you are, your look, your clinic set, your protocol and contacts.
  Every field is listed with its default and a comment.
- `templates/handout.rml.j2`: a template override. As made, it changes nothing; it holds
  a commented example that gives the page a different header.
- Put your logo (PNG or JPEG) in this folder and name it in `logo:`.
- Optional: `content/conditions/<slug>.yaml` adds a condition of your own, or overrides
  fields of a built-in one with the same name (mappings merge, lists and text replace).

Build the clinic set (PDFs go to `out/@SLUG@/`):

    handouts build --practice @FOLDER@ --all

A mistake in `practice.yaml` stops the build with `file:line: field: what is wrong`,
every problem at once. The opioid warning and the off-label section print in every
handout: they cannot be hidden, and a template that drops them is refused.
"""


class ScaffoldError(HandoutsError):
    """``handouts init`` would overwrite files."""


def _fill(text: str, values: dict[str, str]) -> str:
    """Put in the values."""
    for name, value in values.items():
        text = text.replace(f"@{name}@", value)
    return text


def practice_files(folder: Path) -> dict[Path, str]:
    """The files ``init`` writes into ``folder``, by path, with their text. practice.yaml
    is written from the declared fields (model/settings.py): every field, its default and
    its help."""
    slug = slugify(folder.absolute().name) or "practice"
    content = builtin_content(Practice().language)
    values = {
        "NAME": " ".join(word.capitalize() for word in slug.split("-")),
        "SLUG": slug,
        "FOLDER": str(folder),
    }
    sections = textwrap.fill(
        "the sections: " + ", ".join(s.id for s in content.sections),
        width=76,
        subsequent_indent="#   ",
        break_on_hyphens=False,
    )
    practice_yaml = "\n".join(
        yaml_lines(
            values={"name": values["NAME"], "slug": slug}, notes={"extra_sections": sections}
        )  # fmt: skip
    )
    return {
        folder / PRACTICE_FILE: _fill(PRACTICE_HEADER, values) + practice_yaml + "\n",
        folder / TEMPLATE_EXAMPLE: template_text(),
        folder / "README.md": _fill(README, values),
    }


def init_practice(folder: Path) -> list[Path]:
    """Write a new practice folder; refuse if any of its files exists. Returns the paths."""
    if folder.exists() and not folder.is_dir():
        raise ScaffoldError(f"{folder}: is a file, not a folder; choose another name")
    files = practice_files(folder)
    existing = [str(path) for path in files if path.exists()]
    if existing:
        verb = "exists" if len(existing) == 1 else "exist"
        raise ScaffoldError(
            f"{', '.join(existing)} already {verb}; `handouts init` never overwrites. "
            "Edit the practice as it is, or choose a new folder"
        )
    for path, text in files.items():
        write_atomic(path, text.encode("utf-8"))
    return list(files)
