"""The RML allowlist: taken from z3c.rml's schema and the built-in templates, never typed."""

from __future__ import annotations

from pathlib import Path

import pytest
import zope.schema
from z3c.rml import attr, canvas, document, pdfinclude

from handouts import paths
from handouts.guard.rml_schema import (
    REFUSED,
    builtin_usage,
    document_directive,
    is_file_field,
    scan_template,
)


def usage() -> dict[str, frozenset[str]]:
    return builtin_usage(paths.builtin_templates_dir())


def test_scan_reads_literal_tags_and_attributes_around_jinja() -> None:
    text = (
        '<rect x="{{ a }}" y="1"{% if b %} fill="1"{% endif %}/>{# <circle r="1"/> #}<!-- <x/> -->'
    )
    assert scan_template(text) == {"rect": {"x", "y", "fill"}}


def test_every_builtin_directive_and_attribute_is_in_z3c_rml_schema() -> None:
    """The built-in templates themselves pass: each tag is processed somewhere z3c.rml
    looks, and each attribute is declared by that tag's signature."""
    seen: dict[str, set[str]] = {}
    pending = [document_directive()]
    while pending:
        current = pending.pop()
        if current.tag in seen:
            continue
        seen[current.tag] = set(current.fields)
        for tag in current.children:
            child = current.child(tag)
            if child is not None and tag in usage() and tag not in seen:
                pending.append(child)
    for tag, attributes in usage().items():
        assert tag in seen, tag
        assert attributes <= seen[tag], (tag, attributes - seen[tag])


def test_allowlist_is_small_and_refuses_the_dangerous_directives() -> None:
    allowed = usage()
    assert 30 <= len(allowed) <= 80
    assert not set(allowed) & set(REFUSED)
    for tag in ("docinit", "logConfig", "registerTTFont", "includePdfPages", "mergePage",
                "plugInFlowable", "plugInGraphic", "img"):  # fmt: skip
        assert tag not in allowed


def test_file_attributes_come_from_the_attr_types() -> None:
    fields = dict(zope.schema.getFieldsInOrder(canvas.IImage))
    assert is_file_field(fields["file"]) and isinstance(fields["file"], attr.Image)
    assert not is_file_field(fields["x"])
    include = dict(zope.schema.getFieldsInOrder(pdfinclude.IIncludePdfPages))
    assert is_file_field(include["filename"])


def test_root_is_z3c_rml_document() -> None:
    assert document_directive().signature is document.Document.signature
    assert document_directive().child("rectangle") is None


@pytest.mark.parametrize("tag", ["b", "i", "super", "a", "u"])
def test_paragraph_markup_the_converter_writes_is_allowed(tag: str) -> None:
    assert tag in usage()


def test_allowlist_follows_the_builtin_files(tmp_path: Path) -> None:
    (tmp_path / "x.rml.j2").write_text('<document><story><spacer length="1"/></story></document>')
    found = builtin_usage(tmp_path)
    assert found["spacer"] == {"length"}
    assert "rect" not in found


def test_flow_holders_take_any_flowable() -> None:
    """keepTogether, keepInFrame and td hand their children to a Flow (the summary
    edition puts a blockTable in a keepTogether): each may hold what a story holds."""
    from z3c.rml import flowable

    from handouts.guard.rml_schema import directive

    for tag, signature in (
        ("keepTogether", flowable.IKeepTogether),
        ("keepInFrame", flowable.IKeepInFrame),
        ("td", flowable.ITableCell),
    ):
        assert {"blockTable", "para", "spacer"} <= set(directive(tag, signature).children)
    assert "blockTable" not in directive("para", flowable.IParagraph).children


def test_the_flow_holders_are_the_nine_z3c_rml_lays_out_as_a_flow() -> None:
    """Read from z3c.rml's compiled code: exactly the classes whose source builds
    ``Flow(self.element, ...)`` in the pinned z3c.rml (listed here by hand from it)."""
    from handouts.guard.rml_schema import _classes, _holds_flow

    holders = {s.__name__ for s in _classes() if _holds_flow(s)}
    assert holders == {"IFixedSize", "IImageAndFlowables", "IIndent", "IKeepInFrame",
                       "IKeepTogether", "ILink", "IPlace", "ITableCell", "ITopPadder"}  # fmt: skip
