"""ReportLab's failures name the RML element they came from (pdf/sourcelines.py) in plain
words (pdf/failures.py). The practice-template cases, with their template file and line,
are in the corpus (tests/hardening/corpus/layout-*); these are the pieces."""

from __future__ import annotations

import pytest
from lxml import etree

from handouts.errors import LayoutFailure
from handouts.pdf import sourcelines
from handouts.pdf.document import PdfMeta, render_pdf_layout
from handouts.pdf.failures import plain

META = PdfMeta("en", "test", "Helvetica")


def rml(story: str) -> etree._Element:
    """A one-frame document: the frame is 300 points tall (z3c.rml pads it by 0)."""
    text = f"""<document filename="t.pdf">
<template pagesize="(400,400)"><pageTemplate id="main">
<frame id="body" x1="50" y1="50" width="300" height="300"/>
</pageTemplate></template>
<stylesheet><paraStyle name="body" fontName="Helvetica" fontSize="10"/></stylesheet>
<story>
{story}
</story>
</document>"""
    return etree.fromstring(text.encode())


def failure(story: str) -> LayoutFailure:
    with pytest.raises(LayoutFailure) as info:
        render_pdf_layout(rml(story), META, "t.pdf")
    return info.value


def test_a_table_row_taller_than_the_frame_is_named_at_its_rml_line() -> None:
    table = '<blockTable colWidths="100" rowHeights="500"><tr><td>x</td></tr></blockTable>'
    exc = failure(f'<para style="body">Hours:</para>\n{table}')
    assert exc.line == 8 and exc.needle == "<blockTable"
    assert exc.reason == (
        "ReportLab could not lay out this table: a row of it is 500 points tall and does not "
        "fit on a page (a page has room for 300 points), and a row cannot be split across "
        "pages; put less in that row (or give it a smaller height in rowHeights), or split "
        "it into several rows"
    )
    assert str(exc).startswith("t.pdf: a box or table cell is taller than a page")


def test_the_second_page_piece_of_a_split_table_keeps_the_tables_line() -> None:
    rows = "".join(f"<tr><td>row {i}</td></tr>" for i in range(3))
    # Page 1 takes the first two rows; the piece left, one 350-point row, fits no page.
    exc = failure(f'<blockTable colWidths="100" rowHeights="100,100,350">{rows}</blockTable>')
    assert exc.line == 7
    assert "a row of it is 350 points tall and does not fit" in exc.reason


def test_a_failure_while_z3c_rml_builds_an_element_names_that_element() -> None:
    exc = failure(
        '<para style="body">a</para>\n<para style="body">b</para>\n<para style="nope">c</para>'
    )
    assert exc.line == 9 and exc.needle == "<para"
    assert exc.reason == (
        'ReportLab could not lay out this paragraph: it names the paragraph style "nope", '
        "which the stylesheet does not define; use a style the stylesheet defines, or define "
        'it in the stylesheet block (<paraStyle name="nope" ... />)'
    )


def test_without_the_rewrite_the_failure_is_said_for_the_whole_handout(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(sourcelines, "_prepare", lambda: False)
    exc = failure('<blockTable colWidths="100" rowHeights="20,20"><tr><td>x</td></tr></blockTable>')
    assert exc.line == 0
    assert str(exc) == (
        "t.pdf: ReportLab could not lay out the handout: data error - 1 rows in data but 2 "
        "row heights"
    )


def test_the_library_is_as_it_was_after_a_render_and_after_a_failure() -> None:
    from reportlab.platypus.frames import Frame
    from z3c.rml import directive

    before = (directive.RMLDirective.processSubDirectives, Frame.add, Frame.split)
    render_pdf_layout(rml('<para style="body">fine</para>'), META, "t.pdf")
    failure('<spacer length="900"/>')
    assert (directive.RMLDirective.processSubDirectives, Frame.add, Frame.split) == before
    assert not sourcelines._current


def test_plain_drops_reportlabs_object_names_and_z3c_rmls_places() -> None:
    assert (
        plain(
            "<Table@0x7F6E797AAD50 1 rows x 1 cols> with cell(0,0) containing\n'one' data error"
            " - 1 rows in data but 2 row heights"
        )
        == "data error - 1 rows in data but 2 row heights"
    )
    assert plain("Style 'huge' could not be found. (file lupus.pdf, line 99)") == (
        "Style 'huge' could not be found"
    )
