"""pdf/z3cfast.py's rarer branches, each reached by a small RML document: the shortcuts
give the same bytes (or the same error) as z3c.rml unchanged. The common branches are
covered by test_batch_speed.py's byte-identity test on whole handouts."""

from __future__ import annotations

import pytest
from z3c.rml import rml2pdf

from handouts.pdf import z3cfast

pytestmark = pytest.mark.skipif(
    not z3cfast.supported(), reason="z3cfast's shortcuts apply only to the z3c.rml release pinned"
)

PAGE = """<?xml version="1.0"?>
<!DOCTYPE document SYSTEM "rml.dtd">
<document filename="t.pdf" invariant="1">
<template pageSize="(300, 300)">
  <pageTemplate id="main">
    <pageGraphics><fill color="{fill}"/><rect x="10" y="10" width="20" height="20" fill="1"/>
    </pageGraphics>
    <frame id="f" x1="20" y1="20" width="260" height="260"/>
  </pageTemplate>
</template>
<story>{story}</story>
</document>
"""


def _both(rml: str) -> tuple[bytes, bytes]:
    with z3cfast.shortcuts() as on:
        assert on
        fast = rml2pdf.parseString(rml).getvalue()
    plain = rml2pdf.parseString(rml).getvalue()
    return fast, plain


@pytest.mark.parametrize(
    ("fill", "story"),
    [
        # A colour by name, not #rrggbb: ReportLab's own parser.
        ("red", "<para>Named colour</para>"),
        # A table cell with attributes of its own: z3c.rml's cell styles.
        ("#336699", '<blockTable><tr><td fontColor="#aa0000" fontSize="14">A</td>'
                    "<td>B</td></tr></blockTable>"),
    ],
)  # fmt: skip
def test_same_bytes_with_and_without_the_shortcuts(fill: str, story: str) -> None:
    fast, plain = _both(PAGE.format(fill=fill, story=story))
    assert fast == plain


def test_a_missing_required_attribute_gives_z3c_rmls_own_error() -> None:
    rml = PAGE.format(fill="#000000", story="<spacer width='10'/>")
    errors = []
    for fast in (True, False):
        try:
            if fast:
                with z3cfast.shortcuts():
                    rml2pdf.parseString(rml)
            else:
                rml2pdf.parseString(rml)
        except ValueError as exc:
            errors.append(str(exc))
    assert len(errors) == 2 and errors[0] == errors[1]
    assert errors[0].startswith('No value for required attribute "length" in directive "spacer"')


def test_ignore_lists_made_per_call_are_not_all_kept() -> None:
    lists = [[f"name{i}"] for i in range(300)]
    sets = [z3cfast._as_set(names) for names in lists]
    assert sets[-1] == frozenset({"name299"})
    assert len(z3cfast._ignore_sets) <= 257


def test_no_manager_above_a_directive_is_z3c_rmls_own_error() -> None:
    class Orphan:
        parent = None

    z3cfast._prepare()
    with pytest.raises(ValueError) as fast:
        z3cfast._get_manager(Orphan())
    with pytest.raises(ValueError) as plain:
        z3cfast._z3c["getManager"](Orphan())
    assert str(fast.value) == str(plain.value)


def test_a_context_without_attributes_to_remember_goes_to_z3c_rml() -> None:
    class Slotted:  # nowhere to keep the manager found: z3c.rml's own walk is asked
        __slots__ = ("parent",)

    orphan = Slotted()
    orphan.parent = None
    z3cfast._prepare()
    with pytest.raises(ValueError) as fast:
        z3cfast._get_manager(orphan)
    with pytest.raises(ValueError) as plain:
        z3cfast._z3c["getManager"](orphan)
    assert str(fast.value) == str(plain.value)
