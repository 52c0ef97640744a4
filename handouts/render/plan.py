"""The personal plan's render context: the calendar, the diary and the wallet card, made
from the merged handout (the protocol's own steps) and one patient's inputs.

Everything here is plain data for the template. Dates are real dates counted from the
start date with the protocol's interval, and formatted for the language with Babel.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from handouts.model import Handout, PatientPlan, PlanWords
from handouts.text.lang import format_dose, format_number

DIARY_WEEKS = 12


def fill(text: str, **values: str) -> str:
    """'{dose} at {timing}' with the values filled in (plain text, not markup)."""
    for name, value in values.items():
        text = text.replace(f"{{{name}}}", value)
    return text


def _dates(locale: str) -> tuple[Any, Any]:
    from babel.dates import format_date

    def medium(day: dt.date) -> str:
        return str(format_date(day, "medium", locale=locale))

    def long(day: dt.date) -> str:
        return str(format_date(day, "long", locale=locale))

    return medium, long


def date_locale(handout: Handout) -> str:
    """Babel's locale for dates: the practice's locale (en-GB writes "4 Jan") when it is of
    the handout's language, else the language itself."""
    locale = handout.practice.locale
    if locale.split("-")[0] == handout.language:
        return locale.replace("-", "_")
    return handout.language


def calendar_rows(handout: Handout, plan: PatientPlan, words: PlanWords) -> list[dict[str, Any]]:
    """One row per step of the protocol, with its real first and last day."""
    medium, _ = _dates(date_locale(handout))
    ui, language = words.ui, handout.language
    timing = fill(ui["timing_phrase"], timing=handout.placeholder_values["timing"])
    rows = []
    for number, step in enumerate(plan.protocol.steps(), 1):
        first = plan.start + dt.timedelta(weeks=step.first_week - 1)
        if plan.form == "liquid":
            ml = format_number(round(step.dose / plan.strength, 1), language)
            strength = format_number(plan.strength, language)
            how = fill(ui["liquid"], ml=ml, strength=strength, timing=timing)
        else:
            how = fill(ui["capsule"], dose=format_dose(step.dose, language), timing=timing)
        if step.last_week is None:
            last = ui["until_review"]
        else:
            last = medium(plan.start + dt.timedelta(weeks=step.last_week, days=-1))
        rows.append(
            {"number": number, "first": medium(first), "last": last,
             "dose": format_dose(step.dose, language), "how": how}
        )  # fmt: skip
    return rows


def review_date(plan: PatientPlan) -> dt.date:
    """The day the target dose starts, plus the practice's review weeks (8 to 12): the
    same weekday as the start, so a clinic that starts on a Monday reviews on one."""
    target = plan.protocol.steps()[-1]
    reached = plan.start + dt.timedelta(weeks=target.first_week - 1)
    return reached + dt.timedelta(weeks=plan.protocol.review_weeks)


def diary(handout: Handout, plan: PatientPlan, words: PlanWords) -> dict[str, Any]:
    """The symptoms to score (rows) by weeks 1 to 12 (columns, with the day each starts),
    in two tables of six weeks: symptom names get a wide column at full type size, which
    seven narrow symptom columns could not give them."""
    from babel.dates import format_skeleton

    own = words.condition_symptoms.get(handout.condition.slug) or (words.ui["diary_own"],)
    weeks = [
        {"number": n,
         "first": str(format_skeleton("MMMd", plan.start + dt.timedelta(weeks=n - 1),
                                      locale=date_locale(handout)))}
        for n in range(1, DIARY_WEEKS + 1)
    ]  # fmt: skip
    half = DIARY_WEEKS // 2
    return {"symptoms": [*own, *words.common_symptoms], "weeks": weeks,
            "halves": [weeks[:half], weeks[half:]]}  # fmt: skip


def card(handout: Handout, plan: PatientPlan, words: PlanWords) -> dict[str, str]:
    """The wallet card's lines; '' where the patient writes by hand."""
    ui = words.ui
    protocol = plan.protocol
    timing = fill(ui["timing_phrase"], timing=handout.placeholder_values["timing"])
    language = handout.language
    start = format_dose(protocol.start_dose, language)
    target = format_dose(protocol.target_dose, language)
    template = ui["card_dose_one"] if start == target else ui["card_dose_steps"]
    practice = handout.practice
    return {
        "dose": fill(template, start=start, target=target, timing=timing),
        "name": plan.name,
        "prescriber": plan.prescriber,
        "phone": plan.phone or practice.phone,
        "emergency": handout.placeholder_values["emergency_number"],
        "clinic": practice.name,
    }


def plan_context(handout: Handout, plan: PatientPlan, words: PlanWords) -> dict[str, Any]:
    """What plan.rml.j2 sees beyond the handout context (see build.template_context)."""
    medium, long = _dates(date_locale(handout))
    values = handout.placeholder_values
    prescriber = plan.prescriber or values["prescriber"]
    ui = {k: fill(v, prescriber=prescriber, clinic_contact=values["clinic_contact"])
          for k, v in words.ui.items()}  # fmt: skip
    return {
        "plan_ui": ui,
        "card_steps": list(words.card_steps),
        "call": list(words.call),
        "patient": {"name": plan.name, "prescriber": plan.prescriber},
        "start": medium(plan.start),
        "calendar": calendar_rows(handout, plan, words),
        "review": fill(ui["review"], date=long(review_date(plan))),
        "diary": diary(handout, plan, words),
        "card": card(handout, plan, words),
        "form": plan.form,
    }
