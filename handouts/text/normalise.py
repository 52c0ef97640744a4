"""Text as a reader sees it, for the claim checks: invisible characters out, look-alikes folded.

A practice can hide a forbidden word from a pattern without changing what prints: a soft
hyphen or a zero-width space inside "cu\u00adres", or a Cyrillic "с" for the Latin "c".
``normalise`` undoes all three before any pattern runs; ``invisible_characters`` finds the
characters a practice may not print at all (they print as an empty box, or as nothing).
Look-alikes come from Unicode's confusables data (UTS #39, the confusable-homoglyphs
package), limited to letters and digits that stand for one plain Latin letter or digit.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

# Not format characters (category Cf) but just as invisible: the combining grapheme
# joiner, Mongolian and standard variation selectors, Hangul fillers, Khmer inherent vowels.
_INVISIBLE_EXTRA = frozenset(
    "\u034f\u115f\u1160\u17b4\u17b5\u180b\u180c\u180d\u180f\u3164\uffa0"
    + "".join(chr(c) for c in range(0xFE00, 0xFE10))
)


def is_invisible(char: str) -> bool:
    """True for a character that prints as nothing (or an empty box) but can split a word:
    soft hyphen, zero-width spaces and joiners, direction marks, BOM, variation selectors."""
    return (
        unicodedata.category(char) == "Cf"
        or char in _INVISIBLE_EXTRA
        or (0xE0100 <= ord(char) <= 0xE01EF)
    )


def invisible_characters(text: str) -> list[tuple[int, str]]:
    """(index, character) of each invisible character of ``text``, in order."""
    if text.isascii():
        return []
    return [(i, ch) for i, ch in enumerate(text) if is_invisible(ch)]


@lru_cache(maxsize=1)
def _fold_table() -> dict[int, str]:
    """Look-alike letter -> the Latin letter or digit it imitates ('с' -> 'c')."""
    from confusable_homoglyphs import utils

    table: dict[int, str] = {}
    for char, homoglyphs in utils.load("confusables.json").items():
        # Accented letters (é, ñ) are words of their own in Spanish: never folded.
        if len(char) != 1 or char.isascii() or unicodedata.normalize("NFD", char) != char:
            continue
        for glyph in homoglyphs:
            latin = glyph["c"]
            if len(latin) == 1 and latin.isascii() and latin.isalnum():
                table[ord(char)] = latin
                break
    return table


def fold_accents(text: str) -> str:
    """``text`` with accents and other combining marks taken off ("cúres", "cürës" ->
    "cures"), for the English patterns only: in English an accent on "cures" is a
    disguise, while in Spanish "curó" and "cura" are different words, so the Spanish
    patterns see the text with its accents."""
    if text.isascii():
        return text
    bare = "".join(ch for ch in unicodedata.normalize("NFD", text) if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", bare)


def normalise(text: str) -> str:
    """``text`` for pattern matching: invisible characters dropped, compatibility forms
    (full-width letters, ligatures, no-break spaces) made plain (NFKC), look-alike
    letters folded to Latin. The result is for matching only, never printed."""
    if text.isascii():
        return text
    kept = "".join(ch for ch in text if not is_invisible(ch))
    return unicodedata.normalize("NFKC", kept).translate(_fold_table())
