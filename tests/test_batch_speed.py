"""The costs the benchmark looked at stay paid once: one layout pass, fonts parsed once
per process, templates compiled once, and z3c.rml shortcuts that change no byte."""

from __future__ import annotations

import dataclasses
import io
from pathlib import Path
from typing import Any

import pypdf
import pytest

from handouts.pdf import z3cfast
from handouts.pipeline.build import BuiltHandout, Project, build_handout, load_project
from handouts.render import templates as render

EXAMPLES = Path(__file__).resolve().parent.parent / "practices"


def count_calls(monkeypatch: pytest.MonkeyPatch, owner: Any, name: str) -> list[int]:
    calls = [0]
    original = getattr(owner, name)

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls[0] += 1
        return original(*args, **kwargs)

    monkeypatch.setattr(owner, name, counted)
    return calls


def test_one_layout_pass_and_no_font_parsing(
    project: Project, built_ms: BuiltHandout, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reportlab.pdfbase.ttfonts import TTFontFile
    from reportlab.platypus.doctemplate import BaseDocTemplate

    layouts = count_calls(monkeypatch, BaseDocTemplate, "build")
    parses = count_calls(monkeypatch, TTFontFile, "__init__")
    build_handout(project, "multiple-sclerosis")
    assert layouts[0] == 1  # "Page X of Y" needs no second pass
    assert parses[0] == 0  # fonts (ours and z3c.rml's Vera) were parsed once per process


def test_templates_compile_once_per_process(
    project: Project, built_ms: BuiltHandout, monkeypatch: pytest.MonkeyPatch
) -> None:
    env = render.environment(project.search_path)
    compiled = count_calls(monkeypatch, env, "compile")
    build_handout(project, "lupus")
    assert compiled[0] == 0


def test_two_font_families_in_one_process(project: Project, built_ms: BuiltHandout) -> None:
    practice = dataclasses.replace(project.practice, font="fira-sans")
    fira = dataclasses.replace(project, practice=practice)
    fonts = set()
    for built in (build_handout(fira, "hiv"), build_handout(project, "hiv")):
        reader = pypdf.PdfReader(io.BytesIO(built.pdf))
        fonts |= {str(f.get_object()["/BaseFont"]).split("+")[-1]
                  for f in reader.pages[0]["/Resources"]["/Font"].values()}  # fmt: skip
    assert {name.split("-")[0] for name in fonts} == {"FiraSans", "AtkinsonHyperlegible"}


def test_z3c_shortcuts_change_no_byte(
    project: Project, built_ms: BuiltHandout, monkeypatch: pytest.MonkeyPatch
) -> None:
    import z3c.rml

    if not z3cfast.supported():
        pytest.skip(f"z3c.rml {z3c.rml.__version__}: not a release the shortcuts were tested on")
    practices = [load_project(EXAMPLES / "riverside"), load_project(EXAMPLES / "northfield")]
    large = dataclasses.replace(project, practice=dataclasses.replace(
        project.practice, page_size="a4", large_print=True))  # fmt: skip
    cases = [(project, "multiple-sclerosis"), (large, "hiv")]
    cases += [(p, p.clinic_set[0]) for p in practices]
    fast = [build_handout(p, slug).pdf for p, slug in cases]
    # Scoped to our render calls: outside them z3c.rml is its own.
    assert z3cfast.ORIGINALS
    for owner, name, original in z3cfast.ORIGINALS.values():
        assert getattr(owner, name) is original, name
    monkeypatch.setenv("HANDOUTS_PLAIN_Z3C", "1")
    assert [build_handout(p, slug).pdf for p, slug in cases] == fast
    assert fast[0] == built_ms.pdf
