"""The inline converter: content text is always escaped; only the small subset is markup."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from handouts.text.markup import citations, to_html, to_plain, to_rml

VALUES = {"prescriber": "your prescriber", "phone": "555 <0100> & co"}


def test_specials_are_escaped() -> None:
    assert str(to_rml('5 < 6 & "x" <b>', {}, {})) == "5 &lt; 6 &amp; &quot;x&quot; &lt;b&gt;"


def test_bold_italic_link_cite_and_values() -> None:
    text = "**Stop** *now*, see [the label](https://example.org/a?b=1&c=2) [@cree2010] {phone}"
    rml = str(to_rml(text, VALUES, {"cree2010": 3}))
    assert rml == (
        '<b>Stop</b> <i>now</i>, see <a href="https://example.org/a?b=1&amp;c=2" '
        'color="#1a4d8f"><u>the label</u></a><super>3</super> 555 &lt;0100&gt; &amp; co'
    )
    assert str(to_html("**Stop** [@cree2010]", VALUES, {"cree2010": 3})) == (
        '<strong>Stop</strong><sup><a href="#ref-3">3</a></sup>'
    )


def test_plain_text_and_citations() -> None:
    assert to_plain("LDN [@a] helps {prescriber}.", VALUES) == "LDN helps your prescriber."
    assert citations("x [@a] y [@b-2]") == ["a", "b-2"]


def test_javascript_links_are_not_links() -> None:
    assert "href" not in str(to_rml("[x](javascript:alert(1))", {}, {}))


@given(st.text())
def test_any_text_makes_well_formed_rml(text: str) -> None:
    rml = str(to_rml(text, VALUES, {}))
    root = etree.fromstring(f"<para>{rml}</para>".encode())
    assert root.tag == "para"
    # Nothing the user typed becomes an element other than the subset's own.
    assert {e.tag for e in root.iter()} <= {"para", "b", "i", "a", "u", "super"}


def test_values_and_citations_inside_bold_are_filled_in() -> None:
    text = "**Call {phone} now [@a]** or *ask {prescriber}*"
    assert str(to_rml(text, VALUES, {"a": 2})) == (
        "<b>Call 555 &lt;0100&gt; &amp; co now<super>2</super></b> or <i>ask your prescriber</i>"
    )
    assert to_plain(text, VALUES) == "Call 555 <0100> & co now or ask your prescriber"
    assert citations(text) == ["a"]


def test_a_citation_after_a_digit_is_bracketed() -> None:
    # "0 to 10" and a superscript 11 would read as "10 to the power 11" (ldn-facts.md 4.3).
    numbers = {"x": 11, "y": 12}
    rml = to_rml("a scale of 0 to 10 [@x] [@y]. And safe [@x].", {}, numbers)
    assert str(rml) == (
        "a scale of 0 to 10<super> [</super><super>11</super><super>,</super>"
        "<super>12</super><super>]</super>. And safe<super>11</super>."
    )
    html = to_html("0 to 10 [@x].", {}, numbers)
    assert str(html) == '0 to 10<sup> [</sup><sup><a href="#ref-11">11</a></sup><sup>]</sup>.'
