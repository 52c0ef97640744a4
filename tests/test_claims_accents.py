"""Accented look-alikes ("cúres", "cürës", "revérses") cannot hide an English claim, while
Spanish text keeps its accents: the English patterns match the text with accents taken
off, the Spanish patterns match it as written. The patterns are the built-in ones, as
``validate_content`` loads them (English from content/forbidden.yaml, Spanish from
content/es/forbidden.yaml); every sentence below is typed by hand."""

from __future__ import annotations

import pytest

from handouts import paths
from handouts.load.content import load_content_docs
from handouts.text.claims import ClaimPattern
from handouts.text.normalise import fold_accents
from handouts.text.sections import forbidden_claims
from handouts.validate.content import validate_content

ENGLISH = validate_content(load_content_docs(paths.builtin_content_dir())).forbidden
SPANISH = validate_content(load_content_docs(paths.builtin_content_dir(), "es")).forbidden


@pytest.mark.parametrize(
    ("sentence", "words"),
    [
        ("LDN c\u00fares multiple sclerosis.", "cures"),  # ú
        ("LDN c\u00fcr\u00ebs multiple sclerosis.", "cures"),  # ü, ë
        ("LDN rev\u00e9rses MS.", "reverses"),  # é
        ("LDN cu\u0301res MS.", "cures"),  # u + combining acute
        ("LDN c\u0327\u0303ures MS.", "cures"),  # two combining marks on one letter
        ("LDN is c\u00f6mpletely s\u00e0fe.", "completely safe"),
        ("You can st\u00f3p your MS medicines once LDN works.", "stop your MS medicines"),
    ],
)
def test_accented_english_claims_are_caught(sentence: str, words: str) -> None:
    found = [w for _, w in forbidden_claims(sentence, ENGLISH)]
    assert found and found[0].lower() == words.lower(), found


@pytest.mark.parametrize(
    "sentence",
    [
        "LDN does not c\u00fare MS.",
        "No study shows that LDN rev\u00e9rses MS.",
        "Caf\u00e9 staff can help you find the pharmacy.",
        "Na\u00efve questions are welcome: ask your prescriber.",
    ],
)
def test_honest_accented_english_passes(sentence: str) -> None:
    assert forbidden_claims(sentence, ENGLISH) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "La LDN cur\u00f3 a mi paciente.",
        "La LDN cura la esclerosis m\u00faltiple.",
        "Muchos pacientes hablan de su curaci\u00f3n.",
    ],
)
def test_spanish_claims_are_still_caught(sentence: str) -> None:
    assert forbidden_claims(sentence, SPANISH)


@pytest.mark.parametrize(
    "sentence",
    [
        "La LDN no cura la EM.",
        "No hay una cura para la EM.",
        "Hable con su m\u00e9dico antes de dejar cualquier medicamento.",
        "La LDN no es un opioide. Est\u00e1 en pocas farmacias.",
    ],
)
def test_honest_spanish_passes_every_pattern(sentence: str) -> None:
    assert forbidden_claims(sentence, SPANISH) == []


def test_spanish_patterns_see_the_accents() -> None:
    """Only the English patterns fold: a Spanish pattern is matched on the accented text,
    so a pattern written with "curó" finds "curó" and not "curo"."""
    assert [p.fold_accents for p in SPANISH].count(True) == len(ENGLISH)  # type: ignore[attr-defined]
    assert all(p.fold_accents for p in ENGLISH)  # type: ignore[attr-defined]
    spanish = (ClaimPattern("\\bcur\u00f3\\b", "r"),)
    assert forbidden_claims("La LDN cur\u00f3 a mi paciente.", spanish)
    assert forbidden_claims("Yo curo con paciencia.", spanish) == []
    english = (ClaimPattern("\\bcures\\b", "r", fold_accents=True),)
    assert forbidden_claims("LDN c\u00fcr\u00ebs MS.", english)


def test_fold_accents() -> None:
    assert fold_accents("c\u00fcr\u00ebs") == "cures"
    assert fold_accents("rev\u00e9rses") == "reverses"
    assert fold_accents("plain") == "plain"
