"""Provenance: where a piece of content text is written (file, line, column, field).

Every string the validators read from a YAML file is a :class:`Text`, a ``str`` that also
carries its :class:`Origin`, so a later stage that finds a problem in it (a forbidden
claim, a character the font lacks) names the line to edit without searching the files
for the words again. A ``Text`` compares, hashes and prints as the plain string, so the
handouts built from it are the same bytes. Text made from one written string (a title
with the condition's name filled in, a label in bold) keeps that string's origin through
:func:`made_from`; text made from several (the evidence line) is a plain ``str`` and has
no single origin.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Origin:
    """A place in a content or practice file, as users see its path."""

    path: str
    line: int
    column: int = 0
    field: str = ""  # the key path: "evidence.known", "sections[3].body[0].list[2]"

    def __str__(self) -> str:
        return f"{self.path}:{self.line}" if self.line else self.path


class Text(str):
    """A string read from a file, with where it was written."""

    origin: Origin

    def __new__(cls, value: str, origin: Origin) -> Text:
        text = super().__new__(cls, value)
        text.origin = origin
        return text

    def __reduce__(self) -> tuple[object, tuple[str, Origin]]:
        # Batch workers started with spawn receive the project pickled.
        return (Text, (str(self), self.origin))


def origin_of(value: object) -> Origin | None:
    """The origin of ``value`` if it is a :class:`Text`, else None."""
    return value.origin if isinstance(value, Text) else None


def made_from(value: str, source: object) -> str:
    """``value`` with the origin of ``source``, the one written string it was made from
    (``value`` as it is when ``source`` has no origin)."""
    origin = origin_of(source)
    return value if origin is None else Text(value, origin)
