"""The forbidden-claim patterns, English and Spanish, through the one matcher.

Each pattern finds the sentences listed under its ``catches`` and lets through the
honest ones under ``allows`` (the oracle is the list itself, written by hand from
ldn-facts.md); an honest sentence passes every pattern, not only its own. The reasons
are printed to clinics, so they name no internal document or item number.
"""

from __future__ import annotations

import re

import pytest
import yaml

from handouts import paths
from handouts.model import ForbiddenPhrase
from handouts.text.claims import ClaimPattern
from handouts.text.sections import forbidden_claims

ROOT = paths.builtin_content_dir()
FILES = {"en": ROOT / "forbidden.yaml", "es": ROOT / "es" / "forbidden.yaml"}
ENTRIES = {lang: yaml.safe_load(path.read_text(encoding="utf-8")) for lang, path in FILES.items()}


def phrase(entry: dict[str, object], lang: str = "en") -> ForbiddenPhrase:
    return ClaimPattern(
        str(entry["pattern"]), str(entry["reason"]), bool(entry.get("negatable")), lang == "en"
    )


ALL = tuple(phrase(e, lang) for lang, entries in ENTRIES.items() for e in entries)
EXAMPLES = [
    (lang, i, sentence, kind == "catches")
    for lang, entries in ENTRIES.items()
    for i, entry in enumerate(entries)
    for kind in ("catches", "allows")
    for sentence in entry.get(kind, ())
]
KINDS = {"cure", "safe", "promise", "stop-treatment", "opioids"}


@pytest.mark.parametrize(("lang", "index", "sentence", "caught"), EXAMPLES)
def test_pattern_on_its_examples(lang: str, index: int, sentence: str, caught: bool) -> None:
    own = phrase(ENTRIES[lang][index], lang)
    assert bool(forbidden_claims(sentence, (own,))) is caught


@pytest.mark.parametrize("sentence", sorted({s for *_, s, caught in EXAMPLES if not caught}))
def test_honest_sentences_pass_every_pattern(sentence: str) -> None:
    assert forbidden_claims(sentence, ALL) == []


def test_every_kind_of_claim_has_patterns_with_both_kinds_of_example() -> None:
    kinds = {e.get("kind") for e in ENTRIES["en"]}
    assert KINDS <= kinds
    for entries in ENTRIES.values():
        for entry in entries:
            if entry.get("kind") or "catches" in entry:
                assert entry["catches"] and entry["allows"], entry["pattern"]


@pytest.mark.parametrize("entry", [e for es in ENTRIES.values() for e in es], ids=repr)
def test_reasons_name_no_internal_document(entry: dict[str, str]) -> None:
    internal = r"\b1K\b|\b[A-J]\d{1,2}\b|\bitem\s+\d|ldn-facts|design\.md|\bseeds?\b|\(\d\.\d\)"
    assert not re.search(internal, entry["reason"]), entry["reason"]


@pytest.mark.parametrize(
    "sentence",
    [
        "LDN c\u00adures multiple sclerosis.",  # soft hyphen
        "LDN cu\u200bres multiple sclerosis.",  # zero-width space
        "LDN cu\u2060r\u200des MS.",  # word joiner, zero-width joiner
        "LDN \u0441ures MS.",  # Cyrillic es
        "LDN r\u0435v\u0435rs\u0435s MS.",  # Cyrillic ie
        "LDN is \u03bf\u043empletely safe.".replace("\u03bf\u043e", "c\u043e"),  # Cyrillic o
        "\uff2c\uff24\uff2e \uff43\uff55\uff52\uff45\uff53 MS.",  # full-width letters
        "LDN is completely\u00a0safe.",  # no-break space
        "You can st\u043ep your MS medicines once LDN works.",
        "LDN can be taken with \u043epioids.",
        "Ask us how LDN can halt your illness.",
    ],
)
def test_hidden_claims_are_found(sentence: str) -> None:
    assert forbidden_claims(sentence, ALL)


def test_curly_apostrophe_negation() -> None:
    assert forbidden_claims("LDN doesn\u2019t cure MS.", ALL) == []
    assert forbidden_claims("LDN cures MS.", ALL)
