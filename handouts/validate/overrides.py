"""A practice's own condition files (``<practice>/content/conditions/``), checked and added
to the content.

The one merge rule for them: a file named like a built-in condition overrides it, field
by field. Mappings merge recursively (``evidence: {level: ...}`` changes the level and
keeps the rest of the evidence), scalars and lists replace (a new ``key_points`` list
replaces the whole list), and neither input is changed. The built-in file was validated
when the content loaded; the override is validated on its own, so each error names the
file it is in. Any other file is a new condition, validated exactly like a built-in one.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import Any

from handouts.errors import ContentError, Problem
from handouts.model import Condition, ContentSet, Practice
from handouts.text.yamlfile import YamlDoc, load_yaml_file
from handouts.validate.content import TextChecker, validate_condition
from handouts.validate.output_names import slug_collision
from handouts.validate.schema import FieldReader, did_you_mean
from handouts.validate.words import check_words

CONDITIONS_DIR = Path("content") / "conditions"


def merge_data(base: Any, override: Any) -> Any:
    """The merge rule: mappings merge recursively, scalars and lists replace. Neither input
    is changed (a new mapping is built at each level; untouched values are shared)."""
    if isinstance(base, dict) and isinstance(override, dict):
        merged = dict(base)
        for name, value in override.items():
            merged[name] = merge_data(base[name], value) if name in base else value
        return merged
    return override


def condition_data(condition: Condition) -> dict[str, Any]:
    """A validated condition as the plain YAML data it came from (dates as text)."""

    def plain(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: plain(v) for k, v in value.items()}
        if isinstance(value, (list, tuple)):
            return [plain(v) for v in value]
        if isinstance(value, dt.date):
            return value.isoformat()
        return value

    data: dict[str, Any] = plain(dataclasses.asdict(condition))
    data.pop("source")
    return data


def extend_content(content: ContentSet, practice: Practice) -> ContentSet:
    """``content`` plus the practice's own conditions and its overrides of built-in ones."""
    extended, problems = practice_conditions(content, practice)
    if problems:
        raise ContentError(problems)
    return extended


def practice_conditions(
    content: ContentSet, practice: Practice
) -> tuple[ContentSet, list[Problem]]:
    """``content`` with the practice's condition files added, and their problems."""
    if practice.root is None or not (practice.root / CONDITIONS_DIR).is_dir():
        return content, []
    display_root = Path(practice.source).parent if practice.source else practice.root
    problems: list[Problem] = []
    conditions = dict(content.conditions)
    files = list(content.files)
    mechanism_ids = {m.id for s in content.sections for m in s.mechanisms}
    for path in sorted((practice.root / CONDITIONS_DIR).glob("*.yaml")):
        files.append(path)
        try:
            doc = load_yaml_file(path, str(display_root / CONDITIONS_DIR / path.name))
        except ContentError as exc:
            problems.extend(exc.problems)
            continue
        check_words(doc, content.forbidden, problems)  # the practice's own words only
        base = content.conditions.get(path.stem)
        if base is not None and isinstance(doc.data, dict):
            doc = YamlDoc(doc.path, merge_data(condition_data(base), doc.data), doc.marks)
        reader = FieldReader(doc, problems)
        condition = validate_condition(
            doc, problems, TextChecker(reader, set(content.references), set())
        )
        for i, mid in enumerate(condition.mechanisms):
            if mid not in mechanism_ids:
                reader.add(
                    ("mechanisms", i),
                    f"unknown mechanism '{mid}'{did_you_mean(mid, mechanism_ids)}",
                )
        collision = slug_collision(condition.slug) if base is None and condition.slug else None
        if collision:  # a new condition only: the built-in slugs are known to be free
            reader.add(("slug",), collision)
        elif condition.slug:
            conditions[condition.slug] = condition
    extended = dataclasses.replace(
        content, conditions=dict(sorted(conditions.items())), files=tuple(files)
    )
    return extended, problems
