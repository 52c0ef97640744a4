"""The options several commands share: CONDITIONS/--all/--out, --practice, --language,
--edition."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from handouts.cli.completion import complete_condition, complete_practice

F = TypeVar("F", bound=Callable[..., Any])

PRACTICE_OPTION = click.option(
    "--practice",
    "practice_dir",
    type=click.Path(file_okay=False, path_type=Path),
    shell_complete=complete_practice,
    help="A practice folder (practice.yaml, logo, templates/). Default: a neutral profile.",
)

LANGUAGE_OPTION = click.option(
    "--language",
    metavar="CODE",
    help="Language to print in (en, es). Default: the practice's language:, or en.",
)

# html only: one run may write the set in several languages, whose index pages link each other.
LANGUAGES_OPTION = click.option(
    "--language",
    "languages",
    metavar="CODE",
    multiple=True,
    help="Language to write in (en, es). Give it twice (--language en --language es) for "
    "both: with --all, each language's index.html then links to the other's. Default: the "
    "practice's language:, or en.",
)

EDITION_OPTION = click.option(
    "--edition",
    type=click.Choice(["full", "summary"], case_sensitive=False),
    help="Only 'full' (<slug>.pdf) or 'summary' (one sheet, <slug>-summary.pdf). Default: both.",
)


def conditions_options(verb: str, what: str) -> Callable[[F], F]:
    """CONDITIONS, --all and --out: the options every command that writes handouts takes."""

    def decorate(command: F) -> F:
        command = click.option(
            "--out",
            "out_dir",
            type=click.Path(path_type=Path),
            default=Path("out"),
            show_default=True,
            help=f"Folder to write the {what} to.",
        )(command)
        command = click.option(
            "--all", "build_all", is_flag=True, help=f"{verb} every condition of the clinic set."
        )(command)
        return click.argument("conditions", nargs=-1, shell_complete=complete_condition)(command)

    return decorate
