"""Shell completion in a practice manager's words: "I type `handouts build fib` and press
Tab" -> fibromyalgia and fibro; "`--practice ` Tab" -> our practice folders. The scripts
come from Click's own machinery, installed by `handouts completion SHELL`."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from handouts.cli import main

ROOT = Path(__file__).resolve().parent.parent


def complete(shell: str, words: str, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """What the shell script asks Click for, as the script itself would (Click's protocol)."""
    monkeypatch.chdir(ROOT)
    incomplete = "" if words.endswith(" ") else words.split()[-1]
    # bash and zsh give the index of the word being completed; fish gives the word itself.
    cword = incomplete if shell == "fish" else str(len(words.split()) - 1 + (not incomplete))
    env = {"_HANDOUTS_COMPLETE": f"{shell}_complete", "COMP_WORDS": words, "COMP_CWORD": cword}
    result = CliRunner().invoke(main, [], env=env, prog_name="handouts")
    assert result.exit_code == 0, result.output
    return result.output.splitlines()


def test_bash_completes_conditions_and_the_names_staff_use(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert complete("bash", "handouts build fib", monkeypatch) == [
        "plain,fibromyalgia",
        "plain,fibro",
    ]
    assert complete("bash", "handouts plan m", monkeypatch) == [
        "plain,multiple-sclerosis",
        "plain,ms",
    ]
    assert "plain,hashimoto" in complete("bash", "handouts preview hash", monkeypatch)


def test_bash_completes_practice_folders(monkeypatch: pytest.MonkeyPatch) -> None:
    got = complete("bash", "handouts build --practice ", monkeypatch)
    # practices/ holds these two (and the shell's own folder completion comes last).
    assert got == ["plain,practices/northfield", "plain,practices/riverside", "dir,"]
    assert complete("bash", "handouts check --practice practices/r", monkeypatch) == [
        "plain,practices/riverside",
        "dir,practices/r",
    ]


def test_zsh_and_fish_get_the_help_text(monkeypatch: pytest.MonkeyPatch) -> None:
    zsh = complete("zsh", "handouts build fibr", monkeypatch)
    # Click's zsh protocol: type, value, help ("_" for none) for each item.
    assert zsh == ["plain", "fibromyalgia", "_", "plain", "fibro", "fibromyalgia"]
    fish = complete("fish", "handouts build ibs", monkeypatch)
    assert fish == ["plain,ibs\tirritable-bowel-syndrome"]


@pytest.mark.parametrize(
    ("shell", "marker"),
    [("bash", "complete -o nosort -F _handouts_completion handouts"),
     ("zsh", "compdef _handouts_completion handouts"),
     ("fish", "complete --no-files --command handouts")],
)  # fmt: skip
def test_completion_prints_the_script(shell: str, marker: str) -> None:
    result = CliRunner().invoke(main, ["completion", shell])
    assert result.exit_code == 0
    assert "_HANDOUTS_COMPLETE" in result.output and marker in result.output


def test_completion_help_says_how_to_install() -> None:
    out = CliRunner().invoke(main, ["completion", "--help"]).output
    assert """echo 'eval "$(handouts completion bash)"' >> ~/.bashrc""" in out
    assert "handouts completion fish > ~/.config/fish/completions/handouts.fish" in out
