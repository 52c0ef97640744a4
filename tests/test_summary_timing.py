"""The sheet says when to take LDN once, in the plan's words ("at bedtime", "with
breakfast"): it printed "once a day, at at bedtime", and its dose table's header read
the setting's raw name ("at with_breakfast")."""

from __future__ import annotations

import dataclasses

import pytest
from helpers import edition_project, pdf_text, squash

from handouts.editions import SUMMARY
from handouts.pipeline.build import build_handout, render_html


@pytest.mark.parametrize(("timing", "words"), [("bedtime", "at bedtime"),
                                              ("with_breakfast", "with breakfast")])  # fmt: skip
def test_the_sheet_says_the_timing_once(timing: str, words: str) -> None:
    base = edition_project("letter")
    protocol = dataclasses.replace(base.practice.protocol, timing=timing)
    project = dataclasses.replace(
        base, practice=dataclasses.replace(base.practice, protocol=protocol)
    )
    text = squash(pdf_text(build_handout(project, "lupus", "summary").pdf))
    assert f"Take it once a day, {words}. Write the date you start each dose." in text
    assert f"Dose each day, {words} Date you start" in text
    assert "at at" not in text and "_" not in text
    html = render_html(project, "lupus", SUMMARY)
    assert f'<th scope="col">Dose each day, {words}</th>' in html


def test_northfield_takes_it_at_night() -> None:
    text = squash(pdf_text(build_handout(edition_project("northfield"), "depression",
                                         "summary").pdf))  # fmt: skip
    assert "Take it once a day, at night." in text and "Dose each day, at night" in text
