"""The YAML loader's bounds, at the sizes the issue reported (each was a traceback or a
hang): a located problem, at once, never an exception other than ContentError."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from handouts.cli import main
from handouts.errors import ContentError
from handouts.text.yamlfile import parse_yaml_bytes


def problems(raw: bytes) -> list[str]:
    with pytest.raises(ContentError) as info:
        parse_yaml_bytes(raw, "x.yaml")
    return [f"{p.line}:{p.column}: {p.field}: {p.message}" for p in info.value.problems]


def test_99000_aliases_of_one_500_kb_string() -> None:
    raw = b"a: &a " + b"x" * 500_000 + b"\nb: [" + b", ".join([b"*a"] * 99_000) + b"]\n"
    started = time.monotonic()
    assert problems(raw) == [
        "1:4: b[3]: the text expands to more than 2,000,000 characters "
        "(aliases repeating a long value?); refused"
    ]
    assert time.monotonic() - started < 5


def test_nesting_500_levels() -> None:
    [problem] = problems(b"a: " + b"[" * 500 + b"]" * 500 + b"\n")
    assert problem.endswith(": nested more than 40 levels deep; refused")
    assert problem.startswith("1:44: a" + "[0]" * 39 + ":")


def test_nesting_40_levels_is_fine() -> None:
    doc = parse_yaml_bytes(b"a: " + b"[" * 39 + b"1" + b"]" * 39 + b"\n", "x.yaml")
    value = doc.data["a"]
    for _ in range(39):
        value = value[0]
    assert value == 1


def test_a_hex_number_of_4000_digits_stays_text() -> None:
    doc = parse_yaml_bytes(b"phone: 0x" + b"f" * 4000 + b"\n", "x.yaml")
    assert doc.data["phone"] == "0x" + "f" * 4000
    assert parse_yaml_bytes(b"n: 0x1f\n", "x.yaml").data["n"] == 31


def test_12000_extra_sections(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "practice"
    folder.mkdir()
    items = "".join(
        f"  - {{title: Part {i}, text: Hello there., after: how-to-take}}\n" for i in range(12_000)
    )
    (folder / "practice.yaml").write_text(
        "name: Test Clinic\nextra_sections:\n" + items, encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    message = "12,000 extra sections; a handout takes at most 20"
    build = CliRunner().invoke(main, ["build", "--practice", "practice", "lupus", "--out", "out"])
    assert build.exit_code == 1, build.output
    assert build.stderr == f"Error: practice/practice.yaml:3:3: extra_sections: {message}\n"
    check = CliRunner().invoke(main, ["check", "--practice", "practice", "--json"])
    assert check.exit_code == 1, check.output
    found = json.loads(check.stdout)["problems"]
    assert [(p["line"], p["field"], p["message"]) for p in found] == [
        (3, "extra_sections", message)
    ]
    assert not (tmp_path / "out").exists()
