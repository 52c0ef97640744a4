"""Map a line of rendered output back to the template file and line that wrote it.

Used only when the guard refuses something: the handout is rendered again, and for each
chunk of output we note which template frame yielded it (Jinja2 keeps the template
object in the globals of its compiled code, and maps code lines to template lines). The
template line of a chunk is where its expression or text starts; the tag or attribute
the guard names is then looked up from that line on, in that file.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from handouts.render.templates import environment, render_data

Mark = tuple[int, str, int]  # output offset, template file, template line


def trace(
    search_path: tuple[Path, ...], name: str, context: Mapping[str, Any], output: str = "rml"
) -> tuple[str, list[Mark]]:
    """Render ``name`` again; return the text and where each chunk came from."""
    from handouts.render.sandbox import memory_ceiling, time_limit

    env = environment(search_path)
    template = env.get_template(name)
    chunks: list[str] = []
    marks: list[Mark] = []
    offset = 0
    # Jinja parses a template's whole line map on every get_corresponding_lineno call;
    # a long template yields thousands of chunks, so each (template, code line) is asked once.
    lines: dict[tuple[int, int], int] = {}
    with memory_ceiling(), time_limit():
        generator = template.root_render_func(template.new_context(render_data(context, output)))
        for chunk in generator:
            inner: Any = generator
            while getattr(getattr(inner, "gi_yieldfrom", None), "gi_frame", None) is not None:
                inner = inner.gi_yieldfrom
            frame = inner.gi_frame
            owner = frame.f_globals.get("__jinja_template__") if frame else None
            if owner is not None and owner.filename:
                key = (id(owner), frame.f_lineno)
                if key not in lines:
                    lines[key] = owner.get_corresponding_lineno(frame.f_lineno)
                marks.append((offset, owner.filename, lines[key]))
            chunks.append(chunk)
            offset += len(chunk)
    return "".join(chunks), marks


def _find_line(filename: str, start: int, needle: str) -> int:
    """The first line at or after ``start`` of ``filename`` that holds ``needle`` (0: none
    does, as when an expression built it)."""
    try:
        lines = Path(filename).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return 0
    for number in list(range(start, len(lines) + 1)) + list(range(1, start)):
        if needle and needle in lines[number - 1]:
            return number
    return 0


def _line(filename: str, number: int) -> str:
    """Line ``number`` of ``filename`` ('' if there is none)."""
    try:
        lines = Path(filename).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return ""
    return lines[number - 1] if 0 < number <= len(lines) else ""


def locator(
    search_path: tuple[Path, ...],
    name: str,
    context: Callable[[], Mapping[str, Any]],
    output: str = "rml",
) -> Callable[[int, str], tuple[str, int]]:
    """A function (output line, text on it) -> (template file, line), rendering ``name``
    again with ``context()`` the first time it is called."""
    cache: list[tuple[str, list[Mark], list[int]]] = []

    def locate(line: int, needle: str) -> tuple[str, int]:
        if not cache:
            text, marks = trace(search_path, name, context(), output)
            starts = [0]
            for index, char in enumerate(text):
                if char == "\n":
                    starts.append(index + 1)
            cache.append((text, marks, starts))
        text, marks, starts = cache[0]
        if not marks:
            return name, 0
        begin = starts[min(max(line, 1), len(starts)) - 1]
        found = text.find(needle, begin) if needle else -1
        at = found if found >= 0 else begin
        offsets = [m[0] for m in marks]
        chunk_start, filename, template_line = marks[max(bisect.bisect_right(offsets, at) - 1, 0)]
        # A chunk of the template's own text keeps its line breaks: the needle is as many
        # lines below the chunk's first line as in the output, if it is there.
        below = template_line + text.count("\n", chunk_start, at)
        if below != template_line and needle and needle in _line(filename, below):
            return filename, below
        found_line = _find_line(filename, template_line, needle)
        return filename, found_line or (below if _line(filename, below) else template_line)

    return locate
