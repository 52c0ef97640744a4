"""The practice sign-off: a real name and role, a date not in the future, and (a warning,
so an error with --strict) not older than the content's last review."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from handouts import paths
from handouts.cli import main
from handouts.validate.signoff import is_placeholder


@pytest.mark.parametrize(
    "text", ["TBD", "tbd", "TODO", "x", "-", "?", "...", "Dr TBD", "n/a", "X."]
)
def test_placeholders(text: str) -> None:
    assert is_placeholder(text)


@pytest.mark.parametrize("text", ["Dr Ana Ruiz", "Li Wei", "GP", "Practice pharmacist", "Nurse"])
def test_real_names_and_roles(text: str) -> None:
    assert not is_placeholder(text)


def lupus_reviewed_on() -> str:
    path = paths.builtin_content_dir() / "en" / "conditions" / "lupus.yaml"
    return str(yaml.safe_load(path.read_text(encoding="utf-8"))["review"]["reviewed_on"])


def test_a_sign_off_older_than_the_content_review(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "practice"
    folder.mkdir()
    (folder / "practice.yaml").write_text(
        "name: Test Clinic\nconditions: [lupus]\nextra_sections:\n"
        "  - title: Getting LDN here\n    after: how-to-take\n"
        "    text: Our pharmacy makes it up for you.\n"
        "sign_off:\n  name: Dr Ana Ruiz\n  role: GP\n  date: 2020-01-02\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    message = (
        f"signed off on 2020-01-02, before the content was last reviewed ({lupus_reviewed_on()}); "
        "read the practice's text against this content again, then update sign_off.date"
    )
    strict = CliRunner().invoke(main, ["check", "--practice", "practice", "--strict", "--json"])
    found = [
        (p["severity"], p["path"], p["line"], p["field"], p["message"])
        for p in json.loads(strict.stdout)["problems"]
        if p["check"] == "reviewer"
    ]
    assert found == [("warning", "practice/practice.yaml", 10, "sign_off.date", message)]
    assert strict.exit_code == 1
    lenient = CliRunner().invoke(main, ["check", "--practice", "practice"])
    assert lenient.exit_code == 0, lenient.output
    assert message in lenient.output
