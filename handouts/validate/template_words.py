"""A practice template's own words: invisible characters and forbidden claims typed into
an override (``templates/*.j2``), each at the template file and line.

practice.yaml's text is checked in words.py; a template override can print words too
("LDN cures MS" typed into a block of handout.rml.j2, or a zero-width space hiding a
word). The text a template prints as written is its literal text: what Jinja's lexer
calls ``data``, outside every ``{{ }}``, ``{% %}`` and ``{# #}``. Markup tags are taken
out (inline ones such as ``<b>`` join the letters on either side, as a reader sees
"c<b>ures</b>"), entities decoded, and the rest goes through the one claim matcher.
Invisible characters are refused anywhere in a template, tags and expressions included:
there is no reason to write one, and the set is the one practice.yaml's text is held to.
Words a template builds from expressions (``{{ "cu" ~ "res" }}``) are checked in its output
(guard/rml_words.py, from the pipeline, in build and check alike).
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import jinja2

from handouts.errors import Problem, TemplateError
from handouts.model import ForbiddenPhrase
from handouts.text.normalise import invisible_characters
from handouts.text.safe_files import TEMPLATE_SUFFIX, read_template
from handouts.text.sections import forbidden_claims
from handouts.text.yamlfile import character_name
from handouts.validate.template_hiding import hiding_styles

TEMPLATES_DIR = "templates"
MAX_FILES = 200  # a bound on the files looked at; far above a clinic's overrides
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
# A stylesheet's text is not printed ("width: 60%"); a {{ }} inside a <style> splits it
# over several tokens, so literal_texts follows whether a token starts inside one.
_STYLE_OPEN = re.compile(r"<style\b", re.I)
_STYLE_CLOSE = re.compile(r"</style\s*>", re.I)
_INLINE_TAG = re.compile(r"</?(?:b|i|u|strong|em|span|font|a|sup|sub|strike|greek)\b[^>]*>", re.I)
_TAG = re.compile(r"<[^>]*>")


def practice_templates(folder: Path) -> list[Path]:
    """The template files in practice ``folder``'s ``templates/`` and below, for the words
    check: regular files named ``*.j2``, not links (render refuses a link out of the folder)."""
    root = folder / TEMPLATES_DIR
    if not root.is_dir() or root.is_symlink():
        return []
    found = sorted(root.rglob(f"*{TEMPLATE_SUFFIX}"))
    return [p for p in found if p.is_file() and not p.is_symlink()][:MAX_FILES]


def reader_text(data: str) -> str:
    """Literal template text as a reader sees it: comments and tags out, entities decoded."""
    text = _COMMENT.sub(" ", data)
    text = _INLINE_TAG.sub("", text)
    return html.unescape(_TAG.sub(" ", text))


def literal_texts(source: str) -> list[tuple[int, str]]:
    """(first line, text) of each piece of literal text of a template, stylesheets blanked
    (newlines kept, so lines still count); [] if Jinja cannot lex it (render reports it)."""
    try:
        tokens = list(jinja2.Environment().lex(source))
    except jinja2.TemplateSyntaxError:
        return []
    out, in_style = [], False
    for line, kind, value in tokens:
        if kind != "data":
            continue
        kept, at = [], 0
        while at < len(value):
            edge = (_STYLE_CLOSE if in_style else _STYLE_OPEN).search(value, at)
            end = edge.start() if edge else len(value)
            piece = value[at:end]
            kept.append("\n" * piece.count("\n") if in_style else piece)
            if edge is None:
                break
            if in_style:
                kept.append(edge.group(0))
            in_style, at = not in_style, (edge.end() if in_style else edge.start())
            if in_style:  # keep the <style ...> tag itself out of the text too
                close = value.find(">", at)
                at = len(value) if close < 0 else close + 1
        out.append((line, "".join(kept)))
    return out


def _read(path: Path, root: Path) -> str | None:
    """The template's text, read as render reads it, or None when render reports it (too
    large, not UTF-8, not a regular file inside the practice folder)."""
    try:
        return read_template(root, path)
    except (TemplateError, OSError):
        return None


def _invisible(shown: str, source: str) -> list[Problem]:
    problems = []
    for number, line in enumerate(source.splitlines(), start=1):
        found = invisible_characters(line)
        if found:
            at, char = found[0]
            more = f" (and {len(found) - 1} more on the line)" if len(found) > 1 else ""
            problems.append(Problem(shown, number, at + 1, "", (
                f"holds the invisible character {character_name(char)}{more}, which prints "
                "as an empty box or as nothing and can hide a word from the checks; delete it"
            ), "glyph"))  # fmt: skip
    return problems


def _claims(shown: str, source: str, phrases: tuple[ForbiddenPhrase, ...]) -> list[Problem]:
    problems = []
    for start, value in literal_texts(source):
        if not value.strip():
            continue
        for phrase, words in forbidden_claims(reader_text(value), phrases):
            # The line of the claim: the first line of the token that says it alone.
            line = start
            for offset, text in enumerate(value.split("\n")):
                if any(p is phrase for p, _ in forbidden_claims(reader_text(text), phrases)):
                    line = start + offset
                    break
            problems.append(Problem(shown, line, 0, "", (
                f'says "{words}", which a handout must never say: {phrase.reason}'
            ), "forbidden-claim"))  # fmt: skip
    return problems


def check_template_words(
    folder: Path, phrases: tuple[ForbiddenPhrase, ...], problems: list[Problem]
) -> None:
    """Add a problem for each invisible character and forbidden claim in the literal text
    of the practice's templates, and each style that could hide text (template_hiding.py).
    ``folder``: the practice folder, as the user named it."""
    for path in practice_templates(folder):
        source = _read(path, folder)
        if source is None:
            continue
        shown = str(folder / path.relative_to(folder))
        problems.extend(_invisible(shown, source))
        problems.extend(_claims(shown, source, phrases))
        problems.extend(hiding_styles(shown, source, path.name.endswith(".html.j2")))
