"""manifest.json: what each built PDF is, what it was built from, and its hash."""

from __future__ import annotations

import hashlib
import io
import json
from pathlib import Path

import pypdf
import pytest

from handouts.batch.runner import BatchReport, build_set
from handouts.errors import OutputError
from handouts.output import manifest
from handouts.output.manifest import Manifest, ManifestEntry, read_manifest, write_manifest
from handouts.pipeline.build import Project, load_project

EXAMPLES = Path(__file__).resolve().parent.parent / "practices"


@pytest.fixture(scope="module")
def built(project: Project, tmp_path_factory: pytest.TempPathFactory) -> BatchReport:
    return build_set(project, ["lupus", "hiv"], tmp_path_factory.mktemp("out"), jobs=1)


def test_manifest_describes_each_file(project: Project, built: BatchReport) -> None:
    assert built.manifest == built.folder / "manifest.json"  # neutral profile: out/ itself
    data = json.loads(built.manifest.read_text(encoding="utf-8"))
    assert (data["format"], data["practice"]) == (1, "")
    assert [h["condition"] for h in data["handouts"]] == ["hiv", "lupus"]  # sorted
    for item in data["handouts"]:
        pdf = (built.folder / item["file"]).read_bytes()
        condition = project.content.conditions[item["condition"]]
        assert item["file"] == f"{item['condition']}.pdf"
        assert item["sha256"] == hashlib.sha256(pdf).hexdigest()
        assert item["pages"] == len(pypdf.PdfReader(io.BytesIO(pdf)).pages)
        assert item["language"] == "en"
        assert item["content_version"] == project.content.version
        assert item["reviewed"] == condition.review.reviewed_on.isoformat()
        assert item["next_review"] == condition.review.next_review.isoformat()
        assert item["templates"] == ["builtin/handout.rml.j2", "builtin/macros.rml.j2"]
        assert len(item["input_hash"]) == 64 and int(item["input_hash"], 16) >= 0
    assert data["handouts"][0]["input_hash"] != data["handouts"][1]["input_hash"]


def test_a_practice_gets_its_own_folder_and_manifest(tmp_path: Path) -> None:
    riverside = load_project(EXAMPLES / "riverside")
    report = build_set(riverside, ["chronic-pain"], tmp_path, jobs=1)
    assert report.manifest == tmp_path / "riverside" / "manifest.json"
    data = json.loads(report.manifest.read_text(encoding="utf-8"))
    assert data["practice"] == "riverside"
    item = data["handouts"][0]
    pdf = (tmp_path / "riverside" / "chronic-pain.pdf").read_bytes()
    assert item["sha256"] == hashlib.sha256(pdf).hexdigest()


def _entry(slug: str) -> ManifestEntry:
    return ManifestEntry(slug, "en", f"{slug}.pdf", "ab" * 32, 3, "2026.11", "2026-11-21",
                         "2027-11-21", ("builtin/handout.rml.j2",), "cd" * 32)  # fmt: skip


def test_round_trip_and_unchanged_bytes_not_rewritten(tmp_path: Path) -> None:
    record = Manifest("riverside", "0.1.0", {"hiv": _entry("hiv"), "lupus": _entry("lupus")})
    path = write_manifest(tmp_path, record)
    assert read_manifest(tmp_path) == record
    before = path.stat()
    write_manifest(tmp_path, record)
    after = path.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    assert path.read_bytes() == manifest.manifest_json(record)
    assert path.read_bytes().endswith(b"}\n")


@pytest.mark.parametrize("text", ["not json", '{"format": 99, "handouts": []}', "[]", ""])
def test_an_unusable_manifest_means_rebuild_not_error(tmp_path: Path, text: str) -> None:
    (tmp_path / "manifest.json").write_text(text)
    assert read_manifest(tmp_path) == Manifest()


def test_a_failed_manifest_write_keeps_the_old_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = Manifest("", "0.1.0", {"hiv": _entry("hiv")})
    path = write_manifest(tmp_path, old)

    def full_disk(target: Path, data: bytes) -> None:
        raise OutputError(f"{target}: cannot write: No space left on device")

    monkeypatch.setattr(manifest, "write_atomic", full_disk)
    with pytest.raises(OutputError, match="No space left"):
        write_manifest(tmp_path, Manifest("", "0.1.0", {"lupus": _entry("lupus")}))
    assert read_manifest(tmp_path) == old
    assert [p.name for p in tmp_path.iterdir()] == [path.name]
