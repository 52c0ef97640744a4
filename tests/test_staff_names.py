"""Conditions by the names staff use, on the command line and in practice.yaml, and
`handouts list --practice` marking the practice's set."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from handouts.cli import main
from handouts.errors import ContentError
from handouts.pipeline.build import load_project
from handouts.text.names import resolve_name, suggest_name

EXAMPLES = Path(__file__).resolve().parent.parent / "practices"


@pytest.mark.parametrize(
    ("word", "slug"),
    [("ms", "multiple-sclerosis"), ("MS", "multiple-sclerosis"),
     ("ibs", "irritable-bowel-syndrome"), ("ra", "rheumatoid-arthritis"),
     ("fibro", "fibromyalgia"), ("hashimoto", "hashimotos-thyroiditis"),
     ("Hashimoto's", "hashimotos-thyroiditis"), ("crohns", "crohns-disease"),
     ("multiple sclerosis", "multiple-sclerosis"), ("hiv", "hiv")],
)  # fmt: skip
def test_names_staff_use_resolve(word: str, slug: str) -> None:
    assert resolve_name(word, load_project().content.conditions) == slug


def test_unknown_names_suggest_the_slug() -> None:
    conditions = load_project().content.conditions
    assert resolve_name("fibr", conditions) is None
    assert suggest_name("fibr", conditions) == "fibromyalgia"
    assert suggest_name("hashimoto-thyroid", conditions) == "hashimotos-thyroiditis"
    assert suggest_name("zzzz", conditions) == ""


def test_build_by_alias_writes_the_slug_file(workdir: Path) -> None:
    result = CliRunner().invoke(main, ["build", "--edition", "full", "ms", "fibro", "--jobs", "1"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[:2] == [
        "wrote out/multiple-sclerosis.pdf",
        "wrote out/fibromyalgia.pdf",
    ]


def test_unknown_condition_exits_2_as_the_readme_says(workdir: Path) -> None:
    result = CliRunner().invoke(main, ["build", "--edition", "full", "fibr"])
    assert result.exit_code == 2
    assert result.output.startswith(
        'Error: unknown condition "fibr". Did you mean "fibromyalgia"? Known conditions: '
    )
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text()
    assert "2 a usage error (an unknown option, or a condition name that does not exist)" in (
        " ".join(readme.split())
    )


def test_practice_yaml_takes_aliases(tmp_path: Path) -> None:
    folder = tmp_path / "clinic"
    folder.mkdir()
    (folder / "practice.yaml").write_text("name: Test Clinic\nconditions: [ms, fibro, ibs]\n")
    assert load_project(folder).practice.conditions == (
        "multiple-sclerosis",
        "fibromyalgia",
        "irritable-bowel-syndrome",
    )
    (folder / "practice.yaml").write_text("name: Test Clinic\nconditions: [ms, fibr]\n")
    with pytest.raises(ContentError) as caught:
        load_project(folder)
    assert str(caught.value) == (
        f"{folder}/practice.yaml:2:18: conditions[1]: unknown condition 'fibr' "
        '(did you mean "fibromyalgia"?); `handouts list` shows them all'
    )


def test_list_marks_the_practice_set() -> None:
    practice = str(EXAMPLES / "riverside")
    result = CliRunner().invoke(main, ["list", "--practice", practice])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    marked = [line.split()[1] for line in lines[:-1] if line.startswith("* ")]
    # riverside/practice.yaml names these four (read by hand).
    assert sorted(marked) == ["chronic-pain", "crohns-disease", "fibromyalgia",
                              "multiple-sclerosis"]  # fmt: skip
    assert lines[-1].startswith("* in the clinic set of Riverside Family Medicine (4 of 15;")
    rows = json.loads(CliRunner().invoke(main, ["list", "--json", "--practice", practice]).output)
    assert sum(r["in_clinic_set"] for r in rows) == 4


def test_aliases_work_with_a_language(workdir: Path) -> None:
    # "ms" is what staff type, whatever language the handout prints in.
    args = ["build", "--edition", "full", "ms", "EM", "fibro", "--language", "es", "-j", "1"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[:2] == [
        "wrote out/es/multiple-sclerosis.pdf",
        "wrote out/es/fibromyalgia.pdf",
    ]


def test_practice_yaml_in_spanish_takes_aliases(tmp_path: Path) -> None:
    folder = tmp_path / "clinic"
    folder.mkdir()
    (folder / "practice.yaml").write_text(
        "name: Test Clinic\nlanguage: es\nconditions: [ms, hashimoto, ibs]\n"
    )
    assert load_project(folder).practice.conditions == (
        "multiple-sclerosis",
        "hashimotos-thyroiditis",
        "irritable-bowel-syndrome",
    )
