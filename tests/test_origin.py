"""Provenance: every text a handout prints knows the file, line and field it is written
at (model.origin), so check and the glyph stage never search the files for the words."""

from __future__ import annotations

import pickle
import re
from pathlib import Path

import pytest

from handouts.merge.handout import merge_handout
from handouts.model import Origin, Text, made_from, origin_of
from handouts.pipeline.build import load_project
from handouts.render.templates import _plain_data
from handouts.text.sections import section_texts

ROOT = Path(__file__).resolve().parents[1]


def _texts(slug: str) -> list[tuple[str, str, Origin | None]]:
    project = load_project()
    handout = merge_handout(project.content, slug, project.practice)
    return [
        (part.id, written, part.origin(i))
        for part in section_texts(handout)
        for i, written in enumerate(part.written)
    ]


def test_hand_checked_origins_of_the_ms_handout() -> None:
    # Read off the files by hand: the summary is at multiple-sclerosis.yaml line 5; the
    # warning's "do not stop it on your own" note is the opioid-warning section's second
    # block, sections.yaml line 168.
    found = {written[:40]: origin for _, written, origin in _texts("multiple-sclerosis")}
    assert found["Small studies of LDN in MS had mixed res"] == Origin(
        "content/en/conditions/multiple-sclerosis.yaml", 5, 10, "summary"
    )
    assert found["If you take an opioid now, do not stop i"] == Origin(
        "content/en/sections.yaml", 168, 15, "sections[5].body[1].note"
    )


@pytest.mark.parametrize("slug", ["multiple-sclerosis", "fibromyalgia", "lupus"])
def test_every_printed_text_is_found_in_its_file_at_its_line(slug: str) -> None:
    for part_id, written, origin in _texts(slug):
        assert origin is not None, (part_id, written[:50])
        # The oracle is the file itself: the text's first words are written within a
        # few lines from its origin (folded paragraphs wrap them).
        lines = (ROOT / origin.path).read_text(encoding="utf-8").splitlines()
        window = " ".join(lines[origin.line - 1 : origin.line + 3])
        first = re.findall(r"[\w']+", written)[:3]
        assert re.search(r"\W+".join(first), window), (origin, written[:50])


def test_text_is_its_string_and_survives_pickling() -> None:
    text = Text("Keep taking your MS medicines.", Origin("a.yaml", 3, 5, "key_points[0]"))
    assert text == "Keep taking your MS medicines." and hash(text) == hash(str(text))
    again = pickle.loads(pickle.dumps(text))  # batch workers receive the project pickled
    assert (again, origin_of(again)) == (text, Origin("a.yaml", 3, 5, "key_points[0]"))
    assert origin_of("made in code") is None


def test_templates_see_plain_strings_never_an_origin() -> None:
    value = _plain_data(Text("LDN", Origin("secret/path.yaml", 1)))
    assert type(value) is str and not hasattr(value, "origin")


def test_text_made_from_one_written_string_keeps_its_origin() -> None:
    title = Text("LDN and {condition}", Origin("sections.yaml", 83, 12, "sections[2].title"))
    filled = made_from(title.replace("{condition}", "lupus"), title)
    assert (filled, origin_of(filled)) == ("LDN and lupus", Origin("sections.yaml", 83, 12,
                                           "sections[2].title"))  # fmt: skip
    assert origin_of(made_from("LDN and lupus", "typed in code")) is None
