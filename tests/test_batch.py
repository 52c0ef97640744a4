"""Batch builds: skipping unchanged handouts, rebuilding what changed, failures that do
not stop the others, and parallel workers that give the same bytes."""

from __future__ import annotations

import dataclasses
import hashlib
import shutil
import textwrap
from pathlib import Path
from typing import Any

import pytest

from handouts.batch import runner as batch
from handouts.batch.runner import BUILT, FAILED, SKIPPED, BatchReport, HandoutResult, build_set
from handouts.errors import TemplateError
from handouts.output.manifest import read_manifest
from handouts.pipeline.build import BuiltHandout, Project, build_handout

SLUGS = ["hiv", "lupus"]
REAL_BUILD = build_handout


@pytest.fixture(scope="module")
def seed(project: Project, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder built once with --jobs 1; tests work on copies of it."""
    out = tmp_path_factory.mktemp("seed")
    report = build_set(project, SLUGS, out, jobs=1)
    assert [r.status for r in report.results] == [BUILT, BUILT]
    return out


@pytest.fixture
def out(seed: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "out"
    shutil.copytree(seed, copy)
    return copy


def statuses(report: BatchReport) -> dict[str, str]:
    return {r.slug: r.status for r in report.results}


def no_build(project: Project, slug: str, edition: str = "full") -> BuiltHandout:
    raise AssertionError(f"{slug} was built")


def test_unchanged_handouts_are_skipped(
    project: Project, out: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(batch, "build_handout", no_build)
    before = {p.name: p.stat().st_mtime_ns for p in out.iterdir()}
    seen: list[HandoutResult] = []
    report = build_set(project, SLUGS, out, jobs=1, progress=seen.append)
    assert statuses(report) == {"hiv": SKIPPED, "lupus": SKIPPED}
    assert [r.slug for r in seen] == SLUGS
    assert report.summary().startswith("2 handouts: 0 built, 2 skipped, 0 failed in ")
    assert report.exit_code == 0
    assert {p.name: p.stat().st_mtime_ns for p in out.iterdir()} == before


def test_force_rebuilds_the_same_bytes(project: Project, out: Path) -> None:
    old = {slug: (out / f"{slug}.pdf").read_bytes() for slug in SLUGS}
    report = build_set(project, SLUGS, out, jobs=1, force=True)
    assert statuses(report) == {"hiv": BUILT, "lupus": BUILT}
    assert {slug: (out / f"{slug}.pdf").read_bytes() for slug in SLUGS} == old


def test_deleted_or_tampered_output_is_rebuilt(project: Project, out: Path) -> None:
    (out / "hiv.pdf").unlink()
    lupus = out / "lupus.pdf"
    good = lupus.read_bytes()
    lupus.write_bytes(good + b"% changed by hand\n")
    report = build_set(project, SLUGS, out, jobs=1)
    assert statuses(report) == {"hiv": BUILT, "lupus": BUILT}
    assert lupus.read_bytes() == good
    recorded = read_manifest(out).handouts
    for slug in SLUGS:
        digest = hashlib.sha256((out / f"{slug}.pdf").read_bytes()).hexdigest()
        assert recorded[slug].sha256 == digest


def test_changed_settings_rebuild(project: Project, out: Path) -> None:
    a4 = dataclasses.replace(
        project, practice=dataclasses.replace(project.practice, page_size="a4")
    )
    assert statuses(build_set(a4, SLUGS, out, jobs=1)) == {"hiv": BUILT, "lupus": BUILT}
    assert statuses(build_set(a4, SLUGS, out, jobs=1)) == {"hiv": SKIPPED, "lupus": SKIPPED}


def test_input_hash_follows_the_condition_own_file(project: Project, tmp_path: Path) -> None:
    copies = []
    for path in project.content.files:
        copy = tmp_path / path.parent.name / path.name
        copy.parent.mkdir(exist_ok=True)
        shutil.copyfile(path, copy)
        copies.append(copy)
    content = dataclasses.replace(project.content, files=tuple(copies))
    copied = dataclasses.replace(project, content=content)
    before = batch.input_hashes(copied, SLUGS, tmp_path / "out")
    hiv = tmp_path / "conditions" / "hiv.yaml"
    hiv.write_text(hiv.read_text() + "\n# reviewed again\n")
    after = batch.input_hashes(copied, SLUGS, tmp_path / "out")
    assert before["hiv"] != after["hiv"]
    assert before["lupus"] == after["lupus"]
    (tmp_path / "en" / "sections.yaml").write_text("changed")
    shared = batch.input_hashes(copied, SLUGS, tmp_path / "out")
    assert shared["lupus"] != after["lupus"]


def flaky(error: Exception) -> Any:
    def build(project: Project, slug: str, edition: str = "full") -> BuiltHandout:
        if slug == "hiv":
            raise error
        return REAL_BUILD(project, slug, edition)

    return build


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_failing_handout_does_not_stop_the_others(
    project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: int
) -> None:
    error = TemplateError("practice/templates/handout.rml.j2:7: undefined value in template")
    monkeypatch.setattr(batch, "build_handout", flaky(error))
    report = build_set(project, SLUGS, tmp_path, jobs=jobs)
    assert statuses(report) == {"hiv": FAILED, "lupus": BUILT}
    assert report.with_status(FAILED)[0].error == str(error)
    assert report.exit_code == 1
    assert report.summary().startswith("2 handouts: 1 built, 0 skipped, 1 failed in ")
    # The lock file stays, and is not output (tests/test_output_lock.py).
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        ".handouts.lock",
        "lupus.pdf",
        "manifest.json",
    ]
    assert list(read_manifest(tmp_path).handouts) == ["lupus"]


def test_a_bug_is_reported_with_file_and_line(
    project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(batch, "build_handout", flaky(ZeroDivisionError("division by zero")))
    report = build_set(project, SLUGS, tmp_path, jobs=1)
    error = report.with_status(FAILED)[0].error
    assert error.startswith("hiv: unexpected ZeroDivisionError: division by zero at ")
    assert f"{Path(__file__)}:" in error
    assert statuses(report)["lupus"] == BUILT


def test_a_template_failing_for_one_condition(project: Project, tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "handout.rml.j2").write_text(textwrap.dedent("""\
        {% extends "builtin/handout.rml.j2" %}
        {% block title %}
        {% if condition.slug == "hiv" %}{{ handout.no_such_value }}{% endif %}
        {{ super() }}
        {% endblock %}
        """))  # fmt: skip
    custom = dataclasses.replace(project, search_path=(templates, *project.search_path))
    report = build_set(custom, SLUGS, tmp_path / "out", jobs=1)
    assert statuses(report) == {"hiv": FAILED, "lupus": BUILT}
    assert report.with_status(FAILED)[0].error.startswith(
        f"{templates / 'handout.rml.j2'}:3: undefined value in template: "
    )
    lupus = read_manifest(tmp_path / "out").handouts["lupus"]
    assert lupus.templates == (str(templates / "handout.rml.j2"), "builtin/handout.rml.j2",
                               "builtin/macros.rml.j2")  # fmt: skip


def test_a_failed_rebuild_keeps_the_old_file_and_entry(
    project: Project, out: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    old_pdf = (out / "hiv.pdf").read_bytes()
    old_entry = read_manifest(out).handouts["hiv"]
    monkeypatch.setattr(batch, "build_handout", flaky(TemplateError("x.rml.j2:1: broken")))
    report = build_set(project, SLUGS, out, jobs=1, force=True)
    assert statuses(report) == {"hiv": FAILED, "lupus": BUILT}
    assert (out / "hiv.pdf").read_bytes() == old_pdf
    assert read_manifest(out).handouts["hiv"] == old_entry


def test_parallel_workers_give_the_same_bytes(project: Project, seed: Path, tmp_path: Path) -> None:
    report = build_set(project, SLUGS, tmp_path, jobs=2)
    assert report.jobs == 2
    assert statuses(report) == {"hiv": BUILT, "lupus": BUILT}
    for slug in SLUGS:
        assert (tmp_path / f"{slug}.pdf").read_bytes() == (seed / f"{slug}.pdf").read_bytes()
    assert (tmp_path / "manifest.json").read_bytes() == (seed / "manifest.json").read_bytes()
    assert 1 <= len(report.peak_rss_kb) <= 2
    assert all(kb > 10_000 for kb in report.peak_rss_kb.values())


def test_one_handout_or_jobs_1_builds_in_this_process(project: Project, tmp_path: Path) -> None:
    report = build_set(project, ["hiv"], tmp_path, jobs=4)
    assert report.jobs == 1
    assert list(report.peak_rss_kb) == [__import__("os").getpid()]


def test_output_inside_the_practice_folder_is_not_an_input(tmp_path: Path) -> None:
    clinic = tmp_path / "test-clinic"  # the folder named like its slug: see below
    clinic.mkdir()
    (clinic / "practice.yaml").write_text("name: Test Clinic\nslug: test-clinic\n")
    from handouts.pipeline.build import load_project

    practice = load_project(clinic)
    first = build_set(practice, ["hiv"], clinic / "out", jobs=1)
    assert first.folder == clinic / "out" / "test-clinic"
    assert statuses(build_set(practice, ["hiv"], clinic / "out", jobs=1)) == {"hiv": SKIPPED}
    # Even written into the practice folder itself, the PDFs and manifest are outputs.
    assert statuses(build_set(practice, ["hiv"], tmp_path, jobs=1)) == {"hiv": BUILT}
    assert (clinic / "hiv.pdf").is_file()
    assert statuses(build_set(practice, ["hiv"], tmp_path, jobs=1)) == {"hiv": SKIPPED}
    (clinic / "practice.yaml").write_text("name: Test Clinic\nslug: test-clinic\nphone: 555\n")
    changed = load_project(clinic)
    assert statuses(build_set(changed, ["hiv"], tmp_path, jobs=1)) == {"hiv": BUILT}
