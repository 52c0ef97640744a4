"""The personal plan: dates worked out by hand, the card's printed size, the pages' text."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
from pathlib import Path

import pypdf
import pytest
from helpers import squash

from handouts import paths
from handouts.model import PatientPlan
from handouts.pipeline import Project, build_plan, load_project, prepare_plan
from handouts.pipeline.plan import BuiltPlan

RIVERSIDE = paths.builtin_content_dir().parent / "practices" / "riverside"
TODAY = dt.date(2026, 12, 1)
MM = 72 / 25.4
# ID-1: 85.6 x 54 mm, in points (worked out: 85.6 * 72 / 25.4, 54 * 72 / 25.4).
CARD_W, CARD_H = 242.6457, 153.0709


@pytest.fixture(scope="module")
def riverside() -> Project:
    return load_project(RIVERSIDE)


def make(project: Project, **options: object) -> PatientPlan:
    kwargs: dict[str, object] = {"start": "2027-01-04", **options}
    plan, _ = prepare_plan(project, TODAY, **kwargs)
    return plan


@pytest.fixture(scope="module")
def alex(riverside: Project) -> BuiltPlan:
    plan = make(riverside, name="Alex Example", prescriber="Dr. Sam Lee")
    return build_plan(riverside, "multiple-sclerosis", plan)


def pages(pdf: bytes) -> list[str]:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return [squash(page.extract_text()) for page in reader.pages]


def test_calendar_dates_counted_from_the_start(alex: BuiltPlan) -> None:
    # Riverside: 1.5 mg, +1 mg every 2 weeks, to 4.5 mg; review 12 weeks after the target.
    # Mon 4 Jan 2027 + 2 weeks = Mon 18 Jan; +2 = 1 Feb; +2 = 15 Feb; 15 Feb + 12 w = 10 May.
    first = pages(alex.pdf)[0]
    assert "For: Alex Example" in first and "Prescriber: Dr. Sam Lee" in first
    assert "Start date: Jan 4, 2027" in first
    for row in (
        "Jan 4, 2027 Jan 17, 2027 1.5 mg one 1.5 mg capsule at bedtime",
        "Jan 18, 2027 Jan 31, 2027 2.5 mg one 2.5 mg capsule at bedtime",
        "Feb 1, 2027 Feb 14, 2027 3.5 mg one 3.5 mg capsule at bedtime",
        "Feb 15, 2027 until your review 4.5 mg one 4.5 mg capsule at bedtime",
    ):
        assert row in first
    assert "We will check how it is going on May 10, 2027." in first
    assert "If you miss a dose: Skip it. Take the next dose at the usual time." in first
    assert "When to call • Call 911 right away" in first


def test_diary_page(alex: BuiltPlan) -> None:
    diary = pages(alex.pdf)[1]
    assert "Page 2 of 7" in diary and "Your symptom diary Once a week" in diary
    assert "0 = none · · · 10 = as bad as it can be" in diary
    # Symptoms are rows, weeks columns, in two tables of six weeks. Week n starts on
    # 4 Jan + 7(n - 1) days: week 6 = 4 Jan + 35 = Feb 8; week 12 = 4 Jan + 77 = Mar 22.
    symptoms = "Tiredness Stiffness Pain Trouble sleeping Vivid dreams Nausea Headache"
    first = "Week 1 Jan 4 2 Jan 11 3 Jan 18 4 Jan 25 5 Feb 1 6 Feb 8 " + symptoms
    second = "Week 7 Feb 15 8 Feb 22 9 Mar 1 10 Mar 8 11 Mar 15 12 Mar 22 " + symptoms
    assert f"{first} {second} LDN may help some people" in diary


def test_plan_dates_follow_the_practice_locale(tmp_path: Path) -> None:
    # Northfield is en-GB: day before month, as a UK patient reads a date.
    northfield = load_project(RIVERSIDE.parent / "northfield")
    plan = make(northfield, name="Alex Example")
    text = pages(build_plan(northfield, "hiv", plan).pdf)
    assert "Start date: 4 Jan 2027" in text[0]
    diary = " ".join(text[1:4])
    assert "Week 1 4 Jan 2 11 Jan" in diary and "12 22 Mar" in diary


def _font_sizes(page: pypdf.PageObject) -> set[float]:
    """Sizes of the words printed on a page (citation numbers and week numbers aside)."""
    sizes: set[float] = set()

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if text.strip() and not text.strip().replace(",", "").isdigit():
            sizes.add(round(size * tm[0] * cm[0], 1))

    page.extract_text(visitor_text=visit)
    return sizes


def test_calendar_and_diary_type_is_at_least_12_pt(alex: BuiltPlan) -> None:
    # The wallet card is the one exception: it must fit 85.6 x 54 mm.
    reader = pypdf.PdfReader(io.BytesIO(alex.pdf))
    for number in (0, 1):
        sizes = _font_sizes(reader.pages[number])
        assert min(sizes) >= 12.0, (number + 1, sorted(sizes))


def test_card_text_front_and_back(alex: BuiltPlan) -> None:
    card = pages(alex.pdf)[-1]
    for text in (
        "I take low dose naltrexone (LDN), an opioid blocker.",
        "Dose: 1.5 mg going up to 4.5 mg, once a day, at bedtime",
        "Opioid pain medicine may not work, and may cause withdrawal. Tell the care team.",
        "Name: Alex Example",
        "Prescriber: Dr. Sam Lee",
        "Phone: (217) 555-0142",
        "Emergency: 911",
    ):
        assert text in card


def _rectangles(page: pypdf.PageObject) -> list[tuple[float, float]]:
    """(width, height) of every rectangle the page draws, with no scaling in force."""
    content = pypdf.generic.ContentStream(page.get_contents(), page.pdf)
    sizes, scaled = [], []
    for operands, op in content.operations:
        if op == b"q":
            scaled.append(False)
        elif op == b"Q" and scaled:
            scaled.pop()
        elif op == b"cm":
            a, b, c, d = (float(x) for x in operands[:4])
            if (a, b, c, d) != (1, 0, 0, 1) and scaled:
                scaled[-1] = True
        elif op == b"re" and not any(scaled):
            sizes.append((float(operands[2]), float(operands[3])))
    return sizes


def test_card_prints_at_true_size(alex: BuiltPlan) -> None:
    reader = pypdf.PdfReader(io.BytesIO(alex.pdf))
    page = reader.pages[-1]
    assert (float(page.mediabox.width), float(page.mediabox.height)) == (612, 792)
    panels = [r for r in _rectangles(page) if abs(r[0] - CARD_W) < 0.01]
    assert len(panels) == 2  # front and back, each 85.6 x 54 mm
    for width, height in panels:
        assert abs(width / MM - 85.6) < 0.01 and abs(height / MM - 54) < 0.01


def bookmarks(pdf: bytes) -> dict[str, int]:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return {o.title: reader.get_destination_page_number(o) + 1 for o in reader.outline}


def test_one_sheet_calendar_and_diary_card_last_and_alone(alex: BuiltPlan) -> None:
    # Letter, normal print: sheet 1 = calendar + diary, then the warning, which medicines
    # are opioids, the off-label caveat and the references (pages 3-5), a page blank on
    # purpose, and the card alone on page 7, with nothing on its back double-sided.
    assert alex.pages == 7
    marks = bookmarks(alex.pdf)
    assert marks["Your dose calendar"] == 1 and marks["Your symptom diary"] == 2
    assert marks["Important: LDN and opioid medicines"] == 3
    assert marks["References"] == 5 and marks["Your wallet card"] == 7


@pytest.mark.parametrize("practice_dir", [None, RIVERSIDE, RIVERSIDE.parent / "northfield"])
def test_card_on_an_odd_last_page_in_large_print(practice_dir: Path | None) -> None:
    project = load_project(practice_dir)
    practice = dataclasses.replace(project.practice, large_print=True)
    project = dataclasses.replace(project, practice=practice)
    built = build_plan(project, "multiple-sclerosis", make(project, name="Alex Example"))
    marks = bookmarks(built.pdf)
    assert built.pages % 2 == 1 and marks["Your wallet card"] == built.pages
    assert marks["References"] < built.pages  # under the card there is no room for them


def test_required_sections_print_whole(alex: BuiltPlan) -> None:
    text = " ".join(pages(alex.pdf))
    assert "Important: LDN and opioid medicines" in text
    assert "Off-label use, cost and insurance" in text


def test_liquid_steps_read_in_ml(riverside: Project) -> None:
    plan = make(riverside, form="liquid", strength=1.0)
    first = pages(build_plan(riverside, "multiple-sclerosis", plan).pdf)[0]
    assert "1.5 mL of the 1 mg/mL liquid at bedtime" in first
    assert "4.5 mL of the 1 mg/mL liquid at bedtime" in first


def test_blank_lines_without_a_patient(riverside: Project) -> None:
    built = build_plan(riverside, "fibromyalgia", make(riverside))
    texts = pages(built.pdf)
    assert "For: __________________" in texts[0]
    assert "Prescriber: __________________" in texts[0]
    assert "Name: __________________" in texts[-1]


def test_protocol_override_for_one_patient(riverside: Project) -> None:
    plan = make(riverside, protocol={"start_dose": 1.0, "step_dose": 0.5,
                                      "step_interval_weeks": 1, "target_dose": 2.0})  # fmt: skip
    first = pages(build_plan(riverside, "multiple-sclerosis", plan).pdf)[0]
    # 1 mg week 1 (4-10 Jan), 1.5 mg week 2 (11-17 Jan), 2 mg from 18 Jan; review + 12 w.
    assert "Jan 4, 2027 Jan 10, 2027 1 mg" in first
    assert "Jan 11, 2027 Jan 17, 2027 1.5 mg" in first
    assert "Jan 18, 2027 until your review 2 mg" in first
    assert "April 12, 2027" in first


def test_timing_override_reads_as_a_phrase(riverside: Project) -> None:
    plan = make(riverside, protocol={"timing": "with breakfast"})
    built = build_plan(riverside, "multiple-sclerosis", plan)
    assert "one 1.5 mg capsule with breakfast" in pages(built.pdf)[0]
    assert "once a day, with breakfast" in pages(built.pdf)[-1]


def test_same_inputs_same_bytes(riverside: Project, alex: BuiltPlan) -> None:
    plan = make(riverside, name="Alex Example", prescriber="Dr. Sam Lee")
    assert build_plan(riverside, "multiple-sclerosis", plan).pdf == alex.pdf


def test_metadata_names_no_patient(alex: BuiltPlan) -> None:
    meta = pypdf.PdfReader(io.BytesIO(alex.pdf)).metadata
    assert meta is not None
    assert meta.title == "Your LDN plan"
    assert meta.subject == "Personal LDN plan: multiple sclerosis"
    for value in meta.values():
        assert "Alex" not in str(value) and "2027" not in str(value)


def test_practice_restyles_one_block(tmp_path: Path) -> None:
    practice = tmp_path / "clinic"
    (practice / "templates").mkdir(parents=True)
    (practice / "practice.yaml").write_text("name: Test Clinic\nphone: 555-0100\n")
    (practice / "templates" / "plan.rml.j2").write_text(
        '{% extends "builtin/plan.rml.j2" %}\n'
        '{% block card_back %}<para style="card">Our own back: {{ card.phone }}</para>'
        "{% endblock %}\n"
    )
    project = load_project(practice)
    text = pages(build_plan(project, "lupus", make(project)).pdf)
    assert "Our own back: 555-0100" in text[-1]
    assert "I take low dose naltrexone (LDN), an opioid blocker." in text[-1]


def test_the_diary_symptoms_follow_the_practice_locale() -> None:
    # The symptom rows of the IBS diary: UK spelling for Northfield (en-GB), US for Riverside.
    for folder, symptom, other in (("northfield", "Diarrhoea", "Diarrhea"),
                                   ("riverside", "Diarrhea", "Diarrhoea")):  # fmt: skip
        project = load_project(RIVERSIDE.parent / folder)
        text = pages(build_plan(project, "irritable-bowel-syndrome", make(project)).pdf)
        diary = next(page for page in text if "Belly pain" in page)
        assert f"Belly pain {symptom} Bloating" in diary, diary
        assert other not in diary
