"""The HTML edition's guard: an HTML5 parse, an allowlist read from the built-in
templates, CSS read as a browser reads it, and the checked tree written back out."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
import tinyhtml5
from hypothesis import given, settings
from hypothesis import strategies as st

from handouts.errors import HandoutsError, TemplateError
from handouts.guard.html import guard_html
from handouts.guard.html_allow import builtin_allowlist, derive, without_jinja
from handouts.guard.html_css import stylesheet_problem
from handouts.guard.html_write import serialise
from handouts.pipeline.build import Project, load_project, render_html

SLUG = "hiv"
HEAD = '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>t</title></head>'


@pytest.fixture(scope="module")
def project() -> Project:
    return load_project(None)


def tags(text: str) -> list[str]:
    """The elements of a page in document order, as a browser parses it."""
    root = tinyhtml5.parse(text, namespace_html_elements=False)
    return [str(e.tag) for e in root.iter() if isinstance(e.tag, str)]


def test_allowlist_comes_from_the_builtin_templates() -> None:
    allow = builtin_allowlist()
    # What handout.html.j2 writes, and what the inline converter writes.
    assert {"section", "table", "caption", "th", "footer", "img", "style", "meta"} <= allow.elements
    assert {"strong", "em", "sup", "a", "span"} <= allow.elements
    assert {"script", "svg", "math", "iframe", "form", "input", "link"}.isdisjoint(allow.elements)
    assert {"src", "alt"} <= allow.attributes["img"] and "scope" in allow.attributes["th"]
    assert "href" in allow.attributes["a"] and "href" not in allow.attributes["p"]
    assert {"color", "border-collapse", "print-color-adjust"} <= allow.properties
    assert "behavior" not in allow.properties and allow.at_rules == {"media"}
    assert "var" in allow.functions and "url" not in allow.functions


def test_derive_reads_a_template_without_its_jinja_tags() -> None:
    source = '{# c #}<dl>{% if x %}<dt class="{{ k }}">{{ v }}</dt>{% endif %}</dl>'
    assert without_jinja(source) == '<dl><dt class="x">x</dt></dl>'
    allow = derive(['<style>@page { margin: 0 } p { widows: 2 }</style><dl><dt id="a">'])
    assert "dl" in allow.attributes and "id" in allow.attributes["dt"]
    assert allow.properties == {"margin", "widows"} and allow.at_rules == {"page"}


@pytest.mark.parametrize(
    ("css", "message"),
    [
        ("p { background: u\\72l(x.png) }", "<style>: styles may not load files (url())"),
        ("p { background: \\55 RL(x.png) }", "<style>: styles may not load files (url())"),
        ("@\\69mport 'a.css';", "<style>: styles may not load files (@import)"),
        ("@IMPORT url(a.css);", "<style>: styles may not load files (@import)"),
        ("p { width: e\\78pression(alert(1)) }", "<style>: expression() runs code"),
        ("p { color: image-set('a.png' 1x) }", "<style>: styles may not load files (image-set())"),
        ("p { be\\68 avior: x }", "<style>: the property behavior runs code"),
        ("@charset 'utf-8';", "<style>: @charset is not allowed; only @media"),
        ("p { color: attr(title) }", "<style>: the CSS function attr() is not allowed; use one "
         "of calc, clamp, hsl, hsla, max, min, rgb, rgba, var"),
    ],
)  # fmt: skip
def test_css_is_checked_after_escapes_are_decoded(css: str, message: str) -> None:
    problem = stylesheet_problem(css, builtin_allowlist())
    assert problem is not None and problem.message == message


def test_css_comments_and_plain_styles() -> None:
    allow = builtin_allowlist()
    assert stylesheet_problem("/* url(x) @import */ p { color: #111111 }", allow) is None
    assert stylesheet_problem("@media print { p { color: var(--text) } }", allow) is None


def test_serialise_escapes_text_and_attributes() -> None:
    root = tinyhtml5.parse(
        HEAD + '<body><p class="a&quot;b">1 &lt; 2 &amp;&nbsp;<b>x</b></p></body></html>',
        namespace_html_elements=False,
    )
    assert serialise(root) == (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>t</title></head>'
        '<body><p class="a&quot;b">1 &lt; 2 &amp;&nbsp;<b>x</b></p></body></html>'
    )


def test_written_page_is_the_parsed_tree_not_the_raw_text() -> None:
    raw = HEAD + "<body><p>one<p>two<!-- note --></body></html>"
    checked = guard_html(raw, "t.html.j2", {})
    assert checked.text == (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>t</title></head>'
        "<body><p>one</p><p>two</p></body></html>"
    )


def test_charset_must_be_utf8_first_in_head() -> None:
    late = '<!doctype html><html><head><title>t</title><meta charset="utf-8"></head></html>'
    with pytest.raises(TemplateError) as info:
        guard_html(late, "t.html.j2", {})
    assert str(info.value) == (
        't.html.j2: the page must declare its encoding once, as <meta charset="utf-8">, '
        "first in <head>"
    )


def test_builtin_page_starts_as_the_template_does(project: Project) -> None:
    page = render_html(project, SLUG)
    assert page.startswith(
        '<!doctype html>\n<html lang="en"><head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
    )
    assert page.endswith("</footer>\n\n</body></html>")


# Printable and invisible characters, markup-like fragments among them.
HOSTILE = st.lists(
    st.one_of(
        st.characters(codec="utf-8", exclude_categories=("Cs",)),
        st.sampled_from(["<", ">", "&", '"', "'", "</p>", "<svg>", "<!--", "&lt;", "]]>"]),
    ),
    max_size=20,
).map("".join)


@pytest.fixture(scope="module")
def baseline_tags(project: Project) -> list[str]:
    practice = dataclasses.replace(project.practice, name="Test Clinic")
    return tags(render_html(dataclasses.replace(project, practice=practice), SLUG))


@settings(max_examples=40, print_blob=False)
@given(name=HOSTILE)
def test_practice_text_never_becomes_markup(
    project: Project, baseline_tags: list[str], name: str
) -> None:
    practice = dataclasses.replace(project.practice, name=name.strip() or "x")
    try:
        page = render_html(dataclasses.replace(project, practice=practice), SLUG)
    except HandoutsError:
        return  # refused with a message (a direction control, say), never a traceback
    assert tags(page) == baseline_tags  # the same elements, whatever the name holds
    assert "<svg" not in page and "</p></p>" not in page


def test_corpus_has_the_html_cases() -> None:
    corpus = Path(__file__).parent / "hardening" / "corpus"
    assert len([p for p in corpus.iterdir() if p.name.startswith("html-")]) >= 12


@pytest.mark.parametrize("case", ["html-svg-style-img-onerror"])
def test_check_refuses_what_html_refuses(case: str, tmp_path: Path) -> None:
    import shutil

    import yaml

    from handouts.check.checker import check_project

    corpus = Path(__file__).parent / "hardening" / "corpus" / case
    shutil.copytree(corpus / "input" / "practice", tmp_path / "practice")
    expect = yaml.safe_load((corpus / "case.yaml").read_text(encoding="utf-8"))["expect"]
    report = check_project(tmp_path / "practice")
    html = [f for f in report.findings if f.check == "html"]
    assert len(html) == 1 and html[0].severity == "error"
    where, _, message = expect.partition(": ")
    assert message == html[0].message
    assert where.endswith(f"practice/templates/handout.html.j2:{html[0].line}")
    assert html[0].path.endswith("practice/templates/handout.html.j2")
