"""Check a parsed RML tree against the allowlist (see rml_schema) before z3c.rml sees it.

Every element must be one z3c.rml processes where it stands, and one the built-in
templates write; every attribute must be one z3c.rml reads there, and one the built-in
templates write. A file attribute is resolved exactly as z3c.rml resolves it
(``attr.File.fromUnicode``: ``os.path.abspath``, so relative to the working directory)
and must name a regular file inside an allowed folder. Every font must be one of ours,
embedded. Problems are data (output line, what, message); the guard turns them into
located messages.
"""

from __future__ import annotations

import difflib
import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from handouts.guard.rml_schema import REFUSED, Directive, document_directive, is_file_field

MAX_ELEMENTS = 25_000  # the built-in full handout has about 1,000
MAX_DEPTH = 24  # the built-in templates nest at most 8 deep
MAX_FILE_BYTES = 10_000_000
MAX_IMAGE_PIXELS = 25_000_000
BASE14 = frozenset(
    {
        "Courier",
        "Courier-Bold",
        "Courier-BoldOblique",
        "Courier-Oblique",
        "Helvetica",
        "Helvetica-Bold",
        "Helvetica-BoldOblique",
        "Helvetica-Oblique",
        "Symbol",
        "Times-Bold",
        "Times-BoldItalic",
        "Times-Italic",
        "Times-Roman",
        "ZapfDingbats",
    }
)
_TOO_MANY = "the template produced more than"
_FONT_ATTRIBUTES = {"fontName", "bulletFontName"}
_FONT_NAME_TAGS = {"setFont", "blockFont", "setFontSize"}


@dataclass(frozen=True)
class RmlProblem:
    """One thing in the RML that is refused: where (output line, the text to find on
    the template's line) and why."""

    line: int
    needle: str
    message: str
    final: bool = False  # a bound was reached: nothing after it is checked


@dataclass(frozen=True)
class RmlRules:
    """What the tree is checked against."""

    allowed: dict[str, frozenset[str]]  # tag -> attributes (rml_schema.builtin_usage)
    roots: tuple[Path, ...]  # folders files may come from
    fonts: frozenset[str] | None  # the embedded fonts this build registers (None: any)


def check_tree(root: Any, rules: RmlRules) -> list[RmlProblem]:
    """Every problem in the tree (at most 20: the first ones are what to fix)."""
    problems: list[RmlProblem] = []
    if root.tag != "document":
        first = RmlProblem(root.sourceline or 0, f"<{root.tag}", "RML must start with <document>")
        return [first]
    for problem in _walk(root, document_directive(), rules, 1, [0]):
        if problem not in problems:
            problems.append(problem)
        if len(problems) >= 20 or problem.final:
            break
    return problems


def _walk(
    element: Any, schema: Directive, rules: RmlRules, depth: int, count: list[int]
) -> Iterator[RmlProblem]:
    line = element.sourceline or 0
    count[0] += 1
    if count[0] > MAX_ELEMENTS:
        yield RmlProblem(
            line, f"<{element.tag}", f"{_TOO_MANY} {MAX_ELEMENTS:,} RML elements; refused", True
        )
        return
    if depth > MAX_DEPTH:
        yield RmlProblem(
            line, f"<{element.tag}", f"RML elements nested more than {MAX_DEPTH} deep; refused"
        )
        return
    yield from _attributes(element, schema, rules)
    if not schema.takes_text and (element.text or "").strip():
        yield _stray_text(element, line, element.text)
    for child in element:
        if not isinstance(child.tag, str):
            continue  # comments
        tag = child.tag
        where = child.sourceline or line
        if not schema.takes_text and (child.tail or "").strip():
            yield _stray_text(element, where, child.tail)
        if tag in REFUSED:
            yield RmlProblem(where, f"<{tag}", f"<{tag}> is not allowed: {REFUSED[tag]}")
            continue
        sub = schema.child(tag)
        if sub is None:
            yield RmlProblem(where, f"<{tag}", _ignored(tag, element.tag, schema))
            continue
        if tag not in rules.allowed:
            yield RmlProblem(
                where,
                f"<{tag}",
                f"<{tag}> is not used by the built-in templates, so a "
                "practice template may not use it either",
            )
            continue
        yield from _walk(child, sub, rules, depth + 1, count)


def _stray_text(parent: Any, line: int, text: str) -> RmlProblem:
    words = " ".join(text.split())[:40]
    return RmlProblem(
        line,
        words,
        f'the text "{words}" inside <{parent.tag}> would not be '
        "printed; put text in a <para> or a <drawString>",
    )


def _ignored(tag: str, parent: str, schema: Directive) -> str:
    close = difflib.get_close_matches(tag, list(schema.children), n=1, cutoff=0.6)
    hint = f"; did you mean <{close[0]}>?" if close else ""
    return (
        f"<{tag}> is not something z3c.rml can process inside <{parent}>: it would be "
        f"ignored and not printed{hint}"
    )


def _attributes(element: Any, schema: Directive, rules: RmlRules) -> Iterator[RmlProblem]:
    tag, line = element.tag, element.sourceline or 0
    allowed = rules.allowed.get(tag, frozenset())
    for name, value in element.attrib.items():
        needle = f"{name}="
        if name not in schema.fields:
            close = difflib.get_close_matches(name, list(schema.fields), n=1, cutoff=0.6)
            hint = f'; did you mean "{close[0]}"?' if close else ""
            yield RmlProblem(
                line,
                needle,
                f'<{tag} {name}=...>: z3c.rml does not read "{name}" '
                f"on <{tag}>: it would be ignored{hint}",
            )
            continue
        if name not in allowed:
            yield RmlProblem(
                line,
                needle,
                f"<{tag} {name}=...>: the built-in templates never "
                f'set "{name}" on <{tag}>, so a practice template may not either',
            )
            continue
        field = schema.fields[name]
        reason = ""
        if field is not None and is_file_field(field):
            reason = file_refusal(value, rules.roots)
        elif rules.fonts is not None and (
            name in _FONT_ATTRIBUTES or (tag in _FONT_NAME_TAGS and name == "name")
        ):
            reason = font_refusal(value, rules.fonts)
        if reason:
            yield RmlProblem(line, needle, f"<{tag} {name}=...>: {reason}")


def resolve_like_z3c(value: str) -> Path:
    """The path z3c.rml opens for file attribute ``value`` (attr.File.fromUnicode):
    ``os.path.abspath``, so a relative name is relative to the working directory."""
    return Path(os.path.abspath(value))


def file_refusal(value: str, roots: Iterable[Path]) -> str:
    """Why file attribute ``value`` is refused, or ''."""
    if value.startswith("["):
        return f"package paths ({value}) are not allowed"
    if urlparse(value).scheme:
        return f"a URL ({value[:60]}) would be fetched; use a file in the practice folder"
    if value.lower().endswith((".svg", ".svgz")):
        return "SVG images are not allowed; use a PNG or JPEG file"
    path = resolve_like_z3c(value)
    try:
        real = path.resolve(strict=True)
        info = real.stat()
    except (OSError, RuntimeError):
        return f"the file {value} does not exist (it is looked up from {Path.cwd()})"
    if not any(real.is_relative_to(root.resolve()) for root in roots):
        shown = f"the file {value}" + (f" is {real}," if str(real) != value else " is")
        hint = ""
        if not os.path.isabs(value):
            hint = (
                "; the PDF library reads a relative name from the folder the command runs "
                "in, so give a practice file by its full path (as {{ logo.file }} does)"
            )
        return f"{shown} outside the practice folder{hint}"
    if not stat.S_ISREG(info.st_mode):
        return f"{value} is not a regular file"
    if info.st_size > MAX_FILE_BYTES:
        return f"{value} is {info.st_size:,} bytes; the limit is {MAX_FILE_BYTES:,}"
    return _image_refusal(real, value)


def _image_refusal(path: Path, value: str) -> str:
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(path) as image:
            width, height = image.size
            kind = image.format
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        return f"{value} is not a PNG or JPEG image"
    if kind not in ("PNG", "JPEG"):
        return f"{value} is a {kind} image; use a PNG or JPEG file"
    if width * height > MAX_IMAGE_PIXELS:
        return f"{value} has {width * height:,} pixels; the limit is {MAX_IMAGE_PIXELS:,}"
    return ""


def font_refusal(value: str, fonts: frozenset[str]) -> str:
    """Why font name ``value`` is refused, or ''."""
    if value in fonts:
        return ""
    ours = " or ".join(sorted(fonts)[:2]) if fonts else "the practice font"
    if value in BASE14:
        return (
            f"{value} is a PDF base font, which is not embedded in the file and may print "
            f"differently; use {{{{ fonts.regular }}}} or {{{{ fonts.bold }}}} ({ours}), or "
            "choose the family with font: in practice.yaml"
        )
    return (
        f'the font "{value}" is not one this build embeds; use {{{{ fonts.regular }}}} or '
        f"{{{{ fonts.bold }}}} ({ours})"
    )
