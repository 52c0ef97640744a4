"""Merge stage: combine a condition, the shared sections and a practice into a Handout.

The merge rule: the practice adds, hides and fills in; it never edits the built-in
content. Hidden sections are dropped (never a required one: validation refuses that),
extra sections are placed before or after the section they name, and ``{name}`` values
come from the practice, or neutral wording when the practice gives none.
"""

from __future__ import annotations

from handouts import markup
from handouts.model import (
    CONDITION_SECTION,
    MECHANISM_SECTION,
    Condition,
    ContentSet,
    Handout,
    Mechanism,
    Practice,
    Section,
)


def format_dose(mg: float) -> str:
    """1.5 -> '1.5 mg', 3.0 -> '3 mg'."""
    return f"{mg:g} mg"


def placeholder_values(practice: Practice, ui: dict[str, str]) -> dict[str, str]:
    """The text each ``{name}`` in content stands for."""
    protocol = practice.protocol
    weeks = protocol.step_interval_weeks
    return {
        "prescriber": practice.prescriber,
        "practice_name": practice.name or ui.get("default_practice_name", "your clinic"),
        "phone": practice.phone or ui.get("default_phone", "your clinic"),
        "pharmacy": practice.pharmacy or ui.get("default_pharmacy", "your pharmacy"),
        "start_dose": format_dose(protocol.start_dose),
        "step_dose": format_dose(protocol.step_dose),
        "step_interval": f"{weeks} week" if weeks == 1 else f"{weeks} weeks",
        "target_dose": format_dose(protocol.target_dose),
        "timing": protocol.timing,
        "emergency_number": practice.emergency_number
        or ui.get("default_emergency_number", "your local emergency number"),
    }


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
    """All proposed mechanisms, the ones that matter most for the condition first."""
    mechanisms = next((s.mechanisms for s in sections if s.id == MECHANISM_SECTION), ())
    rank = {mid: i for i, mid in enumerate(condition.mechanisms)}
    return tuple(sorted(mechanisms, key=lambda m: rank.get(m.id, len(rank))))


def _texts_in_print_order(
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


def number_references(texts: list[tuple[str, tuple[str, ...]]]) -> dict[str, int]:
    """Number reference keys by first citation."""
    numbers: dict[str, int] = {}
    for text, keys in texts:
        for key in (*markup.citations(text), *keys):
            numbers.setdefault(key, len(numbers) + 1)
    return numbers


def merge_handout(content: ContentSet, slug: str, practice: Practice) -> Handout:
    """The Handout for condition ``slug`` (which must exist in ``content``)."""
    condition = content.conditions[slug]
    sections = arrange_sections(content.sections, practice)
    mechanisms = order_mechanisms(sections, condition)
    numbers = number_references(_texts_in_print_order(condition, sections, mechanisms))
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
        placeholder_values=placeholder_values(practice, content.ui),
        ui=content.ui,
        version=content.version,
        language=content.language,
        title=title,
    )
