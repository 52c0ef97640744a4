"""A practice manager's protocol, in their words, prints as they meant it: timing phrases
in correct English, advice the plan already covers reworded, the plan checked as a whole
at its practice.yaml line, and the steps written from the doses actually taken."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from helpers import pdf_text, squash

from handouts.errors import ContentError
from handouts.model import Protocol
from handouts.pipeline.build import build_handout, load_project
from handouts.text.protocol import normalise_timing, protocol_values


def practice(tmp_path: Path, protocol: str) -> Path:
    folder = tmp_path / "clinic"
    folder.mkdir()
    body = textwrap.indent(textwrap.dedent(protocol).strip(), "  ")
    (folder / "practice.yaml").write_text(f"name: Test Clinic\nprotocol:\n{body}\n")
    return folder


def handout_text(folder: Path) -> str:
    built = build_handout(load_project(folder), "fibromyalgia")
    return squash(pdf_text(built.pdf))


@pytest.mark.parametrize(
    ("written", "sentence", "header"),
    [
        ("morning", "once a day, in the morning.", "Dose each day, in the morning"),
        ("evening", "once a day, in the evening.", "Dose each day, in the evening"),
        ("after breakfast", "once a day, after breakfast.", "Dose each day, after breakfast"),
        ("With Breakfast", "once a day, with breakfast.", "Dose each day, with breakfast"),
        ("at bedtime", "once a day, at bedtime.", "Dose each day, at bedtime"),
    ],
)
def test_timing_reads_as_english(tmp_path: Path, written: str, sentence: str, header: str) -> None:
    text = handout_text(practice(tmp_path, f"timing: {written}"))
    assert f"Start with 1.5 mg {sentence}" in text
    assert header in text
    assert "at morning" not in text and "at evening" not in text and "at after" not in text


def test_morning_plan_drops_the_take_it_in_the_morning_advice(tmp_path: Path) -> None:
    text = handout_text(practice(tmp_path, "timing: morning"))
    assert "ask about taking LDN in the morning" not in text
    assert (
        "If sleep problems or vivid dreams go on, tell your prescriber. Your plan already "
        "has you take LDN in the morning." in text
    )
    assert "For sleep trouble, tell your prescriber." in text


def test_bedtime_plan_keeps_the_morning_advice(tmp_path: Path) -> None:
    text = handout_text(practice(tmp_path, "timing: bedtime"))
    assert "For sleep trouble, ask about taking LDN in the morning." in text


def test_unknown_timing_lists_the_choices(tmp_path: Path) -> None:
    folder = practice(tmp_path, "timing: breakfast")
    with pytest.raises(ContentError) as caught:
        load_project(folder)
    assert str(caught.value) == (
        f"{folder}/practice.yaml:3:11: protocol.timing: 'breakfast' is not a time of day "
        'the handout can say (did you mean "with breakfast"?); choose one of: bedtime, '
        "night, morning, evening, with breakfast, after breakfast, with dinner, after dinner"
    )


def test_step_larger_than_the_gap_is_refused_at_its_line(tmp_path: Path) -> None:
    folder = practice(
        tmp_path, "start_dose: 0.5\nstep_dose: 5\nstep_interval_weeks: 1\ntarget_dose: 4.5"
    )
    with pytest.raises(ContentError) as caught:
        load_project(folder)
    assert str(caught.value) == (
        f"{folder}/practice.yaml:4:14: protocol.step_dose: a step of 5 mg is more than the "
        "whole way from start_dose (0.5 mg) to target_dose (4.5 mg), so the plan would go "
        "straight from 0.5 to 4.5 mg; use a step of at most 4 mg, or set step_dose to 4 "
        "for one step"
    )


def test_start_at_target_prints_no_steps(tmp_path: Path) -> None:
    text = handout_text(practice(tmp_path, "start_dose: 4.5\nstep_dose: 0.5\ntarget_dose: 4.5"))
    assert "Start with 4.5 mg once a day, at bedtime." in text
    assert "Go up by" not in text
    assert "Stop going up" not in text and "Once you reach" not in text


def test_uneven_last_step_is_named(tmp_path: Path) -> None:
    text = handout_text(practice(tmp_path, "start_dose: 1.5\nstep_dose: 2\ntarget_dose: 4.5"))
    # 1.5 -> 3.5 -> 4.5 (worked by hand): the last step is 1 mg.
    assert "Go up by 2 mg (1 mg for the last step) after 2 weeks on each dose" in text


def test_even_steps_read_as_before() -> None:
    values = protocol_values(Protocol(1.5, 1.5, 2, 4.5, "night"), {}, "your GP")
    assert values["step_dose"] == "1.5 mg"
    assert values["timing"] == "night"  # no phrase in this ui: the choice itself


@pytest.mark.parametrize(
    ("written", "choice"),
    [("At Bedtime", "bedtime"), ("with_breakfast", "with breakfast"),
     ("in the  morning", "morning"), ("once a day, at night", "night")],
)  # fmt: skip
def test_normalise_timing(written: str, choice: str) -> None:
    assert normalise_timing(written) == choice
