"""Golden checks on the text pypdf extracts from the built multiple sclerosis handout."""

from __future__ import annotations

import io

import pypdf

from handouts.pipeline.build import BuiltHandout, Project, build_handout


def test_required_sections_are_printed(ms_text: str) -> None:
    assert "Never take LDN with opioid medicines." in ms_text
    for heading in (
        "What is LDN?",
        "How might LDN work?",
        "LDN and multiple sclerosis",
        "How to take LDN",
        "References",
    ):
        assert heading in ms_text, heading
    assert "Page 1 of " in ms_text


# The first sentence of each required section as it prints, typed by hand (the
# off-label words are locale terms: {off_label_term} in sections.yaml).
OPENINGS = {
    "opioid-warning": "LDN blocks opioids. It can stop opioid medicines from working.",
    "off-label-cost": "Off-label means using a medicine for a purpose the FDA has not approved.",
}


def test_opioid_warning_and_off_label_text(project: Project, ms_text: str) -> None:
    sections = {s.id: s for s in project.content.sections}
    for section_id, sentence in OPENINGS.items():
        assert sections[section_id].title in ms_text
        assert sentence in ms_text, sentence


def test_key_facts_are_honest(ms_text: str) -> None:
    assert "1984" in ms_text
    assert "Small trials with a comparison group." in ms_text
    assert "3 of 5 boxes" in ms_text
    assert "What it found: Helped in some studies, not in others." in ms_text
    assert "Keep taking your MS medicines." in ms_text


def test_page_total_is_filled_in(built_ms: BuiltHandout, ms_text: str) -> None:
    assert f"Page {built_ms.pages} of {built_ms.pages}" in ms_text
    assert "\ue000" not in ms_text


def test_metadata_language_and_bookmarks(built_ms: BuiltHandout) -> None:
    reader = pypdf.PdfReader(io.BytesIO(built_ms.pdf))
    info = reader.metadata
    assert info is not None
    assert info.title == "Low Dose Naltrexone (LDN) and multiple sclerosis"
    assert info.subject == "Patient information about low dose naltrexone: multiple sclerosis"
    assert info.author == "Patient information"
    assert "LDN" in str(info.get("/Keywords"))
    assert reader.trailer["/Root"]["/Lang"] == "en"
    titles = [item.title for item in reader.outline if not isinstance(item, list)]
    assert titles[0] == "Low Dose Naltrexone (LDN) and multiple sclerosis"
    assert "What is LDN?" in titles
    assert "References" in titles
    assert len(reader.pages) == built_ms.pages


def test_fonts_are_embedded_atkinson(built_ms: BuiltHandout) -> None:
    reader = pypdf.PdfReader(io.BytesIO(built_ms.pdf))
    fonts = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            fonts.add(str(font["/BaseFont"]))
            descendant = font.get("/DescendantFonts")
            descriptor = (descendant[0].get_object() if descendant else font).get("/FontDescriptor")
            if descriptor is not None:
                descriptor = descriptor.get_object()
                assert any(k in descriptor for k in ("/FontFile2", "/FontFile", "/FontFile3"))
    assert fonts and all("AtkinsonHyperlegible" in f for f in fonts), fonts


def test_same_input_gives_same_bytes(project: Project, built_ms: BuiltHandout) -> None:
    again = build_handout(project, "multiple-sclerosis")
    assert again.pdf == built_ms.pdf


def test_a4_page_size(project: Project) -> None:
    import dataclasses

    a4 = dataclasses.replace(
        project, practice=dataclasses.replace(project.practice, page_size="a4")
    )
    built = build_handout(a4, "multiple-sclerosis")
    box = pypdf.PdfReader(io.BytesIO(built.pdf)).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)
