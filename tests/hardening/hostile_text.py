"""Hypothesis strategies of hostile text for the property tests (test_hardening_*.py):
fragments chosen to break XML, RML, markup and fonts, and the example-count scale."""

from __future__ import annotations

import os
from typing import Any

from hypothesis import strategies as st

from handouts.pdf import fonts
from handouts.text import markup


def examples(count: int) -> int:
    """``count``, times HANDOUTS_EXAMPLES_SCALE for a longer local soak (default 1)."""
    return count * int(os.environ.get("HANDOUTS_EXAMPLES_SCALE", "1"))


# Fragments chosen to break things: XML and RML specials, markup look-alikes, scripts the
# font lacks (right-to-left, CJK, emoji), combining, zero-width and control characters,
# the page-total marker, a lone surrogate, very long words and URLs, and nothing at all.
HOSTILE = [
    "<", ">", "&", '"', "'", "]]>", "<para>", "</para>", "<b>", "&amp;", "&#65;", "&nbsp;",
    "&e;", "<!--", "<![CDATA[x]]>", '<plugInFlowable module="os"/>', "**", "*", "_", "[",
    "](", "[@", "{", "}", "{phone}", "{prescriber}", "{nope}", "{condition}",
    "[see this](https://example.org/a?b=1&c=<2>)", "**bold *and* italic**",
    "\u200b", "\u200d", "\ufeff", "\u00ad", "\u00a0", "\u0301", "e\u0301", "\u202e",
    "שלום", "مرحبا", "中文", "😀", "👩‍⚕️", "ß", "İ", "’", "—", "…", "≥",
    "\x00", "\x07", "\x0b", "\x1b", "\x7f", "\x85", "\ue000", "\ud800", "\t", "\n", "\r\n",
    "x" * 400, "https://example.org/" + "a" * 600, "", " ",
]  # fmt: skip
ANY_TEXT = st.text(max_size=30)  # any Unicode but surrogates
WORDS = st.lists(st.sampled_from(["LDN", "dose", "sleep", "pain", "the", "a", "Ça", "naïve"]))
# Characters the body font can draw, plus the ones cleaning removes (never printed).
FONT = fonts.font_characters("atkinson-hyperlegible")
DRAWABLE = "".join(sorted(chr(c) for c in FONT if chr(c).isprintable())) + "\t\n"


def drawable(text: str) -> bool:
    return all(ord(c) in FONT or c in " \t\r\n" for c in markup.clean(text))


@st.composite
def hostile_text(draw: st.DrawFn, printable: bool) -> str:
    """Hostile fragments, arbitrary text and words; with ``printable``, only what the font
    can draw (so that the build gets to a PDF), else any Unicode at all."""
    fragments = [f for f in HOSTILE if drawable(f)] if printable else HOSTILE
    anything = st.text(alphabet=DRAWABLE, max_size=30) if printable else ANY_TEXT
    parts = draw(
        st.lists(st.one_of(st.sampled_from(fragments), anything, WORDS.map(" ".join)), max_size=8)
    )
    return "".join(parts)


TEXT = st.booleans().flatmap(hostile_text)


def texts(**sizes: int) -> st.SearchStrategy[dict[str, Any]]:
    """One example's fields: all drawable text, or all hostile (half the examples each).
    ``sizes`` names list fields and their largest length; other names are single texts."""

    def fields(printable: bool) -> st.SearchStrategy[dict[str, Any]]:
        text = hostile_text(printable)
        return st.fixed_dictionaries(
            {
                name: st.lists(text, min_size=min(size, 1), max_size=size).map(tuple)
                if size
                else text
                for name, size in sizes.items()
            }
        )

    return st.booleans().flatmap(fields)
