"""The Spanish summary sheet: one sheet per condition at Letter and A4 (and for the two
example practices), printed wholly in Spanish with its translation note, scored by
``handouts check`` in Spanish with the English sheet's grades beside, and flagged when
its English source changes.

Oracles: hand-typed Spanish strings and page counts, the hand-made list of English
words from test_spanish.py, and text read back from the built PDFs page by page.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
from functools import cache
from pathlib import Path

import pypdf
import pytest
from helpers import EXAMPLES, squash
from test_spanish import ALLOWED, ENGLISH

from handouts import paths
from handouts.check import check_project
from handouts.pipeline.build import build_handout, load_project

ROOT = paths.builtin_content_dir()
SLUGS = sorted(p.stem for p in (ROOT / "en" / "summary").glob("*.yaml"))
CHECKED_ON = dt.date(2026, 12, 2)


@cache
def sheet(slug: str, size: str = "letter", practice: str = "") -> list[str]:
    """The squashed text of each page of one Spanish sheet."""
    project = load_project(EXAMPLES / practice if practice else None, size, language="es")
    pdf = build_handout(project, slug, "summary").pdf
    return [squash(page.extract_text()) for page in pypdf.PdfReader(io.BytesIO(pdf)).pages]


def test_there_is_a_spanish_sheet_for_every_english_one() -> None:
    assert SLUGS == sorted(p.stem for p in (ROOT / "es" / "summary").glob("*.yaml"))
    assert len(SLUGS) == 15


@pytest.mark.parametrize("size", ["letter", "a4"])
@pytest.mark.parametrize("slug", SLUGS)
def test_each_sheet_is_two_pages_front_and_back_in_spanish(slug: str, size: str) -> None:
    front, back = sheet(slug, size)  # exactly two pages
    assert "Datos clave" in front and "Lo que encontraron los estudios" in front
    assert "Fecha en que empieza" in front and "Dosis, a la hora de acostarse" in front
    assert "Página 1 de 2" in front and "Página 2 de 2" in back
    assert "Importante: la LDN y los opioides" in back
    assert "Importante: la LDN y los opioides" not in front
    for words in ("Qué medicamentos son opioides", "Antes de empezar, díganos si usted:",
                  "Cuándo pedir ayuda", "Uso fuera de indicación y costo", "Fuentes clave:",
                  "¿Quiere saber más? Pídanos la guía completa."):  # fmt: skip
        assert words in back and words not in front, words
    # The translation note, once, after the review dates.
    assert "Traducción: 2 de diciembre de 2026 · Revisión clínica: pendiente." in back
    assert "Revisado 21 de noviembre de 2026" in back


def test_titles_figures_and_names_as_typed() -> None:
    assert sheet("multiple-sclerosis")[0].startswith(
        "Información para pacientes Naltrexona en dosis bajas (LDN) Página 1 de 2 "
        "Versión 2026.11 Esclerosis múltiple y la LDN"
    )
    assert "unas 13 de cada 100 menos que antes" in sheet("rheumatoid-arthritis")[0]
    assert "cerca de 1 de cada 10 lo dejó antes de tiempo" in sheet("multiple-sclerosis")[0]
    assert "en unas 9 de cada 10 con LDN" in sheet("crohns-disease")[0]
    assert "Semana 5 en adelante 4,5 mg" in sheet("hiv")[0]
    back = sheet("hiv")[1]
    assert "Tylenol con codeína (#3 o #4), Norco, Vicodin, Lortab, Percocet y Ultracet" in back
    assert "Llame al 911 o a su número local de emergencias ya:" in back
    assert "Fuentes clave: 1. Traoré, Journal of AIDS and HIV Research 2011. 2. Traoré," in back


@pytest.mark.parametrize("slug", SLUGS)
def test_no_english_left_in_a_spanish_sheet(slug: str) -> None:
    for size in ("letter", "a4"):
        text = " ".join(sheet(slug, size))
        # The key sources keep the journals' own (English) names, as the full guide does.
        before, _, rest = text.partition("Fuentes clave:")
        _, _, after = rest.partition("¿Quiere saber más?")
        assert after, "the sources line and the pointer to the full guide both printed"
        body = before + after
        for phrase in ALLOWED:
            body = body.replace(phrase, "")
        assert not sorted({w.lower() for w in re.findall(r"[A-Za-z]+", body)} & ENGLISH)


RIVERSIDE = ("multiple-sclerosis", "fibromyalgia", "crohns-disease", "chronic-pain")
# The practice's own names, which stay as the practice wrote them.
RIVERSIDE_NAMES = ("Riverside Family Medicine", "River Road", "Riverside Compounding Pharmacy")


@pytest.mark.parametrize("slug", RIVERSIDE)
def test_riverside_sheet_has_its_protocol_contacts_and_spanish_link(slug: str) -> None:
    front, back = sheet(slug, "letter", "riverside")
    assert "Semana 1 a 2 1,5 mg" in front and "Semana 7 en adelante 4,5 mg" in front
    assert "Tome la LDN tal como le diga su médico de Riverside." in front
    assert "Llame a nuestro consultorio al (217) 555-0142 en horas de oficina" in back
    assert "Sus contactos:" in back and "Riverside Compounding Pharmacy" in back
    assert f"riverside-family.example.org/ldn/es/{slug}" in back.replace(" ", "")
    assert "Aprobado por Dr. Maria Alvarez, Directora médica, 21 de noviembre de 2026." in back
    body = " ".join((front, back)).partition("Fuentes clave:")[0]
    for name in RIVERSIDE_NAMES:
        body = body.replace(name, "")
    assert not sorted({w.lower() for w in re.findall(r"[A-Za-z]+", body)} & ENGLISH)


def test_northfield_sheets_are_two_sheets_of_large_print_at_most() -> None:
    for slug in ("fibromyalgia", "multiple-sclerosis", "irritable-bowel-syndrome", "depression"):
        pages = sheet(slug, "a4", "northfield")
        assert len(pages) <= 4, slug
        assert "Importante: la LDN y los opioides" not in " ".join(pages[:2]), slug
        assert "Cómo conseguir su LDN en Northfield" not in " ".join(pages)  # full guide only


def test_lang_is_spanish_in_the_pdf() -> None:
    project = load_project(language="es")
    reader = pypdf.PdfReader(io.BytesIO(build_handout(project, "lupus", "summary").pdf))
    assert reader.trailer["/Root"]["/Lang"] == "es"
    assert reader.metadata["/Title"] == "Naltrexona en dosis bajas (LDN) y lupus: resumen"
    assert reader.metadata["/Subject"] == (
        "Información para pacientes sobre la naltrexona en dosis bajas: lupus"
    )


@cache
def summary_check() -> object:
    return check_project(language="es", edition="summary", today=CHECKED_ON)


def test_check_reports_the_spanish_scores_of_every_sheet_section() -> None:
    report = summary_check()
    handouts = report.handouts  # type: ignore[attr-defined]
    assert sorted(h.slug for h in handouts) == SLUGS
    assert {h.edition for h in handouts} == {"summary"}
    for h in handouts:
        ids = [s.id for s in h.sections]
        assert ids == ["key-points", "condition", "how-to-take", "side-effects",
                       "opioid-warning", "opioid-details", "tell-us", "when-to-get-help",
                       "off-label-cost"], h.slug  # fmt: skip
        for s in h.sections:
            assert s.fernandez_huerta >= 70 and s.inflesz >= 55, (h.slug, s.id)
            # The English sheet's grade beside it: the summary is held to grade 6.
            assert 0 < s.grade <= 6, (h.slug, s.id, s.grade)
    assert not [f for f in report.findings if f.check == "reading-grade"]  # type: ignore[attr-defined]


@pytest.mark.parametrize("practice", ["riverside", "northfield"])
def test_practice_sheets_read_plainly_in_spanish(practice: str) -> None:
    report = check_project(EXAMPLES / practice, language="es", edition="summary", today=CHECKED_ON)
    assert len(report.handouts) == 4
    assert not [f.message for f in report.findings if f.check == "reading-grade"]
    assert not [f.message for f in report.findings if f.severity == "error"]


def test_check_text_names_the_sheets_with_their_spanish_scores() -> None:
    from handouts.check.report import to_text

    text = to_text(summary_check(), strict=False)  # type: ignore[arg-type]
    line = next(t for t in text.splitlines() if t.strip().startswith("hiv-summary "))
    assert "hardest: Fernández-Huerta " in line and "English: grade " in line


def test_every_sheet_file_is_unreviewed_and_says_so() -> None:
    pending = {
        f.path
        for f in summary_check().findings  # type: ignore[attr-defined]
        if f.check == "translation" and "reviewer: pending" in f.message
    }
    assert "content/es/summary.yaml" in pending
    assert {f"content/es/summary/{slug}.yaml" for slug in SLUGS} <= pending


def test_check_flags_a_sheet_whose_english_changed_and_a_missing_sheet(tmp_path: Path) -> None:
    copy = tmp_path / "content"
    shutil.copytree(ROOT, copy)
    english = copy / "en" / "summary" / "hiv.yaml"
    english.write_text(english.read_text(encoding="utf-8") + "# changed\n", encoding="utf-8")
    (copy / "es" / "summary" / "lupus.yaml").unlink()
    changed = check_project(language="es", content_root=copy, edition="summary", today=CHECKED_ON)
    found = {(f.severity, f.path, f.message) for f in changed.findings if f.check == "translation"}
    assert (
        "warning",
        "content/es/summary/hiv.yaml",
        "the English source en/summary/hiv.yaml changed after this file was translated; bring "
        "the translation in step, have it reviewed again, then run "
        "`python tests/make_es_condition.py --stamp content/es/summary/hiv.yaml`",
    ) in found
    assert (
        "error",
        "content/es/summary/lupus.yaml",
        "the condition 'lupus' has no es summary sheet; add content/es/summary/lupus.yaml "
        "(made from en/summary/lupus.yaml)",
    ) in found
    assert not any(
        p == "content/es/summary/fibromyalgia.yaml" and s == "error" for s, p, _ in found
    )


def test_a_spanish_sheet_without_its_translation_record_is_refused(tmp_path: Path) -> None:
    from handouts.errors import ContentError
    from handouts.pipeline.build import load_content
    from handouts.validate.edition import load_edition_content

    copy = tmp_path / "content"
    shutil.copytree(ROOT, copy)
    path = copy / "es" / "summary" / "lupus.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"translation:\n(  .*\n)+", "", text), encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_edition_content(copy, "summary", load_content(copy, "es"))
    assert str(caught.value).startswith(
        "content/es/summary/lupus.yaml:3:1: missing 'translation:' (source, source_sha256, "
        "translator, translated_on, reviewer, reviewed_on); every translated file records "
        "who made and checked it"
    )


def test_html_sheet_is_spanish_with_its_translation_note() -> None:
    from handouts.editions import SUMMARY
    from handouts.pipeline.build import render_html

    page = render_html(load_project(language="es"), "hiv", SUMMARY)
    assert '<html lang="es">' in page
    assert "<h1>VIH y la LDN</h1>" in page
    assert "Revisión clínica de la traducción: pendiente" in page
    assert "Dosis, a la hora de acostarse" in page
