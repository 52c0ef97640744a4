"""The Spanish edition: held in step with the English, printed wholly in Spanish, with
Spanish dates and numbers, /Lang es, and its translation provenance.

Oracles: the English content files (for parity), hand-written expected strings (dates,
numbers, footer words), and a hand-made list of English words that Spanish never uses.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest
from pypdf import PdfReader

from handouts import paths
from handouts.editions import EditionContent
from handouts.model import ContentSet
from handouts.pipeline.build import BuiltHandout, build_handout, load_content, load_project
from handouts.text import markup
from handouts.validate.edition import load_edition_content

ROOT = paths.builtin_content_dir()


@cache
def content(language: str) -> ContentSet:
    return load_content(ROOT, language)


ES_SLUGS = sorted(content("es").conditions)


def cited(*texts: str) -> set[str]:
    return {key for text in texts for key in markup.citations(text)}


def test_spanish_has_every_english_ui_word() -> None:
    # locale.<en-US|en-GB>.<term>: English medicine names for the English opioid warning.
    english = {k for k in content("en").ui if not k.startswith("locale.")}
    assert english <= set(content("es").ui)


def test_same_sections_references_and_required_flags() -> None:
    en, es = content("en"), content("es")
    shape = [(s.id, s.required, s.references) for s in en.sections]
    assert [(s.id, s.required, s.references) for s in es.sections] == shape
    for e, s in zip(en.sections, es.sections, strict=True):
        assert [b.kind for b in s.body if b.kind in ("steps", "checklist")] == [
            b.kind for b in e.body if b.kind in ("steps", "checklist")
        ], e.id
        assert [(m.id, m.references) for m in s.mechanisms] == [
            (m.id, m.references) for m in e.mechanisms
        ]
        assert cited(*(m.text for m in s.mechanisms)) == cited(*(m.text for m in e.mechanisms))


@pytest.mark.parametrize("slug", ES_SLUGS)
def test_condition_in_step_with_english(slug: str) -> None:
    e, s = content("en").conditions[slug], content("es").conditions[slug]
    assert (s.group, s.evidence.research, s.evidence.found, s.evidence.references,
            s.mechanisms) == (
        e.group, e.evidence.research, e.evidence.found, e.evidence.references, e.mechanisms
    )  # fmt: skip
    for field in ("key_points", "studies", "patients_report", "cautions"):
        assert len(getattr(s, field)) == len(getattr(e, field)), field
    assert cited(s.evidence.known, s.evidence.not_known, *s.studies) == cited(
        e.evidence.known, e.evidence.not_known, *e.studies
    )
    assert cited(*s.cautions) == cited(*e.cautions)
    # The required warnings: caution by caution, an opioid warning where the English has
    # one, and "keep taking your proven treatment" (Siga ... / Nunca deje ...) somewhere.
    for en_text, es_text in zip(e.cautions, s.cautions, strict=True):
        assert ("opioid" in en_text.lower()) == ("opioide" in es_text.lower()), es_text
    assert any(re.match(r"\**(?:Siga|Nunca)", text) for text in s.cautions)


def test_every_english_condition_is_translated() -> None:  # and no more
    assert ES_SLUGS == sorted(content("en").conditions)


@cache
def sheets(language: str) -> EditionContent:
    """The summary edition's own content (content/<language>/summary*.yaml)."""
    return load_edition_content(ROOT, "summary", content(language))


def test_summary_sections_and_words_in_step_with_english() -> None:
    en, es = sheets("en"), sheets("es")
    shape = [(s.id, s.required, s.references) for s in en.sections]
    assert [(s.id, s.required, s.references) for s in es.sections] == shape
    for e, s in zip(en.sections, es.sections, strict=True):
        assert [b.kind for b in s.body] == [b.kind for b in e.body], e.id
        assert [len(b.texts) for b in s.body] == [len(b.texts) for b in e.body], e.id
    # The opioid warning is the full guide's own box, shared whole in both languages.
    box = next(s for s in content("es").sections if s.id == "opioid-warning")
    assert [s.id for s in es.sections if s is box] == ["opioid-warning"]
    assert set(es.words) == set(en.words) and len(es.key_facts) == len(en.key_facts)
    assert sorted(es.conditions) == sorted(en.conditions) == ES_SLUGS


@pytest.mark.parametrize("slug", ES_SLUGS)
def test_summary_sheet_in_step_with_english(slug: str) -> None:
    e, s = sheets("en").conditions[slug], sheets("es").conditions[slug]
    assert s.sources == e.sources  # the same key sources, in the same order
    assert (len(s.results), len(s.cautions)) == (len(e.results), len(e.cautions))
    for en_text, es_text in zip(e.results, s.results, strict=True):
        assert cited(es_text) == cited(en_text), es_text
        # The same counts of people and the same "x in 10" figures, as digits.
        assert re.findall(r"\d+", es_text) == re.findall(r"\d+", en_text), es_text
    assert cited(s.not_known) == cited(e.not_known)
    for en_text, es_text in zip(e.cautions, s.cautions, strict=True):
        assert ("opioid" in en_text.lower()) == ("opioide" in es_text.lower()), es_text
    assert re.match(r"\*\*(?:Siga|Nunca)", s.keep), s.keep  # keep your proven treatment


def test_every_spanish_file_records_its_translation() -> None:
    es = content("es")
    files = {t.path for t in es.translations.values()}
    expected = {"content/es/ui.yaml", "content/es/sections.yaml"} | {
        f"content/es/conditions/{slug}.yaml" for slug in ES_SLUGS
    }
    assert files == expected
    summary = {t.path for t in sheets("es").translations.values()}
    assert summary == {"content/es/summary.yaml"} | {
        f"content/es/summary/{slug}.yaml" for slug in ES_SLUGS
    }
    for record in (*es.translations.values(), *sheets("es").translations.values()):
        assert record.reviewer == "pending" and not record.reviewed  # honest until reviewed
        assert "handouts" in record.translator
        # No native-speaker clinician has read it: every file must say so in its record.
        assert record.clinical_reviewer == "pending" and not record.clinically_reviewed
    for path in (ROOT / "es").rglob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        if "\ntranslation:\n" in text:
            assert "\n  clinical_reviewer: pending\n" in text, path


def test_spanish_files_are_stamped_from_the_english_as_it_is_now() -> None:
    from handouts.validate.translation import stale

    es = content("es")
    assert [r.path for r in es.translations.values() if stale(r, ROOT)] == []
    assert [r.path for r in sheets("es").translations.values() if stale(r, ROOT)] == []


# English words that never occur in Spanish text (articles, pronouns, common verbs and
# the layout's own words); "LDN" and drug names are the same in both.
ENGLISH = set(
    "the and with your you of is are this that these take taking page reviewed week weeks "
    "onward dose doses patient information side effects pain doctor medicine medicines "
    "should will from for not or to at by have has what when how who may can do does "
    "next version sources references prescriber pharmacy bedtime morning".split()
)
ALLOWED = ("low dose naltrexone",)  # defined once: "(en inglés, low dose naltrexone)"


@cache
def built(slug: str) -> BuiltHandout:
    return build_handout(load_project(language="es"), slug)


def page_texts(slug: str) -> list[str]:
    import io

    reader = PdfReader(io.BytesIO(built(slug).pdf))
    return [page.extract_text() for page in reader.pages]


@pytest.mark.parametrize("slug", ES_SLUGS)
def test_no_english_left_in_the_spanish_pdf(slug: str) -> None:
    text = "\n".join(page_texts(slug))
    # The reference list keeps the papers' own (English) titles, as MedlinePlus does.
    before, _, rest = text.partition("\nReferencias\n")
    _, _, after = rest.partition("\nRevisado por ")
    body = before + after
    for phrase in ALLOWED:
        body = body.replace(phrase, "")
    words = {w.lower() for w in re.findall(r"[A-Za-z]+", body)}
    assert not sorted(words & ENGLISH)


@pytest.mark.parametrize("slug", ["multiple-sclerosis", "hiv"])
def test_spanish_layout_words_dates_numbers_and_lang(slug: str) -> None:
    import io

    pages = page_texts(slug)
    total = len(pages)
    for number, page in enumerate(pages, 1):
        assert f"Página {number} de \n{total}" in page or f"Página {number} de {total}" in page
        assert "Revisado 21 de noviembre de 2026" in page
        assert "Revisión clínica: pendiente" in page
    text = "\n".join(pages)
    assert "Empiece con 1,5 mg una vez al día, a la hora de acostarse." in text
    assert "Semana 5 en adelante" in text and "4,5 mg" in text
    assert "Próxima revisión 21\nde noviembre de 2027" in text or (
        "Próxima revisión 21 de noviembre de 2027" in text
    )
    assert all(ch in text for ch in "áéíóúñ¿")
    reader = PdfReader(io.BytesIO(built(slug).pdf))
    assert reader.trailer["/Root"]["/Lang"] == "es"
    assert "naltrexona en dosis bajas" in reader.metadata["/Keywords"]


def test_html_is_spanish() -> None:
    from handouts.pipeline.build import render_html

    page = render_html(load_project(language="es"), "hiv")
    assert '<html lang="es">' in page
    assert "Revisión clínica de la traducción: pendiente" in page


def test_unknown_language_is_a_clear_error() -> None:
    from handouts.errors import HandoutsError

    with pytest.raises(HandoutsError, match=r"--language fr: .* use one of: en, es"):
        load_project(language="fr")


@cache
def spanish_check() -> object:
    import datetime as dt

    from handouts.check import check_project

    return check_project(language="es", today=dt.date(2026, 12, 2))


def test_every_spanish_section_reads_plainly() -> None:
    """Fernández-Huerta >= 70 and INFLESZ >= 55 in every section of every handout."""
    report = spanish_check()
    low = [
        (h.slug, s.id, s.fernandez_huerta, s.inflesz)
        for h in report.handouts  # type: ignore[attr-defined]
        for s in h.sections
        if s.words and ((s.fernandez_huerta or 0) < 70 or (s.inflesz or 0) < 55)
    ]
    assert not low
    assert not [f for f in report.findings if f.check == "reading-grade"]  # type: ignore[attr-defined]


def test_check_flags_unreviewed_and_stale_translations(tmp_path: Path) -> None:
    import datetime as dt
    import shutil

    from handouts.check import check_project

    report = spanish_check()
    pending = {f.path for f in report.findings if f.check == "translation"}  # type: ignore[attr-defined]
    assert "content/es/conditions/hiv.yaml" in pending and "content/es/ui.yaml" in pending
    copy = tmp_path / "content"
    shutil.copytree(ROOT, copy)
    english = copy / "en" / "conditions" / "hiv.yaml"
    english.write_text(english.read_text(encoding="utf-8") + "# changed\n", encoding="utf-8")
    (copy / "es" / "conditions" / "lupus.yaml").unlink()
    changed = check_project(language="es", content_root=copy, today=dt.date(2026, 12, 2))
    messages = [
        (f.severity, f.path, f.message) for f in changed.findings if f.check == "translation"
    ]
    assert any(
        path == "content/es/conditions/hiv.yaml" and "en/conditions/hiv.yaml changed" in text
        for _, path, text in messages
    )
    assert ("error", "content/es/conditions/lupus.yaml") in {(s, p) for s, p, _ in messages}
