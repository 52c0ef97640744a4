"""Faster z3c.rml: equivalent shortcuts in the hot paths of its RML reading.

Turning RML into Platypus flowables is most of what the template pipeline costs over a
hand-written Platypus script (bench/RESULTS.md). Nearly all of that is z3c.rml's generic
attribute reading, which binds (clones) every field of a directive's signature for every
element, set or not, some 40 per paragraph. The shortcuts:

- a field the element does not set, whose class reads it the standard way, gets its
  default without a clone, and field properties are read once per signature;
- a paragraph with style attributes of its own (``bulletText="•"``), and a named
  paragraph style, shallow-copy their parent style instead of deep-copying it and all
  its parents (attributes are then set on the copy, never changed inside it);
- ``#rrggbb`` colours go straight to ``HexColor`` (ReportLab's ``toColor`` first tries
  CSS, names and two Python parsers, each a ``compile()``);
- the directive tree's manager is found once per directive, not by a walk per call;
- table cells without attributes skip the search for cell styles;
- page graphics (header, footer), processed again on every page, read their constant
  attribute values once per document.

The output is byte-identical (tests/test_batch_speed.py builds with and without). The
shortcuts reach into z3c.rml's internals, so they apply only to the z3c.rml releases
they were written and tested against (pyproject.toml pins that range); on any other
release, or with the environment variable HANDOUTS_PLAIN_Z3C=1, ``shortcuts()`` leaves
z3c.rml as it is (slower, same PDFs). They are in place only inside ``shortcuts()``,
around our own render calls: any other use of z3c.rml in the process sees it unchanged.
"""

from __future__ import annotations

import copy
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from operator import itemgetter
from typing import Any

# "Owner.attribute" -> (owner, attribute name, original), to undo the shortcuts.
ORIGINALS: dict[str, tuple[Any, str, Any]] = {}
_FAST: list[tuple[Any, str, Any]] = []  # (owner, attribute name, shortcut)
_TESTED_RELEASES = ("5.2",)  # z3c.rml versions whose internals these shortcuts match
_HEX_COLOUR = re.compile(r"#[0-9a-fA-F]{6}\Z")
_PAGE_VALUES = "_handouts_page_values"
_MANAGERS = "_handouts_managers"

# One signature's fields as reading needs them: (index, name, field, plain, required,
# default, missing). "Plain" fields are read by RMLAttribute.get itself.
Entry = tuple[int, str, Any, bool, bool, Any, Any]
_signatures: dict[Any, tuple[dict[str, Entry], list[Entry]]] = {}
_ignore_sets: dict[int, tuple[Any, frozenset[str]]] = {}
_z3c: dict[str, Any] = {}  # the z3c.rml and ReportLab objects the shortcuts use
# The few of them read on every call, as plain globals (set by install).
_Drawing: Any = None
_IManager: Any = None
_by_index = itemgetter(0)


def supported() -> bool:
    """Whether this z3c.rml is a release the shortcuts were written and tested for."""
    import z3c.rml

    return bool(z3c.rml.__version__.startswith(_TESTED_RELEASES))


@contextmanager
def shortcuts() -> Iterator[bool]:
    """The shortcuts in place for the block (True), or z3c.rml unchanged (False: another
    release, or HANDOUTS_PLAIN_Z3C=1); z3c.rml is as it was after the block."""
    if not _prepare():
        yield False
        return
    for owner, name, function in _FAST:
        setattr(owner, name, function)
    try:
        yield True
    finally:
        for owner, name, original in ORIGINALS.values():
            setattr(owner, name, original)


def _prepare() -> bool:
    """Find z3c.rml's originals and the shortcuts (once per process); False if unsupported."""
    if os.environ.get("HANDOUTS_PLAIN_Z3C") == "1":
        return False
    if ORIGINALS:
        return True
    import z3c.rml
    import zope.schema  # type: ignore[import-untyped]
    from reportlab.lib.colors import Color, HexColor
    from z3c.rml import attr, canvas, directive, flowable, interfaces, stylesheet

    if not supported():
        return False
    global _Drawing, _IManager
    _Drawing, _IManager = canvas.Drawing, interfaces.IManager
    _z3c.update(
        attr=attr, canvas=canvas, directive=directive, interfaces=interfaces,
        zope_schema=zope.schema, HexColor=HexColor, Normal=z3c.rml.SampleStyleSheet["Normal"],
        constants=(int, float, str, Color),  # values no one changes after reading them
        getAttributeValues=directive.RMLDirective.getAttributeValues,
        Color_fromUnicode=attr.Color.fromUnicode,
        TableCell_processStyle=flowable.TableCell.processStyle,
        getManager=attr.getManager,
        style_names=frozenset(flowable.Paragraph.styleAttributes),
    )  # fmt: skip
    fast = [
        (directive.RMLDirective, "getAttributeValues", _get_attribute_values),
        (flowable.Paragraph, "processStyle", _paragraph_own_style),
        (flowable.TableCell, "processStyle", _cell_style),
        (attr.Color, "fromUnicode", _colour_from_text),
        (stylesheet.ParagraphStyle, "process", _named_paragraph_style),
        (attr, "getManager", _get_manager),
    ]
    for owner, name, function in fast:
        ORIGINALS[f"{owner.__name__}.{name}"] = (owner, name, getattr(owner, name))
        _FAST.append((owner, name, function))
    return True


def _signature(directive_class: Any) -> tuple[dict[str, Entry], list[Entry]]:
    """Plain fields by name; and the fields read even when absent, in order (read in a
    special way, or plain with a default or required). Field properties are read here,
    once: each read of one binds the field again."""
    found = _signatures.get(directive_class.signature)
    if found is None:
        plain_get = _z3c["attr"].RMLAttribute.get
        deprecated = _z3c["interfaces"].IDeprecated
        plain: dict[str, Entry] = {}
        always: list[Entry] = []
        ordered = _z3c["zope_schema"].getFieldsInOrder(directive_class.signature)
        for index, (name, field) in enumerate(ordered):
            missing = field.missing_value
            default = missing if field.default is None else field.default
            is_plain = (
                type(field).get is plain_get
                and not deprecated.providedBy(field)
                and getattr(field, "defaultFactory", None) is None
            )
            entry = (index, name, field, is_plain, bool(field.required), default, missing)
            if is_plain:
                plain[name] = entry
            if not is_plain or default is not missing or field.required:
                always.append(entry)
        found = _signatures[directive_class.signature] = (plain, always)
    return found


def _as_set(names: Any) -> frozenset[str]:
    """``ignore`` as a set. z3c.rml passes the same long lists (a class's style
    attributes) again and again; each list is kept, so its id stays its own."""
    if names is None:
        return frozenset()
    known = _ignore_sets.get(id(names))
    if known is None or known[0] is not names:
        if len(_ignore_sets) > 256:  # lists made per call: do not collect them all
            _ignore_sets.clear()
        known = _ignore_sets[id(names)] = (names, frozenset(names))
    return known[1]


def _get_attribute_values(
    self: Any,
    ignore: Any = None,
    select: Any = None,
    attrMapping: Any = None,  # noqa: N803 (z3c.rml's names)
    includeMissing: bool = False,  # noqa: N803
    valuesOnly: bool = False,  # noqa: N803
) -> Any:
    """RMLDirective.getAttributeValues, reading only what the element sets or defaults."""
    if includeMissing:
        return _z3c["getAttributeValues"](
            self, ignore, select, attrMapping, includeMissing, valuesOnly
        )
    plain, always = _signature(self)
    present = self.element.attrib
    skip = _as_set(ignore)
    chosen = [e for e in always if not (e[3] and e[1] in present) and e[1] not in skip]
    chosen += [plain[name] for name in present if name in plain and name not in skip]
    if len(chosen) > 1:
        chosen.sort(key=_by_index)
    page_values = None
    if isinstance(self.parent, _Drawing):  # page graphics: every page
        page_values = _get_manager(self).__dict__.setdefault(_PAGE_VALUES, {})
    items = []
    for _, name, field, is_plain, required, default, missing in chosen:
        if select is not None and name not in select:
            continue
        if not is_plain:
            value = field.bind(self).get()
        elif name not in present:
            value = default
        elif page_values is not None and (self.element, name) in page_values:
            value = page_values[self.element, name]
        else:
            value = field.bind(self).fromUnicode(present[name])  # as RMLAttribute.get
            if page_values is not None and isinstance(value, _z3c["constants"]):
                page_values[self.element, name] = value
        if required and value is missing:
            raise ValueError(
                f'No value for required attribute "{name}" in directive '
                f'"{self.element.tag}" {_z3c["directive"].getFileInfo(self)}.'
            )
        if value is not missing:
            items.append((name, value))
    if select is not None:
        order = list(select)
        items.sort(key=lambda item: order.index(item[0]))
    if attrMapping:
        items = [(attrMapping.get(name, name), value) for name, value in items]
    if valuesOnly:
        return [value for _, value in items]
    return items


def _paragraph_own_style(self: Any, style: Any) -> Any:
    """flowable.Paragraph.processStyle with a shallow copy."""
    names = [name for name in self.element.attrib if name in _z3c["style_names"]]
    values = self.getAttributeValues(select=names) if names else []
    if values:
        style = copy.copy(style)
        for name, value in values:
            setattr(style, name, value)
    return style


def _named_paragraph_style(self: Any) -> None:
    """stylesheet.ParagraphStyle.process with a shallow copy of the parent."""
    values = dict(self.getAttributeValues())
    parent = values.pop("parent", _z3c["Normal"])
    name = values.pop("name")
    style = copy.copy(parent)
    style.name = name[6:] if name.startswith("style.") else name
    for key, value in values.items():
        setattr(style, key, value)
    _get_manager(self).styles[style.name] = style


def _cell_style(self: Any) -> None:
    """A table cell with no attribute has no cell style to add."""
    if self.element.attrib:
        _z3c["TableCell_processStyle"](self)


def _colour_from_text(self: Any, value: str) -> Any:
    """ "#rrggbb" is HexColor(value), unless the document named a colour so."""
    if _HEX_COLOUR.match(value) and value not in _get_manager(self.context).colors:
        return _z3c["HexColor"](value)
    return _z3c["Color_fromUnicode"](self, value)


def _get_manager(context: Any, interface: Any = None) -> Any:
    """attr.getManager, remembered by each directive on the way up."""
    wanted = _IManager if interface is None else interface
    node, visited = context, []
    while node is not None:
        state = getattr(node, "__dict__", None)
        if state is None:
            return _z3c["getManager"](context, interface)
        known = state.get(_MANAGERS)
        if known is not None and wanted in known:
            found = known[wanted]
            break
        if wanted in type(node).__dict__.get("__implemented__", {}):  # z3c.rml's own test
            found = node
            break
        visited.append(state)
        node = node.parent
    else:
        return _z3c["getManager"](context, interface)  # raises "manager could not be found"
    for state in visited:
        state.setdefault(_MANAGERS, {})[wanted] = found
    return found
