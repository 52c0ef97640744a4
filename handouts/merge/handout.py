"""Merge stage: combine a condition, the shared sections and a practice into a Handout.

The merge rule: the practice adds, hides and fills in; it never edits the built-in
content. Hidden sections are dropped (never a required one: validation refuses that),
extra sections are placed before or after the section they name, the practice's contact
details close "When to get help", and ``{name}`` values come from the practice, or neutral
wording when the practice gives none.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Container

from handouts.model import (
    CONDITION_SECTION,
    LOCALE_TERMS,
    MECHANISM_SECTION,
    Block,
    Condition,
    ContentSet,
    Handout,
    Mechanism,
    Practice,
    Section,
    Translation,
    made_from,
)
from handouts.text import markup, protocol
from handouts.text.lang import format_dose, weeks_text

# A phone number: digits with spaces, dots, dashes or brackets between them.
_PHONE = re.compile(r"\+?\(?\d[\d().\- ]{4,}\d")


def keep_phone_numbers_whole(text: str) -> str:
    """No-break spaces inside phone numbers, so a number never breaks across lines (the
    PDF breaks lines only at ordinary spaces; browsers never break a hyphen before a digit)."""
    return _PHONE.sub(lambda m: m[0].replace(" ", "\u00a0"), text)


def placeholder_values(
    practice: Practice, ui: dict[str, str], language: str = "en"
) -> dict[str, str]:
    """The text each ``{name}`` in content stands for, in the content's language."""
    weeks = practice.protocol.step_interval_weeks
    phone_contact = ui.get("clinic_contact_phone", "us at {phone}")
    prescriber = practice.prescriber or ui.get("default_prescriber", "your prescriber")
    # Timing, the step and the sleep advice in words, from the steps the plan takes.
    plan = protocol.protocol_values(practice.protocol, ui, prescriber, language)
    phone = keep_phone_numbers_whole
    return {
        "prescriber": prescriber,
        "practice_name": practice.name or ui.get("default_practice_name", "your clinic"),
        "phone": phone(practice.phone) or ui.get("default_phone", "your clinic"),
        "pharmacy": phone(practice.pharmacy) or ui.get("default_pharmacy", "your pharmacy"),
        "start_dose": format_dose(practice.protocol.start_dose, language),
        "step_dose": plan["step_dose"],
        "step_interval": weeks_text(weeks, ui),
        "target_dose": format_dose(practice.protocol.target_dose, language),
        "timing": plan["timing"],
        "sleep_advice": plan["sleep_advice"],
        "sleep_tip": plan["sleep_tip"],
        # "call {clinic_contact}": "call us at 555-0100", or neutral "call your prescriber's office"
        "clinic_contact": phone_contact.replace("{phone}", phone(practice.phone))
        if practice.phone
        else ui.get("default_clinic_contact", "your prescriber's office"),
        "emergency_number": phone(practice.emergency_number)
        or ui.get(f"locale.{practice.locale}.default_emergency_number")
        or ui.get("default_emergency_number", "your local emergency number"),
        # Only for the contact lines below (not content placeholders): inserted as plain text.
        "practice_address": practice.address,
        "practice_website": practice.website,
        **locale_terms(practice.locale, ui),
    }


def locale_terms(locale: str, ui: dict[str, str]) -> dict[str, str]:
    """The medicine names of ``locale`` (en-US brand names, en-GB UK names), falling back to
    en-US for a term a translation lacks, so no sentence ever prints a gap."""
    return {
        name: ui.get(f"locale.{locale}.{name}") or ui.get(f"locale.en-US.{name}", "")
        for name in LOCALE_TERMS
    }


def locale_titles(
    sections: tuple[Section, ...], locale: str, ui: dict[str, str]
) -> tuple[Section, ...]:
    """Sections retitled for ``locale`` where ui.yaml gives "locale.<locale>.title.<id>"
    ("Unlicensed use and cost" for en-GB): the rest keep their own titles."""
    return tuple(
        dataclasses.replace(s, title=title)
        if (title := ui.get(f"locale.{locale}.title.{s.id}"))
        else s
        for s in sections
    )


CONTACT_SECTION = "when-to-get-help"


def contact_blocks(practice: Practice, ui: dict[str, str]) -> tuple[Block, ...]:
    """The practice's phone, address, website, pharmacy and emergency number, as the last
    lines of "When to get help" (nothing for the neutral profile). Practice values go in
    as {name} values, so they print as plain text whatever characters they hold."""
    lines = []
    details = [f"{{{name}}}" for name, value in (("phone", practice.phone),
               ("practice_address", practice.address), ("practice_website", practice.website))
               if value]  # fmt: skip
    # Labels are bold, values are not: markup does not fill in {name} inside **bold**.
    # Each line keeps its label's origin: the practice's values were checked at loading,
    # so what check may find in a line is in the ui.yaml label.
    if practice.name and details:
        clinic = ui.get("clinic_label", "Clinic")
        lines.append(made_from(f"**{clinic}:** {{practice_name}}, {', '.join(details)}", clinic))
    if practice.pharmacy:
        pharmacy = ui.get("pharmacy_label", "Pharmacy")
        lines.append(made_from(f"**{pharmacy}:** {{pharmacy}}", pharmacy))
    if practice.emergency_number:
        emergency = ui.get("emergency_label", "Emergency")
        lines.append(made_from(f"**{emergency}:** {{emergency_number}}", emergency))
    if not lines:
        return ()
    heading = ui.get("contacts_heading", "Your contacts:")
    return (Block("text", (made_from(f"**{heading}**", heading),)), Block("list", tuple(lines)))


def arrange_sections(sections: tuple[Section, ...], practice: Practice) -> tuple[Section, ...]:
    """Shared sections in print order, with the practice's hidden and extra sections applied."""
    ordered = [s for s in sections if s.id not in practice.hidden_sections or s.required]
    for extra in practice.extra_sections:
        ids = [s.id for s in ordered]
        if extra.anchor in ids:
            index = ids.index(extra.anchor) + (1 if extra.position == "after" else 0)
        else:
            index = len(ordered)
        ordered.insert(index, extra.section)
    return tuple(ordered)


def order_mechanisms(sections: tuple[Section, ...], condition: Condition) -> tuple[Mechanism, ...]:
    """The proposed mechanisms that matter for the condition, in its order. The others are
    left out, so the page stays short (ldn-facts.md 4.3: cancer cells and NK cells in
    every handout distracted); a condition that lists none gets them all."""
    mechanisms = next((s.mechanisms for s in sections if s.id == MECHANISM_SECTION), ())
    rank = {mid: i for i, mid in enumerate(condition.mechanisms)}
    if rank:
        mechanisms = tuple(m for m in mechanisms if m.id in rank)
    return tuple(sorted(mechanisms, key=lambda m: rank.get(m.id, len(rank))))


def texts_in_print_order(
    condition: Condition, sections: tuple[Section, ...], mechanisms: tuple[Mechanism, ...]
) -> list[tuple[str, tuple[str, ...]]]:
    """(text, section reference keys) pairs in the order a reader meets them."""
    out: list[tuple[str, tuple[str, ...]]] = [(t, ()) for t in condition.key_points]
    for section in sections:
        if section.id == CONDITION_SECTION:
            c = condition
            for text in (c.summary, c.evidence.known, c.evidence.not_known, *c.studies,
                         *c.patients_report, *c.cautions):  # fmt: skip
                out.append((text, ()))
            out.append(("", c.evidence.references))
            continue
        for block in section.body:
            out.extend((item, ()) for item in block.texts)
        if section.id == MECHANISM_SECTION:
            for mech in mechanisms:
                out.append((mech.text, mech.references))
        out.append(("", section.references))
    return out


def number_references(
    texts: list[tuple[str, tuple[str, ...]]], known: Container[str]
) -> dict[str, int]:
    """Number reference keys by first citation. Validation refuses unknown keys; one that
    gets here all the same (content made in code) is left unnumbered and prints nothing."""
    numbers: dict[str, int] = {}
    for text, keys in texts:
        for key in (*markup.citations(text), *keys):
            if key in known:
                numbers.setdefault(key, len(numbers) + 1)
    return numbers


def merge_handout(content: ContentSet, slug: str, practice: Practice) -> Handout:
    """The Handout for condition ``slug`` (which must exist in ``content``)."""
    condition = content.conditions[slug]
    sections = protocol.fit_sections(
        arrange_sections(content.sections, practice), practice.protocol
    )
    sections = locale_titles(sections, practice.locale, content.ui)
    contacts = contact_blocks(practice, content.ui)
    if contacts:
        sections = tuple(
            dataclasses.replace(s, body=s.body + contacts) if s.id == CONTACT_SECTION else s
            for s in sections
        )
    mechanisms = order_mechanisms(sections, condition)
    numbers = number_references(
        texts_in_print_order(condition, sections, mechanisms), content.references
    )
    references = tuple(content.references[key] for key in numbers)
    title = content.ui.get("handout_title", "Low Dose Naltrexone (LDN) and {condition}").replace(
        "{condition}", condition.name
    )
    return Handout(
        condition=condition,
        practice=practice,
        sections=sections,
        mechanisms=mechanisms,
        references=references,
        numbers=numbers,
        placeholder_values=placeholder_values(practice, content.ui, content.language),
        ui=content.ui,
        version=content.version,
        language=content.language,
        title=title,
        translations=_translations(content, condition),
    )


def _translations(content: ContentSet, condition: Condition) -> tuple[Translation, ...]:
    """The translation records behind one handout: its condition file first."""
    lang_dir = f"{content.language}/"
    shared = [
        t for path, t in content.translations.items()
        if path.endswith((lang_dir + "sections.yaml", lang_dir + "ui.yaml"))
    ]  # fmt: skip
    own = content.translations.get(condition.source)
    return tuple(([own] if own else []) + shared)
