"""Validate the provenance of a translated content file, and tell whether its English
source changed after it was translated.

``handouts check`` warns about a file no qualified person has reviewed, and about one
whose English source changed since (its recorded sha256 no longer matches).
"""

from __future__ import annotations

import dataclasses
import hashlib
from pathlib import Path

from handouts.errors import Problem
from handouts.model import PENDING_REVIEW, Translation
from handouts.text.translation_block import FIELD, split_translation
from handouts.text.yamlfile import YamlDoc
from handouts.validate.schema import NO_DATE, FieldReader

FIELDS = ("source", "source_sha256", "translator", "translated_on", "reviewer", "reviewed_on")
OPTIONAL = ("clinical_reviewer",)  # absent means pending, as written in every Spanish file


def file_sha256(path: Path) -> str:
    """The sha256 of a file's bytes (what a translation records of its English source)."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def validate_translation(block: YamlDoc, problems: list[Problem]) -> Translation:
    """The ``translation:`` block of one file (see text/translation_block.py)."""
    r = FieldReader(block, problems)
    key = (FIELD,)
    r.mapping(key, required=FIELDS, optional=OPTIONAL)
    reviewed_on = r.raw((*key, "reviewed_on"))
    record = Translation(
        path=block.path,
        source=r.text((*key, "source")),
        source_sha256=r.text((*key, "source_sha256")),
        translator=r.text((*key, "translator")),
        translated_on=r.date((*key, "translated_on")),
        reviewer=r.text((*key, "reviewer")),
        reviewed_on=None if reviewed_on is None else r.date((*key, "reviewed_on")),
        line=block.where(key)[0],
        clinical_reviewer=r.text(
            (*key, "clinical_reviewer"), required=False, default=PENDING_REVIEW
        ),
    )
    if record.reviewed_on == NO_DATE:
        record = dataclasses.replace(record, reviewed_on=None)
    if record.reviewer.strip().lower() != PENDING_REVIEW and record.reviewed_on is None:
        r.add((*key, "reviewed_on"), "a named reviewer needs the date of the review")
    return record


def stale(record: Translation, content_root: Path) -> bool:
    """Whether the English source changed since the translation was made (or is gone)."""
    source = content_root / record.source
    return not source.is_file() or file_sha256(source) != record.source_sha256


def take_translation(doc: YamlDoc, problems: list[Problem]) -> tuple[YamlDoc, Translation | None]:
    """(``doc`` without its ``translation:`` block, the block's record) for an edition's
    translated file (content/es/summary*.yaml), split as the loader splits its own files;
    a file without the block is a problem."""
    rest, block = split_translation(doc, problems)
    return rest, validate_translation(block, problems) if block is not None else None
