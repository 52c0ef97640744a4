"""practice.yaml's fields are declared once (model/settings.py, on model/practice.py's
dataclasses): the validator, init's practice.yaml and the README's table all come from
that declaration. The oracles here are the README (a person reads it), a golden copy of
init's practice.yaml (tests/golden/init-practice.yaml, rewritten with
HANDOUTS_UPDATE_GOLDEN=1 and read before committing) and hand-typed field names."""

from __future__ import annotations

import dataclasses
import os
import re
from pathlib import Path

import pytest

from handouts.errors import ContentError
from handouts.model import Colours, Practice, Protocol, SignOff, field_names, fields_of
from handouts.pipeline.build import load_practice
from handouts.scaffold import init_practice
from handouts.validate.practice_docs import fields_table
from handouts.validate.practice_fields import READERS

README = Path(__file__).resolve().parent.parent / "README.md"
GOLDEN = Path(__file__).parent / "golden" / "init-practice.yaml"


def test_readme_table_of_fields_is_the_declared_schema() -> None:
    text = README.read_text(encoding="utf-8")
    match = re.search(r"<!-- practice fields: start -->\n(.*?)<!-- practice fields: end -->",
                      text, re.S)  # fmt: skip
    assert match, "README.md has lost its practice fields markers"
    assert match[1] == fields_table(), (
        "README.md's table of practice.yaml fields is out of date; replace it with:\n"
        + fields_table()
    )


def test_the_declared_fields_in_practice_yaml_order() -> None:
    # Typed by hand: the order init writes and the README lists.
    assert field_names(Practice) == (
        "name", "slug", "address", "phone", "website", "full_guide_url", "editions", "logo",
        "colours", "font", "page_size", "large_print", "language", "locale", "conditions",
        "protocol", "pharmacy", "prescriber", "emergency_number", "extra_sections",
        "hidden_sections", "sign_off", "reading_grade_limit",
    )  # fmt: skip
    assert field_names(Colours) == ("primary", "accent", "text", "warning", "band", "band_text")
    assert field_names(Protocol) == (
        "start_dose", "step_dose", "step_interval_weeks", "target_dose", "timing", "review_weeks",
    )  # fmt: skip
    assert field_names(SignOff) == ("name", "role", "date")


def test_every_named_reader_exists_and_every_reader_is_named() -> None:
    named = {f.setting.reader for cls in (Practice, Colours, Protocol, SignOff)
             for f in fields_of(cls) if f.setting.reader}  # fmt: skip
    assert named - {"timing"} == set(READERS)  # timing is read inside the protocol


def test_every_field_has_one_line_of_help() -> None:
    for cls in (Practice, Colours, Protocol, SignOff):
        for f in fields_of(cls):
            assert f.setting.help and "\n" not in f.setting.help, f.name


def test_init_writes_the_golden_practice_yaml(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    init_practice(Path("new-clinic"))
    text = (tmp_path / "new-clinic" / "practice.yaml").read_text(encoding="utf-8")
    if os.environ.get("HANDOUTS_UPDATE_GOLDEN") == "1":
        GOLDEN.write_text(text, encoding="utf-8")
    assert text == GOLDEN.read_text(encoding="utf-8")


def test_init_practice_yaml_loads_back_to_the_defaults(tmp_path: Path) -> None:
    folder = tmp_path / "new-clinic"
    init_practice(folder)
    practice = load_practice(folder)
    expected = Practice(name="New Clinic", slug="new-clinic", root=folder.absolute(),
                        source=str(folder / "practice.yaml"))  # fmt: skip
    assert practice == expected


def test_a_declared_choice_and_range_are_what_the_validator_checks(tmp_path: Path) -> None:
    folder = tmp_path / "clinic"
    folder.mkdir()
    (folder / "practice.yaml").write_text(
        "name: Clinic\npage_size: a5\nreading_grade_limit: 14\nprotocol:\n  review_weeks: 20\n"
    )
    with pytest.raises(ContentError) as info:
        load_practice(folder)
    path = folder / "practice.yaml"
    assert [str(p) for p in info.value.problems] == [
        f"{path}:2:12: page_size: 'a5' is not one of: letter, a4",
        f"{path}:3:22: reading_grade_limit: 14 is out of range; use a number from 4 to 12",
        f"{path}:5:17: protocol.review_weeks: 20 is out of range; use a number from 8 to 12",
    ]


def test_adding_a_plain_field_is_one_declaration() -> None:
    # A dataclass declared like Practice's fields is read, written and tabled with no
    # other change: the readers know its kind.
    from handouts.model import setting
    from handouts.validate.practice_docs import yaml_lines

    @dataclasses.dataclass(frozen=True)
    class Extra:
        shade: str = setting("plain", "how the pages look", "choice", choices=("plain", "soft"))

    assert yaml_lines(Extra) == [
        "shade: plain                    # how the pages look; one of: plain, soft"
    ]
