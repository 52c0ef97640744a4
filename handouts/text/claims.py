"""Finding a claim by meaning: one pattern search on normalised text, negation-aware.

Every forbidden-claim check (built-in content, a practice's own words, the rendered
handout, ``check``) goes through ``first_claim``. The text is normalised first (see
normalise.py), so invisible characters and look-alike letters cannot hide a word. A
pattern marked ``negatable`` lets a match through when the words just before it, in the
same clause, deny it: "LDN does not cure MS", "No study shows that LDN reverses MS".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from handouts.model import ForbiddenPhrase
from handouts.text.normalise import fold_accents, normalise


@dataclass(frozen=True)
class ClaimPattern(ForbiddenPhrase):
    """A forbidden phrase whose match in a clause that denies it ("LDN does not cure MS")
    is honest, not a claim. ``fold_accents`` marks an English pattern: it is matched on
    the text with accents taken off, so "cúres" cannot hide "cures"."""

    negatable: bool = False
    fold_accents: bool = False


# Words that deny or hold back what follows them in a clause. "before" covers
# "ask your prescriber before you stop any medicine"; "without" covers "without asking".
NEGATIONS = frozenset(
    "not no never cannot can't don't doesn't didn't won't wouldn't isn't aren't wasn't "
    "weren't hasn't haven't shouldn't nor neither nothing none nobody without before "
    "unless until".split()
)
# A clause ends at these; a negation across "and"/"but" no longer holds ("LDN is not
# costly and cures MS" is a claim), across "or" it does ("never delay or stop"). "The
# way", "the fact that", "now that" and "given that" take for granted what follows them:
# "Nothing works the way LDN cures MS" says that LDN cures MS.
_CLAUSE_END = re.compile(
    r"[.,;:!?()\u2014\u2013]|\s-\s|\b(?:and|but|so|yet|because|while)\b"
    r"|\bthe\s+way\b|\b(?:the\s+fact|now|given)\s+that\b"
)
# A negation that these follow at once says the opposite: "nothing else cures MS" and
# "no other medicine reverses MS" say that LDN does; "no one can deny that LDN cures MS"
# says that it does. (Only right after the negation: "do not take any other opioids"
# still denies.)
_TURNED = frozenset(
    "else other doubt doubts doubted deny denies denied dispute disputes disputed "
    "question questions questioned refute refutes refuted".split()
)
_BETWEEN = frozenset("one can could would will may".split())  # "no one else", "cannot deny"
_WORD = re.compile(r"[\w']+")
# How many words back a negation may stand: "no study has shown that LDN" is six.
NEGATION_WINDOW = 6


def is_negated(text: str, start: int) -> bool:
    """True when a negation stands within NEGATION_WINDOW words before ``start``, in the
    same clause."""
    before = text[max(0, start - 200) : start]
    ends = list(_CLAUSE_END.finditer(before))
    clause = before[ends[-1].end() :] if ends else before
    words = [w.lower().replace("\u2019", "'") for w in _WORD.findall(clause)]
    recent = words[-NEGATION_WINDOW:]
    negated = False
    for index, word in enumerate(recent):
        if word in NEGATIONS:
            after = [w for w in recent[index + 1 : index + 4] if w not in _BETWEEN]
            negated = not (after and after[0] in _TURNED)
    return negated


def first_claim(pattern: re.Pattern[str], negatable: bool, text: str) -> str | None:
    """The words of the first match of ``pattern`` in ``text`` (already normalised) that
    is a claim, or None."""
    for match in pattern.finditer(text):
        if not (negatable and is_negated(text, match.start())):
            return match.group(0)
    return None


def claim_text(text: str) -> str:
    """``text`` as the patterns see it (normalised; curly apostrophes made straight)."""
    return normalise(text).replace("\u2019", "'")


def english_claim_text(plain: str) -> str:
    """``plain`` (from ``claim_text``) as the English patterns see it: accents off."""
    return fold_accents(plain)
