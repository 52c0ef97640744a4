"""`handouts plan` as a user runs it: what it prints, what it refuses, what it leaves."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from handouts.cli import main
from handouts.pdf import fonts
from handouts.validate.patient import PlanInputError, clean_name

RIVERSIDE = Path(__file__).resolve().parent.parent / "practices" / "riverside"
NAME = "Zorblat Quimbyfeather"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["plan", *args])
    return result.exit_code, result.stdout, result.stderr


def test_privacy_nothing_but_the_pdf_holds_the_name(tmp_path: Path) -> None:
    """A cold run with its own home, cache and temp folders: after it, the name and the
    start date are found in no file but the PDF, and not in what the run printed."""
    home, out = tmp_path / "home", tmp_path / "out"
    cache, temp = home / ".cache", tmp_path / "tmp"
    for folder in (home, cache, temp):
        folder.mkdir(parents=True)
    env = {**os.environ, "HOME": str(home), "XDG_CACHE_HOME": str(cache), "TMPDIR": str(temp)}
    args = [sys.executable, "-m", "handouts", "plan", "multiple-sclerosis", "--practice",
            str(RIVERSIDE), "--patient", NAME, "--start", "2031-03-03",
            "--out", str(out)]  # fmt: skip
    done = subprocess.run(args, capture_output=True, env=env, cwd=tmp_path, check=False)
    assert done.returncode == 0, done.stderr
    target = out / "plan-multiple-sclerosis.pdf"
    assert done.stdout.decode() == f"wrote {target}\n" and done.stderr == b""
    files = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert target in files
    secrets = [NAME.encode(), b"Zorblat", b"2031-03-03", b"Mar 3, 2031"]
    for path in files:
        if path != target:
            data = path.read_bytes()
            assert not any(s in data for s in secrets), path
    # The name is in the PDF only inside compressed page streams, not in plain bytes.
    assert not any(s in target.read_bytes() for s in secrets)


def test_stdout(tmp_path: Path) -> None:
    args = [sys.executable, "-m", "handouts", "plan", "lupus", "--start", "2031-03-03",
            "--out", "-"]  # fmt: skip
    done = subprocess.run(args, capture_output=True, cwd=tmp_path, check=False)
    assert done.returncode == 0 and done.stdout.startswith(b"%PDF-") and done.stderr == b""
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--start", "2027-02-30"], "Error: --start: that is not a real date; write it as "
         "YYYY-MM-DD, for example 2027-01-04 (year, month, day)"),
        (["--start", "2027-01-04", "--patient", "  "], "Error: --patient: the name is empty; "
         "give the name, or leave --patient out to print blank lines to write on"),
        (["--start", "2027-01-04", "--patient", "王小明"], "Error: --patient: the name has 3 "
         "character(s) the font Atkinson Hyperlegible lacks, which "
         "would print as empty boxes; type the name in Latin letters, or leave --patient out "
         "and write it by hand"),
        (["--start", "2027-01-04", "--start-dose", "6", "--target-dose", "3"],
         "Error: --start-dose: 6 mg is more than target_dose (3 mg); start at or below the "
         "target"),
        (["--start", "2027-01-04", "--timing", "lunch"],
         "Error: --timing: 'lunch' is not a time of day the handout can say; choose one of: "
         "bedtime, night, morning, evening, with "
         "breakfast, after breakfast, with dinner, after dinner"),
        (["--start", "2027-01-04", "--step-weeks", "0"],
         "Error: --step-weeks: 0 is out of range; use a number from 1 to 12"),
        (["--start", "2027-01-04", "--form", "liquid"], "Error: --form liquid needs "
         "--strength: the liquid's strength in mg per mL, as on the pharmacy label (for "
         "example --strength 1 for 1 mg/mL)"),
        (["--start", "2027-01-04", "--form", "liquid", "--strength", "4.5"],
         "Error: --strength: 1.5 mg of a 4.5 mg/mL liquid is 0.333 mL, which an oral syringe "
         "cannot measure (it measures tenths of a mL); ask the pharmacy which strength they "
         "make, for example 1 mg/mL"),
    ],
)  # fmt: skip
def test_bad_input_clear_message_no_file(workdir: Path, args: list[str], message: str) -> None:
    code, _, err = run("multiple-sclerosis", "--practice", str(RIVERSIDE), *args)
    assert (code, err.strip()) == (1, message)
    assert not (workdir / "out").exists()


def test_past_start_is_a_warning(workdir: Path) -> None:
    code, out, err = run("lupus", "--start", "2020-01-06", "--patient", NAME)
    assert code == 0 and out == "wrote out/plan-lupus.pdf\n"
    assert err.startswith("warning: the --start date is in the past")
    assert NAME not in err and "2020" not in err
    assert (workdir / "out" / "plan-lupus.pdf").is_file()


def test_error_from_a_practice_template_is_redacted(tmp_path: Path) -> None:
    practice = tmp_path / "clinic"
    (practice / "templates").mkdir(parents=True)
    (practice / "practice.yaml").write_text("name: Test Clinic\n")
    (practice / "templates" / "plan.rml.j2").write_text(
        '{% extends "builtin/plan.rml.j2" %}\n'
        "{% block card_front %}{{ plan_ui[patient.name] }}{% endblock %}\n"
    )
    code, _, err = run("lupus", "--practice", str(practice), "--patient", NAME,
                       "--start", "2031-03-03", "--out", str(tmp_path / "x.pdf"))  # fmt: skip
    assert code == 1 and "undefined value in template" in err and "[patient details]" in err
    assert "Zorblat" not in err and not (tmp_path / "x.pdf").exists()


ATKINSON = fonts.font_characters("atkinson-hyperlegible")


@settings(max_examples=200, deadline=None)
@given(st.text(min_size=0, max_size=80))
def test_any_name_prints_or_is_refused_without_echo(text: str) -> None:
    try:
        name = clean_name(text, "--patient", ATKINSON, "Atkinson Hyperlegible")
    except PlanInputError as exc:
        message = str(exc)
        assert message.startswith("--patient: ")
        squashed = " ".join(text.split())
        if len(squashed) >= 6:
            assert squashed not in message
        return
    assert name and name == " ".join(name.split()) and len(name) <= 60
    assert all(ord(ch) in ATKINSON and ch.isprintable() for ch in name)
