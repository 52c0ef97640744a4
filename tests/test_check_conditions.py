"""`handouts check CONDITIONS`: check only the handouts named, by slug or a staff name."""

from __future__ import annotations

import json

from click.testing import CliRunner

from handouts.cli import main


def run_check(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["check", *args])
    return result.exit_code, result.output


def test_named_conditions_are_the_only_handouts_checked() -> None:
    code, output = run_check("ms", "fibro", "--edition", "full", "--json")
    assert code == 0, output
    report = json.loads(output)
    assert [h["slug"] for h in report["handouts"]] == ["multiple-sclerosis", "fibromyalgia"]
    assert report["notes"] == [
        "Checked only multiple-sclerosis, fibromyalgia (2 conditions; the clinic set has 15): "
        "run check without condition names before printing the whole set."
    ]


def test_one_condition_of_a_practice_names_its_clinic_set_size() -> None:
    code, output = run_check("lupus", "--practice", "practices/riverside", "--edition", "full")
    assert code == 0, output
    assert output.splitlines()[0] == (
        "note: Checked only lupus (1 condition; the clinic set has 4): run check without "
        "condition names before printing the whole set."
    )
    assert output.splitlines()[-1] == (
        "passed: 1 handout for Riverside Family Medicine, content 2026.11, no errors"
    )


def test_both_editions_of_one_condition_by_default() -> None:
    code, output = run_check("hiv", "--json")
    assert code == 0, output
    handouts = [(h["slug"], h["edition"]) for h in json.loads(output)["handouts"]]
    assert handouts == [("hiv", "full"), ("hiv", "summary")]


def test_an_unknown_condition_is_a_usage_error_as_in_build() -> None:
    code, output = run_check("lupuss")
    assert code == 2
    assert output.startswith('Error: unknown condition "lupuss". Did you mean "lupus"?')
    assert run_check("lupuss")[1] == CliRunner().invoke(main, ["build", "lupuss"]).output
