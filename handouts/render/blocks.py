"""What a practice can override, read from the built-in templates themselves (Jinja2's
syntax tree, never a list typed by hand): each template's blocks, in order, with the
variables, attributes and macros each block uses, and the variables the templates see.

``handouts templates``, the README's generated section and the ``init`` scaffold's comment
all come from :func:`overridable`, so they cannot drift apart from the templates.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import jinja2
from jinja2 import nodes

from handouts import paths

# The templates a practice may override, in the order the docs list them: what each one
# prints and its markup. The test holds this list to the templates folder.
TEMPLATES = {
    "handout.rml.j2": "the full guide, as a PDF (RML markup)",
    "summary.rml.j2": "the one-sheet summary, as a PDF (RML markup)",
    "plan.rml.j2": "a patient's personal plan, as a PDF (RML markup)",
    "handout.html.j2": "the full guide, as an HTML page",
    "summary.html.j2": "the one-sheet summary, as an HTML page",
    "index.html.j2": "the set's index page (html --all), as an HTML page",
}
MACRO_FILES = ("macros.rml.j2", "macros.html.j2")  # helpers the templates import as m


@dataclass(frozen=True)
class Block:
    """One ``{% block %}``: what it uses, where it is, and the block it sits in."""

    name: str
    line: int
    end: int  # the line of its {% endblock %}
    template: str  # the file that defines it (a parent's, for a block not redefined)
    inside: str  # the enclosing block, or ''
    scoped: bool  # sees the loop variable around it (``section``)
    uses: tuple[str, ...]  # dotted names: "layout.width", "practice.colours.band"
    macros: tuple[str, ...]  # "m.heading", "bullets"
    around: tuple[str, ...]  # names it reads that the loop or block around it sets


@dataclass(frozen=True)
class TemplateInfo:
    """A built-in template a practice may override."""

    name: str
    what: str
    extends: str  # the built-in template it extends, or ''
    blocks: tuple[Block, ...]
    values: tuple[str, ...]  # names set at the top of the file ({% set %}), usable in blocks


def _parse(name: str) -> nodes.Template:
    source = (paths.builtin_templates_dir() / name).read_text(encoding="utf-8")
    return jinja2.Environment().parse(source)


def _dotted(node: nodes.Node) -> tuple[str, nodes.Node]:
    """``practice.colours.band`` for a Getattr chain, and the node its base is."""
    parts: list[str] = []
    while isinstance(node, (nodes.Getattr, nodes.Getitem)):
        if isinstance(node, nodes.Getattr):
            parts.append(node.attr)
        elif isinstance(node.arg, nodes.Const) and isinstance(node.arg.value, str):
            parts.append(node.arg.value)
        else:
            parts = []  # a computed index: only the part before it is a name
        node = node.node
    if isinstance(node, nodes.Name):
        return ".".join([node.name, *reversed(parts)]), node
    return "", node


def _loads(node: nodes.Node, found: set[str]) -> None:
    """Every dotted name read under ``node`` (the longest chain, not its prefixes)."""
    if isinstance(node, (nodes.Getattr, nodes.Getitem)):
        name, base = _dotted(node)
        if name and isinstance(base, nodes.Name) and base.ctx == "load":
            found.add(name)
            # A computed index's own expression may read names too.
            for item in node.find_all(nodes.Getitem):
                if not isinstance(item.arg, nodes.Const):
                    _loads(item.arg, found)
            return
    if isinstance(node, nodes.Name) and node.ctx == "load":
        found.add(node.name)
        return
    # A nested block counts as part of the one around it: an override replaces both.
    for child in node.iter_child_nodes():
        _loads(child, found)


# Jinja2's own globals (range, dict...) are not the handout's variables.
_GLOBALS = frozenset(jinja2.Environment().globals)


def _stored(node: nodes.Node) -> set[str]:
    return {n.name for n in node.find_all(nodes.Name) if n.ctx in ("store", "param")}


def _locals(block: nodes.Block) -> set[str]:
    """Names the block binds itself (loop targets, set, macro arguments) and ``loop``."""
    return {"loop", "caller", "varargs", "kwargs"} | _stored(block)


def _top_level(tree: nodes.Template) -> tuple[set[str], set[str]]:
    """(macro names and import aliases, values set) at the top of a template file."""
    macros: set[str] = set()
    values: set[str] = set()
    for node in tree.body:
        if isinstance(node, nodes.Macro):
            macros.add(node.name)
        elif isinstance(node, nodes.Import):
            macros.add(node.target)
        elif isinstance(node, nodes.Assign) and isinstance(node.target, nodes.Name):
            values.add(node.target.name)
    return macros, values


def _enclosing(tree: nodes.Template) -> dict[str, str]:
    """Each block's name -> the block it sits in ('' at the top)."""
    inside: dict[str, str] = {}

    def walk(node: nodes.Node, around: str) -> None:
        for child in node.iter_child_nodes():
            if isinstance(child, nodes.Block):
                inside[child.name] = around
                walk(child, child.name)
            else:
                walk(child, around)

    walk(tree, "")
    return inside


def _block_ends(name: str) -> dict[int, int]:
    """Each ``{% block %}``'s line -> the line of its ``{% endblock %}`` (from the tokens)."""
    source = (paths.builtin_templates_dir() / name).read_text(encoding="utf-8")
    ends: dict[int, int] = {}
    stack: list[int] = []
    expect_name = False
    for line, kind, value in jinja2.Environment().lex(source):
        if kind == "whitespace":
            continue
        if kind == "block_begin":
            expect_name = True
        elif expect_name and kind == "name":
            if value == "block":
                stack.append(line)
            elif value == "endblock" and stack:
                ends[stack.pop()] = line
            expect_name = False
        else:
            expect_name = False
    return ends


def _blocks_of(
    name: str, inherited: frozenset[str] = frozenset()
) -> tuple[list[Block], set[str], set[str], str]:
    """The blocks ``name`` defines itself, its macros and top-level values (with
    ``inherited``, the macros of the file it extends), and what it extends."""
    tree = _parse(name)
    macros, values = _top_level(tree)
    macros |= inherited
    ends = _block_ends(name)
    extends = next((str(e.template.value) for e in tree.find_all(nodes.Extends)
                    if isinstance(e.template, nodes.Const)), "")  # fmt: skip
    inside = _enclosing(tree)
    outer = _stored(tree)
    blocks = []
    for block in tree.find_all(nodes.Block):
        found: set[str] = set()
        for child in block.body:
            _loads(child, found)
        own = _locals(block) | _GLOBALS
        used = {n for n in found if n.split(".")[0] not in own}
        called = {n for n in used if n.split(".")[0] in macros}
        # Set by a loop or block around this one, outside the top level (x0 in cut_marks).
        around = {n for n in used if n.split(".")[0] in outer - values} - called
        blocks.append(
            Block(
                name=block.name,
                line=block.lineno,
                end=ends.get(block.lineno, block.lineno),
                template=name,
                inside=inside[block.name],
                scoped=block.scoped,
                uses=tuple(sorted(used - called - around)),
                macros=tuple(sorted(called)),
                around=tuple(sorted(around)),
            )  # fmt: skip
        )
    return blocks, macros, values, extends.removeprefix("builtin/")


def template_info(name: str) -> TemplateInfo:
    """One template's blocks in print order; a template that extends another has the
    other's blocks too, its own definitions in their place."""
    own, _, values, extends = _blocks_of(name)
    if not extends:
        return TemplateInfo(name, TEMPLATES.get(name, ""), "", tuple(own), tuple(sorted(values)))
    parent = template_info(extends)
    own, _, values, _ = _blocks_of(name, frozenset(_blocks_of(extends)[1]))
    mine = {b.name: b for b in own}
    blocks = tuple(mine.get(b.name, b) for b in parent.blocks)
    blocks += tuple(b for b in own if b.name not in {p.name for p in parent.blocks})
    merged_values = tuple(sorted(values | set(parent.values)))
    return TemplateInfo(name, TEMPLATES.get(name, ""), extends, blocks, merged_values)


def overridable() -> tuple[TemplateInfo, ...]:
    """Every template a practice may override, in the order of ``TEMPLATES``."""
    return tuple(template_info(name) for name in TEMPLATES)


def macros_of(name: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The macros a macros file defines: (name, argument names), in file order."""
    tree = _parse(name)
    return tuple(
        (m.name, tuple(a.name for a in m.args)) for m in tree.body if isinstance(m, nodes.Macro)
    )


def builtin_template_names() -> tuple[str, ...]:
    """Every built-in template file (for the test that TEMPLATES lists them all)."""
    folder: Path = paths.builtin_templates_dir()
    return tuple(sorted(p.name for p in folder.glob("*.j2")))


def block_place(files: tuple[str, ...], block: str) -> tuple[str, int] | None:
    """The first of the template ``files`` that defines ``{% block <block> %}``, and the
    line it starts on, read from Jinja2's syntax tree (a file that does not parse is
    skipped: its own syntax error is reported on its own)."""
    for name in files:
        try:
            tree = jinja2.Environment().parse(Path(name).read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, jinja2.TemplateSyntaxError):
            continue
        for node in tree.find_all(nodes.Block):
            if node.name == block:
                return name, node.lineno
    return None
