"""Reading ease of Spanish text: Fernández-Huerta and Szigriszt-Pazos (the INFLESZ scale).

Both formulas are textstat's (``textstat.fernandez_huerta`` and ``szigriszt_pazos``), with
textstat's constants; they differ from textstat's own figures only in the syllables.
textstat counts Spanish syllables with pyphen's hyphenation dictionary, and hyphenation
is not syllabification: it never splits off a first or last letter and never breaks a
hiatus, so "ayuda" (a-yu-da) counts 2, "día" (dí-a) 1 and "opioides" 2. On our sections
that made every score 6 to 10 points too easy. ``silabeador`` syllabifies by the rules of
Spanish phonology (offline, no data files), so the syllables here are real ones.

- Fernández-Huerta (1959, as corrected): 206.84 - 60 x syllables per word - 1.02 x words
  per sentence. 70 or more is "fairly easy" (about US grade 6); the target here.
- Szigriszt-Pazos (1993): 206.835 - 62.3 x syllables per word - words per sentence. On the
  INFLESZ scale (Barrio-Cantalejo 2008) 55 to 65 is "normal"; 55 is the target here.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from functools import cache

FH_TARGET = 70.0
INFLESZ_TARGET = 55.0
_SENTENCE_END = re.compile(r"[.!?]+(?=\s|$)")
# Letters (with accents and ñ) and digits; "4,5" and "1984" are one word each.
_WORD = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+(?:['’-][^\W\d_]+)*")
_VOWELS = re.compile(r"[aeiouáéíóúüy]", re.IGNORECASE)


@cache
def syllables(word: str) -> int:
    """Syllables in one Spanish word (a number counts as 2: "4,5", "10" read as words)."""
    if word[:1].isdigit():
        return 2
    if not _VOWELS.search(word) or (word.isupper() and len(word) <= 5):
        return len(word)  # initialisms such as LDN, EM, FDA, VIH: one per letter
    import warnings

    import silabeador

    try:
        # silabeador 1.2 reads its exception list with importlib.resources.read_text,
        # deprecated since Python 3.11: harmless, and not ours to fix here.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            return max(1, len(silabeador.syllabify(word.lower())))
    except (ValueError, IndexError, KeyError, TypeError):  # cannot split it: vowel groups
        return max(1, len(re.findall(r"[aeiouáéíóúüy]+", word.lower())))


@dataclass(frozen=True)
class SpanishScores:
    """The two reading-ease scores of a text, and what they were computed from."""

    fernandez_huerta: float
    inflesz: float
    words: int
    sentences: int
    syllables: int

    @property
    def passes(self) -> bool:
        """Both scores at or above the project's targets."""
        return self.fernandez_huerta >= FH_TARGET and self.inflesz >= INFLESZ_TARGET


def words(text: str) -> list[str]:
    """The words of ``text``, as the formulas count them."""
    return _WORD.findall(text)


def sentences(text: str) -> list[str]:
    """Sentences: text between full stops, question and exclamation marks, as textstat
    splits them (a list item gets a full stop: see texts.SectionText.joined)."""
    return [s for s in _SENTENCE_END.split(text) if words(s)]


def scores(text: str) -> SpanishScores:
    """Fernández-Huerta and Szigriszt-Pazos of ``text`` (0 and 0 for text with no words)."""
    found = words(text)
    count = len(found)
    if not count:
        return SpanishScores(0.0, 0.0, 0, 0, 0)
    sentence_count = max(1, len(sentences(text)))
    syllable_count = sum(syllables(w) for w in found)
    per_word = syllable_count / count
    per_sentence = count / sentence_count
    return SpanishScores(
        fernandez_huerta=206.84 - 60 * per_word - 1.02 * per_sentence,
        inflesz=206.835 - 62.3 * per_word - per_sentence,
        words=count,
        sentences=sentence_count,
        syllables=syllable_count,
    )


def longest_sentences(text: str, count: int = 3) -> tuple[str, ...]:
    """The longest sentences, by words: what to shorten first."""
    found = sorted((s.strip() for s in sentences(text)), key=lambda s: -len(words(s)))
    return tuple(found[:count])


def hardest_words(text: str, count: int = 6, exempt: Collection[str] = ()) -> tuple[str, ...]:
    """The words with the most syllables (leaving out ``exempt`` ones such as drug names)."""
    skip = {w.lower() for w in exempt}
    unique = {w.lower() for w in words(text) if not w[:1].isdigit()} - skip
    return tuple(sorted(unique, key=lambda w: (-syllables(w), w))[:count])
