"""The summary edition: one sheet, front and back, for every condition and practice;
the length rule and its message; required sections; the QR pointer; the batch."""

from __future__ import annotations

import dataclasses
import io
import re
import textwrap
from pathlib import Path

import pypdf
import pytest
from helpers import squash
from lxml import etree

from handouts.batch.runner import BUILT, SKIPPED, build_set
from handouts.editions import SUMMARY
from handouts.errors import BuildError, TemplateError
from handouts.output.manifest import read_manifest
from handouts.pipeline.build import (
    Project,
    build_handout,
    load_project,
    merge_for,
    render_html,
    render_rml,
)
from handouts.render.qr import qr_runs
from handouts.text import readability
from handouts.text.sections import section_texts

ROOT = Path(__file__).resolve().parent.parent
WARNING_TITLE = "Important: LDN and opioid medicines"


def pages(data: bytes) -> list[str]:
    """Each page's text, squashed."""
    return [squash(p.extract_text()) for p in pypdf.PdfReader(io.BytesIO(data)).pages]


@pytest.fixture(scope="module")
def riverside() -> Project:
    return load_project(ROOT / "practices" / "riverside")


@pytest.mark.parametrize("size", ["letter", "a4"])
def test_every_condition_is_one_sheet_with_the_warning_whole_on_the_back(size: str) -> None:
    project = load_project(None, size)
    for slug, condition in project.content.conditions.items():
        built = build_handout(project, slug, "summary")
        front, back = pages(built.pdf)  # exactly two pages
        assert built.pages == 2
        assert "Key facts" in front and "What studies found" in front
        assert "Date you start" in front  # the dose table has a column to write in
        assert f"LDN and {condition.name[:1].upper()}" in front
        assert WARNING_TITLE in back and WARNING_TITLE not in front
        # The whole warning, word for word, on the back: its last sentence is there too.
        assert "It can cause a dangerous overdose" in back
        back_only = ("When to get help", "Off-label use and cost", "Key sources",
                     "Which medicines are opioids", "Tell us before you start if you")  # fmt: skip
        for words in back_only:
            assert words in back and words not in front
        assert "Ask us for the full guide" in back  # no online address: a sentence


def test_a_practice_sheet_has_its_contacts_protocol_and_qr_link(riverside: Project) -> None:
    for slug in riverside.clinic_set:
        front, back = pages(build_handout(riverside, slug, "summary").pdf)
        assert "Riverside Family Medicine" in front
        assert "Week 1 to 2" in front and "1.5 mg" in front  # its own protocol
        assert "(217) 555-0142" in back and "Riverside Compounding Pharmacy" in back
        assert f"riverside-family.example.org/ldn/{slug}" in back.replace(" ", "")  # may wrap
        assert "Signed off by Dr. Maria Alvarez" in back


def test_large_print_takes_two_sheets_at_most() -> None:
    project = load_project(ROOT / "practices" / "northfield")
    for slug in project.clinic_set:
        built = build_handout(project, slug, "summary")
        assert built.pages <= 4
        texts = pages(built.pdf)
        assert WARNING_TITLE not in " ".join(texts[:2])  # never on the front sheet


def test_body_type_is_never_below_12_pt(project: Project) -> None:
    for practice in (project, load_project(ROOT / "practices" / "northfield")):
        _, rml, _ = render_rml(practice, "multiple-sclerosis", SUMMARY)
        root = etree.fromstring(rml.encode())
        sizes = {s.get("name"): float(s.get("fontSize") or 0) for s in root.iter("paraStyle")}
        body = {name: size for name, size in sizes.items() if name != "small" and size}
        assert body and min(body.values()) >= 12.0, body


def test_overflow_fails_naming_the_condition_and_by_how_much(project: Project) -> None:
    wordy = dataclasses.replace(project.practice, prescriber="your prescriber " * 15)
    longer = dataclasses.replace(project, practice=wordy)
    with pytest.raises(BuildError) as caught:
        build_handout(longer, "multiple-sclerosis", "summary")
    assert re.fullmatch(
        r"multiple-sclerosis: the summary must fit on 1 sheet, front and back \(2 pages\), "
        r"but it needs [3-9]: (the front by \d+ pt \(about \d+ lines?\)( and )?)?"
        r"(the back by \d+ pt \(about \d+ lines?\))? too long\. Shorten the text; "
        r"the type is never made smaller",
        str(caught.value),
    ), str(caught.value)


def _practice(tmp_path: Path, template: str) -> Path:
    folder = tmp_path / "clinic"
    (folder / "templates").mkdir(parents=True)
    (folder / "practice.yaml").write_text("name: Hill Clinic\nphone: '555-0100'\n")
    (folder / "templates" / "summary.rml.j2").write_text(textwrap.dedent(template))
    return folder


def test_a_practice_overrides_one_block_and_keeps_the_rest(tmp_path: Path) -> None:
    folder = _practice(tmp_path, """\
        {% extends "builtin/summary.rml.j2" %}
        {% block title %}<para style="title">Hill Clinic sheet</para>{% endblock %}
        """)  # fmt: skip
    built = build_handout(load_project(folder), "lupus", "summary")
    front, back = pages(built.pdf)
    assert "Hill Clinic sheet" in front and WARNING_TITLE in back


def test_a_template_that_drops_the_warning_is_refused(tmp_path: Path) -> None:
    folder = _practice(tmp_path, """\
        {% extends "builtin/summary.rml.j2" %}
        {% block opioid_warning %}<nextPage/>{% endblock %}
        """)  # fmt: skip
    with pytest.raises(TemplateError, match="required section 'opioid-warning'"):
        build_handout(load_project(folder), "lupus", "summary")


def test_a_template_that_drops_which_medicines_are_opioids_is_refused(tmp_path: Path) -> None:
    folder = _practice(tmp_path, """\
        {% extends "builtin/summary.rml.j2" %}
        {% block section %}
        {% if section.id != "opioid-details" %}{{ super() }}{% endif %}
        {% endblock %}
        """)  # fmt: skip
    with pytest.raises(TemplateError, match="required section 'opioid-details'"):
        build_handout(load_project(folder), "lupus", "summary")


def test_same_inputs_same_bytes(riverside: Project) -> None:
    one = build_handout(riverside, "fibromyalgia", "summary").pdf
    two = build_handout(riverside, "fibromyalgia", "summary").pdf
    assert one == two


def test_qr_code_is_encoded_once_per_address() -> None:
    qr_runs.cache_clear()
    size, runs = qr_runs("https://example.org/ldn/hiv")
    assert qr_runs("https://example.org/ldn/hiv") == (size, runs)
    assert qr_runs.cache_info().hits == 1 and qr_runs.cache_info().misses == 1
    # 27 bytes: more than version 2-M holds (26), so version 3 (29 modules) + 2 x 4 quiet.
    assert size == 37


def test_summary_text_reads_at_grade_6(project: Project, riverside: Project) -> None:
    # Every section, the shared opioid warning too, with and without a practice's words.
    for practice in (project, riverside):
        for slug in practice.clinic_set:
            for part in section_texts(merge_for(practice, slug, SUMMARY)):
                assert readability.grade(part.joined) <= 6.0, (slug, part.id)


def test_check_reports_each_edition_with_its_own_grade_limit() -> None:
    from handouts.check.checker import check_project
    from handouts.check.report import to_text

    report = check_project(ROOT / "practices" / "riverside")
    names = [h.name for h in report.handouts]
    assert names[:4] == ["multiple-sclerosis", "fibromyalgia", "crohns-disease", "chronic-pain"]
    assert names[4:] == [f"{slug}-summary" for slug in names[:4]]
    summary = [h for h in report.handouts if h.edition == "summary"]
    assert {s.limit for h in summary for s in h.sections} == {6.0}
    assert all(s.grade <= 6.0 for h in summary for s in h.sections)
    assert {s.limit for s in report.handouts[0].sections} == {7.0, 8.0}  # box 7, body 8
    assert re.search(r"^  crohns-disease-summary +understandable 100%", to_text(report, True), re.M)
    only = check_project(ROOT / "practices" / "riverside", edition="summary")
    assert [h.name for h in only.handouts] == names[4:]


def test_html_summary_has_the_same_words(riverside: Project) -> None:
    page = render_html(riverside, "crohns-disease", SUMMARY)
    assert "Key facts" in page and WARNING_TITLE in page and "Date you start" in page
    assert 'href="https://riverside-family.example.org/ldn/crohns-disease"' in page


def test_batch_builds_both_editions_and_skips_them_next_time(
    project: Project, tmp_path: Path
) -> None:
    report = build_set(project, ["hiv"], tmp_path, jobs=1, editions=("full", "summary"))
    assert [(r.slug, r.edition, r.status) for r in report.results] == [
        ("hiv", "full", BUILT), ("hiv", "summary", BUILT)]  # fmt: skip
    assert (tmp_path / "hiv.pdf").is_file() and (tmp_path / "hiv-summary.pdf").is_file()
    entries = read_manifest(tmp_path).handouts
    assert entries["hiv-summary"].edition == "summary" and entries["hiv-summary"].pages == 2
    again = build_set(project, ["hiv"], tmp_path, jobs=1, editions=("full", "summary"))
    assert [r.status for r in again.results] == [SKIPPED, SKIPPED]
