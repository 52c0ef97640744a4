"""Spanish forbidden-claim patterns: each finds the sentences it lists under ``catches``
and lets through the honest ones under ``allows`` (the oracle is the list itself, written
by hand from ldn-facts.md). The English patterns apply to Spanish text too."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from handouts import paths
from handouts.text.sections import SectionText, find_forbidden

ROOT = paths.builtin_content_dir()
ENTRIES = yaml.safe_load((ROOT / "es" / "forbidden.yaml").read_text(encoding="utf-8"))
ENGLISH = yaml.safe_load((ROOT / "forbidden.yaml").read_text(encoding="utf-8"))
ALL = [re.compile(e["pattern"], re.IGNORECASE) for e in ENTRIES + ENGLISH]
CASES = [(i, s, True) for i, e in enumerate(ENTRIES) for s in e["catches"]] + [
    (i, s, False) for i, e in enumerate(ENTRIES) for s in e["allows"]
]


def test_every_pattern_has_both_kinds_of_example() -> None:
    for entry in ENTRIES:
        assert entry["catches"] and entry["allows"], entry["pattern"]


@pytest.mark.parametrize(("index", "sentence", "caught"), CASES)
def test_pattern_on_its_examples(index: int, sentence: str, caught: bool) -> None:
    pattern = re.compile(ENTRIES[index]["pattern"], re.IGNORECASE)
    assert bool(pattern.search(sentence)) is caught


@pytest.mark.parametrize(
    "sentence", [s for e in ENTRIES for s in e["allows"]] + ["La LDN no cura la EM."]
)
def test_honest_sentences_pass_every_pattern(sentence: str) -> None:
    """An honest sentence passes all patterns, English ones included, not only its own."""
    assert not [p.pattern for p in ALL if p.search(sentence)]


def test_the_build_refuses_a_spanish_overclaim() -> None:
    """The Spanish patterns are part of the content set the build checks with."""
    from handouts.pipeline.build import load_content

    content = load_content(ROOT, "es")
    hits = find_forbidden(
        [SectionText("x", "T", ("La LDN cura la EM y es completamente segura.",))],
        content.forbidden,
    )
    assert [h.phrase.lower() for h in hits] == ["cura la", "completamente segura"]


def test_spanish_file_is_not_loaded_for_english() -> None:
    from handouts.pipeline.build import load_content

    english = load_content(ROOT, "en")
    assert len(english.forbidden) == len(ENGLISH)
    assert Path(ROOT / "es" / "forbidden.yaml").is_file()
