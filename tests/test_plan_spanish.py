"""The personal plan in Spanish: the same keys as the English words, Spanish dates (Babel),
and the card's words; the pages read page by page."""

from __future__ import annotations

import datetime as dt
import io

import pypdf
import yaml
from helpers import squash

from handouts import paths
from handouts.pipeline import build_plan, load_project, prepare_plan

CONTENT = paths.builtin_content_dir()


def test_spanish_plan_words_have_every_english_key() -> None:
    english = yaml.safe_load((CONTENT / "en" / "plan.yaml").read_text(encoding="utf-8"))
    spanish = yaml.safe_load((CONTENT / "es" / "plan.yaml").read_text(encoding="utf-8"))
    assert set(spanish) - {"translation"} == set(english)
    assert set(spanish["condition_symptoms"]) == set(english["condition_symptoms"])
    assert len(spanish["card_steps"]) == len(english["card_steps"])
    assert spanish["translation"]["reviewer"] == "pending"


def test_spanish_plan_pages() -> None:
    project = load_project(language="es")
    plan, _ = prepare_plan(project, dt.date(2026, 12, 1), name="Ana Ejemplo",
                           start="2027-01-04")  # fmt: skip
    built = build_plan(project, "multiple-sclerosis", plan)
    reader = pypdf.PdfReader(io.BytesIO(built.pdf))
    text = [squash(page.extract_text()) for page in reader.pages]
    assert reader.metadata is not None and reader.metadata.title == "Su plan de LDN"
    # Built-in protocol: 1.5 mg, then 3 mg, then 4.5 mg, two weeks each: 4 Jan, 18 Jan,
    # 1 Feb 2027; the review 12 weeks after the target starts: 1 Feb + 84 days = 26 Apr.
    first = text[0]
    assert "Para: Ana Ejemplo" in first and "Fecha de inicio: 4 ene 2027" in first
    # Doses with a decimal comma, as the Spanish handout writes them ("1,5 mg").
    assert "4 ene 2027 17 ene 2027 1,5 mg una cápsula de 1,5 mg a la hora de acostarse" in first
    assert "1 feb 2027 hasta su cita 4,5 mg" in first
    assert "Veremos cómo le va el 26 de abril de 2027." in first
    diary = text[1]
    assert "Su diario de síntomas" in diary and "Semana 1 4 ene 2 11 ene" in diary
    assert "12 22 mar Cansancio Rigidez Dolor Dormir mal" in diary
    assert "Tomo naltrexona en dosis bajas (LDN), que bloquea los opioides." in text[-1]
    assert "Página 7 de 7" in text[-1]
