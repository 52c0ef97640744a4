"""``list`` and ``check``: what the conditions are, and whether content and practice are
ready to print."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from handouts.cli.completion import complete_condition
from handouts.cli.options import EDITION_OPTION, LANGUAGE_OPTION, PRACTICE_OPTION


@click.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@PRACTICE_OPTION
@LANGUAGE_OPTION
def list_command(as_json: bool, practice_dir: Path | None, language: str | None) -> None:
    """List the conditions: slug, name, how much research there is and what it found.

    With --practice, a * marks the practice's clinic set (what --all builds).
    """
    from handouts.pipeline.build import load_project
    from handouts.pipeline.listing import condition_rows

    project = load_project(practice_dir, language=language)
    rows = condition_rows(project, with_clinic_set=practice_dir is not None)
    if as_json:
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    width = max((len(r["slug"]) for r in rows), default=4)
    name_width = max((len(r["name"]) for r in rows), default=4)
    for r in rows:
        mark = ("* " if r["in_clinic_set"] else "  ") if practice_dir is not None else ""
        line = f"{r['research_words']}. {r['found_words']}."
        click.echo(f"{mark}{r['slug']:<{width}}  {r['name']:<{name_width}}  {line}")
    if practice_dir is not None:
        click.echo(
            f"* in the clinic set of {project.practice.name} "
            f"({len(project.clinic_set)} of {len(rows)}; "
            f"`handouts build --practice {practice_dir} --all` builds them)"
        )


@click.command()
@click.argument("conditions", nargs=-1, shell_complete=complete_condition)
@PRACTICE_OPTION
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON (see README).")
@click.option("--strict", is_flag=True, help="Count warnings as errors (exit code 1).")
@click.option(
    "--tagged-pdf",
    is_flag=True,
    help="Also print each accessible PDF in memory and check its structure tree (slower).",
)
@LANGUAGE_OPTION
@EDITION_OPTION
def check(
    conditions: tuple[str, ...],
    practice_dir: Path | None,
    as_json: bool,
    strict: bool,
    tagged_pdf: bool,
    language: str | None,
    edition: str | None,
) -> None:
    """Check content, practice and templates before printing; write no PDF.

    Checks every handout of the clinic set, or only the CONDITIONS named (by slug or a
    name staff use, such as ms): quicker while you edit one condition's text.

    \b
    Errors: schema problems, unknown references, a required section missing from a
    rendered handout, forbidden claims, unfilled values, logo and colour contrast.
    Warnings: uncited references, review dates, reviewers, reading grades, PEMAT-P.
    Reading grades are reported per edition (the summary against grade 6); --edition
    checks one edition only.
    Exit code: 0 clean, 1 errors (or warnings, with --strict), 2 usage.
    """
    from handouts.check.checker import check_project
    from handouts.check.report import to_json, to_text, use_colour

    report = check_project(
        practice_dir,
        tagged_pdf=tagged_pdf,
        language=language,
        edition=edition.lower() if edition else None,
        conditions=conditions,
    )
    if as_json:
        click.echo(to_json(report, strict))
    else:
        colour = use_colour(sys.stdout)
        click.echo(to_text(report, strict, colour), color=colour)
    sys.exit(report.exit_code(strict))
