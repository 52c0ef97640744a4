"""Command line: parses options, calls one library function, turns HandoutsError into a
clean message and exit code 1. No other module imports click. Heavy modules (ReportLab)
are imported inside the commands so that ``--help`` stays fast."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from handouts import __version__
from handouts.errors import HandoutsError

PRACTICE_OPTION = click.option(
    "--practice",
    "practice_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="A practice folder (practice.yaml, logo, templates/). Default: a neutral profile.",
)


class HandoutsGroup(click.Group):
    """Turn every HandoutsError into a ClickException: a message, exit code 1."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
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
      handouts build --practice practices/riverside --all
    """


@main.command()
@click.argument("conditions", nargs=-1)
@click.option("--all", "build_all", is_flag=True, help="Build every condition of the clinic set.")
@click.option(
    "--out",
    "out_dir",
    type=click.Path(path_type=Path),
    default=Path("out"),
    show_default=True,
    help="Folder to write the PDFs to.",
)
@PRACTICE_OPTION
@click.option(
    "--page-size",
    type=click.Choice(["letter", "a4"], case_sensitive=False),
    help="Paper size. Default: the practice's, or letter.",
)
def build(
    conditions: tuple[str, ...],
    build_all: bool,
    out_dir: Path,
    practice_dir: Path | None,
    page_size: str | None,
) -> None:
    """Build handout PDFs for CONDITIONS (slugs; see `handouts list`) or --all."""
    if not conditions and not build_all:
        raise click.UsageError("name one or more conditions, or use --all (see `handouts list`)")
    if conditions and build_all:
        raise click.UsageError("give condition names or --all, not both")
    from handouts.build import build_to_folder, load_project, resolve_conditions

    project = load_project(practice_dir, page_size.lower() if page_size else None)
    slugs = resolve_conditions(project, conditions, build_all)
    written = build_to_folder(project, slugs, out_dir)
    for path in written:
        click.echo(f"wrote {path}")


@main.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@PRACTICE_OPTION
def list_command(as_json: bool, practice_dir: Path | None) -> None:
    """List the conditions: slug, name and evidence level."""
    from handouts.build import load_project

    project = load_project(practice_dir)
    ui = project.content.ui
    rows = [
        {
            "slug": c.slug,
            "name": c.name[:1].upper() + c.name[1:],
            "evidence": c.evidence.level,
            "evidence_words": ui.get(f"evidence_{c.evidence.level}", c.evidence.level),
        }
        for c in project.content.conditions.values()
    ]
    if as_json:
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    width = max((len(r["slug"]) for r in rows), default=4)
    name_width = max((len(r["name"]) for r in rows), default=4)
    for r in rows:
        click.echo(f"{r['slug']:<{width}}  {r['name']:<{name_width}}  {r['evidence_words']}")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
