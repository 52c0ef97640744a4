"""A practice folder's ``practice.yaml``: validated, every problem at once, file:line.
Its fields are declared once, on the model (model/settings.py), and read by
practice_fields.py; the practice's own condition files are checked at the same time
(overrides.py)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from handouts.errors import ContentError, Problem
from handouts.model import ContentSet, Practice, field_names
from handouts.text.lang import select_language
from handouts.text.safe_files import check_practice_folder
from handouts.text.yamlfile import load_yaml_file
from handouts.validate.extras import MAX_EXTRA_SECTIONS
from handouts.validate.overrides import practice_conditions
from handouts.validate.practice_fields import (
    PRACTICE,
    Reading,
    available_languages,
    read_protocol,
)
from handouts.validate.schema import FieldReader
from handouts.validate.template_words import check_template_words
from handouts.validate.words import PRINTED_FIELDS, check_words

__all__ = ["PRACTICE_FIELDS", "PRACTICE_FILE", "available_languages", "load_practice",
           "read_protocol"]  # fmt: skip

PRACTICE_FILE = "practice.yaml"
PRACTICE_FIELDS = field_names(Practice)


def load_practice(
    folder: Path, content_for: Callable[[str], ContentSet], language: str | None = None
) -> Practice:
    """Read and check ``<folder>/practice.yaml`` and its condition files: one ContentError
    lists every problem (file:line: field: message); unsafe files are refused first.

    ``content_for(language)`` gives the validated built-in content the practice is
    checked against (its clinic set, hidden and extra sections). ``language`` prints in
    another language than the file's own ``language:``; the practice's own words must then
    be given in it (see text.lang.select_language)."""
    source = folder / PRACTICE_FILE
    if not folder.is_dir():
        raise ContentError(
            [Problem(str(folder), 0, 0, "", "no such practice folder; make one with "
                     f"`handouts init {folder}`")]
        )  # fmt: skip
    if not source.is_file():
        raise ContentError(
            [Problem(str(source), 0, 0, "", f"file not found; `handouts init {folder}` makes one")]
        )
    check_practice_folder(folder, source)
    doc, _, problems = select_language(load_yaml_file(source, str(source)), language)
    r = FieldReader(doc, problems)
    if not isinstance(doc.data, dict):
        r.add((), "expected a mapping of fields such as name: and phone:")
        raise ContentError(problems)
    required = tuple(f.name for f in PRACTICE if f.setting.required)
    r.mapping((), required=required, optional=[n for n in PRACTICE_FIELDS if n not in required])
    reading = Reading(r, folder.absolute(), content_for)
    practice = Practice(**reading.read_all(), root=reading.root, source=str(source))
    content = reading.content
    # Its own words: no invisible characters, no forbidden claims (by meaning).
    extras = doc.data.get("extra_sections")
    too_many = isinstance(extras, list) and len(extras) > MAX_EXTRA_SECTIONS  # said once
    fields = [f for f in PRINTED_FIELDS if not (too_many and f == "extra_sections")]
    check_words(doc, content.forbidden, problems, fields)
    check_template_words(folder, content.forbidden, problems)  # words typed into overrides
    # The practice's condition files are checked now too, so one run shows every problem.
    _, condition_problems = practice_conditions(content, practice)
    if problems or condition_problems:
        raise ContentError(problems + condition_problems)
    return practice
