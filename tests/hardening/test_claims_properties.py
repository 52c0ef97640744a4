"""Property tests for the claim normaliser and matcher (text.normalise, text.claims).

Oracles: a forbidden sentence stays forbidden whatever invisible characters are put
inside its words and whichever letters are swapped for Cyrillic or Greek look-alikes
(the table below is written by hand from the Unicode charts, not taken from the code);
an honest sentence stays honest; nothing raises on any text.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from tests_claims_data import ALL_PHRASES

from handouts.model import ForbiddenPhrase
from handouts.text.normalise import invisible_characters, normalise
from handouts.text.sections import forbidden_claims

INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff\u180e\u2061\u034f\ufe0f"
# Latin letter -> a look-alike from another script (Cyrillic, Greek), by hand.
LOOKALIKES = {
    "a": "\u0430", "c": "\u0441", "e": "\u0435", "o": "\u043e", "p": "\u0440",
    "x": "\u0445", "y": "\u0443", "i": "\u0456", "s": "\u0455", "j": "\u0458",
    "O": "\u039f", "A": "\u0391", "B": "\u0392", "E": "\u0395", "H": "\u0397",
    "K": "\u039a", "M": "\u039c", "N": "\u039d", "T": "\u03a4", "X": "\u03a7",
}  # fmt: skip
CLAIMS = [
    "LDN cures multiple sclerosis.",
    "LDN reverses MS.",
    "LDN is completely safe.",
    "You can stop your MS medicines once LDN works.",
    "LDN can be taken with opioids.",
    "90% of our patients feel better.",
    "Results are guaranteed.",
]
HONEST = [
    "LDN does not cure MS.",
    "LDN may not work for everyone.",
    "Do not take LDN with opioids.",
]


@st.composite
def disguised(draw: st.DrawFn, sentence: str) -> str:
    out = []
    for char in sentence:
        if char in LOOKALIKES and draw(st.booleans()):
            char = LOOKALIKES[char]
        out.append(char)
        if char.isalpha() and draw(st.integers(0, 4)) == 0:
            out.append(draw(st.sampled_from(INVISIBLE)))
    return "".join(out)


@settings(max_examples=150)
@given(st.sampled_from(CLAIMS).flatmap(disguised))
def test_a_disguised_claim_is_still_caught(sentence: str) -> None:
    assert forbidden_claims(sentence, ALL_PHRASES), sentence


@settings(max_examples=100)
@given(st.sampled_from(HONEST).flatmap(disguised))
def test_a_disguised_honest_sentence_stays_honest(sentence: str) -> None:
    assert forbidden_claims(sentence, ALL_PHRASES) == []


@settings(max_examples=200)
@given(st.text(max_size=200))
def test_normalise_is_idempotent_and_leaves_nothing_invisible(text: str) -> None:
    once = normalise(text)
    assert normalise(once) == once
    assert invisible_characters(once) == []


@settings(max_examples=100)
@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=200))
def test_plain_ascii_is_unchanged(text: str) -> None:
    assert normalise(text) == text


@settings(max_examples=200)
@given(st.text(max_size=300))
def test_the_matcher_never_raises(text: str) -> None:
    for phrase, words in forbidden_claims(text, ALL_PHRASES):
        assert isinstance(phrase, ForbiddenPhrase) and words


@settings(max_examples=100)
@given(st.text(alphabet=INVISIBLE, min_size=1, max_size=5), st.integers(0, 20))
def test_every_invisible_character_is_found(chars: str, at: int) -> None:
    text = "Riverside Family Medicine"
    at = min(at, len(text))
    found = invisible_characters(text[:at] + chars + text[at:])
    assert [i for i, _ in found] == list(range(at, at + len(chars)))
