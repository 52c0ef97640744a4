"""Write content/es/conditions/<slug>.yaml from a draft body: adds the slug, the
translation record (with the English file's sha256) and the review block. A helper for
translators, kept beside the tests that hold the two languages in step."""

from __future__ import annotations

import hashlib
import re
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent / "content"
HEADER = """slug: {slug}
translation:
  source: en/conditions/{slug}.yaml
  source_sha256: {sha}
  translator: equipo de desarrollo de handouts (borrador hecho con ayuda de software)
  translated_on: 2026-12-01
  reviewer: pending
  reviewed_on: null
  clinical_reviewer: pending
"""
REVIEW = """review:
  reviewed_on: {reviewed_on}
  next_review: {next_review}
  reviewer: {reviewer} (versión en inglés)
"""
ROLES = {"Clinical pharmacist": "Farmacéutico clínico"}


def main(draft: Path) -> None:
    slug = draft.stem
    english = ROOT / "en" / "conditions" / f"{slug}.yaml"
    sha = hashlib.sha256(english.read_bytes()).hexdigest()
    review = yaml.safe_load(english.read_text(encoding="utf-8"))["review"]
    body = draft.read_text(encoding="utf-8")
    text = (
        HEADER.format(slug=slug, sha=sha)
        + body
        + REVIEW.format(
            reviewed_on=review["reviewed_on"],
            next_review=review["next_review"],
            reviewer=ROLES.get(review["reviewer"], review["reviewer"]),
        )
    )
    (ROOT / "es" / "conditions" / f"{slug}.yaml").write_text(text, encoding="utf-8")


def stamp(path: Path) -> None:
    """Record the current sha256 of a translated file's English source in its
    ``translation:`` block (after bringing the translation in step with the English)."""
    text = path.read_text(encoding="utf-8")
    source = re.search(r"^  source: (\S+)$", text, re.MULTILINE)
    assert source, f"{path}: no translation.source"
    sha = hashlib.sha256((ROOT / source[1]).read_bytes()).hexdigest()
    text = re.sub(r"^  source_sha256: \S+$", f"  source_sha256: {sha}", text, flags=re.MULTILINE)
    path.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--stamp"]:
        for name in sys.argv[2:]:
            stamp(Path(name))
    else:
        for name in sys.argv[1:]:
            main(Path(name))
