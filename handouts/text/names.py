"""Conditions by the names staff use: "ms", "IBS", "fibro", "Hashimoto's".

Each condition answers to its slug, its name and short name (with and without a final
"'s"), and the ``aliases:`` its file lists. A name two conditions share answers to
neither. The same rule serves the command line and ``practice.yaml``, in every language:
the English names ("ms") still work when the handouts print in Spanish (``others``).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping
from pathlib import Path

from handouts.model import Condition


def name_key(text: str) -> str:
    """'Hashimoto's thyroiditis' -> 'hashimotos-thyroiditis' (how names are compared)."""
    text = text.lower().replace("\u2019", "'").replace("'", "")
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def _names(condition: Condition) -> set[str]:
    names = {condition.slug, *(name_key(a) for a in condition.aliases)}
    for text in (condition.name, condition.short_name):
        if text:
            names.add(name_key(text))
            names.add(name_key(re.sub(r"['\u2019]s\b", "", text)))  # "Hashimoto's" -> hashimoto
    names.discard("")
    return names


Others = Iterable[Mapping[str, Condition]]


def name_index(conditions: Mapping[str, Condition], others: Others = ()) -> dict[str, str]:
    """Every name a condition answers to -> its slug (names two conditions share left out).
    ``others``: the same conditions in other languages, whose names count too."""
    owners: dict[str, set[str]] = {}
    for edition in (conditions, *others):
        for slug, condition in edition.items():
            if slug not in conditions:
                continue  # a condition this language does not have
            for name in _names(condition):
                owners.setdefault(name, set()).add(slug)
    index = {name: next(iter(slugs)) for name, slugs in owners.items() if len(slugs) == 1}
    index.update({slug: slug for slug in conditions})  # a slug always means itself
    return index


def resolve_name(word: str, conditions: Mapping[str, Condition], others: Others = ()) -> str | None:
    """The slug ``word`` names, or None."""
    if word in conditions:
        return word
    return name_index(conditions, others).get(name_key(word))


def suggest_name(word: str, conditions: Mapping[str, Condition], others: Others = ()) -> str:
    """The slug closest to an unknown ``word`` (by any of its names), or ''."""
    key = name_key(word)
    index = name_index(conditions, others)
    starts = sorted({slug for name, slug in index.items() if key and name.startswith(key)})
    if len(starts) == 1:
        return starts[0]
    close = difflib.get_close_matches(key, list(index), n=1, cutoff=0.6)
    return index[close[0]] if close else ""


def completion_names(conditions_dir: Path) -> dict[str, str]:
    """Slugs and the short names staff type ("ms", "fibro") -> slug, read straight from the
    built-in condition files: shell completion must answer at once, without loading and
    validating the content (the files are the package's own, small and trusted)."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    found: dict[str, str] = {}
    for path in sorted(conditions_dir.glob("*.yaml")):
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)  # noqa: S506
        if not isinstance(data, dict):
            continue
        found.setdefault(path.stem, path.stem)
        words = [data.get("short_name"), *(data.get("aliases") or [])]
        for word in (w for w in words if isinstance(w, str)):
            for key in (name_key(word), name_key(re.sub(r"['\u2019]s\b", "", word))):
                if key:
                    found.setdefault(key, path.stem)
    return found
