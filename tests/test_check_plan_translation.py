"""`handouts check --language es` lists the personal plan's own translation record
(content/es/plan.yaml) with the handouts' files: not yet reviewed, and made from an
English plan.yaml that has changed since."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from handouts import paths
from handouts.check.checker import check_project
from handouts.validate.plan_words import load_plan_words

TODAY = dt.date(2026, 12, 1)
PENDING = (
    "no qualified person has reviewed this translation (reviewer: pending); a clinician "
    "who reads the language must review it, then set reviewer: and reviewed_on: "
    "(clinical_reviewer: pending; no native-speaker clinician has checked it)"
)


@pytest.fixture
def content(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A copy of the built-in content that the tool takes for its own."""
    root = tmp_path / "content"
    shutil.copytree(paths.builtin_content_dir(), root)
    monkeypatch.setattr(paths, "builtin_content_dir", lambda: root)
    load_plan_words.cache_clear()
    yield root
    load_plan_words.cache_clear()


def plan_findings(root: Path) -> list[tuple[str, str, str]]:
    report = check_project(content_root=root, today=TODAY, language="es", edition="full")
    return [
        (f.severity, f.field, f.message)
        for f in report.findings
        if f.path == "content/es/plan.yaml" and f.check == "translation"
    ]


def test_the_spanish_plan_awaits_its_review(content: Path) -> None:
    assert plan_findings(content) == [("warning", "translation.reviewer", PENDING)]


def test_a_changed_english_plan_flags_the_spanish_one(content: Path) -> None:
    english = content / "en" / "plan.yaml"
    english.write_text(english.read_text(encoding="utf-8") + "# a new line\n", "utf-8")
    assert plan_findings(content) == [
        ("warning", "translation.reviewer", PENDING),
        (
            "warning",
            "translation.source_sha256",
            "the English source en/plan.yaml changed after this file was translated; bring "
            "the translation in step, have it reviewed again, then run "
            "`python tests/make_es_condition.py --stamp content/es/plan.yaml`",
        ),
    ]
