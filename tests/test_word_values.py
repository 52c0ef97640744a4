"""A translated word must use the {name} values of its English word (validate/word_values):
the edition's words, the plan's words and the booklet's words, whose English is in code.
The layout's words (ui.yaml) have their cases in tests/hardening/corpus."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from handouts import paths
from handouts.errors import ContentError
from handouts.load.content import load_content_docs
from handouts.validate.content import validate_content
from handouts.validate.edition import load_edition_content
from handouts.validate.plan_words import load_plan_words


@pytest.fixture
def content(tmp_path: Path) -> Path:
    root = tmp_path / "content"
    shutil.copytree(paths.builtin_content_dir(), root)
    return root


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def messages(exc: pytest.ExceptionInfo[ContentError]) -> list[str]:
    return [f"{p.path}:{p.line}:{p.column}: {p.field}: {p.message}" for p in exc.value.problems]


def test_summary_word_with_another_value(content: Path) -> None:
    edit(content / "es/summary.yaml", '"Dosis, {timing}"', '"Dosis, {cuando}"')
    spanish = validate_content(load_content_docs(content, "es"))
    with pytest.raises(ContentError) as exc:
        load_edition_content(content, "summary", spanish)
    assert sorted(messages(exc)) == [
        "content/es/summary.yaml:26:18: words.schedule_dose: leaves out {timing}, so its "
        "value would not print; the English word uses {timing}",
        "content/es/summary.yaml:26:18: words.schedule_dose: unknown value {cuando}; the "
        "English word uses {timing}",
    ]


def test_plan_word_and_list_item(content: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    edit(content / "es/plan.yaml", "una cápsula de {dose} {timing}", "una cápsula de {timing}")
    edit(content / "es/plan.yaml", '"**Llame {clinic_contact}**', '"**Llame {clinica}**')
    monkeypatch.setattr(paths, "builtin_content_dir", lambda: content)
    load_plan_words.cache_clear()
    try:
        with pytest.raises(ContentError) as exc:
            load_plan_words("es")
    finally:
        load_plan_words.cache_clear()
    assert sorted(messages(exc)) == [
        "content/es/plan.yaml:28:10: capsule: leaves out {dose}, so its value would not "
        "print; the English word uses {dose}, {timing}",
        "content/es/plan.yaml:39:5: call[2]: unknown value {clinica}; the English word uses "
        "{emergency_number}, {clinic_contact}",
    ]


def test_booklet_word_held_to_its_english_default(content: Path) -> None:
    # English ui.yaml has no booklet_page_number: its English is "Booklet page {number}".
    edit(content / "es/ui.yaml", '"Página {number} del folleto"', '"Página {numero} del folleto"')
    with pytest.raises(ContentError) as exc:
        validate_content(load_content_docs(content, "es"))
    assert sorted(messages(exc)) == [
        "content/es/ui.yaml:78:22: booklet_page_number: leaves out {number}, so its value "
        "would not print; the English word uses {number}",
        "content/es/ui.yaml:78:22: booklet_page_number: unknown value {numero}; the English "
        "word uses {number}",
    ]


def test_english_summary_word_with_unknown_value(content: Path) -> None:
    edit(content / "en/summary.yaml", "key_facts: Key facts", "key_facts: Key {foo}")
    english = validate_content(load_content_docs(content, "en"))
    with pytest.raises(ContentError) as exc:
        load_edition_content(content, "summary", english)
    (message,) = messages(exc)
    assert message.startswith(
        "content/en/summary.yaml:8:14: words.key_facts: unknown value {foo}; use one of: "
        "prescriber, practice_name,"
    )
    assert message.endswith(", condition, filled, steps, research_label, found_label, "
                            "research, found, last_step, n, start, end, page, number, "
                            "translator, review, date, dose, ml, strength, target")  # fmt: skip


@pytest.mark.parametrize("language", ["en", "es"])
def test_builtin_words_pass(language: str) -> None:
    root = paths.builtin_content_dir()
    content = validate_content(load_content_docs(root, language))
    load_edition_content(root, "summary", content)
    load_plan_words(language)
