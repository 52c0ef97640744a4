"""Command line: parses options, calls one library function, turns HandoutsError into a
clean message and exit code 1. Nothing outside this package imports click. Heavy modules
(ReportLab) are imported inside the commands so that ``--help`` stays fast.

Each command lives in a module of this package by its job (printing: build, html; plan;
review: list, check); a new command is a new module and one ``main.add_command`` line."""

from __future__ import annotations

from pathlib import Path

import click

from handouts import __version__
from handouts.cli.plan import plan_command
from handouts.cli.printing import build, html
from handouts.cli.review import check, list_command
from handouts.cli.staff import completion_command, preview_command, templates_command
from handouts.errors import HandoutsError, UnknownConditionError

__all__ = ["main"]


class UnknownName(click.ClickException):
    """A condition name that does not exist: a usage error (exit code 2, as the README says)."""

    exit_code = 2


class HandoutsGroup(click.Group):
    """Turn every HandoutsError into a ClickException: a message, exit code 1 (2 for an
    unknown condition name, which is a usage mistake)."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except UnknownConditionError as exc:
            raise UnknownName(str(exc)) from exc
        except HandoutsError as exc:
            raise click.ClickException(str(exc)) from exc


@click.group(cls=HandoutsGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="handouts")
def main() -> None:
    """Print honest, plain-language patient handouts about Low Dose Naltrexone (LDN).

    \b
    Examples:
      handouts list
      handouts build multiple-sclerosis
      handouts build --all --out out/
      handouts init practices/my-clinic
      handouts build --practice practices/riverside --all
      handouts build --all --jobs 2 --booklet
      handouts html --all --out out/
      handouts plan multiple-sclerosis --patient "Alex Example" --start 2027-01-04
      handouts html --all --tagged-pdf
      handouts check --practice practices/riverside --strict
      handouts templates
      handouts preview multiple-sclerosis --practice practices/riverside
      handouts completion bash
    """


@click.command()
@click.argument("folder", type=click.Path(path_type=Path))
def init(folder: Path) -> None:
    """Make a practice FOLDER: a commented practice.yaml, templates/ and a README.

    Never overwrites: an existing practice.yaml is an error.
    """
    from handouts.scaffold import init_practice

    for path in init_practice(folder):
        click.echo(f"wrote {path}")
    click.echo(
        f"Next: edit {folder / 'practice.yaml'}, then run "
        f"`handouts build --practice {folder} --all`"
    )


main.add_command(build)
main.add_command(html)
main.add_command(plan_command)
main.add_command(init)
main.add_command(list_command)
main.add_command(check)
main.add_command(templates_command)
main.add_command(preview_command)
main.add_command(completion_command)
