"""The personal plan's words (``content/<lang>/plan.yaml``): read and checked once, every
problem reported at once as file:line."""

from __future__ import annotations

from functools import lru_cache

from handouts import paths
from handouts.errors import ContentError, Problem
from handouts.model import PlanWords
from handouts.text.translation_block import FIELD as TRANSLATION
from handouts.text.yamlfile import load_yaml_file
from handouts.validate.schema import FieldReader
from handouts.validate.translation import validate_translation
from handouts.validate.word_values import check_english_words, check_translated_words

PLAN_WORDS = "plan.yaml"
MAX_DIARY_SYMPTOMS = 3  # the condition's own; the common side effects come after


@lru_cache(maxsize=4)
def load_plan_words(language: str) -> PlanWords:
    """Read and check the plan's words; every problem at once, as file:line."""
    path = paths.builtin_content_dir() / language / PLAN_WORDS
    if not path.is_file():
        raise ContentError(
            [Problem(str(path), 0, 0, "", f"the personal plan has no words in '{language}' "
                     "yet; use --language en, or add this file")]
        )  # fmt: skip
    doc = load_yaml_file(path, f"content/{language}/{PLAN_WORDS}")
    problems: list[Problem] = []
    translation = None
    if language != "en":  # a translation says who made it and who checked it
        doc, record = doc.split(TRANSLATION)
        if record.data:
            translation = validate_translation(record, problems)
        else:
            problems.append(doc.problem((), f"missing '{TRANSLATION}:'; every translated "
                                        "file records who made and checked it"))  # fmt: skip
    r = FieldReader(doc, problems)
    raw = r.raw(())
    if language != "en" and isinstance(raw, dict):
        english = load_yaml_file(path.parent.parent / "en" / PLAN_WORDS, f"content/en/{PLAN_WORDS}")
        if isinstance(english.data, dict):
            check_translated_words(doc, raw, english.data, problems)
    elif isinstance(raw, dict):
        check_english_words(doc, raw, problems)
    data = r.mapping((), optional=tuple(raw) if isinstance(raw, dict) else ())
    lists = ("card_steps", "call", "common_symptoms", "condition_symptoms")
    ui = {k: r.text((k,)) for k in data if k not in lists}
    card_steps = r.texts(("card_steps",), required=True)
    call = r.texts(("call",), required=True)
    common = r.texts(("common_symptoms",), required=True)
    given = r.raw(("condition_symptoms",))
    per_condition = r.mapping(
        ("condition_symptoms",), optional=tuple(given) if isinstance(given, dict) else ()
    )
    symptoms = {
        slug: r.texts(("condition_symptoms", slug))[:MAX_DIARY_SYMPTOMS] for slug in per_condition
    }
    if problems:
        raise ContentError(problems)
    return PlanWords(ui, card_steps, call, common, symptoms, (path,), translation)
