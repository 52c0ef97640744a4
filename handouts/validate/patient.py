"""The personal plan's patient inputs: checked once, then passed only to the render context.

Patient data (the name and the dates) is never echoed: an error says which option is
wrong and how to fix it, not what was typed, so a message shown on a front-desk screen,
logged by a script or pasted into a ticket holds nothing about the patient.
"""

from __future__ import annotations

import datetime as dt
import math
import unicodedata
from collections.abc import Mapping

from handouts.errors import HandoutsError, Problem
from handouts.model import PatientPlan, Practice, Protocol
from handouts.text.yamlfile import YamlDoc
from handouts.validate.practice import read_protocol
from handouts.validate.schema import FieldReader

DOSE_FORMS = ("capsules", "liquid")
LIQUID_STRENGTH = (0.1, 10.0)  # mg/mL; compounded LDN liquids are usually 0.5-1 mg/mL
# An oral syringe measures tenths of a millilitre.
ML_STEP = 0.1
MAX_NAME_CHARS = 60
MAX_TEXT_CHARS = 80
# The option each protocol field comes from, for messages.
PROTOCOL_OPTIONS = {
    "protocol.start_dose": "--start-dose",
    "protocol.step_dose": "--step-dose",
    "protocol.step_interval_weeks": "--step-weeks",
    "protocol.target_dose": "--target-dose",
    "protocol.timing": "--timing",
    "protocol": "the protocol",
}


class PlanInputError(HandoutsError):
    """A patient input that cannot make a plan; the message never repeats the input."""


def parse_start(text: str, today: dt.date) -> tuple[dt.date, str]:
    """The start date and a warning ('' if none). An impossible date is an error."""
    try:
        start = dt.date.fromisoformat(text.strip())
    except ValueError:
        raise PlanInputError(
            "--start: that is not a real date; write it as YYYY-MM-DD, for example "
            "2027-01-04 (year, month, day)"
        ) from None
    if start < today:
        return start, (
            "warning: the --start date is in the past; the calendar is counted from it. "
            "Check the date if that is not what you meant."
        )
    return start, ""


def clean_name(text: str, label: str, font_chars: frozenset[int], font: str) -> str:
    """A person's name as it will print; a PlanInputError (without the name) if it cannot."""
    name = " ".join(unicodedata.normalize("NFC", text).split())
    if not name:
        raise PlanInputError(
            f"{label}: the name is empty; give the name, or leave {label} out to print "
            "blank lines to write on"
        )
    limit = MAX_NAME_CHARS if label == "--patient" else MAX_TEXT_CHARS
    if len(name) > limit:
        raise PlanInputError(
            f"{label}: the name is {len(name)} characters long; at most {limit} fit on "
            "the wallet card. Use a shorter form of the name"
        )
    bad = sorted({ch for ch in name if not ch.isprintable()})
    if bad:
        raise PlanInputError(f"{label}: the name holds an invisible or control character; "
                             "type it again")  # fmt: skip
    missing = sorted({ch for ch in name if ord(ch) not in font_chars})
    if missing:
        # Not even the code points: with a short name they would spell it out.
        raise PlanInputError(
            f"{label}: the name has {len(missing)} character(s) the font {font} lacks, "
            "which would print as empty boxes; type the name in Latin letters, "
            f"or leave {label} out and write it by hand"
        )
    return name


def read_protocol_override(
    base: Protocol, given: Mapping[str, object], ui: dict[str, str] | None = None
) -> Protocol:
    """``base`` with the fields of ``given`` (not None) replaced, checked exactly as
    practice.yaml's protocol is; problems name the command-line option."""
    fields = {k: v for k, v in given.items() if v is not None}
    if not fields:
        return base
    doc = YamlDoc("command line", {"protocol": fields}, {(): (0, 0)})
    problems: list[Problem] = []
    protocol = read_protocol(FieldReader(doc, problems), base, ui)
    if problems:
        lines = [f"{PROTOCOL_OPTIONS.get(p.field, p.field)}: {p.message}" for p in problems]
        raise PlanInputError("\n".join(lines))
    return protocol


def liquid_ml(dose: float, strength: float) -> float:
    """Millilitres of a ``strength`` mg/mL liquid that give ``dose`` mg."""
    return round(dose / strength, 3)


def check_form(form: str, strength: float | None, protocol: Protocol) -> float:
    """The liquid's strength (0 for capsules); every dose must be measurable."""
    if form == "capsules":
        if strength is not None:
            raise PlanInputError("--strength is for --form liquid only; capsules need none")
        return 0.0
    low, high = LIQUID_STRENGTH
    if strength is None:
        raise PlanInputError(
            "--form liquid needs --strength: the liquid's strength in mg per mL, as on the "
            "pharmacy label (for example --strength 1 for 1 mg/mL)"
        )
    if not (low <= strength <= high) or not math.isfinite(strength):
        raise PlanInputError(f"--strength: {strength:g} mg/mL is out of range; use a number "
                             f"from {low:g} to {high:g}")  # fmt: skip
    for step in protocol.steps():
        ml = step.dose / strength
        if abs(ml / ML_STEP - round(ml / ML_STEP)) > 1e-6:
            raise PlanInputError(
                f"--strength: {step.dose:g} mg of a {strength:g} mg/mL liquid is "
                f"{ml:.3g} mL, which an oral syringe cannot measure (it measures tenths of "
                "a mL); ask the pharmacy which strength they make, for example 1 mg/mL"
            )
    return strength


def check_patient(
    practice: Practice,
    font_chars: frozenset[int],
    font: str,
    *,
    start: str,
    today: dt.date,
    name: str | None = None,
    prescriber: str | None = None,
    phone: str | None = None,
    form: str = "capsules",
    strength: float | None = None,
    protocol: Mapping[str, object] | None = None,
    ui: dict[str, str] | None = None,
) -> tuple[PatientPlan, list[str]]:
    """Check every patient input against the practice and its font (``font_chars``, named
    ``font``); return the plan and any warnings."""
    chars, family = font_chars, font
    when, warning = parse_start(start, today)
    chosen = read_protocol_override(practice.protocol, protocol or {}, ui)
    return (
        PatientPlan(
            start=when,
            protocol=chosen,
            name=clean_name(name, "--patient", chars, family) if name is not None else "",
            prescriber=(
                clean_name(prescriber, "--prescriber", chars, family) if prescriber else ""
            ),
            phone=clean_name(phone, "--phone", chars, family) if phone else "",
            form=form,
            strength=check_form(form, strength, chosen),
        ),
        [warning] if warning else [],
    )
