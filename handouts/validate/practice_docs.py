"""practice.yaml's declared fields in words: the commented practice.yaml ``handouts init``
writes, and the README's table of fields (tests/test_practice_schema.py keeps the README
in step). Both come from the declaration on the model (model/settings.py)."""

from __future__ import annotations

import textwrap
from typing import Any

from handouts.model import Field, Practice, fields_of

COMMENT_COLUMN = 32  # where init's trailing comments start
LINE_WIDTH = 92
KIND_WORDS = {
    "text": "text",
    "choice": "one of",
    "boolean": "true or false",
    "number": "a number",
    "integer": "a whole number",
    "texts": "a list",
    "colour": '"#rrggbb"',
    "date": "YYYY-MM-DD",
    "mapping": "fields below",
    "custom": "a list of sections",
}


def yaml_value(value: Any, kind: str) -> str:
    """A default as practice.yaml writes it."""
    if value is None or value == "":
        return '""'
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, tuple):
        return f"[{', '.join(str(v) for v in value)}]"
    if kind == "colour":
        return f'"{value}"'
    return str(value)


def _comment(field: Field) -> str:
    """The help text, with the choices or the range when the field declares them."""
    s = field.setting
    words = s.help
    if s.required:
        words = f"required; {words}"
    if s.choices and s.kind == "choice":
        words += f"; one of: {', '.join(s.choices)}"
    elif s.low is not None and s.high is not None:
        words += f"; from {s.low:g} to {s.high:g}"
    return words


def _line(text: str, comment: str) -> str:
    """``text`` with ``comment`` at the comment column, wrapped onto comment lines below."""
    if not comment:
        return text
    parts = textwrap.wrap(comment, width=LINE_WIDTH - COMMENT_COLUMN - 2, break_on_hyphens=False)
    first = f"{text:<{COMMENT_COLUMN - 1}} # {parts[0]}"
    return "\n".join([first, *(f"{'':<{COMMENT_COLUMN - 1}} # {more}" for more in parts[1:])])


def yaml_lines(
    cls: type = Practice,
    values: dict[str, str] | None = None,
    notes: dict[str, str] | None = None,
    indent: str = "",
) -> list[str]:
    """practice.yaml's lines for ``cls``'s declared fields: each with its default (or the
    text ``values`` gives) and its help as a comment; a heading before each part, the
    field's commented example and a line of ``notes`` after it."""
    values, notes = values or {}, notes or {}
    lines: list[str] = []
    for field in fields_of(cls):
        s = field.setting
        if s.heading and not indent:
            lines += ["", f"# ---- {s.heading} " + "-" * max(3, 80 - len(s.heading))]
        key = f"{indent}{field.name}:"
        if field.name in values:
            lines.append(_line(f"{key} {values[field.name]}", _comment(field)))
        elif s.kind == "mapping" and field.default is not None:
            lines.append(_line(key, _comment(field)))
            lines += yaml_lines(type(field.default), indent=indent + "  ")
        elif s.kind == "mapping":  # none by default: just the key, then the example
            lines.append(_line(key, _comment(field)))
        else:
            lines.append(_line(f"{key} {yaml_value(field.default, s.kind)}", _comment(field)))
        if field.name in notes:
            lines.append(f"{indent}# {notes[field.name]}")
        lines += [f"{indent}# {example}" for example in s.example.splitlines()]
    return lines


def _rows(cls: type, prefix: str = "") -> list[tuple[str, str, str, str]]:
    rows = []
    for field in fields_of(cls):
        s = field.setting
        name = f"{prefix}{field.name}"
        if s.kind == "choice" and len(s.choices) == 2:
            holds = " or ".join(f"`{c}`" for c in s.choices)
        elif s.kind == "choice" and s.choices:
            holds = "one of " + ", ".join(f"`{c}`" for c in s.choices)
        elif s.kind == "choice":  # chosen from what is installed (language)
            holds = "text"
        elif s.kind in ("number", "integer") and s.low is not None and s.high is not None:
            holds = f"{KIND_WORDS[s.kind]} from {s.low:g} to {s.high:g}"
        elif s.kind == "texts" and s.choices:
            holds = f"a list of {', '.join(f'`{c}`' for c in s.choices)}"
        else:
            holds = KIND_WORDS[s.kind]
        if s.required:
            holds += ", required"
        default = field.default
        shown = "" if s.kind == "mapping" or default in ("", None, ()) else yaml_value(
            default, s.kind
        )  # fmt: skip
        rows.append((f"`{name}`", holds, f"`{shown}`" if shown else "", s.help))
        nested = field.nested
        if nested is not None:
            rows += _rows(nested, f"{name}.")
    return rows


def fields_table() -> str:
    """The README's table of practice.yaml fields (Markdown)."""
    lines = ["| field | holds | default | what it does |", "|---|---|---|---|"]
    for row in _rows(Practice):
        lines.append("| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |")
    return "\n".join(lines) + "\n"
