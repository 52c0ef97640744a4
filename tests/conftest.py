"""Shared fixtures: built PDFs are made once per test session and read as text."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import EDITIONS, edition_project, pdf_text, squash

from handouts.pipeline.build import BuiltHandout, Project, build_handout, load_project


@pytest.fixture(scope="session")
def project() -> Project:
    return load_project()


@pytest.fixture(scope="session")
def built_ms(project: Project) -> BuiltHandout:
    return build_handout(project, "multiple-sclerosis")


@pytest.fixture(scope="session")
def ms_text(built_ms: BuiltHandout) -> str:
    return squash(pdf_text(built_ms.pdf))


@pytest.fixture(scope="session")
def all_built(project: Project) -> dict[str, BuiltHandout]:
    return {slug: build_handout(project, slug) for slug in project.content.conditions}


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Run a test inside an empty folder of its own."""
    monkeypatch.chdir(tmp_path)
    yield tmp_path


@pytest.fixture(scope="session")
def edition_pages() -> dict[str, dict[str, list[str]]]:
    """edition -> condition -> the text of each page (pypdf), for every edition the
    handouts are printed in. Built once per session (about 60 handouts)."""
    import io

    import pypdf

    out: dict[str, dict[str, list[str]]] = {}
    for name in EDITIONS:
        project = edition_project(name)
        out[name] = {}
        for slug in project.clinic_set:
            reader = pypdf.PdfReader(io.BytesIO(build_handout(project, slug).pdf))
            out[name][slug] = [page.extract_text() for page in reader.pages]
    return out
