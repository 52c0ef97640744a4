"""The text of two built handouts, page by page, against golden files a person read.

The golden files (tests/golden/*.txt) are the oracle: what pypdf extracts from each page,
under a "=== page N ===" line. When content or templates change on purpose, write them
again with HANDOUTS_UPDATE_GOLDEN=1 and read the diff before committing it.
"""

from __future__ import annotations

import io
import os
from pathlib import Path

import pypdf
import pytest

from handouts.pipeline.build import Project, build_handout, load_project

GOLDEN = Path(__file__).parent / "golden"
EXAMPLES = Path(__file__).resolve().parent.parent / "practices"


def pages_text(pdf: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    pages = [f"=== page {n} ===\n{page.extract_text().rstrip()}\n" for n, page in
             enumerate(reader.pages, 1)]  # fmt: skip
    return "".join(pages)


def compare(name: str, text: str) -> None:
    golden = GOLDEN / f"{name}.txt"
    if os.environ.get("HANDOUTS_UPDATE_GOLDEN") == "1":
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")


def test_built_in_multiple_sclerosis_handout(project: Project) -> None:
    compare("multiple-sclerosis", pages_text(build_handout(project, "multiple-sclerosis").pdf))


@pytest.mark.parametrize("practice", ["riverside"])
def test_practice_handout(practice: str) -> None:
    project = load_project(EXAMPLES / practice)
    slug = project.clinic_set[0]
    compare(f"{practice}-{slug}", pages_text(build_handout(project, slug).pdf))
