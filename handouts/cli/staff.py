"""Commands for practice staff: ``templates`` (what a practice can override), ``preview``
(one handout kept current while a practice file is edited) and ``completion`` (the shell
completion script)."""

from __future__ import annotations

from pathlib import Path

import click

from handouts.cli.completion import SHELLS, complete_condition, completion_script
from handouts.cli.options import LANGUAGE_OPTION, PRACTICE_OPTION


@click.command("templates")
@click.argument("template", required=False)
@click.argument("block", required=False)
@click.option("--markdown", is_flag=True, help="Print the list as the README's Markdown section.")
def templates_command(template: str | None, block: str | None, markdown: bool) -> None:
    """List the blocks a practice can override in each built-in template and the variables
    each block can use, read from the templates themselves.

    TEMPLATE shows one template's blocks with every attribute they read; TEMPLATE BLOCK
    prints that block as a file to start an override from.

    \b
    Examples:
      handouts templates
      handouts templates handout.rml.j2
      handouts templates handout.rml.j2 header > practices/my-clinic/templates/handout.rml.j2
    """
    from handouts.pipeline.template_docs import (
        UnknownTemplate,
        overview,
        readme_section,
        template_detail,
    )

    if markdown:
        click.echo(readme_section(), nl=False)
        return
    try:
        click.echo(template_detail(template, block) if template else overview())
    except UnknownTemplate as exc:
        raise click.UsageError(str(exc)) from exc


@click.command("preview")
@click.argument("condition", shell_complete=complete_condition)
@PRACTICE_OPTION
@click.option("--html", is_flag=True, help="Preview the HTML page instead of the PDF.")
@click.option(
    "--edition",
    type=click.Choice(["full", "summary"], case_sensitive=False),
    default="full",
    show_default=True,
    help="The full guide or the one-sheet summary.",
)
@LANGUAGE_OPTION
@click.option(
    "--out",
    "out_dir",
    type=click.Path(path_type=Path),
    default=Path("out"),
    show_default=True,
    help="The preview goes to OUT/preview/[<practice>/], never over the clinic set's files.",
)
@click.option(
    "--interval",
    type=click.FloatRange(0.1, 5.0),
    default=0.5,
    show_default=True,
    help="Seconds between looks at the practice folder.",
)
@click.option("--max-rebuilds", type=click.IntRange(min=0), help="Stop after N rebuilds.")
@click.option("--timeout", type=click.FloatRange(min=0), help="Stop after this many seconds.")
@click.option("--no-open", is_flag=True, help="Do not open the file (it is still kept current).")
def preview_command(condition: str, practice_dir: Path | None, html: bool, edition: str,
                    language: str | None, out_dir: Path, interval: float,
                    max_rebuilds: int | None, timeout: float | None,
                    no_open: bool) -> None:  # fmt: skip
    """Build one handout, open it, and rebuild it each time a file of the practice folder
    changes (practice.yaml, a template, the logo), until Ctrl-C.

    \b
    Example:
      handouts preview multiple-sclerosis --practice practices/my-clinic
    Each rebuild prints one line: the file, or the error with its file and line.
    """
    from handouts.pipeline.preview import PreviewJob, Rebuild, watch

    job = PreviewJob(practice_dir, condition, out_dir, html, edition.lower(), language)
    opened = False

    def show(result: Rebuild) -> None:
        nonlocal opened
        click.echo(result.line(), err=bool(result.error))
        if result.path is not None and not opened and not no_open:
            click.launch(str(result.path))  # once: the viewer keeps showing the file
            opened = True

    if practice_dir is not None:
        click.echo(f"watching {practice_dir} for changes (Ctrl-C stops)")
    try:
        watch(job, show, interval, max_rebuilds, timeout)
    except KeyboardInterrupt:
        pass  # Ctrl-C is how staff stop it (during a build too)
    click.echo("stopped" if practice_dir is not None else "nothing to watch without --practice")


@click.command("completion")
@click.argument("shell", type=click.Choice(SHELLS))
@click.pass_context
def completion_command(ctx: click.Context, shell: str) -> None:
    """Print the shell completion script for SHELL: Tab then completes commands, options,
    condition names (also ms, fibro...) and practice folders.

    \b
    Install it once, then open a new terminal:
      bash:  echo 'eval "$(handouts completion bash)"' >> ~/.bashrc
      zsh:   echo 'eval "$(handouts completion zsh)"' >> ~/.zshrc
      fish:  handouts completion fish > ~/.config/fish/completions/handouts.fish
    """
    click.echo(completion_script(ctx.find_root().command, shell))
