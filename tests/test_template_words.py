"""A practice template's own words: claims and invisible characters typed into an
override are refused at the template's line; honest words pass. Sentences typed by hand."""

from __future__ import annotations

from pathlib import Path

from handouts import paths
from handouts.errors import Problem
from handouts.load.content import load_content_docs
from handouts.validate.content import validate_content
from handouts.validate.template_words import check_template_words, literal_texts, reader_text

PHRASES = validate_content(load_content_docs(paths.builtin_content_dir())).forbidden


def problems_of(tmp_path: Path, text: str) -> list[str]:
    folder = tmp_path / "clinic"
    (folder / "templates").mkdir(parents=True)
    (folder / "templates" / "handout.rml.j2").write_text(text, encoding="utf-8")
    found: list[Problem] = []
    check_template_words(folder, PHRASES, found)
    return [f"{p.line}: {p.message[:40]}" for p in found]


def test_honest_words_pass(tmp_path: Path) -> None:
    text = "{% block x %}\n<para>LDN does not cure MS. Ask us before you stop any medicine."
    text += "</para>\n"
    assert problems_of(tmp_path, text + "{% endblock %}\n") == []


def test_expressions_are_not_literal_text(tmp_path: Path) -> None:
    # The words a template builds from content are checked where the content is.
    assert problems_of(tmp_path, "{{ condition.name }} {# cures #}\n") == []


def test_claim_at_its_line(tmp_path: Path) -> None:
    text = "{% block x %}\n\n<para>\nLDN <i>cures</i> MS.\n</para>{% endblock %}\n"
    assert problems_of(tmp_path, text) == ['4: says "cures", which a handout must never']


def test_invisible_at_its_line_and_column(tmp_path: Path) -> None:
    found = problems_of(tmp_path, "ok\nab\u200bc\n")
    assert found == ["2: holds the invisible character U+200B ZER"]


def test_reader_text() -> None:
    assert reader_text("<para>c<b>ures</b> &amp; <!-- no --></para>") == " cures &   "


def test_stylesheets_are_not_printed_text() -> None:
    source = "<style>\na { width: 60% }\n{{ x }}\nb { width: 60% }</style><p>Hi\n</p>"
    texts = literal_texts(source)
    assert " ".join(reader_text(t) for _, t in texts).split() == ["Hi"]
    assert [line for line, _ in texts] == [1, 3]


def test_built_in_templates_are_clean() -> None:
    folder = paths.builtin_templates_dir().parent
    found: list[Problem] = []
    check_template_words(folder, PHRASES, found)
    assert found == []


def test_restyling_is_allowed(tmp_path: Path) -> None:
    """The built-in stylesheet's own kinds of declaration pass in a practice HTML template."""
    folder = tmp_path / "c"
    (folder / "templates").mkdir(parents=True)
    (folder / "templates" / "handout.html.j2").write_text(
        "<style>sup { line-height: 0; } li::before { position: absolute; left: 0; }\n"
        ".warning { font-size: 1.125em; display: inline-block; color: #1a4d8f; }</style>\n",
        encoding="utf-8",
    )
    (folder / "templates" / "summary.rml.j2").write_text(
        '<paraStyle name="x" fontSize="10.5" leading="14"/>\n', encoding="utf-8"
    )
    found: list[Problem] = []
    check_template_words(folder, PHRASES, found)
    assert found == []
