"""Overriding a template without reading the source: `handouts templates` lists every
block of every template and the variables it can use (read from the templates' syntax
trees), the README's section and the init scaffold come from the same source, and a
block printed to start from is an override that builds."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pypdf
from helpers import squash

from handouts import paths
from handouts.pipeline import template_docs as docs
from handouts.pipeline.build import build_handout, load_project, template_context
from handouts.pipeline.plan import load_plan_words
from handouts.render import blocks
from handouts.render.plan import plan_context
from handouts.scaffold import template_text

ROOT = Path(__file__).resolve().parent.parent
RIVERSIDE = ROOT / "practices" / "riverside"


def block_names_by_regex(name: str) -> list[str]:
    """A second reading of the file: every {% block NAME %} tag, in file order."""
    text = (paths.builtin_templates_dir() / name).read_text()
    return re.findall(r"{%-?\s*block\s+(\w+)", text)


def test_every_builtin_template_is_listed() -> None:
    names = set(blocks.builtin_template_names()) - set(blocks.MACRO_FILES)
    assert names == set(blocks.TEMPLATES)


def test_blocks_and_what_they_use_come_from_the_templates() -> None:
    for name in ("handout.rml.j2", "summary.rml.j2", "plan.rml.j2", "handout.html.j2"):
        assert docs.block_names(name) == block_names_by_regex(name), name
    header = blocks.template_info("handout.rml.j2").blocks[0]
    # Read by hand from templates/handout.rml.j2, lines 15-31.
    assert (header.name, header.line, header.end) == ("header", 15, 31)
    for used in ("layout.width", "practice.colours.band", "logo.file", "fonts.bold",
                 "size.header", "ui.neutral_header"):  # fmt: skip
        assert used in header.uses
    cut = next(b for b in blocks.template_info("plan.rml.j2").blocks if b.name == "cut_marks")
    assert (cut.inside, cut.around) == ("card", ("x0", "y0"))
    # summary.html.j2 extends the full page: the blocks it does not redefine are the page's.
    summary = {b.name: b.template for b in blocks.template_info("summary.html.j2").blocks}
    assert summary["header"] == "handout.html.j2" and summary["title"] == "summary.html.j2"
    assert list(summary) == block_names_by_regex("handout.html.j2")


def test_the_variables_described_are_the_context() -> None:
    project = load_project(RIVERSIDE)
    built = build_handout(project, "fibromyalgia")
    keys = set(template_context(project, built.handout))
    from handouts.pipeline.plan import plan_handout, prepare_plan

    handout = plan_handout(project, "fibromyalgia")
    import datetime as dt

    plan, _ = prepare_plan(project, dt.date(2027, 1, 1), start="2027-01-04", name=None,
                           prescriber=None, phone=None, form="capsules", strength=None,
                           protocol={})  # fmt: skip
    keys |= set(plan_context(handout, plan, load_plan_words("en")))
    # Added on the way: the output kind (render_data), the HTML logo, the plan's blank
    # page, and the loop variable the scoped blocks see.
    keys |= {"output", "logo_uri", "blank_before_card", "section"}
    # The index page (pipeline/index.py).
    keys |= {"entries", "tagged_pdf", "language_name", "languages"}
    assert keys == set(docs.VARIABLES)
    for info in blocks.overridable():
        for block in info.blocks:
            roots = {n.split(".")[0] for n in block.uses}
            assert roots <= set(docs.VARIABLES) | set(info.values), (info.name, block.name)


def test_readme_section_is_generated() -> None:
    readme = (ROOT / "README.md").read_text()
    begin, end = "<!-- BEGIN handouts templates --markdown -->\n", "<!-- END handouts"
    section = readme[readme.index(begin) + len(begin) : readme.index(end)]
    assert section == docs.readme_section(), (
        "README.md is out of date: paste `handouts templates --markdown` between its markers"
    )


def test_init_lists_the_same_blocks_and_example() -> None:
    text = template_text()
    listed = squash(text.split("to start from):")[1].split("Rules")[0])
    assert listed == ", ".join(block_names_by_regex("handout.rml.j2")) + "."
    assert docs.EXAMPLE.split("\n", 1)[1] in text


def practice_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "clinic"
    shutil.copytree(RIVERSIDE, folder, ignore=shutil.ignore_patterns("templates"))
    return folder


def test_the_worked_example_builds(tmp_path: Path) -> None:
    folder = practice_copy(tmp_path)
    (folder / "templates").mkdir()
    (folder / "templates" / "handout.rml.j2").write_text(docs.EXAMPLE)
    built = build_handout(load_project(folder), "fibromyalgia")
    import io

    first = pypdf.PdfReader(io.BytesIO(built.pdf)).pages[0].extract_text()
    # The phone number is printed by the example's header only (the built-in one has none).
    assert "(217) 555-0142" in first.splitlines()[1]


def test_a_block_printed_to_start_from_changes_nothing(tmp_path: Path) -> None:
    # "I copied the schedule block to change it later": as printed, it is the built-in one.
    folder = practice_copy(tmp_path)
    before = build_handout(load_project(folder), "fibromyalgia").pdf
    (folder / "templates").mkdir()
    text = docs.template_detail("handout.rml.j2", "schedule")
    (folder / "templates" / "handout.rml.j2").write_text(text)
    assert build_handout(load_project(folder), "fibromyalgia").pdf == before


def test_the_command_lists_blocks_and_prints_one(workdir: Path) -> None:
    from click.testing import CliRunner

    from handouts.cli import main

    # "Which parts of the handout can our designer change, and with what?"
    out = CliRunner().invoke(main, ["templates"]).output
    assert "handout.rml.j2: the full guide, as a PDF (RML markup)\n  header " in out
    assert "  schedule (inside how_to_take)   handout, layout, practice, schedule, ui\n" in out
    assert "\n  layout            the page in points:" in out
    # "Give me the header to start from": a file that builds as it is.
    printed = CliRunner().invoke(main, ["templates", "handout.rml.j2", "header"])
    assert printed.exit_code == 0
    assert printed.output.splitlines()[1:3] == [
        '{% extends "builtin/handout.rml.j2" %}',
        "{% block header %}",
    ]
    assert printed.output.rstrip().endswith("{% endblock %}")
    wrong = CliRunner().invoke(main, ["templates", "handout.rml.j2", "heder"])
    assert wrong.exit_code == 2
    assert 'handout.rml.j2 has no block "heder"; its blocks: header, footer,' in wrong.output
    markdown = CliRunner().invoke(main, ["templates", "--markdown"]).output
    assert markdown == docs.readme_section()
