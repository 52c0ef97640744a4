"""The corpus of hostile and malformed inputs: one folder per case under ``corpus/``.

Each case folder holds ``case.yaml`` (what to run and the exact message expected, with its
file and line) and the input files. Kinds of case:

- ``content``: ``input/`` is laid over a copy of the built-in content tree (its shared
  files, without the built-in conditions), which is then loaded and validated (and, with
  ``build: <slug>``, built into a PDF in memory); with ``language: es``, the Spanish
  content is (its ui.yaml and sections.yaml are copied too, beside the English ones).
- ``practice``: ``practice/`` is copied to a temporary folder and built with
  ``handouts build --practice practice ARGS`` (the CLI, as a user runs it); the message
  is what follows ``Error:`` or, for one handout that fails to build, ``failed:``.
- ``cli``: ``input/`` is copied to a temporary folder and ``handouts ARGS`` runs there.

``{tmp}`` in ``args``, ``links`` and ``expect`` stands for that temporary folder. Every
case must end in the expected error and leave no PDF or temporary file behind. A
``practice`` case must also fail ``handouts check --strict`` with the same words
(``same_in_check: false`` while check still words it differently; ``check: false`` where
check cannot see the problem yet, each with a reason in ``about``); like the build, that
check makes the full guide only.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from handouts import paths
from handouts.cli import main
from handouts.errors import HandoutsError
from handouts.load.content import load_content_docs
from handouts.model import Practice
from handouts.pipeline.build import Project, build_handout
from handouts.validate.content import validate_content

CORPUS = Path(__file__).parent / "corpus"
CASES = sorted(p.name for p in CORPUS.iterdir() if (p / "case.yaml").is_file())
KINDS = {"content", "practice", "cli"}


def read_case(name: str) -> dict[str, Any]:
    case = yaml.safe_load((CORPUS / name / "case.yaml").read_text(encoding="utf-8"))
    assert case["kind"] in KINDS, name
    assert case["about"] and case["expect"], name
    return dict(case)


def fill(text: str, tmp: Path) -> str:
    """``text`` with ``{tmp}`` replaced (other braces, such as ``{phone}``, stay)."""
    return text.replace("{tmp}", str(tmp))


def make_png(path: Path, width: int, height: int) -> None:
    """A valid PNG of the given size (one colour, so it is small on disk)."""
    from PIL import Image

    Image.MAX_IMAGE_PIXELS = None  # this test makes the bomb on purpose
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("1", (width, height)).save(path, optimize=False)


def prepare(case: dict[str, Any], source: Path, target: Path, tmp: Path) -> None:
    """Copy ``source`` to ``target``; then make the case's links and generated files
    (their paths are relative to ``target``)."""
    if source.is_dir():
        shutil.copytree(source, target, dirs_exist_ok=True, symlinks=True)
    for link, pointee in case.get("links", {}).items():
        where = target / link
        where.parent.mkdir(parents=True, exist_ok=True)
        where.symlink_to(fill(pointee, tmp))
    for name, spec in case.get("generate", {}).items():
        where = target / name
        where.parent.mkdir(parents=True, exist_ok=True)
        if "png" in spec:
            make_png(where, *spec["png"])
        elif spec.get("fifo"):
            os.mkfifo(where)
        else:
            where.write_text(spec["text"] * spec["times"], encoding="utf-8")


def run_content(case: dict[str, Any], folder: Path, tmp: Path) -> str:
    root = tmp / "content"
    # The built-in shared files, without the built-in conditions: each case brings its own.
    shutil.copytree(paths.builtin_content_dir(), root, ignore=shutil.ignore_patterns("*.yaml"))
    language = case.get("language", "en")
    shared = ["references.yaml", "forbidden.yaml", "en/ui.yaml", "en/sections.yaml"]
    if language != "en":
        shared += [f"{language}/ui.yaml", f"{language}/sections.yaml"]
    for name in shared:
        shutil.copy(paths.builtin_content_dir() / name, root / name)
    prepare(case, folder / "input", root, tmp)
    templates = paths.builtin_templates_dir()
    with pytest.raises(HandoutsError) as info:
        content = validate_content(load_content_docs(root, language))
        if case.get("build"):
            project = Project(content, Practice(), (templates,), (templates,))
            build_handout(project, case["build"])
    return str(info.value)


def run_cli(args: list[str], exit_code: int) -> str:
    """Run the CLI; return its error message (``Error: ...``, or a handout's ``failed: ...``)."""
    result = CliRunner().invoke(main, args)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    assert result.exit_code == exit_code, result.output
    for prefix in ("Error: ", "failed: "):
        if result.stderr.startswith(prefix):
            return result.stderr[len(prefix) :].rstrip("\n")
    raise AssertionError(f"no error message in: {result.output}")


def assert_check_refuses(expected: str, same_words: bool, conditions: list[str]) -> None:
    """``handouts check --strict`` of the full guide of the same ``conditions`` on the same
    folder fails, and says what build said."""
    # Build made the full guide of these conditions only (test_case), so check need not
    # make the summary or the rest of the clinic set (each case's problem shows in the
    # handout built): about a second a case instead of several.
    args = ["check", *conditions, "--practice", "practice", "--strict", "--edition", "full"]
    result = CliRunner().invoke(main, args)
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert result.exit_code == 1, result.output
    if not same_words:
        return
    said = " ".join(result.output.split())
    first = expected.splitlines()[0]
    # The report shows each problem under its file (the part before the first ": ").
    where, _, words = first.partition(": ")
    if not words or " " in where:
        words = first
    assert " ".join(words.split()) in said, result.output


@pytest.mark.parametrize("name", CASES)
def test_case(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    case = read_case(name)
    folder = CORPUS / name
    monkeypatch.chdir(tmp_path)
    args = [fill(a, tmp_path) for a in case.get("args", [])]
    if case["kind"] == "content":
        message = run_content(case, folder, tmp_path)
    elif case["kind"] == "practice":
        prepare(case, folder / "practice", tmp_path / "practice", tmp_path)
        # The corpus was written for the full guide; the summary has its own tests.
        cli_args = ["build", "--practice", "practice", "--edition", "full", *args, "--out", "out"]
        message = run_cli(cli_args, case.get("exit", 1))
    else:
        prepare(case, folder / "input", tmp_path, tmp_path)
        message = run_cli(args, case.get("exit", 1))
    expected = fill(case["expect"], tmp_path).rstrip("\n")
    assert message == expected
    if case["kind"] == "practice" and case.get("check", True):
        assert_check_refuses(expected, case.get("same_in_check", True), args)
    leftovers = [
        p
        for p in tmp_path.rglob("*")
        if p.suffix in (".pdf", ".html") or ".handouts-tmp-" in p.name
    ]
    assert not leftovers, leftovers


def test_corpus_is_large_enough() -> None:
    kinds = [read_case(name)["kind"] for name in CASES]
    assert len(CASES) >= 40
    assert {"content", "practice", "cli"} <= set(kinds)
