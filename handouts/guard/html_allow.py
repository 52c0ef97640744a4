"""The HTML edition's allowlist, read from the built-in ``templates/*.html.j2``.

As the RML allowlist comes from what the built-in RML templates write, this one is what
the built-in HTML templates and the inline markup converter write: the elements, each
element's attributes, the CSS properties, at-rules and functions of their stylesheets.
A new built-in edition therefore extends the set without code changes. The templates are
scanned as HTML5 (tinyhtml5, the parser the guard itself uses) after their Jinja2 tags
are taken out (each ``{{ ... }}`` becomes a placeholder word).

A few plain text elements a clinic may want in its own blocks are added by name
(``EXTRA_ELEMENTS``): none of them loads, runs or embeds anything.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import tinycss2
import tinyhtml5

from handouts import paths
from handouts.text.markup import to_html

# Text and grouping elements with no URL attributes and no behaviour of their own.
EXTRA_ELEMENTS = frozenset({"div", "br", "hr", "h4", "b", "i", "small", "blockquote"})
# Attributes that may go on any allowed element when a built-in template uses them on one.
GLOBAL_ATTRIBUTES = frozenset({"class", "id", "lang", "role", "aria-labelledby", "aria-hidden",
                               "aria-label", "aria-describedby"})  # fmt: skip
# Harmless CSS functions beside those the stylesheets use: colours and arithmetic.
EXTRA_FUNCTIONS = frozenset({"calc", "rgb", "rgba", "hsl", "hsla", "min", "max", "clamp"})

_JINJA_COMMENT = re.compile(r"\{#.*?#\}", re.DOTALL)
_JINJA_STATEMENT = re.compile(r"\{%.*?%\}", re.DOTALL)
_JINJA_EXPRESSION = re.compile(r"\{\{.*?\}\}", re.DOTALL)


@dataclass(frozen=True)
class HtmlAllowlist:
    """What a rendered HTML handout may contain."""

    attributes: dict[str, frozenset[str]]  # element -> its allowed attributes
    properties: frozenset[str]  # CSS properties (custom ``--*`` ones are always allowed)
    at_rules: frozenset[str]
    functions: frozenset[str]

    @property
    def elements(self) -> frozenset[str]:
        return frozenset(self.attributes)

    def size(self) -> int:
        """Elements + element-attribute pairs + CSS properties, at-rules and functions."""
        pairs = sum(len(names) for names in self.attributes.values())
        return (
            len(self.attributes)
            + pairs
            + len(self.properties)
            + len(self.at_rules)
            + len(self.functions)
        )


def without_jinja(source: str) -> str:
    """A template's text with its Jinja2 tags taken out, as HTML to scan."""
    source = _JINJA_COMMENT.sub("", source)
    source = _JINJA_STATEMENT.sub("", source)
    return _JINJA_EXPRESSION.sub("x", source)


def _scan_css(css: str, properties: set[str], at_rules: set[str], functions: set[str]) -> None:
    def tokens(nodes: list[tinycss2.ast.Node]) -> None:
        for node in nodes:
            if node.type == "function":
                functions.add(node.lower_name)
                tokens(node.arguments)
            elif node.type in ("() block", "[] block", "{} block"):
                tokens(node.content)

    def rules(nodes: list[tinycss2.ast.Node]) -> None:
        for node in nodes:
            if node.type == "at-rule":
                at_rules.add(node.lower_at_keyword)
                rules(tinycss2.parse_blocks_contents(node.content or []))
            elif node.type == "qualified-rule":
                rules(tinycss2.parse_blocks_contents(node.content))
            elif node.type == "declaration":
                if not node.name.startswith("--"):
                    properties.add(node.lower_name)
                tokens(node.value)

    rules(tinycss2.parse_stylesheet(css, skip_whitespace=True, skip_comments=True))


def _sample_inline() -> str:
    """Every form the inline markup converter writes (bold, italic, citations, links)."""
    text = "**b** *i* x[@a] [l](https://example.org) {phone}"
    return str(to_html(text, {"phone": "555-0100"}, {"a": 1}))


def derive(sources: list[str]) -> HtmlAllowlist:
    """The allowlist of the given template texts (plus the inline markup forms)."""
    attributes: dict[str, set[str]] = {name: set() for name in EXTRA_ELEMENTS}
    properties: set[str] = set()
    at_rules: set[str] = set()
    functions: set[str] = set(EXTRA_FUNCTIONS)
    for source in [*sources, _sample_inline()]:
        root = tinyhtml5.parse(without_jinja(source), namespace_html_elements=False)
        for element in root.iter():
            if not isinstance(element.tag, str):
                continue
            attributes.setdefault(element.tag, set()).update(element.attrib)
            if element.tag == "style":
                _scan_css(element.text or "", properties, at_rules, functions)
    used_global = {name for names in attributes.values() for name in names} & GLOBAL_ATTRIBUTES
    return HtmlAllowlist(
        attributes={tag: frozenset(names | used_global) for tag, names in attributes.items()},
        properties=frozenset(properties),
        at_rules=frozenset(at_rules),
        functions=frozenset(functions),
    )


@lru_cache(maxsize=1)
def builtin_allowlist() -> HtmlAllowlist:
    """The allowlist of the built-in ``templates/*.html.j2`` (read once per process)."""
    files = sorted(Path(paths.builtin_templates_dir()).glob("*.html.j2"))
    return derive([f.read_text(encoding="utf-8") for f in files])
