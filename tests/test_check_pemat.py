"""PEMAT-P: the automatic items, scored from a handout's text and its rendered RML."""

from __future__ import annotations

import copy
import dataclasses

import pytest
from lxml import etree

from handouts.check.pemat import (
    AUTOMATIC,
    REVIEWER_CHECKLIST,
    PematReport,
    Score,
    score_handout,
)
from handouts.guard.rml import guard_rml
from handouts.model import Block, Handout
from handouts.pipeline.build import Project, render_rml
from handouts.text.sections import SectionText, section_texts

# PEMAT-P: understandability items 1-12 and 15-19 (13 and 14 are for audio/video only),
# actionability items 20-26.
PEMAT_P_ITEMS = {f"U{n}" for n in (*range(1, 13), *range(15, 20))} | {
    f"A{n}" for n in range(20, 27)
}


Rendered = tuple[Handout, list[SectionText], etree._Element]


@pytest.fixture(scope="module")
def ms(project: Project) -> Rendered:
    handout, rml, files = render_rml(project, "multiple-sclerosis")
    return handout, section_texts(handout), guard_rml(rml, files[0], project.allowed_roots, {})


def notes(report: PematReport) -> dict[str, tuple[int | None, str]]:
    return {i.item.id: (i.score, i.note) for i in report.items}


def with_sentence(parts: list[SectionText], sentence: str) -> list[SectionText]:
    last = parts[-1]
    return [*parts[:-1], dataclasses.replace(last, texts=(*last.texts, sentence))]


def test_every_pemat_p_item_is_scored_or_on_the_checklist() -> None:
    automatic = {i.id for i in AUTOMATIC}
    checklist = {i.id for i in REVIEWER_CHECKLIST}
    assert automatic | checklist == PEMAT_P_ITEMS
    assert not automatic & checklist
    assert len(automatic) == 10


def test_the_ms_handout_meets_every_automatic_item(ms: Rendered) -> None:
    report = score_handout(*ms)
    scored = notes(report)
    assert {k: v[0] for k, v in scored.items()} == {i.id: 1 for i in AUTOMATIC}
    assert scored["U9"][1] == "all 10 sections have a heading that names their subject"
    assert scored["U11"][1] == "5 key points before the first section"
    assert scored["U12"][1] == "key points in a box; bold for the points that matter most"
    assert scored["U7"][1] == "dose steps are worked out in a schedule table"
    assert scored["A22"][1].startswith("3 numbered steps; ")
    assert scored["A23"][1] == "a dose schedule and a checklist"
    assert report.understandability == Score(6, 6) and report.actionability == Score(4, 4)


def test_talking_about_the_reader_fails_a21(ms: Rendered) -> None:
    handout, parts, root = ms
    report = score_handout(handout, with_sentence(parts, "Patients should take it at night."), root)
    assert notes(report)["A21"] == (0, 'talks about the reader, not to them ("Patients should")')


def test_asking_for_a_sum_fails_u7(ms: Rendered) -> None:
    handout, parts, root = ms
    report = score_handout(handout, with_sentence(parts, "Multiply your dose by 2."), root)
    assert notes(report)["U7"] == (0, 'asks the reader to do a sum ("Multiply")')


def test_dose_steps_without_a_schedule_fail_u7_and_leave_the_checklist(ms: Rendered) -> None:
    handout, parts, root = ms
    root = copy.deepcopy(root)
    table = root.find(".//blockTable[@style='schedule']")
    table.getparent().remove(table)
    scored = notes(score_handout(handout, parts, root))
    assert scored["U7"] == (0, "dose steps are described but not worked out in a schedule table")
    assert scored["A23"] == (1, "a checklist")


def test_a_long_unbroken_run_of_text_fails_u8(ms: Rendered) -> None:
    handout, parts, root = ms
    root = copy.deepcopy(root)
    heading = next(p for p in root.iter("para") if p.text == "How to take LDN")
    for _ in range(2):
        para = etree.SubElement(root.find("story"), "para", style="body")
        para.text = "word " * 90
        heading.addnext(para)
    # 180 added words, then the section's own first paragraph (21 words) runs on.
    assert notes(score_handout(handout, parts, root))["U8"] == (
        0,
        '"How to take LDN" runs 201 words without a heading, list, box or bold lead-in '
        "(at most 150)",
    )


def test_a_vague_heading_fails_u9(ms: Rendered) -> None:
    handout, parts, root = ms
    sections = tuple(
        dataclasses.replace(s, title="Information") if s.id == "questions-to-ask" else s
        for s in handout.sections
    )
    root = copy.deepcopy(root)
    next(p for p in root.iter("para") if p.text == "Questions to ask").text = "Information"
    report = score_handout(dataclasses.replace(handout, sections=sections), parts, root)
    assert notes(report)["U9"] == (
        0,
        "headings that do not say what the section holds: Information",
    )


def test_no_checklist_and_no_schedule_fails_a23(ms: Rendered) -> None:
    handout, parts, root = ms
    root = copy.deepcopy(root)
    table = root.find(".//blockTable[@style='schedule']")
    table.getparent().remove(table)
    sections = tuple(
        dataclasses.replace(s, body=tuple(Block("list", b.texts) for b in s.body))
        for s in handout.sections
    )
    report = score_handout(dataclasses.replace(handout, sections=sections), parts, root)
    assert notes(report)["A23"] == (0, "no schedule, checklist or tracker the reader can use")
    assert report.actionability == Score(3, 4)
    assert report.actionability.percent == 75.0 and report.actionability.passed


@pytest.mark.parametrize(
    ("score", "percent", "passed"),
    [(Score(4, 6), 66.7, False), (Score(5, 7), 71.4, True), (Score(0, 0), None, True)],
)
def test_percent_against_the_pass_mark(score: Score, percent: float | None, passed: bool) -> None:
    assert (score.percent, score.passed) == (percent, passed)
