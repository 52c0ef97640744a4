"""The personal plan edition: the plan's sections, its template and its length rule, run
through the same stages as every handout (merge, render, guard, glyphs, PDF, write).

Patient data enters only the render context and the PDF. Nothing else is written: no
manifest entry, no input-hash record, no log line; the PDF's metadata names the edition
and the condition only. Any error raised while the patient's values are in play is
redacted before it leaves this module, whatever stage (or practice template) caused it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from handouts.errors import HandoutsError, OutputError
from handouts.merge.plan import cut_to_sections
from handouts.model import Handout, PatientPlan, Project
from handouts.output.write import prepare_folder, remove_stale_temps, write_atomic
from handouts.pdf import fonts
from handouts.pipeline.build import (
    guard_handout,
    merged,
    output_folder,
    pdf_of,
    template_context,
)
from handouts.render.plan import plan_context
from handouts.validate.patient import check_patient
from handouts.validate.plan_words import load_plan_words

TEMPLATE = "plan.rml.j2"
# The edition: which shared sections it prints (the required ones always).
SECTIONS = ("opioid-warning", "off-label-cost")
REDACTED = "[patient details]"


class PlanError(HandoutsError):
    """A failure while building a plan, with the patient's details taken out."""


@dataclass(frozen=True)
class BuiltPlan:
    """One patient's plan, ready to write (the bytes are the only copy of the patient)."""

    slug: str
    pdf: bytes = dataclasses.field(repr=False)
    pages: int


def plan_handout(project: Project, slug: str) -> Handout:
    """The merged handout (refused if it would make a forbidden claim), cut to the plan."""
    return cut_to_sections(merged(project, slug), SECTIONS, project.content.references)


def prepare_plan(project: Project, today: dt.date, **inputs: Any) -> tuple[PatientPlan, list[str]]:
    """Check one patient's inputs (see ``validate.patient.check_patient``) against the
    practice and its font; return the plan and any warnings. The language's plan words
    are checked first, so a missing translation fails before any patient value is read."""
    load_plan_words(project.practice.language)
    font = project.practice.font
    return check_patient(
        project.practice, fonts.font_characters(font), fonts.family_name(font),
        today=today, ui=project.content.ui, **inputs,
    )  # fmt: skip


@contextmanager
def redacted(values: tuple[str, ...]) -> Iterator[None]:
    """Take ``values`` out of any error and any z3c.rml log record raised inside."""

    def scrub(text: str) -> str:
        for value in values:
            text = text.replace(value, REDACTED)
        return text

    class Scrub(logging.Filter):
        def filter(self, record: logging.LogRecord) -> bool:
            record.msg, record.args = scrub(record.getMessage()), None
            return True

    log = logging.getLogger("z3c.rml")
    scrubber = Scrub()
    log.addFilter(scrubber)
    try:
        yield
    except HandoutsError as exc:
        message = str(exc)
        if not any(value in message for value in values):
            raise
        raise PlanError(scrub(message)) from None
    finally:
        log.removeFilter(scrubber)


def _render(project: Project, handout: Handout, context: dict[str, Any]) -> tuple[bytes, int]:
    # The build's own render, guard, glyph and PDF stages, with the plan's template.
    guarded = guard_handout(project, handout, TEMPLATE, context)
    return pdf_of(project, guarded, "plan", f"plan-{handout.condition.slug}.pdf")


def guard_blank_plan(project: Project, slug: str, today: dt.date) -> None:
    """Render and guard a blank plan (no patient, starting ``today``) for ``slug``: what
    ``handouts check`` runs on a practice's own plan template, so a broken override
    shows up before a patient's plan is printed. No PDF is laid out."""
    plan, _ = prepare_plan(project, today, start=today.isoformat())
    handout = plan_handout(project, slug)
    context = template_context(project, handout, online_link=False)
    context.update(plan_context(handout, plan, load_plan_words(handout.language)))
    context["blank_before_card"] = False
    guard_handout(project, handout, TEMPLATE, context)


def build_plan(project: Project, slug: str, plan: PatientPlan) -> BuiltPlan:
    """Run every stage but writing for one patient's plan."""
    # The patient's protocol is the plan's: every {timing}, step and advice follows it.
    practice = dataclasses.replace(project.practice, protocol=plan.protocol)
    project = dataclasses.replace(project, practice=practice)
    handout = plan_handout(project, slug)
    words = load_plan_words(handout.language)
    with redacted(plan.private_values()):
        context = template_context(project, handout, online_link=False)
        context.update(plan_context(handout, plan, words))
        context["blank_before_card"] = False
        pdf, pages = _render(project, handout, context)
        if pages % 2 == 0:
            # Length rule: the card is cut out, so it goes on an odd page with nothing on
            # its back when printed double-sided; a blank page goes before it if needed.
            context["blank_before_card"] = True
            pdf, pages = _render(project, handout, context)
    return BuiltPlan(slug, pdf, pages)


def plan_target(project: Project, slug: str, out: Path | None) -> Path:
    """Where the plan goes: ``out/[practice/]plan-<slug>.pdf``, a folder, or a .pdf file.
    The file name never holds the patient's name."""
    name = f"plan-{slug}.pdf"
    if out is None:
        return output_folder(project, Path("out")) / name
    if out.is_dir() or not out.suffix or str(out).endswith(("/", "\\")):
        return out / name
    if out.suffix.lower() != ".pdf":
        raise OutputError(
            f"--out {out}: give a folder, a file name ending in .pdf, or - for standard output"
        )
    return out


def write_plan(built: BuiltPlan, target: Path) -> Path:
    """Write the plan atomically (a temporary file in the same folder, then a rename)."""
    prepare_folder(target.parent)
    remove_stale_temps(target.parent)
    write_atomic(target, built.pdf)
    return target


def stream_plan(built: BuiltPlan, stream: IO[bytes]) -> None:
    """Write the plan to a binary stream (standard output, for printing from a script)."""
    try:
        stream.write(built.pdf)
        stream.flush()
    except OSError as exc:
        raise OutputError(f"standard output: cannot write: {exc.strerror}") from exc
