"""The manifest of an output folder: what each PDF is, what it was built from, its hash.

``out/<practice>/manifest.json`` (``out/manifest.json`` for the neutral profile) lists
per handout: condition, language, file, sha256, pages, content version, review dates,
the template files used and the input hash. Incremental builds read it to skip a
handout whose inputs and file are unchanged. It holds no time stamp, so the same inputs
give the same bytes, and it is written atomically through ``write.py``.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from handouts.output.write import write_atomic

MANIFEST_NAME = "manifest.json"
FORMAT = 1


@dataclass(frozen=True)
class ManifestEntry:
    """One built handout."""

    condition: str
    language: str
    file: str  # name inside the output folder
    sha256: str
    pages: int
    content_version: str
    reviewed: str  # ISO dates
    next_review: str
    templates: tuple[str, ...]
    input_hash: str
    edition: str = "full"


@dataclass(frozen=True)
class BookletEntry:
    """The combined booklet, if one was written."""

    file: str
    sha256: str
    pages: int
    date: str
    handouts: tuple[str, ...]
    input_hash: str


@dataclass(frozen=True)
class Manifest:
    """Everything an output folder holds, by condition slug."""

    practice: str = ""
    tool_version: str = ""
    handouts: dict[str, ManifestEntry] = field(default_factory=dict)
    booklet: BookletEntry | None = None


def manifest_path(folder: Path) -> Path:
    """Where the manifest of ``folder`` lives."""
    return folder / MANIFEST_NAME


def file_sha256(path: Path) -> str | None:
    """Hex sha256 of a file's bytes, or None if it cannot be read."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def _entry(data: dict[str, Any]) -> ManifestEntry:
    values = dict(data)
    values["templates"] = tuple(values.get("templates", ()))
    return ManifestEntry(**values)


def read_manifest(folder: Path) -> Manifest:
    """The folder's manifest; an empty one if it is missing, unreadable or of another format.

    An unusable manifest is not an error: it only means that every handout is rebuilt.
    """
    try:
        data = json.loads(manifest_path(folder).read_text(encoding="utf-8"))
        if data.get("format") != FORMAT:
            return Manifest()
        # Keyed by file stem: "<slug>" for the full guide, "<slug>-summary" and so on.
        handouts = {Path(item["file"]).stem: _entry(item) for item in data.get("handouts", [])}
        booklet = data.get("booklet")
        return Manifest(
            practice=str(data.get("practice", "")),
            tool_version=str(data.get("tool_version", "")),
            handouts=handouts,
            booklet=BookletEntry(**{**booklet, "handouts": tuple(booklet["handouts"])})
            if booklet
            else None,
        )
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return Manifest()


def manifest_json(manifest: Manifest) -> bytes:
    """The manifest as stable JSON: handouts sorted by condition, keys in a fixed order."""
    data: dict[str, Any] = {
        "format": FORMAT,
        "practice": manifest.practice,
        "tool_version": manifest.tool_version,
        "handouts": [_entry_json(manifest.handouts[key]) for key in sorted(manifest.handouts)],
    }
    if manifest.booklet is not None:
        data["booklet"] = asdict(manifest.booklet)
    return (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def _entry_json(entry: ManifestEntry) -> dict[str, Any]:
    data = asdict(entry)
    if entry.edition == "full":  # manifests of full guides read as before
        del data["edition"]
    return data


def write_manifest(folder: Path, manifest: Manifest) -> Path:
    """Write the manifest atomically; unchanged bytes are not rewritten."""
    target = manifest_path(folder)
    data = manifest_json(manifest)
    try:
        if target.read_bytes() == data:
            return target
    except OSError:
        pass
    write_atomic(target, data)
    return target


def is_current(entry: ManifestEntry | None, input_hash: str, folder: Path) -> bool:
    """True if ``entry`` was built from ``input_hash`` and its file is still as written."""
    if entry is None or entry.input_hash != input_hash:
        return False
    return file_sha256(folder / entry.file) == entry.sha256
