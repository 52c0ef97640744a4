"""The RML a template may produce: z3c.rml's own schema, cut down to what the built-in
templates use.

z3c.rml declares every directive as a signature interface: its attributes are
zope.schema fields with RML types (``attr.File``, ``attr.Image``, ``attr.Measurement``
...), and the child directives it processes are a tagged value (the same data z3c.rml's
``dtd.py`` turns into its DTD). We walk that tree from ``<document>``. A child or an
attribute the schema does not declare is one z3c.rml would ignore; a directive or
attribute that the built-in templates never write is one a practice may not write either.
The built-in set is read from the built-in template files themselves (and from the inline
forms of the Markdown converter), so a new built-in edition extends it by existing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

# Never allowed, whatever a built-in template might one day use: they run Python, write or
# read files, register fonts that are not ours, or pull in other PDFs.
REFUSED = {
    "docinit": "it configures the PDF library (logging to files, fonts, colours)",
    "logConfig": "it opens a file for writing",
    "registerFont": "fonts come from practice.yaml (font:), never from a template",
    "registerTTFont": "fonts come from practice.yaml (font:), never from a template",
    "registerType1Face": "fonts come from practice.yaml (font:), never from a template",
    "registerFontFamily": "fonts come from practice.yaml (font:), never from a template",
    "registerCidFont": "fonts come from practice.yaml (font:), never from a template",
    "addMapping": "fonts come from practice.yaml (font:), never from a template",
    "color": "colours come from practice.yaml (colours:)",
    "includePdfPages": "it copies pages of another PDF into the handout",
    "mergePage": "it copies a page of another PDF into the handout",
    "plugInFlowable": "it would run Python code",
    "plugInGraphic": "it would run Python code",
    "evalString": "it would evaluate an expression",
    "img": "images go in the page header (<image>), from the practice folder",
}
# Text-bearing fields: an element with one of these prints its text.
_TEXT_FIELDS = {"TextNode", "FirstLevelTextNode", "TextNodeSequence", "TextNodeGrid",
                "RawXMLContent", "XMLContent"}  # fmt: skip
# Paragraph markup (the content of <para>, <td>...) is parsed by ReportLab, not z3c.rml.
_MARKUP_FIELDS = {"RawXMLContent", "XMLContent"}
_JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_START_TAG = re.compile(r"<([A-Za-z][\w.-]*)((?:[^<>\"']|\"[^\"]*\"|'[^']*')*)>")
_ATTRIBUTE = re.compile(r"([A-Za-z_][\w:.-]*)\s*=")


@dataclass(frozen=True)
class Directive:
    """One element kind in its context: what z3c.rml accepts inside it and on it."""

    tag: str
    signature: Any  # the zope interface; None for ReportLab paragraph markup
    fields: dict[str, Any]  # attribute name -> zope.schema field
    children: dict[str, Any]  # child tag -> signature (None: paragraph markup)
    takes_text: bool
    markup: bool  # its content is ReportLab paragraph markup

    def child(self, tag: str) -> Directive | None:
        """The directive for child ``tag``, or None if z3c.rml would ignore it."""
        if tag not in self.children:
            return None
        return directive(tag, self.children[tag], self.markup)


def _sig_children(signature: Any) -> dict[str, Any]:
    return {o.tag: o.signature for o in signature.queryTaggedValue("directives", ())}


@cache
def _inline_tags() -> frozenset[str]:
    """Tags ReportLab's paragraph parser handles (it has a start_<tag> method for each)."""
    from reportlab.platypus.paraparser import ParaParser

    return frozenset(n[len("start_") :] for n in dir(ParaParser) if n.startswith("start_"))


@cache
def _inline_attributes(tag: str) -> frozenset[str]:
    """Attributes ReportLab's paragraph parser reads for inline ``tag``."""
    from reportlab.platypus import paraparser

    maps = {"a": "_linkAttrMap", "link": "_linkAttrMap", "font": "_fontAttrMap",
            "super": "_supAttrMap", "sup": "_supAttrMap", "sub": "_supAttrMap",
            "img": "_imgAttrMap", "span": "_spanAttrMap"}  # fmt: skip
    found = getattr(paraparser, maps.get(tag, ""), None) or {}
    return frozenset(found)


@cache
def directive(tag: str, signature: Any, in_markup: bool = False) -> Directive:
    """The schema entry for ``tag`` declared by ``signature`` (None: paragraph markup)."""
    import zope.schema  # type: ignore[import-untyped]
    from z3c.rml import canvas, flowable, special

    if signature is None:
        attrs = {name: None for name in _inline_attributes(tag)}
        children = {t: None for t in _inline_tags()}
        return Directive(tag, None, attrs, children, True, True)
    fields = dict(zope.schema.getFieldsInOrder(signature))
    kinds = {type(f).__name__ for f in fields.values()}
    children = _sig_children(signature)
    markup = bool(kinds & _MARKUP_FIELDS)
    if signature is flowable.IIllustration:
        # An illustration draws its children on a canvas (flowable.Illustration).
        children.update(_sig_children(canvas.IDrawing))
    if _holds_flow(signature):
        # td, place, keepTogether, keepInFrame, indent ... lay out their children as a
        # Flow (their class's code makes ``Flow(self.element, ...)``): any flowable.
        children.update(_sig_children(flowable.IFlow))
    if signature is flowable.ITableCell:
        markup = False
    elif markup and issubclass(_class_for(signature), special.TextFlowables):
        # drawString and friends replace these children by text (special.TextFlowables).
        children.update({t: None for t in special.TextFlowables.handleElements})
    elif markup or in_markup:
        children.update({t: None for t in _inline_tags() if t not in children})
        markup = True
    takes_text = bool(kinds & _TEXT_FIELDS) or in_markup
    return Directive(tag, signature, fields, children, takes_text, markup)


@cache
def _holds_flow(signature: Any) -> bool:
    """True if the directive declared by ``signature`` hands its children to a Flow.

    Such a class's own methods build ``Flow(self.element, ...)``, so the name ``Flow``
    is among the names their code uses. Reading the compiled code, not the source text,
    keeps this off the cold start: ``inspect.getsource`` parsed z3c.rml's modules on every
    run (0.7 s of a 2.3 s plan).
    """
    cls = _class_for(signature)
    return cls is not object and "Flow" in _names_used(cls)


def _names_used(cls: type) -> set[str]:
    """The global and attribute names the code of ``cls``'s own methods uses."""
    names: set[str] = set()
    codes = [f.__code__ for f in vars(cls).values() if hasattr(f, "__code__")]
    while codes:
        code = codes.pop()
        names.update(code.co_names)
        codes.extend(c for c in code.co_consts if hasattr(c, "co_names"))
    return names


def _class_for(signature: Any) -> type:
    """The z3c.rml directive class whose signature is ``signature`` (object if none)."""
    return _classes().get(signature, object)


@cache
def _classes() -> dict[Any, type]:
    from z3c.rml import canvas, flowable, page, special, stylesheet, template
    from z3c.rml import directive as base

    found: dict[Any, type] = {}
    for module in (canvas, flowable, page, special, stylesheet, template):
        for value in vars(module).values():
            signature = getattr(value, "signature", None)
            if isinstance(value, type) and issubclass(value, base.RMLDirective) and signature:
                found.setdefault(signature, value)
    return found


def document_directive() -> Directive:
    """The schema entry of the root element, ``<document>``."""
    from z3c.rml import document

    return directive("document", document.Document.signature)


def is_file_field(field: Any) -> bool:
    """True for attributes z3c.rml opens as a file (``attr.File`` and ``attr.Image``)."""
    from z3c.rml import attr

    return isinstance(field, attr.File)


def scan_template(text: str) -> dict[str, set[str]]:
    """The tags and attribute names written literally in template ``text``."""
    plain = _COMMENT.sub("", _JINJA.sub("", text))
    found: dict[str, set[str]] = {}
    for match in _START_TAG.finditer(plain):
        found.setdefault(match[1], set()).update(_ATTRIBUTE.findall(match[2]))
    return found


@cache
def builtin_usage(templates_dir: Path | None = None) -> dict[str, frozenset[str]]:
    """What the built-in RML templates (and the inline converter) write: tag -> attributes.

    This is the allowlist: a practice template may write only these tags, with only these
    attributes, and only where z3c.rml's schema accepts them.
    """
    from handouts import paths
    from handouts.text import markup

    templates_dir = templates_dir or paths.builtin_templates_dir()
    found: dict[str, set[str]] = {}
    sources = [p.read_text(encoding="utf-8") for p in sorted(templates_dir.glob("*.rml.j2"))]
    sources += list(markup.RML_FORMS.values())
    for text in sources:
        for tag, attrs in scan_template(text).items():
            found.setdefault(tag, set()).update(attrs)
    for tag in REFUSED:
        found.pop(tag, None)
    return {tag: frozenset(attrs) for tag, attrs in found.items()}


def allowlist_size(templates_dir: Path | None = None) -> tuple[int, int]:
    """(directives, directive-attribute pairs) in the allowlist, for the docs and the note."""
    usage = builtin_usage(templates_dir)
    return len(usage), sum(len(a) for a in usage.values())
