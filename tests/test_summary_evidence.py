"""The summary's key-facts evidence line is the two-part scale in the scale's own words,
never a hand-typed line (a sheet that types one is refused at its line)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from helpers import squash
from test_evidence_scale import EXPECTED
from test_summary import pages

from handouts.errors import ContentError
from handouts.model import Project
from handouts.pipeline.build import build_handout
from handouts.validate.edition import load_edition_content

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("slug", sorted(EXPECTED))
def test_key_facts_say_the_scale_in_its_words(project: Project, slug: str) -> None:
    _, research, found = EXPECTED[slug]
    front = pages(build_handout(project, slug, "summary").pdf)[0]
    facts = front[front.index("Key facts") : front.index("What studies found")]
    line = f"How much research in people: {research}. What it found: {found}."
    assert line in squash(facts), (slug, facts)
    assert "The evidence:" not in front


def test_a_hand_typed_evidence_line_is_refused(project: Project, tmp_path: Path) -> None:
    lang = tmp_path / "en"
    (lang / "summary").mkdir(parents=True)
    shutil.copy(ROOT / "content" / "en" / "summary.yaml", lang / "summary.yaml")
    text = (ROOT / "content" / "en" / "summary" / "hiv.yaml").read_text(encoding="utf-8")
    text = text.replace("keep:", "evidence: '**The evidence:** strong.'\nkeep:", 1)
    (lang / "summary" / "hiv.yaml").write_text(text, encoding="utf-8")
    line = text.split("\n").index("evidence: '**The evidence:** strong.'") + 1
    with pytest.raises(ContentError) as caught:
        load_edition_content(tmp_path, "summary", project.content)
    assert str(caught.value) == (
        f"{tmp_path.name}/en/summary/hiv.yaml:{line}:11: evidence: "
        "the evidence line is not typed by hand: "
        "the sheet prints the condition's evidence scale in the scale's own words "
        "(evidence: research and found in conditions/hiv.yaml). Delete this line"
    )
