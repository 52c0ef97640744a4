"""Shell completion (bash, zsh, fish) through Click's own machinery: the script that
``handouts completion SHELL`` prints, and what a Tab completes: condition slugs and the
names staff use ("ms", "fibro"), and practice folders (those holding a practice.yaml)."""

from __future__ import annotations

from pathlib import Path

import click
from click.shell_completion import CompletionItem, get_completion_class

SHELLS = ("bash", "zsh", "fish")
COMPLETE_VAR = "_HANDOUTS_COMPLETE"


def complete_condition(
    ctx: click.Context, param: click.Parameter, incomplete: str
) -> list[CompletionItem]:
    """Slugs and short names that start with what was typed; a short name's help is its slug."""
    from handouts import paths
    from handouts.text.names import completion_names

    names = completion_names(paths.builtin_content_dir() / "en" / "conditions")
    typed = incomplete.lower()
    return [
        CompletionItem(name, help=None if name == slug else slug)
        for name, slug in names.items()
        if name.startswith(typed)
    ]


def complete_practice(
    ctx: click.Context, param: click.Parameter, incomplete: str
) -> list[CompletionItem]:
    """Folders holding a practice.yaml that start with what was typed (also inside
    ``practices/``), then the shell's own folder completion."""
    typed = Path(incomplete) if incomplete else Path()
    parent = typed if incomplete.endswith(("/", "\\")) or not incomplete else typed.parent
    prefix = "" if parent == typed else typed.name
    found = []
    for base in (parent, *([Path("practices")] if not incomplete else [])):
        try:
            children = sorted(base.iterdir())
        except OSError:
            continue
        for child in children:
            if child.name.startswith(prefix) and (child / "practice.yaml").is_file():
                found.append(CompletionItem(str(child)))
    return [*found, CompletionItem(incomplete, type="dir")]


def completion_script(root: click.Command, shell: str) -> str:
    """The completion script for ``shell``, as Click writes it for this command."""
    complete = get_completion_class(shell)
    if complete is None:  # pragma: no cover - SHELLS are Click's own
        raise click.UsageError(f"no completion for {shell}; use one of: {', '.join(SHELLS)}")
    return complete(root, {}, "handouts", COMPLETE_VAR).source()
