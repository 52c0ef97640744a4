"""The full-guide booklet's parts go through the handouts' own stages: a practice's block
overrides, extra and hidden sections apply to them, and the guard refuses a booklet whose
shared part lost the opioid warning. Read from the booklet's text page by page."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pypdf
import pytest
from helpers import squash

from handouts.batch.runner import BUILT, build_set
from handouts.check.checker import check_project
from handouts.pipeline.build import load_project

ROOT = Path(__file__).resolve().parent.parent
WARNING_FIRST = "Important: LDN and opioid medicines"
WARNING_LAST = "It can cause a dangerous overdose"
EPOCH = str(int(dt.datetime(2026, 11, 21, 12).timestamp()))


def texts(path: Path) -> list[str]:
    return [squash(page.extract_text()) for page in pypdf.PdfReader(path).pages]


def test_northfield_header_extra_and_hidden_sections_apply_to_the_parts(tmp_path: Path) -> None:
    project = load_project(ROOT / "practices" / "northfield")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", EPOCH)
        report = build_set(project, ["fibromyalgia", "depression"], tmp_path, jobs=1,
                           booklet=True, editions=("full",))  # fmt: skip
    assert report.booklet is not None
    pages = texts(report.booklet)
    # Northfield's own header block (name, then "Phone <number>") on every part's pages.
    for number, text in enumerate(pages[2:], start=3):
        if not text.startswith("This page is blank on purpose."):
            assert text.startswith("Northfield Health Centre Phone 01632 960 123"), number
    everything = " ".join(pages)
    assert everything.count("Getting your LDN at Northfield") == 1  # the extra section, once
    assert "Questions to ask" not in everything  # hidden by practice.yaml
    assert "Never take LDN with opioid medicines." in everything
    assert "co-codamol (codeine and paracetamol)" in everything  # en-GB names
    # Large print (18 pt): the warning box, at its tallest, still on one page.
    first = [n for n, text in enumerate(pages, start=1) if WARNING_FIRST in text]
    last = [n for n, text in enumerate(pages, start=1) if WARNING_LAST in text]
    assert len(first) == 1 and first == last, (first, last)


def booklet_only_clinic(workdir: Path) -> Path:
    """A practice whose template drops the warning in the booklet only."""
    clinic = workdir / "clinic"
    (clinic / "templates").mkdir(parents=True)
    (clinic / "practice.yaml").write_text("name: Test Clinic\nconditions: [lupus]\n")
    (clinic / "templates" / "handout.rml.j2").write_text(
        '{% extends "builtin/handout.rml.j2" %}\n'
        "{% block opioid_warning %}{% if not booklet %}{{ super() }}{% endif %}{% endblock %}\n"
    )
    return clinic


def test_a_template_that_drops_the_warning_in_the_booklet_gets_no_booklet(
    workdir: Path,
) -> None:
    project = load_project(booklet_only_clinic(workdir))
    report = build_set(project, ["lupus"], workdir / "out", jobs=1, booklet=True,
                       editions=("full",))  # fmt: skip
    assert [r.status for r in report.results] == [BUILT]  # the handout keeps its warning
    assert report.booklet is None
    note = report.booklet_note
    assert note.startswith("no booklet: clinic-booklet.pdf, part About LDN: /"), note
    assert note.endswith(
        "/clinic/templates/handout.rml.j2: the required section 'opioid-warning' is missing "
        'or changed (cannot find: "Important: LDN and opioid medicines"); a practice may '
        "restyle and add to it, never drop it"
    ), note
    assert not (report.folder / "clinic-booklet.pdf").exists()


def test_the_spanish_booklet_is_in_spanish(tmp_path: Path) -> None:
    project = load_project(language="es")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", EPOCH)
        report = build_set(project, ["lupus"], tmp_path, jobs=1, booklet=True,
                           editions=("full",))  # fmt: skip
    assert report.booklet is not None
    pages = texts(report.booklet)
    assert "Contenido Sobre la LDN 3 Lupus " in pages[1] and " Referencias " in pages[1]
    assert pages[1].endswith("Página 2 del folleto")
    assert "Sobre la LDN Esta parte es para todos, sea cual sea su enfermedad." in pages[2]
    lupus = int(pages[1].split(" Lupus ")[1].split()[0])
    assert (
        "Esta parte trata de la LDN y lupus. Léala junto con “Sobre la LDN”, desde la "
        "página 3 del folleto" in pages[lupus - 1]
    )


def test_check_finds_what_the_booklet_would_refuse(workdir: Path) -> None:
    booklet_only_clinic(workdir)
    report = check_project(Path("clinic"), today=dt.date(2026, 12, 1), edition="full")
    found = [f for f in report.findings if f.check == "required-section"]
    assert [(f.path, f.line, f.handouts) for f in found] == [
        ("clinic/templates/handout.rml.j2", 2, ("clinic-booklet",))
    ]
    assert found[0].message == (
        "the required section 'opioid-warning' is missing or changed (cannot find: "
        '"Important: LDN and opioid medicines"); a practice may restyle and add to it, '
        "never drop it"
    )
