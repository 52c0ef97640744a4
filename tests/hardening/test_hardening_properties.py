"""Property-based tests: whatever text goes into any content or practice field, a handout
ends in checked RML (and a valid, readable PDF) or in a HandoutsError with a message;
never anything else.

Everything runs in memory: the loaded content and practice are changed with
``dataclasses.replace`` (nothing is written to disk). Most examples go through merge,
render and guard only (``guard_handout``, a tenth of a build) and read the checked RML's
text; a few go on to a whole PDF (``build_handout``) and read the PDF's text, so the PDF
stage is covered too.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import json
import re
from typing import Any

import pypdf
import pytest
from helpers import pdf_text
from hostile_text import TEXT, examples, texts
from hypothesis import event, given, settings
from hypothesis import strategies as st
from lxml import etree

from handouts.errors import ContentError, HandoutsError
from handouts.guard.rml import visible_text
from handouts.model import Block, ExtraSection, Handout, Practice, Protocol, Section, SignOff
from handouts.pipeline.build import (
    BuiltHandout,
    GuardedHandout,
    Project,
    build_handout,
    guard_handout,
    merged,
)
from handouts.render import layout
from handouts.text import markup
from handouts.text.yamlfile import parse_yaml_bytes

# Hypothesis warns when it prints a failing example of many long strings; that is the
# point of these examples, and the warning is not a fault (pytest turns warnings into errors).
pytestmark = pytest.mark.filterwarnings("ignore:Generating overly large repr")
SLUG = "multiple-sclerosis"


@pytest.fixture(scope="module")
def base(project: Project) -> Project:
    return project


def with_condition(project: Project, **changes: Any) -> Project:
    condition = dataclasses.replace(project.content.conditions[SLUG], **changes)
    conditions = {**project.content.conditions, SLUG: condition}
    content = dataclasses.replace(project.content, conditions=conditions)
    return dataclasses.replace(project, content=content)


def with_practice(project: Project, **changes: Any) -> Project:
    return dataclasses.replace(project, practice=dataclasses.replace(project.practice, **changes))


def comparable(text: str) -> str:
    """Text as compared with the checked RML or the PDF: no white space or soft hyphens,
    case-folded (a template may capitalise a name)."""
    # Zero-width characters print as nothing (or as a space); both count as white space.
    text = re.sub("[\u00ad\u200b-\u200d\u2060\ufeff]", "", markup.clean(text))
    return "".join(text.split()).casefold()


def refused(exc: HandoutsError) -> None:
    """A refusal must carry a message of its own, and never a traceback."""
    event(f"refused: {type(exc).__name__}")
    message = str(exc)
    assert message.strip(), f"{type(exc).__name__} without a message"
    assert "Traceback" not in message
    # Only text changed, and the built-in templates are trusted: RML they cannot parse
    # means a text got into it unescaped (a refusal that would hide the bug).
    assert "is not well formed" not in message, message


def guard_or_refuse(project: Project) -> GuardedHandout | None:
    """Merge, render and guard; a HandoutsError must carry a message. Any other exception
    fails the test."""
    try:
        guarded = guard_handout(project, merged(project, SLUG))
    except HandoutsError as exc:
        refused(exc)
        return None
    event("checked RML")
    return guarded


def build_or_refuse(project: Project) -> BuiltHandout | None:
    """Build; a HandoutsError must carry a message. Any other exception fails the test."""
    try:
        built = build_handout(project, SLUG)
    except HandoutsError as exc:
        refused(exc)
        return None
    event("built a PDF")
    return built


def check_texts(
    handout: Handout, body: str, text: str, printed: list[str], literal: list[str]
) -> None:
    """The required sections' titles are in ``body`` (comparable), the texts in ``text``:
    ``printed`` as inline markup reads, ``literal`` as written."""
    values = handout.placeholder_values
    for section in handout.sections:
        if section.required:
            assert comparable(section.title) in body, section.id
    for item in printed:
        expected = comparable(markup.to_plain(item, values))
        if "\u00ad" in item:
            # A soft hyphen prints nothing, or a "-" where it breaks a line.
            assert expected.replace("-", "") in text.replace("-", ""), (item, expected)
        else:
            assert expected in text, (item, expected)
    for item in literal:
        assert comparable(item) in text, item


def check_rml(guarded: GuardedHandout, printed: list[str], literal: list[str]) -> None:
    """Checked RML: its story (what the body frame prints) has the required sections, and
    the document's visible text (story, page header and footer) has the texts."""
    story = guarded.root.find("story")
    assert story is not None
    body = comparable(visible_text(story))
    text = comparable(visible_text(guarded.root))  # the story's text runs on unbroken
    check_texts(guarded.handout, body, text, printed, literal)


def check_pdf(built: BuiltHandout, printed: list[str], literal: list[str]) -> None:
    """A valid PDF: pypdf opens it, the required sections are there, the texts read back
    (``printed`` as inline markup reads, ``literal`` as written)."""
    reader = pypdf.PdfReader(io.BytesIO(built.pdf))
    assert len(reader.pages) == built.pages >= 1
    # A text that runs over a page break has the page header and footer inside it in the
    # extracted text; the body frame's text alone reads straight through.
    page = layout.page_layout(built.handout.practice)
    body = comparable(frame_text(reader, page["frame_y"], page["frame_height"]))
    text = comparable(pdf_text(built.pdf)) + "|" + body
    check_texts(built.handout, body, text, printed, literal)


def frame_text(reader: pypdf.PdfReader, bottom: float, height: float) -> str:
    """The text drawn inside the body frame of every page, in order (no header or footer)."""
    parts: list[str] = []

    def visit(text: str, cm: list[float], tm: list[float], *_: Any) -> None:
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]  # the text's position on the page
        if bottom - 2 <= y <= bottom + height + 2:
            parts.append(text)

    for page in reader.pages:
        page.extract_text(visitor_text=visit)
    return "".join(parts)


def run(
    project: Project,
    printed: list[str],
    literal: tuple[str, ...] | list[str] = (),
    pdf: bool = False,
) -> None:
    """Guard ``project``'s handout and check its RML; with ``pdf``, build the whole PDF
    and check that instead."""
    if pdf:
        built = build_or_refuse(project)
        if built is not None:
            check_pdf(built, printed, list(literal))
    else:
        guarded = guard_or_refuse(project)
        if guarded is not None:
            check_rml(guarded, printed, list(literal))


def printable(texts: list[str]) -> list[str]:
    """The texts whose words should come back from the PDF: citations print as numbers,
    which would split the text, so texts with citations are not compared."""
    return [t for t in texts if not markup.citations(t)]


# Fields of a condition, of a practice, and of a practice's extra section. Each test runs
# its examples through merge, render and guard; its "_pdf" twin takes a few of them on to
# a whole PDF (a build takes a hundred times longer than the guard).
CONDITION = texts(
    name=0, summary=0, key_points=6, known=0, not_known=0, studies=8, reports=8, cautions=8
)  # fmt: skip
PRACTICE = texts(
    name=0, phone=0, pharmacy=0, prescriber=0, emergency=0, timing=0, signer=0, role=0
)  # fmt: skip
EXTRA = texts(title=0, paragraph=0, items=40)
KINDS = st.sampled_from(["list", "steps", "checklist"])
ANCHORS = st.sampled_from(["how-to-take", "opioid-warning", "off-label-cost", "no-such-section"])
POSITIONS = st.sampled_from(["before", "after"])
PDF_EXAMPLES = 5


def condition_case(base: Project, f: dict[str, Any], pdf: bool = False) -> None:
    condition = base.content.conditions[SLUG]
    evidence = dataclasses.replace(condition.evidence, known=f["known"], not_known=f["not_known"])
    project = with_condition(
        base,
        name=f["name"],
        summary=f["summary"],
        key_points=f["key_points"],
        evidence=evidence,
        studies=f["studies"],
        patients_report=f["reports"],
        cautions=f["cautions"],
    )
    texts = [f["summary"], *f["key_points"], f["known"], f["not_known"], *f["studies"],
             *f["reports"], *f["cautions"]]  # fmt: skip
    run(project, printable(texts), literal=[f["name"]], pdf=pdf)  # a name is plain text


def practice_case(base: Project, f: dict[str, Any], pdf: bool = False) -> None:
    project = with_practice(
        base,
        name=f["name"],
        slug="test-practice",
        phone=f["phone"],
        pharmacy=f["pharmacy"],
        prescriber=f["prescriber"],
        emergency_number=f["emergency"],
        protocol=Protocol(timing=f["timing"]),
        sign_off=SignOff(f["signer"], f["role"], dt.date(2026, 11, 21)),
    )
    run(project, [], literal=[f["signer"], f["role"]], pdf=pdf)


def extra_section_case(
    base: Project, f: dict[str, Any], kind: str, anchor: str, position: str, pdf: bool = False
) -> None:
    body = (Block("text", (f["paragraph"],)), Block(kind, f["items"]))
    section = Section("practice-extra", f["title"], body)
    project = with_practice(base, extra_sections=(ExtraSection(section, position, anchor),))
    run(project, printable([f["paragraph"], *f["items"]]), literal=[f["title"]], pdf=pdf)


@settings(max_examples=examples(40))
@given(f=CONDITION)
def test_any_condition_text_guards_or_is_refused(base: Project, f: dict[str, Any]) -> None:
    condition_case(base, f)


@settings(max_examples=examples(PDF_EXAMPLES))
@given(f=CONDITION)
def test_any_condition_text_builds_a_pdf_or_is_refused(base: Project, f: dict[str, Any]) -> None:
    condition_case(base, f, pdf=True)


@settings(max_examples=examples(30))
@given(f=PRACTICE)
def test_any_practice_text_guards_or_is_refused(base: Project, f: dict[str, Any]) -> None:
    practice_case(base, f)


@settings(max_examples=examples(PDF_EXAMPLES))
@given(f=PRACTICE)
def test_any_practice_text_builds_a_pdf_or_is_refused(base: Project, f: dict[str, Any]) -> None:
    practice_case(base, f, pdf=True)


@settings(max_examples=examples(25))
@given(f=EXTRA, kind=KINDS, anchor=ANCHORS, position=POSITIONS)
def test_any_extra_section_guards_or_is_refused(
    base: Project, f: dict[str, Any], kind: str, anchor: str, position: str
) -> None:
    extra_section_case(base, f, kind, anchor, position)


@settings(max_examples=examples(PDF_EXAMPLES))
@given(f=EXTRA, kind=KINDS, anchor=ANCHORS, position=POSITIONS)
def test_any_extra_section_builds_a_pdf_or_is_refused(
    base: Project, f: dict[str, Any], kind: str, anchor: str, position: str
) -> None:
    extra_section_case(base, f, kind, anchor, position, pdf=True)


def long_section(words: int, items: int) -> Practice:
    text = " ".join(f"word{i % 97}" for i in range(words))
    body = (Block("text", (text,)), Block("list", tuple(f"Item number {i}." for i in range(items))))
    extra = ExtraSection(Section("practice-long", "A long section", body), "after", "how-to-take")
    return dataclasses.replace(Practice(), extra_sections=(extra,))


def test_ten_thousand_word_section_and_300_list_items(base: Project) -> None:
    project = dataclasses.replace(base, practice=long_section(10_000, 300))
    built = build_handout(project, SLUG)
    text = comparable(pdf_text(built.pdf))
    assert built.pages > 30
    assert comparable("word96 word0 word1") in text
    assert all(comparable(f"Item number {i}.") in text for i in (0, 150, 299))
    assert comparable("Never take LDN with opioid medicines.") in text


def test_300_key_points_in_the_boxed_table(base: Project) -> None:
    points = tuple(f"Key point {i} about LDN." for i in range(300))
    built = build_handout(with_condition(base, key_points=points), SLUG)
    text = comparable(pdf_text(built.pdf))
    assert all(comparable(p) in text for p in (points[0], points[299]))


def test_a_key_point_taller_than_a_page_is_a_clear_error(base: Project) -> None:
    project = with_condition(base, key_points=("word " * 3000,))
    with pytest.raises(HandoutsError) as info:
        build_handout(project, SLUG)
    assert str(info.value) == (
        f"{SLUG}.pdf: a box or table cell is taller than a page and cannot be split across "
        'pages (it begins "word word word word word word word word word word word word"); '
        "shorten that text or split it into several items"
    )


# --- the pieces, with many more examples (each is fast) -----------------------------


@settings(max_examples=examples(400))
@given(text=TEXT)
def test_inline_markup_is_always_well_formed_and_reads_as_plain_text(text: str) -> None:
    values = {"phone": "555 <0100> & co", "prescriber": "Dr. A & B"}
    rml = markup.to_rml(text, values, {})
    para = etree.fromstring(f"<para>{rml}</para>".encode())  # raises if not well-formed
    shown = "".join(para.itertext())
    assert "".join(shown.split()) == "".join(markup.to_plain(text, values).split())


@settings(max_examples=examples(400))
@given(raw=st.one_of(st.binary(max_size=300), TEXT.map(lambda t: t.encode("utf-8", "replace"))))
def test_any_bytes_parse_as_yaml_or_give_a_located_error(raw: bytes) -> None:
    try:
        parse_yaml_bytes(raw, "x.yaml")
    except ContentError as exc:
        assert exc.problems and all(p.path == "x.yaml" and p.message for p in exc.problems)


# YAML reads these as line breaks (folded to a space): not a loss a loader can prevent.
YAML_LINE_BREAKS = "\x85\u2028\u2029"


@settings(max_examples=examples(300))
@given(value=st.text(max_size=60).filter(lambda t: not set(t) & set(YAML_LINE_BREAKS)))
def test_any_text_written_as_yaml_reads_back_or_is_refused(value: str) -> None:
    raw = f"summary: {json.dumps(value, ensure_ascii=False)}\n".encode()  # JSON is YAML
    try:
        doc = parse_yaml_bytes(raw, "x.yaml")
    except ContentError as exc:
        # Only characters no handout could print are refused, each at line 1, column 10.
        assert str(exc).startswith("x.yaml:1:"), exc
        assert "unprintable character" in str(exc) or "is not allowed in YAML" in str(exc)
        return
    assert doc.data == {"summary": value}
