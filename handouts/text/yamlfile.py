"""Load a YAML file safely, keeping the line of every value for error messages.

Only plain YAML data is accepted: mappings, lists, strings, numbers, booleans, null.
Tags such as ``!!python/object`` are refused, duplicate keys are errors (not
last-one-wins), and aliases may not expand into more than ``MAX_NODES`` values or
``MAX_TEXT_CHARS`` characters of text, which stops "billion laughs" documents from
exhausting memory. Nesting is limited to ``MAX_DEPTH`` levels; every limit is a located
problem, never a traceback.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from handouts.errors import ContentError, Problem

try:  # libyaml's parser is ~10x faster and keeps the same marks.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_BYTES = 1_000_000
MAX_NODES = 100_000
# Deeper nesting than any real file needs (content files nest 5 levels); Python's own
# recursion limit would otherwise end the program with a RecursionError.
MAX_DEPTH = 40
# The text a document may expand to, aliases repeated: twice the largest file. 99,000
# aliases of one 500 KB string are 50 GB of text to every later stage.
MAX_TEXT_CHARS = 2 * MAX_BYTES
# A number longer than this stays text as written (a phone "0x" and 4,000 "f"s is not a
# number anyone means; Python refuses to print ints of over 4,300 digits).
MAX_NUMBER_CHARS = 30

Key = tuple[str | int, ...]

_SCALAR_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
}
_constructor = yaml.constructor.SafeConstructor()
# Characters no handout can print: C0/C1 controls other than tab and line breaks, and the
# Unicode non-characters. YAML refuses them written raw, but lets escapes ("\x01") make them.
_UNPRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]")
_UTF16_32_BOMS = (b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")


@dataclass(frozen=True)
class YamlDoc:
    """Plain data from one YAML file, with the (line, column) of each value by its key path."""

    path: str
    data: Any
    marks: dict[Key, tuple[int, int]] = field(default_factory=dict)

    def where(self, key: Key) -> tuple[int, int]:
        """Line and column of the value at ``key``, or of its nearest parent."""
        while key and key not in self.marks:
            key = key[:-1]
        return self.marks.get(key, (1, 1))

    def split(self, name: str) -> tuple[YamlDoc, YamlDoc]:
        """(this document without top-level key ``name``, a document of that key alone),
        each keeping its line marks."""
        data = self.data if isinstance(self.data, dict) else {}
        rest = {k: v for k, v in data.items() if k != name}
        part = {name: data[name]} if name in data else {}
        inside = {k: v for k, v in self.marks.items() if k and k[0] == name}
        outside = {k: v for k, v in self.marks.items() if not (k and k[0] == name)}
        return YamlDoc(self.path, rest, outside), YamlDoc(self.path, part, inside)

    def problem(self, key: Key, message: str, check: str = "schema") -> Problem:
        """A Problem located at ``key`` in this file."""
        line, column = self.where(key)
        return Problem(self.path, line, column, format_key(key), message, check)


def format_key(key: Key) -> str:
    """Render a key path as ``evidence.references[2]``."""
    text = ""
    for part in key:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def load_yaml_file(path: Path, display: str | None = None) -> YamlDoc:
    """Read and parse ``path``; every failure is a ContentError naming file and line."""
    name = display or str(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise ContentError(
                [Problem(name, 0, 0, "", f"file is {size:,} bytes; the limit is {MAX_BYTES:,}")]
            )
        raw = path.read_bytes()
    except OSError as exc:
        raise ContentError([Problem(name, 0, 0, "", f"cannot read file: {exc.strerror}")]) from exc
    return parse_yaml_bytes(raw, name)


def parse_yaml_bytes(raw: bytes, name: str) -> YamlDoc:
    """Parse YAML from bytes (UTF-8) into a YamlDoc."""
    if len(raw) > MAX_BYTES:
        raise ContentError(
            [Problem(name, 0, 0, "", f"file is {len(raw):,} bytes; the limit is {MAX_BYTES:,}")]
        )
    if raw.startswith(_UTF16_32_BOMS):
        raise ContentError(
            [Problem(name, 0, 0, "", "the file is saved as UTF-16 or UTF-32; save it as UTF-8")]
        )
    if b"\x00" in raw:
        raise ContentError([Problem(name, 0, 0, "", "this is a binary file, not YAML text")])
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ContentError(
            [
                Problem(
                    name,
                    line,
                    0,
                    "",
                    f"not UTF-8 text (byte 0x{raw[exc.start]:02x}); save the file as UTF-8",
                )
            ]
        ) from exc
    if not text.strip():
        raise ContentError([Problem(name, 0, 0, "", "the file is empty")])
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        raise ContentError([_syntax_problem(name, exc, text)]) from exc
    except yaml.reader.ReaderError as exc:
        raise ContentError([_reader_problem(name, exc, text)]) from exc
    except yaml.YAMLError as exc:
        raise ContentError([Problem(name, 0, 0, "", f"YAML error: {exc}")]) from exc
    if node is None:
        raise ContentError([Problem(name, 0, 0, "", "the file has only comments, no data")])
    marks: dict[Key, tuple[int, int]] = {}
    builder = _Builder(name, marks)
    data = builder.build(node, ())
    if builder.problems:
        raise ContentError(builder.problems)
    return YamlDoc(name, data, marks)


def _syntax_problem(name: str, exc: yaml.MarkedYAMLError, text: str) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
    message = exc.problem or "syntax error"
    lines = text.splitlines()
    if mark and mark.line < len(lines) and "\t" in lines[mark.line][: mark.column + 1]:
        message += "; indent with spaces, not tabs"
    if exc.context:
        message = f"{message} ({exc.context})"
    return Problem(name, line, column, "", f"YAML syntax error: {message}")


def character_name(char: str) -> str:
    """'U+0001' plus the Unicode name when there is one: 'U+00E9 LATIN SMALL LETTER E ...'."""
    name = unicodedata.name(char, "")
    return f"U+{ord(char):04X} {name}" if name else f"U+{ord(char):04X}"


def _reader_problem(name: str, exc: yaml.reader.ReaderError, text: str) -> Problem:
    # libyaml reports a byte offset; the first such character in the text is the one.
    char = chr(exc.character) if isinstance(exc.character, int) else ""
    at = text.find(char) if char else -1
    if at < 0:
        return Problem(name, 0, 0, "", f"YAML error: {exc.reason}")
    line = text.count("\n", 0, at) + 1
    column = at - (text.rfind("\n", 0, at) + 1) + 1
    return Problem(
        name,
        line,
        column,
        "",
        f"the character {character_name(char)} is not allowed in YAML; delete it",
    )


def _short_tag(tag: str) -> str:
    """'tag:yaml.org,2002:python/object' -> '!!python/object', as the user wrote it."""
    prefix = "tag:yaml.org,2002:"
    return "!!" + tag[len(prefix) :] if tag.startswith(prefix) else tag


class _Builder:
    """Turn composed nodes into plain data, refusing anything that is not plain data."""

    def __init__(self, name: str, marks: dict[Key, tuple[int, int]]) -> None:
        self.name = name
        self.marks = marks
        self.problems: list[Problem] = []
        self.count = 0
        self.chars = 0
        self.refused = False  # one "too large" problem is enough

    def _problem(self, node: yaml.Node, key: Key, message: str) -> None:
        mark = node.start_mark
        self.problems.append(
            Problem(self.name, mark.line + 1, mark.column + 1, format_key(key), message)
        )

    def _refuse(self, node: yaml.Node, key: Key, message: str) -> None:
        if not self.refused:
            self.refused = True
            self._problem(node, key, message)

    def build(self, node: yaml.Node, key: Key) -> Any:
        self.count += 1
        if self.refused:
            return None
        if self.count > MAX_NODES:
            self._refuse(node, key, f"more than {MAX_NODES:,} values (aliases expanding?); refused")
            return None
        if len(key) > MAX_DEPTH:
            self._refuse(
                node, key[:MAX_DEPTH], f"nested more than {MAX_DEPTH} levels deep; refused"
            )
            return None
        if isinstance(node, yaml.ScalarNode):
            self.chars += len(node.value)
            if self.chars > MAX_TEXT_CHARS:
                self._refuse(
                    node,
                    key,
                    f"the text expands to more than {MAX_TEXT_CHARS:,} characters "
                    "(aliases repeating a long value?); refused",
                )
                return None
        self.marks[key] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, key)
        if isinstance(node, yaml.SequenceNode):
            if node.tag != "tag:yaml.org,2002:seq":
                self._problem(node, key, f"the tag {_short_tag(node.tag)} is not allowed")
                return None
            return [self.build(item, (*key, i)) for i, item in enumerate(node.value)]
        if node.tag not in _SCALAR_TAGS:
            self._problem(
                node, key, f"the tag {_short_tag(node.tag)} is not allowed; write plain values"
            )
            return None
        if node.tag == "tag:yaml.org,2002:timestamp":
            return node.value  # dates stay text; validation parses them with a clear message
        if node.tag == "tag:yaml.org,2002:str":
            bad = _UNPRINTABLE.search(node.value)
            if bad:
                char = character_name(bad.group(0))
                self._problem(node, key, f"contains the unprintable character {char}; delete it")
            return node.value
        if len(node.value) > MAX_NUMBER_CHARS:
            return node.value
        try:
            return _constructor.construct_object(node, deep=True)
        except (yaml.YAMLError, ValueError, OverflowError):
            return node.value

    def _mapping(self, node: yaml.MappingNode, key: Key) -> dict[str, Any] | None:
        if node.tag != "tag:yaml.org,2002:map":
            self._problem(node, key, f"the tag {_short_tag(node.tag)} is not allowed")
            return None
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                self._problem(key_node, key, "merge keys (<<) are not supported")
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                self._problem(key_node, key, "a key must be plain text")
                continue
            name = str(key_node.value)
            if name in result:
                line = self.marks[(*key, name)][0]
                self._problem(key_node, (*key, name), f"duplicate key (first set on line {line})")
                continue
            result[name] = self.build(value_node, (*key, name))
        return result


@dataclass(frozen=True)
class ContentDocs:
    """The parsed YAML files of one content tree, for one language."""

    language: str
    references: YamlDoc
    forbidden: YamlDoc | None
    ui: YamlDoc
    sections: YamlDoc
    conditions: tuple[YamlDoc, ...]
    files: tuple[Path, ...]
    # A language's own forbidden-claim patterns (content/<lang>/forbidden.yaml), and the
    # translation block of each translated file (every language but English).
    forbidden_language: YamlDoc | None = None
    translations: tuple[YamlDoc, ...] = ()
    # A translation's English ui.yaml, whose words its own must match in {name} values.
    english_ui: YamlDoc | None = None


def display_path(path: Path, root: Path) -> str:
    """``path`` relative to the folder above ``root``, as users see it (content/en/x.yaml)."""
    try:
        return str(path.relative_to(root.parent))
    except ValueError:
        return str(path)


def read_collecting(
    path: Path, root: Path, problems: list[Problem], files: list[Path], required: bool = True
) -> YamlDoc | None:
    """One YAML file of the content tree ``root``, or None: a missing file (if
    ``required``) and every parse problem go into ``problems``, so a reader reports all of
    a tree's problems at once; ``files`` collects each file read."""
    if not path.is_file():
        if required:
            problems.append(Problem(display_path(path, root), 0, 0, "", "file not found"))
        return None
    files.append(path)
    try:
        return load_yaml_file(path, display_path(path, root))
    except ContentError as exc:
        problems.extend(exc.problems)
        return None
