"""Render stage: Jinja2 templates -> RML (or HTML) text, in a sandbox.

Templates are looked up on one search path: the practice's ``templates/`` folder first,
the built-in templates last. A practice file may extend the built-in file of the same
name as ``builtin/<name>`` and replace single blocks. Every template, built-in or not,
runs in Jinja2's immutable sandbox with autoescape and StrictUndefined, and sees only
plain data (no paths, no objects with methods that touch files).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import re
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import meta
from jinja2.exceptions import SecurityError
from jinja2.loaders import split_template_path
from markupsafe import Markup

from handouts.errors import TemplateError
from handouts.model import PAGE_TOTAL, PENDING_REVIEW
from handouts.render.bytecode import template_cache
from handouts.render.sandbox import (
    MAX_OUTPUT_CHARS,
    HandoutSandbox,
    RenderTimeout,
    guard_filter,
    memory_ceiling,
    time_limit,
)
from handouts.text import lang, markup
from handouts.text.safe_files import TEMPLATE_SUFFIX, read_template

BUILTIN_PREFIX = "builtin/"


class OverrideLoader(jinja2.FileSystemLoader):
    """The search path, plus ``builtin/<name>`` for the built-in file a practice overrides.

    A template file must really be inside its folder: a symlink pointing elsewhere would
    let a practice template read any file on the machine into a handout.
    """

    def __init__(self, search_path: tuple[Path, ...]) -> None:
        super().__init__([str(p) for p in search_path])
        self.search_path = search_path

    def get_source(self, environment: jinja2.Environment, template: str) -> Any:
        roots, name = self.search_path, template
        if template.startswith(BUILTIN_PREFIX):
            roots, name = self.search_path[-1:], template[len(BUILTIN_PREFIX) :]
        pieces = split_template_path(name)  # refuses ".." and absolute paths
        for root in roots:
            path = root.joinpath(*pieces)
            if path.is_file():
                # Templates never reload within a run (auto_reload=False): always up to date.
                return read_template(root, path), os.path.normpath(path), lambda: True
        raise jinja2.TemplateNotFound(template)


def _plain_data(value: Any, seen: dict[int, Any] | None = None) -> Any:
    """Dataclasses, tuples and paths as dicts, lists and strings: safe for a sandbox.

    ``seen`` holds what one render converted already, by object: the practice, the
    condition and the UI words reach the template twice (inside ``handout`` and on their
    own). Sharing the converted value is safe, as the immutable sandbox changes nothing.
    """
    if type(value) is str:  # most values: checked first
        return markup.clean(value)
    if seen is None:
        seen = {}
    names = _field_names(type(value))
    if names is not None:
        found = seen.get(id(value))
        if found is None:
            found = seen[id(value)] = {n: _plain_data(getattr(value, n), seen) for n in names}
        return found
    if isinstance(value, Mapping):
        return {str(k): _plain_data(v, seen) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain_data(v, seen) for v in value]
    if isinstance(value, Path):
        return markup.clean(value.name)
    if isinstance(value, str):
        # A Text's origin stays out of the sandbox: templates see plain strings only.
        return markup.clean(str(value))  # no control character can make the RML invalid XML
    if value is None or isinstance(value, (int, float, bool, dt.date)):
        return value
    raise TypeError(f"cannot pass {type(value).__name__} to a template")


_FIELD_NAMES: dict[type, tuple[str, ...] | None] = {}


def _field_names(kind: type) -> tuple[str, ...] | None:
    """A dataclass's field names, or None for any other type (kept per type)."""
    if kind not in _FIELD_NAMES:
        is_dataclass = dataclasses.is_dataclass(kind)
        _FIELD_NAMES[kind] = (
            tuple(f.name for f in dataclasses.fields(kind)) if is_dataclass else None
        )
    return _FIELD_NAMES[kind]


def format_date(value: dt.date | str) -> str:
    """2026-11-21 -> '21 November 2026' (unambiguous in every English-speaking country)."""
    return lang.format_date(value, "en")


@jinja2.pass_context
def _date(context: jinja2.runtime.Context, value: dt.date | str) -> str:
    return lang.format_date(value, context["handout"]["language"])


@jinja2.pass_context
def _translation_note(context: jinja2.runtime.Context, records: list[Any], long: bool) -> str:
    """Who translated the handout and whether it was reviewed, in the handout's words:
    "pending" unless every translated file behind it names a reviewer."""
    if not records:
        return ""
    ui, language = context["ui"], context["handout"]["language"]
    first = records[0]
    pending = any(r["reviewer"].strip().lower() == PENDING_REVIEW for r in records)
    if pending:
        review = ui["translation_pending_long" if long else "translation_pending"]
    else:
        review = f"{first['reviewer']}, {lang.format_date(first['reviewed_on'], language)}"
    pattern: str = ui["translation_long" if long else "translation_footer"]
    return str(
        pattern.replace("{translator}", first["translator"])
        .replace("{date}", lang.format_date(first["translated_on"], language))
        .replace("{review}", review)
    )


@jinja2.pass_context
def _dose(context: jinja2.runtime.Context, mg: float) -> str:
    return lang.format_dose(mg, context["handout"]["language"])


def capitalise(text: str) -> str:
    """First letter upper-case, the rest as written ('multiple sclerosis' -> 'Multiple ...').

    Only ASCII and Latin-1 letters change: upper-casing others can make a character the
    user never wrote, which the font may lack ('µ' -> Greek 'Μ', 'ß' -> 'SS').
    """
    first = text[:1]
    upper = first.upper()
    if len(upper) == 1 and upper <= "\u00ff" and upper.lower() == first:
        return upper + text[1:]
    return text


@jinja2.pass_context
def _inline(context: jinja2.runtime.Context, text: str) -> Markup:
    handout = context["handout"]
    convert = markup.to_html if context.get("output") == "html" else markup.to_rml
    return convert(str(text), handout["placeholder_values"], handout["numbers"])


@jinja2.pass_context
def _plain(context: jinja2.runtime.Context, text: str) -> str:
    handout = context["handout"]
    return markup.to_plain(str(text), handout["placeholder_values"])


@jinja2.pass_context
def _cite_numbers(context: jinja2.runtime.Context, keys: list[str]) -> str:
    numbers = context["handout"]["numbers"]
    return ", ".join(str(n) for n in sorted({numbers[k] for k in keys if k in numbers}))


@lru_cache(maxsize=16)
def environment(search_path: tuple[Path, ...]) -> HandoutSandbox:
    """One sandboxed environment per search path: templates compile once per process."""
    options: dict[str, Any] = {"autoescape": True, "undefined": jinja2.StrictUndefined,
                               "trim_blocks": True, "lstrip_blocks": True}  # fmt: skip
    settings = f"{HandoutSandbox.__module__}.{HandoutSandbox.__qualname__}|{options!r}"
    env = HandoutSandbox(
        loader=OverrideLoader(search_path),
        auto_reload=False,
        cache_size=64,
        bytecode_cache=template_cache(settings),
        **options,
    )
    env.filters.update(
        inline=_inline,
        plain=_plain,
        cite_numbers=_cite_numbers,
        date=_date,
        cap=capitalise,
        dose=_dose,
        translation_note=_translation_note,
    )
    env.filters = {name: guard_filter(func) for name, func in env.filters.items()}
    return env


def forget_templates() -> None:
    """Read every template again on next use (``handouts preview``, after an edit)."""
    environment.cache_clear()
    _template_files.cache_clear()


def template_files(search_path: tuple[Path, ...], name: str) -> tuple[str, ...]:
    """Every template file that rendering ``name`` reads, in lookup order."""
    return _template_files(search_path, name)


@lru_cache(maxsize=64)
def _template_files(search_path: tuple[Path, ...], name: str) -> tuple[str, ...]:
    env = environment(search_path)
    seen: list[str] = []
    pending = [name]
    while pending:
        current = pending.pop(0)
        try:
            source, filename, _ = env.loader.get_source(env, current)  # type: ignore[union-attr]
        except jinja2.TemplateNotFound:
            continue
        if filename is None or filename in seen:
            continue
        seen.append(filename)
        try:
            refs = meta.find_referenced_templates(env.parse(source))
        except jinja2.TemplateSyntaxError:
            continue
        pending.extend(r for r in refs if r)
    return tuple(seen)


def _template_line(exc: BaseException, name: str = "") -> dict[str, Any]:
    """Path and line of the innermost template frame in a traceback (else ``name``, line 0),
    as TemplateError's keyword fields."""
    where: dict[str, Any] = {"path": name, "line": 0}
    tb = exc.__traceback__
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith(TEMPLATE_SUFFIX):
            where = {"path": filename, "line": tb.tb_lineno}
        tb = tb.tb_next
    return where


# Half of a UTF-16 pair, alone: not text, and no PDF or HTML file can hold it.
_SURROGATE = re.compile("[\ud800-\udfff]")


def _refuse_surrogate(chunk: str, search_path: tuple[Path, ...], name: str, main: str) -> None:
    """Raise a TemplateError at the template line whose escape made a lone surrogate."""
    found = _SURROGATE.search(chunk)
    code = ord(found.group(0)) if found else 0xD800
    escape = re.compile(rf"\\u{code:04x}|\\U0000{code:04x}", re.IGNORECASE)
    where: dict[str, Any] = {"path": main, "line": 0}
    for path in _template_files(search_path, name):
        try:
            lines = Path(path).read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            continue
        hit = next((i for i, line in enumerate(lines, 1) if escape.search(line)), 0)
        if hit:
            where = {"path": path, "line": hit}
            break
    raise TemplateError(
        f"the template makes the character U+{code:04X}, half of a UTF-16 surrogate pair, "
        "which is not text and cannot be printed; remove the escape that makes it",
        **where,
    )


def render_data(context: Mapping[str, Any], output: str = "rml") -> dict[str, Any]:
    """What a template sees: ``context`` as plain data, plus the output kind."""
    seen: dict[int, Any] = {}
    data = {key: _plain_data(value, seen) for key, value in context.items()}
    # Cleaning drops the page-total marker from every text; the marker itself goes through.
    if context.get("page_total") == PAGE_TOTAL:
        data["page_total"] = PAGE_TOTAL
    data["output"] = output
    return data


def render_template(
    search_path: tuple[Path, ...], name: str, context: Mapping[str, Any], output: str = "rml"
) -> str:
    """Render template ``name`` with plain-data ``context``; any failure is a TemplateError."""
    env = environment(search_path)
    data = render_data(context, output)
    try:
        with memory_ceiling(), time_limit():
            template = env.get_template(name)
            chunks, size = [], 0
            for chunk in template.generate(data):
                size += len(chunk)
                if size > MAX_OUTPUT_CHARS:
                    raise TemplateError(
                        f"the template produced more than {MAX_OUTPUT_CHARS:,} characters; refused",
                        path=template.filename or name,
                    )
                chunks.append(chunk)
                if _SURROGATE.search(chunk):
                    _refuse_surrogate(chunk, search_path, name, template.filename or name)
            return "".join(chunks)
    except TemplateError:
        raise
    except jinja2.TemplateSyntaxError as exc:
        from handouts.render.syntax import explain

        words, line = explain(exc.message or "", exc.lineno, exc.source)
        # The lexer's own errors (an unclosed comment) carry the file name as their name.
        raise TemplateError(words, path=exc.filename or exc.name or name, line=line) from exc
    except jinja2.TemplateNotFound as exc:
        raise TemplateError(f"template not found: {exc.name}", **_template_line(exc)) from exc
    except SecurityError as exc:
        where = _template_line(exc, name)
        raise TemplateError(f"refused by the template sandbox: {exc}", **where) from exc
    except jinja2.UndefinedError as exc:
        where = _template_line(exc, name)
        raise TemplateError(f"undefined value in template: {exc.message}", **where) from exc
    except RecursionError as exc:
        raise TemplateError(
            "the template recurses without end (does it extend or include itself? "
            f'a practice file extends the built-in one as "{BUILTIN_PREFIX}{name}")',
            **_template_line(exc, name),
        ) from exc
    except MemoryError as exc:
        where = _template_line(exc, name)
        raise TemplateError("the template needs too much memory; refused", **where) from exc
    except RenderTimeout as exc:
        raise TemplateError(
            f"the template ran for more than {exc.seconds:g} seconds (an endless loop?); refused",
            **_template_line(exc, name),
        ) from exc
    except (jinja2.TemplateError, TypeError, ValueError, ArithmeticError, LookupError) as exc:
        raise TemplateError(f"template error: {exc}", **_template_line(exc, name)) from exc
