"""Command line: parses options, calls one library function, turns HandoutsError into a
clean message and exit code 1. No other module imports click. Heavy modules (ReportLab)
are imported inside the commands so that ``--help`` stays fast."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from handouts import __version__
from handouts.errors import HandoutsError, UnknownConditionError

F = TypeVar("F", bound=Callable[..., Any])

PRACTICE_OPTION = click.option(
    "--practice",
    "practice_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="A practice folder (practice.yaml, logo, templates/). Default: a neutral profile.",
)

LANGUAGE_OPTION = click.option(
    "--language",
    metavar="CODE",
    help="Language to print in (en, es). Default: the practice's language:, or en.",
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
        return click.argument("conditions", nargs=-1)(command)

    return decorate


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
    """


@main.command()
@conditions_options("Build", "PDFs")
@PRACTICE_OPTION
@click.option(
    "--page-size",
    type=click.Choice(["letter", "a4"], case_sensitive=False),
    help="Paper size. Default: the practice's, or letter.",
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    help="Worker processes. Default: the number of CPUs; 1 builds in this process.",
)
@LANGUAGE_OPTION
@click.option(
    "--large-print",
    is_flag=True,
    help="16 pt body text (the layout reflows), without a second practice folder.",
)
@EDITION_OPTION
@click.option("--force", is_flag=True, help="Rebuild every handout, even unchanged ones.")
@click.option(
    "--booklet",
    is_flag=True,
    help="Also write one booklet PDF of the set (cover, contents, double-sided).",
)
def build(
    conditions: tuple[str, ...],
    build_all: bool,
    out_dir: Path,
    practice_dir: Path | None,
    page_size: str | None,
    jobs: int | None,
    language: str | None,
    large_print: bool,
    edition: str | None,
    force: bool,
    booklet: bool,
) -> None:
    """Build handout PDFs for CONDITIONS (slugs; see `handouts list`) or --all.

    Unchanged handouts (same content, practice, templates, fonts and tool version, as
    recorded in the folder's manifest.json) are skipped; --force rebuilds them.

    \b
    Where the PDFs go:
      OUT/<slug>.pdf                    the neutral profile
      OUT/<practice-slug>/<slug>.pdf    with --practice
      .../a4/, .../large-print/         when --page-size or --large-print differs from
                                        the practice's own, so no file is replaced
    """
    if not conditions and not build_all:
        raise click.UsageError("name one or more conditions, or use --all (see `handouts list`)")
    if conditions and build_all:
        raise click.UsageError("give condition names or --all, not both")
    from handouts.batch.runner import BUILT, FAILED, SKIPPED, HandoutResult, build_set
    from handouts.pipeline.build import load_project, resolve_conditions
    from handouts.pipeline.edition import choose_editions
    from handouts.pipeline.logo import build_notes

    project = load_project(
        practice_dir, page_size.lower() if page_size else None, language, large_print
    )
    slugs = resolve_conditions(project, conditions, build_all)
    editions, note = choose_editions(project, edition)
    for line in build_notes(project, note):  # the edition, the logo's print size
        click.echo(line, err=line.startswith("warning:"))

    def show(result: HandoutResult) -> None:
        if result.status == BUILT:
            click.echo(f"wrote {result.path}")
        elif result.status == SKIPPED:
            click.echo(f"kept {result.path} (unchanged)")
        elif result.status == FAILED:
            click.echo(f"failed: {result.error}", err=True)

    # A progress bar only on a terminal; piped output gets one line per handout instead.
    count = len(slugs) * len(editions)  # handouts to build or keep, in every edition
    if sys.stdout.isatty() and sys.stderr.isatty() and count > 1:
        done: list[HandoutResult] = []
        with click.progressbar(length=count, label="Building", file=sys.stderr) as bar:

            def step(result: HandoutResult) -> None:
                done.append(result)
                bar.update(1)

            report = build_set(project, slugs, out_dir, jobs=jobs, force=force,
                               booklet=booklet, progress=step, editions=editions)  # fmt: skip
        for result in done:
            show(result)
    else:
        report = build_set(project, slugs, out_dir, jobs=jobs, force=force, booklet=booklet,
                           progress=show, editions=editions)  # fmt: skip
    if report.booklet is not None and not report.booklet_note:
        click.echo(f"wrote {report.booklet}")
    elif report.booklet_note:
        click.echo(report.booklet_note, err=bool(report.exit_code))
    click.echo(report.summary())
    if report.exit_code:
        sys.exit(report.exit_code)


@main.command()
@conditions_options("Write", "HTML files")
@PRACTICE_OPTION
@click.option(
    "--tagged-pdf",
    is_flag=True,
    help="Also write <slug>-accessible.pdf: the page printed as a tagged PDF/UA-1 "
    "(WeasyPrint), checked before it is written.",
)
@LANGUAGE_OPTION
@EDITION_OPTION
def html(
    conditions: tuple[str, ...],
    build_all: bool,
    out_dir: Path,
    practice_dir: Path | None,
    tagged_pdf: bool,
    language: str | None,
    edition: str | None,
) -> None:
    """Write the accessible HTML edition of CONDITIONS (slugs) or --all.

    Semantic HTML5 with the same words as the PDF, for screen readers and browsers: one
    self-contained file per handout (no scripts, nothing fetched), out/[practice/]<slug>.html.
    With --tagged-pdf, also a tagged PDF/UA-1 of each page, for a website or patient portal.
    """
    if not conditions and not build_all:
        raise click.UsageError("name one or more conditions, or use --all (see `handouts list`)")
    if conditions and build_all:
        raise click.UsageError("give condition names or --all, not both")
    from handouts.pipeline.build import html_to_folder, load_project, resolve_conditions
    from handouts.pipeline.edition import choose_editions
    from handouts.pipeline.logo import build_notes

    project = load_project(practice_dir, language=language)
    slugs = resolve_conditions(project, conditions, build_all)
    editions, note = choose_editions(project, edition)
    for line in build_notes(project, note):  # the edition, the logo's print size
        click.echo(line, err=line.startswith("warning:"))
    for path in html_to_folder(project, slugs, out_dir, editions, tagged_pdf=tagged_pdf):
        click.echo(f"wrote {path}")


@main.command("plan")
@click.argument("condition")
@click.option("--patient", help="The patient's name, as printed. Leave out for blank lines.")
@click.option("--start", required=True, metavar="YYYY-MM-DD", help="The first day of LDN.")
@PRACTICE_OPTION
@click.option(
    "--out",
    "out",
    metavar="FILE|-",
    help="A .pdf file, a folder, or - for standard output. "
    "Default: out/[practice/]plan-CONDITION.pdf.",
)
@click.option("--prescriber", help="The prescriber's name, for the plan and the card.")
@click.option("--phone", help="The prescriber's phone for the card. Default: the practice's.")
@click.option(
    "--form",
    type=click.Choice(["capsules", "liquid"]),
    default="capsules",
    show_default=True,
    help="The dose form the pharmacy makes.",
)
@click.option("--strength", type=float, help="The liquid's strength in mg/mL (--form liquid).")
@click.option("--start-dose", type=float, help="This patient's start dose in mg.")
@click.option("--step-dose", type=float, help="mg added at each step.")
@click.option("--step-weeks", type=int, help="Weeks on each dose before the next step.")
@click.option("--target-dose", type=float, help="The dose to stop going up at, in mg.")
@click.option(
    "--timing", help="When to take it: bedtime, night, morning, evening, with breakfast, ..."
)
@click.option("--language", help="The plan's language, e.g. en. Default: the practice's.")
def plan_command(condition: str, patient: str | None, start: str, practice_dir: Path | None,
         out: str | None, prescriber: str | None, phone: str | None, form: str,
         strength: float | None, start_dose: float | None, step_dose: float | None,
         step_weeks: int | None, target_dose: float | None, timing: str | None,
         language: str | None) -> None:  # fmt: skip
    """Print one patient's plan for CONDITION: a dated dose calendar, a symptom diary and
    a wallet card to cut out.

    \b
    The name and dates go into the PDF and nowhere else: no manifest, no log, no cache.
    Example:
      handouts plan multiple-sclerosis --practice practices/riverside \\
        --patient "Alex Example" --start 2027-01-04 --form liquid --strength 1
    """
    import datetime as dt

    from handouts import pipeline

    project = pipeline.load_project(practice_dir, language=language)
    (slug,) = pipeline.resolve_conditions(project, [condition], False)
    protocol = {
        "start_dose": start_dose,
        "step_dose": step_dose,
        "step_interval_weeks": step_weeks,
        "target_dose": target_dose,
        "timing": timing,
    }
    patient_plan, warnings = pipeline.prepare_plan(
        project, dt.date.today(), start=start, name=patient,
        prescriber=prescriber, phone=phone, form=form, strength=strength, protocol=protocol,
    )  # fmt: skip
    for warning in warnings:
        click.echo(warning, err=True)
    built = pipeline.build_plan(project, slug, patient_plan)
    if out == "-":
        pipeline.stream_plan(built, sys.stdout.buffer)
        return
    target = pipeline.write_plan(
        built, pipeline.plan_target(project, slug, Path(out) if out else None)
    )
    click.echo(f"wrote {target}")


@main.command()
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


@main.command("list")
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


@main.command()
@PRACTICE_OPTION
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON (see README).")
@click.option("--strict", is_flag=True, help="Count warnings as errors (exit code 1).")
@click.option(
    "--tagged-pdf",
    is_flag=True,
    help="Also print each accessible PDF in memory and check its structure tree (slower).",
)
@LANGUAGE_OPTION
def check(
    practice_dir: Path | None, as_json: bool, strict: bool, tagged_pdf: bool, language: str | None
) -> None:
    """Check content, practice and templates before printing; write no PDF.

    \b
    Errors: schema problems, unknown references, a required section missing from a
    rendered handout, forbidden claims, unfilled values, logo and colour contrast.
    Warnings: uncited references, review dates, reviewers, reading grades, PEMAT-P.
    Exit code: 0 clean, 1 errors (or warnings, with --strict), 2 usage.
    """
    from handouts.check.checker import check_project
    from handouts.check.report import to_json, to_text, use_colour

    report = check_project(practice_dir, tagged_pdf=tagged_pdf, language=language)
    if as_json:
        click.echo(to_json(report, strict))
    else:
        colour = use_colour(sys.stdout)
        click.echo(to_text(report, strict, colour), color=colour)
    sys.exit(report.exit_code(strict))


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
