"""``build`` and ``html``: write a clinic set as PDFs, or as HTML pages (and tagged PDFs)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from handouts.cli.options import (
    EDITION_OPTION,
    LANGUAGE_OPTION,
    LANGUAGES_OPTION,
    PRACTICE_OPTION,
    conditions_options,
)


@click.command()
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
    help="18 pt body text, sources and footers 14 pt (the layout reflows), without a "
    "second practice folder.",
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
    from handouts.batch.repeats import FailureLog
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

    failures = FailureLog()  # an error that stops every handout is printed once

    def show(result: HandoutResult) -> None:
        if result.status == BUILT:
            click.echo(f"wrote {result.path}")
        elif result.status == SKIPPED:
            click.echo(f"kept {result.path} (unchanged)")
        elif result.status == FAILED and failures.first_time(result):
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
    for line in failures.repeats(count):
        click.echo(line, err=True)
    click.echo(report.summary())
    if report.exit_code:
        sys.exit(report.exit_code)


@click.command()
@conditions_options("Write", "HTML files")
@PRACTICE_OPTION
@click.option(
    "--tagged-pdf",
    is_flag=True,
    help="Also write <slug>-accessible.pdf: the page printed as a tagged PDF/UA-1 "
    "(WeasyPrint), checked before it is written.",
)
@LANGUAGES_OPTION
@EDITION_OPTION
def html(
    conditions: tuple[str, ...],
    build_all: bool,
    out_dir: Path,
    practice_dir: Path | None,
    tagged_pdf: bool,
    languages: tuple[str, ...],
    edition: str | None,
) -> None:
    """Write the accessible HTML edition of CONDITIONS (slugs) or --all.

    Semantic HTML5 with the same words as the PDF, for screen readers and browsers: one
    self-contained file per handout (no scripts, nothing fetched), out/[practice/]<slug>.html.
    With --tagged-pdf, also a tagged PDF/UA-1 of each page, for a website or patient portal.
    With --all, also index.html: the set's pages and PDFs, their language and review dates
    (with two --language options, each language's index links to the other's).
    """
    if not conditions and not build_all:
        raise click.UsageError("name one or more conditions, or use --all (see `handouts list`)")
    if conditions and build_all:
        raise click.UsageError("give condition names or --all, not both")
    from handouts.pipeline.build import load_project, output_folder, resolve_conditions
    from handouts.pipeline.edition import choose_editions
    from handouts.pipeline.html_set import html_to_folder
    from handouts.pipeline.logo import build_notes

    codes = tuple(dict.fromkeys(languages)) or (None,)  # each language once, in order given
    projects = [load_project(practice_dir, language=code) for code in codes]
    folders = [(p.content.language, output_folder(p, out_dir)) for p in projects]
    for project in projects:
        slugs = resolve_conditions(project, conditions, build_all)
        editions, note = choose_editions(project, edition)
        for line in build_notes(project, note):  # the edition, the logo's print size
            click.echo(line, err=line.startswith("warning:"))
        others = [f for f in folders if f[0] != project.content.language] if build_all else []
        written = html_to_folder(
            project, slugs, out_dir, editions, tagged_pdf, index=build_all, other_languages=others
        )
        for path in written:
            click.echo(f"wrote {path}")
