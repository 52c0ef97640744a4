"""Messages that speak to a clinic: a template mistake in plain words at the practice
template's own file and line, for Jinja syntax and for broken XML in the RML."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from handouts.errors import TemplateError
from handouts.pipeline.build import guard_handout, load_project, merged

PRACTICE = "name: Test Clinic\nphone: 555-0100\n"


def clinic(tmp_path: Path, *lines: str) -> Path:
    folder = tmp_path / "clinic"
    (folder / "templates").mkdir(parents=True, exist_ok=True)
    (folder / "practice.yaml").write_text(PRACTICE)
    text = "\n".join(['{% extends "builtin/handout.rml.j2" %}', *lines]) + "\n"
    (folder / "templates" / "handout.rml.j2").write_text(text)
    return folder


def error_of(folder: Path) -> str:
    project = load_project(folder)
    with pytest.raises(TemplateError) as caught:
        guard_handout(project, merged(project, "lupus"))
    return str(caught.value)


def at(folder: Path, line: int) -> str:
    return f"{folder}/templates/handout.rml.j2:{line}: "


# A designer's mistakes (the template's lines after the extends line) -> what they read.
JINJA_CASES = [
    (["{% block title %}", "<para>Our clinic</para>"], 2,
     "the {% block title %} on line 2 is never closed: add {% endblock %} where it ends"),
    (["{% block title %}", "<para>x</para>", "{% endblok %}"], 4,
     "{% endblok %} is not a template tag (did you mean {% endblock %}?)"),
    (["{% block title %}", "<para>x</para>", "{% endblock %}", "{% endblock %}"], 5,
     "{% endblock %} closes nothing: no {% block %} is open before it; delete it"),
    (["{% block title %}", "{% if practice.phone %}", "<para>x</para>", "{% endblock %}"], 5,
     "{% endblock %} comes before the {% endif %} that closes the {% if %} on line 3: add "
     "{% endif %} before it"),
    (["{% block title %}", "<para>{{ practice.name </para>", "{% endblock %}"], 3,
     "a {{ or {% on this line is not closed with }} or %}"),
    (["{% block title %}", "<para>{{ practice.name|replace('a', 'b' }}</para>",
      "{% endblock %}"], 3,
     "a ( in the {{ ... }} or {% ... %} on this line is not closed with )"),
]  # fmt: skip


@pytest.mark.parametrize(("lines", "line", "words"), JINJA_CASES)
def test_jinja_mistakes_in_plain_words(
    tmp_path: Path, lines: list[str], line: int, words: str
) -> None:
    folder = clinic(tmp_path, *lines)
    message = error_of(folder)
    assert message.startswith(at(folder, line) + words + " (Jinja says: "), message


XML_CASES = [
    (["{% block title %}", "<para>Salt & pepper</para>", "{% endblock %}"], 3,
     "a & in your own text must be written &amp;"),
    (["{% block title %}", '<para style="title">{{ practice.name }}</b></para>',
      "{% endblock %}"], 3,
     "</b> closes a tag that is not open here (the open tag is <para>); close tags in the "
     "order they were opened"),
    (["{% block title %}", '<para style="title">{{ practice.name }}</para>',
      "<para>Ask us about LDN.", "{% endblock %}"], 4, "<para> is never closed with </para>"),
    (["{% block title %}", "<para style=title>x</para>", "{% endblock %}"], 3,
     'an attribute\'s value must be in quotes, like style="body"'),
    (["{% block title %}", "<para>a&nbsp;b</para>", "{% endblock %}"], 3,
     "&nbsp; is not an XML entity; type the character itself (or its number, like &#160;)"),
]  # fmt: skip


@pytest.mark.parametrize(("lines", "line", "words"), XML_CASES)
def test_broken_xml_names_the_template_line(
    tmp_path: Path, lines: list[str], line: int, words: str
) -> None:
    folder = clinic(tmp_path, *lines)
    assert error_of(folder) == at(folder, line) + "the RML (XML) is not well formed: " + words


@settings(max_examples=25, print_blob=False, deadline=None)
@given(text=st.text(alphabet="<>&/ab=\"' ;#", min_size=1, max_size=12))
def test_any_text_in_a_block_builds_or_names_a_template_line(
    tmp_path_factory: pytest.TempPathFactory, text: str
) -> None:
    folder = clinic(tmp_path_factory.mktemp("p"), "{% block title %}",
                    f"<para>{text}</para>", "{% endblock %}")  # fmt: skip
    project = load_project(folder)
    try:
        guard_handout(project, merged(project, "lupus"))
    except TemplateError as exc:
        # Never an RML output line the designer cannot see: a line of their own file.
        assert str(exc).startswith(f"{folder}/templates/handout.rml.j2:"), str(exc)
        assert "output line" not in str(exc)


def test_a_bad_character_is_reported_once_by_build_and_by_check(workdir: Path) -> None:
    # "Our name has a telephone sign in it": one message, not one per handout.
    from click.testing import CliRunner

    from handouts.cli import main

    folder = workdir / "clinic"
    folder.mkdir()
    (folder / "practice.yaml").write_text(
        "name: Riverside \u260e Clinic\nconditions: [hiv, lupus, ms]\n"
    )
    message = (
        "clinic/practice.yaml:1:7: name: the character '\u260e' (U+260E BLACK TELEPHONE) is "
        "not in the font Atkinson Hyperlegible, so it would print as an empty box; replace it"
    )
    built = CliRunner().invoke(main, ["build", "--practice", "clinic", "--all", "-j", "1"])
    assert built.exit_code == 1
    failed = [line for line in built.output.splitlines() if line.startswith("failed:")]
    assert failed == [f"failed: {message}"]
    assert (
        "stopped every one of the 6 handouts (hiv, lupus, multiple-sclerosis, hiv (summary), "
        "...); it is shown once"
    ) in built.output
    checked = CliRunner().invoke(main, ["check", "--practice", "clinic"])
    assert checked.exit_code == 1
    glyph = [line for line in checked.output.splitlines() if line.endswith("glyph")]
    # check prints the file once above its problems, then line:column and the message.
    assert len(glyph) == 1 and glyph[0].split()[0] == "1:7"
    assert message.split(": ", 1)[1] + " (all 6 handouts)" in glyph[0]


def test_check_warns_about_a_vanishing_logo_as_build_does(workdir: Path) -> None:
    from click.testing import CliRunner
    from PIL import Image

    from handouts.check.checker import check_project
    from handouts.cli import main

    folder = workdir / "clinic"
    folder.mkdir()
    Image.new("RGB", (200, 200), (11, 93, 91)).save(folder / "logo.png")  # the band's teal
    (folder / "practice.yaml").write_text(
        'name: Test Clinic\nlogo: logo.png\ncolours: {primary: "#0b5d5b"}\nconditions: [hiv]\n'
    )
    built = CliRunner().invoke(main, ["build", "--practice", "clinic", "--all", "-j", "1"])
    [printed] = [line for line in built.output.splitlines() if line.startswith("warning:")]
    [found] = [f for f in check_project(Path("clinic")).findings if f.check == "logo"]
    assert (found.severity, found.path, found.line) == ("warning", "clinic/practice.yaml", 2)
    assert printed == f"warning: {found.message}"
    assert found.message.startswith("logo.png: only 0% of the logo stands out from the header")
