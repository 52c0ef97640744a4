"""Shared fixtures: built PDFs are made once per test session and read as text.

Hypothesis profiles: ``ci`` (chosen when the CI environment variable is set, as .ci/run
sets it) is derandomized, so CI time and results are stable; ``dev`` explores new
examples each run and keeps failures in .hypothesis/ to replay them. They are loaded here
so a property test gets them when run alone as in the full suite.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import EDITIONS, edition_pdf, edition_slugs, pdf_text, squash
from hypothesis import HealthCheck, settings

from handouts.pipeline.build import BuiltHandout, Project, build_handout, load_project

# Building a page takes 0.1 to 1 s, over Hypothesis's per-example deadline and its "too
# slow" threshold on a busy machine; neither is a fault of the code under test.
_COMMON = {"deadline": None, "suppress_health_check": [HealthCheck.too_slow]}
settings.register_profile("ci", derandomize=True, database=None, print_blob=True, **_COMMON)
settings.register_profile("dev", **_COMMON)
settings.load_profile(
    os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "dev")
)


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
        out[name] = {}
        for slug in edition_slugs(name):
            reader = pypdf.PdfReader(io.BytesIO(edition_pdf(name, slug)))
            out[name][slug] = [page.extract_text() for page in reader.pages]
    return out


@pytest.fixture(scope="session")
def summary_pages() -> dict[str, dict[str, list[str]]]:
    """The same as ``edition_pages``, for the one-sheet summary edition."""
    return _summary_pages(None)


@pytest.fixture(scope="session")
def summary_pages_es() -> dict[str, dict[str, list[str]]]:
    """``summary_pages`` for the Spanish sheets (``--language es``), in the same editions."""
    return _summary_pages("es")


def _summary_pages(language: str | None) -> dict[str, dict[str, list[str]]]:
    import io

    import pypdf

    out: dict[str, dict[str, list[str]]] = {}
    for name in EDITIONS:
        out[name] = {}
        for slug in edition_slugs(name, language):
            pdf = edition_pdf(name, slug, "summary", language)
            out[name][slug] = [
                page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages
            ]
    return out
