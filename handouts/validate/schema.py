"""Typed field readers over a YamlDoc: each read checks one value and records problems.

A validator reads every field it needs through a FieldReader, gets back a usable value
(or a default) whatever happens, and at the end has the full list of problems, so a
user sees all of them at once.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Iterable
from typing import Any

from handouts.errors import Problem
from handouts.model.origin import Origin, Text
from handouts.text.yamlfile import Key, YamlDoc, format_key

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
NO_DATE = dt.date(1970, 1, 1)  # what date() returns for a missing or unreadable date
_MISSING = object()


def type_name(value: Any) -> str:
    """Plain-words name of a YAML value's type, for messages."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """' (did you mean "x"?)' for the closest choice, or ''."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f' (did you mean "{close[0]}"?)' if close else ""


class FieldReader:
    """Read typed values out of one YamlDoc, collecting problems instead of raising."""

    def __init__(self, doc: YamlDoc, problems: list[Problem]) -> None:
        self.doc = doc
        self.problems = problems

    def add(self, key: Key, message: str, check: str = "") -> None:
        """Record a problem at ``key``; ``check`` defaults to the field's own check id."""
        top = str(key[0]) if key else ""
        check = check or {"logo": "logo", "colours": "contrast"}.get(top, "schema")
        self.problems.append(self.doc.problem(key, message, check))

    def raw(self, key: Key) -> Any:
        """The value at ``key``, or _MISSING."""
        value: Any = self.doc.data
        for part in key:
            if isinstance(part, int):
                if not isinstance(value, list) or part >= len(value):
                    return _MISSING
            elif not isinstance(value, dict) or part not in value:
                return _MISSING
            value = value[part]
        return value

    def has(self, key: Key) -> bool:
        """Whether ``key`` is present (even if null)."""
        return self.raw(key) is not _MISSING

    def mapping(
        self, key: Key, required: Iterable[str] = (), optional: Iterable[str] = ()
    ) -> dict[str, Any]:
        """Check that ``key`` is a mapping with the required keys and no unknown ones."""
        value = self.raw(key)
        if value is _MISSING:
            return {}
        if not isinstance(value, dict):
            self.add(key, f"expected a mapping of fields, got {type_name(value)}")
            return {}
        required = tuple(required)
        allowed = required + tuple(optional)
        for name in value:
            if name not in allowed:
                self.add((*key, name), f"unknown field{did_you_mean(name, allowed)}")
        for name in required:
            if name not in value:
                self.add(key, f"missing required field '{name}'")
        return value

    def text(self, key: Key, *, required: bool = True, default: str = "") -> str:
        """A non-empty string (numbers are not silently turned into text)."""
        value = self.raw(key)
        if value is _MISSING or value is None:
            if required and value is None:
                self.add(key, "expected text, got nothing")
            return default
        if not isinstance(value, str):
            self.add(key, f"expected text, got {type_name(value)}")
            return default
        if required and not value.strip():
            self.add(key, "must not be empty")
        return Text(value.strip(), self.origin(key))

    def origin(self, key: Key) -> Origin:
        """Where the value at ``key`` is written (its nearest parent, if it is missing)."""
        line, column = self.doc.where(key)
        return Origin(self.doc.path, line, column, format_key(key))

    def texts(self, key: Key, *, required: bool = False) -> tuple[str, ...]:
        """A list of non-empty strings."""
        value = self.raw(key)
        if value is _MISSING or value is None:
            if required and value is None:
                self.add(key, "expected a list of text, got nothing")
            return ()
        if not isinstance(value, list):
            self.add(key, f"expected a list of text, got {type_name(value)}")
            return ()
        if required and not value:
            self.add(key, "must not be empty")
        items = []
        for i, _ in enumerate(value):
            item = self.text((*key, i))
            if item:
                items.append(item)
        return tuple(items)

    def slug(self, key: Key, *, required: bool = True) -> str:
        """A lowercase slug: letters, digits and single hyphens."""
        value = self.text(key, required=required)
        if value and not SLUG.match(value):
            self.add(key, f"'{value}' is not a valid id; use a-z, 0-9 and '-' only")
        return value

    def choice(self, key: Key, options: Iterable[str], *, default: str = "") -> str:
        """One of ``options``."""
        options = tuple(options)
        value = self.text(key, required=not default, default=default)
        if value and value not in options:
            hint = did_you_mean(value, options)
            self.add(key, f"'{value}' is not one of: {', '.join(options)}{hint}")
            return default or value
        return value

    def number(
        self, key: Key, *, default: float, low: float, high: float, integer: bool = False
    ) -> float:
        """A number within [low, high]."""
        value = self.raw(key)
        if value is _MISSING:
            return default
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self.add(key, f"expected a number, got {type_name(value)}")
            return default
        if integer and not isinstance(value, int):
            self.add(key, f"expected a whole number, got {value}")
            return default
        if not low <= value <= high:
            self.add(key, f"{value} is out of range; use a number from {low:g} to {high:g}")
            return default
        return float(value)

    def boolean(self, key: Key, *, default: bool) -> bool:
        """true or false."""
        value = self.raw(key)
        if value is _MISSING:
            return default
        if not isinstance(value, bool):
            self.add(key, f"expected true or false, got {type_name(value)}")
            return default
        return value

    def date(self, key: Key, *, required: bool = True) -> dt.date:
        """A date written YYYY-MM-DD; ``NO_DATE`` when it is absent or wrong.

        A missing key is reported by ``mapping()`` (as a missing required field), so
        only an empty value is reported here: one problem per mistake.
        """
        value = self.raw(key)
        if value is _MISSING or value is None:
            if required and value is None:
                self.add(key, "missing date; write it as YYYY-MM-DD")
            return NO_DATE
        try:
            return dt.date.fromisoformat(str(value))
        except ValueError:
            self.add(key, f"'{value}' is not a date; write it as YYYY-MM-DD")
            return NO_DATE
