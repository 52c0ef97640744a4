"""Where the text of a handout is written, so `handouts check` points each problem at the
line to edit: the YAML file, line and field of a printed string, or a template's line.

A printed string knows its own place (model.origin); this module only moves a place down
to the line of a sentence inside a folded (``>-``) paragraph, finds the ui.yaml word a
template prints, and finds the words a template prints itself in the template's files.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from handouts import paths
from handouts.guard.rml import normalise
from handouts.model import origin_of
from handouts.text import markup
from handouts.text.yamlfile import Key, YamlDoc

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


@cache
def _file_text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


class Sources:
    """The YAML files behind a content set and practice."""

    def __init__(self) -> None:
        self.docs: dict[str, YamlDoc] = {}
        self.files: dict[str, Path] = {}

    def add(self, doc: YamlDoc, path: Path) -> None:
        """Know ``doc``, read from ``path`` (its lines, to move a place down in it)."""
        self.docs[doc.path], self.files[doc.path] = doc, path

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

    def word_place(
        self, words: Mapping[str, str], values: Mapping[str, str], phrase: str
    ) -> Place | None:
        """The first of the layout ``words`` (ui.yaml's, read with their origins) that
        prints ``phrase`` (any case) with ``values`` filled in, at the phrase's line."""
        wanted = phrase.lower()
        for text in words.values():
            origin = origin_of(text)
            # Body text prints converted; titles and layout words print as written.
            printed = (normalise(markup.to_plain(text, values)), normalise(text))
            if origin is not None and any(wanted in p.lower() for p in printed):
                return self.refine(Place(origin.path, origin.line, origin.field, text), phrase)
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
