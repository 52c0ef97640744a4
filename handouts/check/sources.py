"""Where the text of a handout is written, so `handouts check` points each problem at the
line to edit: the YAML file, line and field of a printed string, or a template's line.

Every printed string of the content and practice YAML is indexed by the plain text it
prints; a sentence inside a folded (``>-``) paragraph is found on its own line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from handouts import paths
from handouts.guard.rml import normalise
from handouts.text import markup
from handouts.text.yamlfile import Key, YamlDoc, format_key

# Values that never print, so never hold a claim or a sentence to fix.
NOT_PRINTED = frozenset(
    "id slug group level kind verified references mechanisms doi pmid url reviewed_on "
    "next_review version logo colours font page_size language conditions before after "
    "hidden_sections".split()
)
# Words of a sentence may be split by YAML line folding, markup (**) or a citation.
_GAP = r"(?:[\W_]|\[@[a-z0-9-]+\])+"
_SEARCH_LINES = 60


@dataclass(frozen=True)
class Place:
    """Where a piece of text comes from; ``raw`` is the text as written, when known."""

    path: str
    line: int = 0
    field: str = ""
    raw: str = ""


def printed_strings(data: Any, key: Key = ()) -> Iterator[tuple[Key, str]]:
    """Every string in YAML data that a handout may print, with its key path."""
    if isinstance(data, dict):
        for name, value in data.items():
            if name not in NOT_PRINTED:
                yield from printed_strings(value, (*key, name))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from printed_strings(value, (*key, i))
    elif isinstance(data, str):
        yield key, data


@cache
def _file_text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


class Sources:
    """The YAML files behind a content set and practice."""

    def __init__(self) -> None:
        self.docs: dict[str, YamlDoc] = {}
        self.files: dict[str, Path] = {}
        self.plain: dict[str, Place] = {}  # printed plain text -> where it is written

    def add(self, doc: YamlDoc, path: Path, values: dict[str, str]) -> None:
        """Index ``doc`` (read from ``path``), its strings as printed with ``values``."""
        self.docs[doc.path], self.files[doc.path] = doc, path
        for key, text in printed_strings(doc.data):
            place = Place(doc.path, doc.where(key)[0], format_key(key), text)
            # Body text prints converted; titles and layout words print as written.
            self.plain.setdefault(normalise(markup.to_plain(text, values)), place)
            self.plain.setdefault(normalise(text), place)

    def line(self, path: str, key: Key) -> int:
        """The line of ``key`` in the file shown as ``path`` (0 if unknown)."""
        doc = self.docs.get(path)
        return doc.where(key)[0] if doc else 0

    def key_line(self, path: str, key: str) -> int:
        """The line where top-level ``key:`` is written (its value may start below it)."""
        file = self.files.get(path)
        if file is None:
            return 0
        match = re.search(rf"(?m)^{re.escape(key)}\s*:", _file_text(file))
        return (
            _file_text(file).count("\n", 0, match.start()) + 1 if match else self.line(path, (key,))
        )

    def find(self, text: str) -> Place | None:
        """Where the printed plain ``text`` is written, if it is one YAML string."""
        return self.plain.get(normalise(text))

    def containing(self, phrase: str) -> Place | None:
        """The first indexed string that prints ``phrase`` (any case), at its line."""
        wanted = phrase.lower()
        for plain, place in self.plain.items():
            if wanted in plain.lower():
                return self.refine(place, phrase)
        return None

    def refine(self, place: Place, fragment: str) -> Place:
        """``place`` moved down to the line where ``fragment`` (plain words) is written."""
        path = self.files.get(place.path)
        words = re.findall(r"[\w']+", fragment)[:8]
        if path is None or not words or not place.line:
            return place
        text = _file_text(path)
        start = 0
        for _ in range(place.line - 1):
            start = text.find("\n", start) + 1
        match = re.compile(_GAP.join(map(re.escape, words)), re.IGNORECASE).search(text, start)
        if match is None:
            return place
        down = text.count("\n", start, match.start())
        if down > _SEARCH_LINES:
            return place
        return Place(place.path, place.line + down, place.field, place.raw)


def shown(path: Path) -> str:
    """A file's path as a user should see it: relative to here if it is below here; a
    built-in template as templates/<name>; anything else in full."""
    resolved = path.resolve()
    for base, prefix in ((Path.cwd().resolve(), ""), (paths.builtin_templates_dir(), "templates/")):
        if resolved.is_relative_to(base.resolve()):
            return prefix + str(resolved.relative_to(base.resolve()))
    return str(path)


def find_in_files(files: tuple[str, ...], pattern: str) -> Place | None:
    """The first line of the template ``files`` that matches ``pattern`` (any case)."""
    regex = re.compile(pattern, re.IGNORECASE)
    for name in files:
        for number, line in enumerate(Path(name).read_text(encoding="utf-8").splitlines(), 1):
            if regex.search(line):
                return Place(shown(Path(name)), number)
    return None
