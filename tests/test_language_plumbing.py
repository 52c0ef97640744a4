"""Language plumbing: Babel dates and numbers, the practice's own text per language, and
Spanish reading ease. Expected values are written out by hand."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from handouts.errors import ContentError
from handouts.pipeline.build import load_practice
from handouts.text import lang, readability_es


def test_dates_and_numbers() -> None:
    day = dt.date(2026, 12, 7)
    assert lang.format_date(day, "es") == "7 de diciembre de 2026"
    assert lang.format_date(day, "en") == "7 December 2026"
    assert lang.format_dose(1.5, "es") == "1,5 mg"
    assert lang.format_dose(1.5, "en") == "1.5 mg"
    assert lang.format_dose(3.0, "es") == "3 mg"
    assert lang.format_dose(0.25, "en") == "0.25 mg"


def write_practice(folder: Path, body: str) -> Path:
    folder.mkdir()
    (folder / "practice.yaml").write_text(body, encoding="utf-8")
    return folder


def test_practice_text_per_language(tmp_path: Path) -> None:
    folder = write_practice(
        tmp_path / "p",
        "name: Clínica Sol\nlanguage: es\nprescriber: {en: your GP, es: su médico de familia}\n"
        "protocol:\n  timing: bedtime\n",
    )
    practice = load_practice(folder)
    assert (practice.language, practice.prescriber) == ("es", "su médico de familia")
    english = load_practice(folder, "en")
    assert (english.language, english.prescriber) == ("en", "your GP")


def test_missing_translation_is_an_error_never_english(tmp_path: Path) -> None:
    folder = write_practice(
        tmp_path / "p",
        "name: Riverside\nprescriber: your Riverside prescriber\nextra_sections:\n"
        "  - title: {en: Our clinic}\n    text: We open at 8.\n    after: how-to-take\n",
    )
    with pytest.raises(ContentError) as error:
        load_practice(folder, "es")
    lines = [f"{p.line}:{p.field}" for p in error.value.problems]
    assert lines == ["2:prescriber", "4:extra_sections[0].title", "5:extra_sections[0].text"]
    assert "no Spanish (es) text (it is given in English)" in error.value.problems[0].message


def test_spanish_syllables_and_scores_by_hand() -> None:
    for word, count in [("ayuda", 3), ("día", 2), ("médico", 3), ("agua", 2), ("LDN", 3)]:
        assert readability_es.syllables(word) == count, word
    # "La LDN no cura la EM. Hable con su médico." 9 words, 2 sentences;
    # syllables 1+3+1+2+1+2 + 2+1+1+3 = 17 (LDN and EM one per letter).
    s = readability_es.scores("La LDN no cura la EM. Hable con su médico.")
    assert (s.words, s.sentences, s.syllables) == (10, 2, 17)
    assert s.fernandez_huerta == pytest.approx(206.84 - 60 * 1.7 - 1.02 * 5)
    assert s.inflesz == pytest.approx(206.835 - 62.3 * 1.7 - 5)
