"""practice.yaml's declared schema: each field is declared once, on the model dataclass it
fills, with its type, default, allowed choices or range and a one-line help text.

To add a field to practice.yaml, add it to ``Practice`` (or ``Colours``, ``Protocol``,
``SignOff``) in model/practice.py, in the place it should appear in practice.yaml::

    shade: str = setting("plain", "how the pages look", "choice", choices=("plain", "soft"))

That is the whole change for a field of a plain kind (text, choice, number, whole
number, yes/no, list of text): the validator (validate/practice.py), ``handouts init``'s
practice.yaml (scaffold.py) and the README's table of fields (kept in step by
tests/test_practice_schema.py) all read it from here. A field that needs checks of its
own (a file, a colour's contrast) gives ``reader=``: the name of a function in
validate/practice_fields.py, which a test requires to exist.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

KINDS = ("text", "choice", "boolean", "number", "integer", "texts", "colour", "date", "mapping",
         "custom")  # fmt: skip
_KEY = "handouts.setting"


@dataclass(frozen=True)
class Setting:
    """What a practice.yaml field may hold, and the words that explain it."""

    help: str  # one line: init's comment, the README's table
    kind: str  # one of KINDS ("mapping": a nested dataclass of settings)
    choices: tuple[str, ...] = ()
    low: float | None = None  # number and integer: the allowed range
    high: float | None = None
    required: bool = False
    reader: str = ""  # a reader of its own in validate/practice_fields.py
    heading: str = ""  # init's practice.yaml starts a new part before this field
    example: str = ""  # a commented example init writes below the field
    nested: type | None = None  # a "mapping" with no default (sign_off): its dataclass


@dataclass(frozen=True)
class Field:
    """One declared field: its YAML name, its setting and its default."""

    name: str
    setting: Setting
    default: Any
    nested: type | None = None  # the dataclass of a "mapping" field


def setting(
    default: Any = dataclasses.MISSING,
    help: str = "",
    kind: str = "text",
    *,
    factory: Any = dataclasses.MISSING,
    **options: Any,
) -> Any:
    """A dataclass field declared as a practice.yaml field (see the module docstring)."""
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}")
    metadata = {_KEY: Setting(help, kind, **options)}
    if factory is not dataclasses.MISSING:
        return dataclasses.field(default_factory=factory, metadata=metadata)
    return dataclasses.field(default=default, metadata=metadata)


def fields_of(cls: type) -> tuple[Field, ...]:
    """The declared fields of a model dataclass, in declaration (= practice.yaml) order."""
    out = []
    for f in dataclasses.fields(cls):
        s = f.metadata.get(_KEY)
        if s is None:
            continue
        if f.default is not dataclasses.MISSING:
            default = f.default
        elif f.default_factory is not dataclasses.MISSING:
            default = f.default_factory()
        else:
            default = None
        nested = s.nested or (type(default) if s.kind == "mapping" else None)
        out.append(Field(f.name, s, default, nested))
    return tuple(out)


def field_names(cls: type) -> tuple[str, ...]:
    """The YAML names of ``cls``'s declared fields, in order."""
    return tuple(f.name for f in fields_of(cls))
