"""``plan``: one patient's dated plan, diary and wallet card."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from handouts.cli.completion import complete_condition
from handouts.cli.options import PRACTICE_OPTION


@click.command("plan")
@click.argument("condition", shell_complete=complete_condition)
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
