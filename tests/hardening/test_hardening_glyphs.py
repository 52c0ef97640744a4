"""Glyphs: every character a handout prints is in its font, or the build names the
character, its code point and where it came from. Never a silent empty box."""

from __future__ import annotations

import dataclasses

import pytest
from helpers import pdf_text, squash

from handouts.errors import ContentError
from handouts.guard.rml import guard_rml
from handouts.model import PAGE_TOTAL
from handouts.pdf import fonts, glyphs
from handouts.pipeline.build import Project, build_handout, render_rml
from handouts.text.sections import required_texts

SLUG = "lupus"


def with_summary(project: Project, summary: str) -> Project:
    condition = dataclasses.replace(project.content.conditions[SLUG], summary=summary)
    conditions = {**project.content.conditions, SLUG: condition}
    return dataclasses.replace(
        project, content=dataclasses.replace(project.content, conditions=conditions)
    )


def refusal(project: Project) -> str:
    with pytest.raises(ContentError) as info:
        build_handout(project, SLUG)
    return str(info.value)


@pytest.mark.parametrize("font", sorted(fonts.FONT_FAMILIES))
def test_built_in_content_uses_only_characters_its_fonts_have(project: Project, font: str) -> None:
    missing = {}
    for slug in project.content.conditions:
        handout, rml, files = render_rml(project, slug)
        root = guard_rml(rml, files[0], project.allowed_roots, required_texts(handout))
        text = glyphs.printed_text(root)
        lacking = fonts.missing_glyphs(font, text) - {PAGE_TOTAL}  # the "of Y" marker
        if lacking:
            missing[slug] = sorted(lacking)
    assert not missing


def test_chinese_text_made_in_code_names_the_field(project: Project) -> None:
    assert refusal(with_summary(project, "LDN 药")) == (
        "lupus: condition.summary: the character '药' (U+836F CJK UNIFIED IDEOGRAPH-836F) is "
        "not in the font Atkinson Hyperlegible, so it would print as an empty box; replace it"
    )


def test_greek_suggests_the_font_that_has_it(project: Project) -> None:
    assert refusal(with_summary(project, "β-endorphin")) == (
        "lupus: condition.summary: the character 'β' (U+03B2 GREEK SMALL LETTER BETA) is not "
        "in the font Atkinson Hyperlegible, so it would print as an empty box; replace it, or "
        "use the font fira-sans, which has it"
    )


def test_the_suggested_font_really_prints_it(project: Project) -> None:
    practice = dataclasses.replace(project.practice, font="fira-sans")
    built = build_handout(
        dataclasses.replace(with_summary(project, "β-endorphin"), practice=practice), SLUG
    )
    assert "β-endorphin" in squash(pdf_text(built.pdf))


def test_a_zero_width_space_in_a_paragraph_prints_as_a_space(project: Project) -> None:
    """ReportLab lays U+200B out as white space in a paragraph: no box, so no error."""
    built = build_handout(with_summary(project, "Low\u200bdose"), SLUG)
    assert "Low dose" in squash(pdf_text(built.pdf))


def test_the_same_character_in_the_page_header_is_an_error(project: Project) -> None:
    """The header is drawn on the canvas as it is, where U+200B would be a box."""
    practice = dataclasses.replace(project.practice, name="North\u200bfield")
    message = refusal(dataclasses.replace(project, practice=practice))
    assert message == (
        "lupus: practice.name: the invisible character U+200B ZERO WIDTH SPACE is not in the "
        "font Atkinson Hyperlegible, so it would print as an empty box; delete it, or use the "
        "font fira-sans, which has it"
    )


def test_capitalising_never_makes_a_character_the_user_did_not_write(project: Project) -> None:
    """'µ' upper-cased is the Greek capital 'Μ', which the font lacks (bug found by the
    property tests: the build failed on a character it could not locate)."""
    condition = dataclasses.replace(project.content.conditions[SLUG], name="µ-opioid receptors")
    content = dataclasses.replace(project.content, conditions={SLUG: condition})
    built = build_handout(dataclasses.replace(project, content=content), SLUG)
    assert "µ-opioid receptors" in squash(pdf_text(built.pdf))


def test_printed_text_keeps_canvas_strings_and_bullets() -> None:
    from lxml import etree

    root = etree.fromstring(
        "<document><pageGraphics><drawString x='0' y='0'>A\u2003B</drawString>"
        "</pageGraphics><story><para bulletText='\u2022'>C\u2003D<b>E</b>F</para>"
        "<outlineAdd>\U0001f600</outlineAdd></story></document>"
    )
    assert glyphs.printed_text(root) == "A\u2003B\u2022C DEF"
