"""The prescribing protocol in words: when in the day LDN is taken, the whole-plan check,
and the text values written from the steps the plan actually takes.

Timing is a choice, not free text, because English puts a different word before each
("at bedtime", "in the morning", "with breakfast"). The phrases are data: the content's
``ui.yaml`` of each language holds ``timing_<choice>`` (spaces as ``_``), so a language
adds its own phrases and the choices a practice may use are the ones its language has.
"""

from __future__ import annotations

import dataclasses
import re

from handouts.model import TIMINGS, Block, Protocol, Section
from handouts.text.lang import format_dose

# The choices, in the order messages list them. DAYTIME ones already are the "take it in
# the morning" that the built-in advice on sleep trouble suggests, so that advice changes.
DAYTIME = frozenset({"morning", "with breakfast", "after breakfast"})
# What staff write around a choice that the choice itself already says.
_FILLER = re.compile(r"^(?:once a day,?\s*)?(?:at|in the|in|every|each)\s+")
# The {values} naming the steps: a list item using one of them says nothing true when
# the plan has no steps (start_dose == target_dose), so it is left out.
STEP_VALUES = ("{step_dose}", "{step_interval}", "{target_dose}")


def normalise_timing(text: str) -> str:
    """'With_Breakfast' -> 'with breakfast', 'at bedtime' -> 'bedtime'."""
    words = re.sub(r"[\s_-]+", " ", text.strip().lower())
    return _FILLER.sub("", words).strip()


def timing_key(choice: str) -> str:
    """The ui.yaml key of a choice's phrase: 'with breakfast' -> 'timing_with_breakfast'."""
    return "timing_" + choice.replace(" ", "_")


def timing_choices(ui: dict[str, str]) -> tuple[str, ...]:
    """The choices this language has a phrase for."""
    return tuple(c for c in TIMINGS if timing_key(c) in ui)


def timing_phrase(choice: str, ui: dict[str, str]) -> str:
    """'bedtime' -> 'at bedtime' in this language (the choice itself if it has none)."""
    return ui.get(timing_key(choice), choice)


def doses(protocol: Protocol) -> tuple[float, ...]:
    """The daily doses the plan goes through, start to target."""
    return tuple(dose for _, dose in protocol.schedule())


def has_steps(protocol: Protocol) -> bool:
    """False for a plan that starts at its target dose."""
    return len(doses(protocol)) > 1


def protocol_problems(protocol: Protocol, max_steps: int) -> list[tuple[str, str]]:
    """What makes no sense about the plan as a whole, as (protocol field, message)."""
    start, step, target = protocol.start_dose, protocol.step_dose, protocol.target_dose
    gap = round(target - start, 6)
    if start > target:
        return [
            (
                "start_dose",
                f"{start:g} mg is more than target_dose ({target:g} mg); "
                "start at or below the target",
            )
        ]
    if gap > 0 and step > gap + 1e-9:
        return [
            (
                "step_dose",
                f"a step of {step:g} mg is more than the whole way from start_dose "
                f"({start:g} mg) to target_dose ({target:g} mg), so the plan would go "
                f"straight from {start:g} to {target:g} mg; use a step of at most "
                f"{gap:g} mg, or set step_dose to {gap:g} for one step",
            )
        ]
    if gap > 0 and gap / step > max_steps:
        return [
            (
                "step_dose",
                f"steps of {step:g} mg from {start:g} to {target:g} mg make more than "
                f"{max_steps} steps; use bigger steps",
            )
        ]
    return []


def _mg(dose: float, language: str = "en") -> str:
    return format_dose(dose, language)


def protocol_values(
    protocol: Protocol, ui: dict[str, str], prescriber: str, language: str = "en"
) -> dict[str, str]:
    """The {values} that describe the plan, written from the doses it actually takes."""
    taken = doses(protocol)
    steps = [round(b - a, 6) for a, b in zip(taken, taken[1:], strict=False)]
    step_dose = _mg(protocol.step_dose, language)
    if steps and steps[-1] < protocol.step_dose - 1e-9:
        # 1.5 -> 3.5 -> 4.5: the last step is smaller than the others; say so.
        step_dose = (
            ui.get("step_dose_uneven", "{step_dose} ({last_step} for the last step)")
            .replace("{step_dose}", step_dose)
            .replace("{last_step}", _mg(steps[-1], language))
        )
    daytime = protocol.timing in DAYTIME
    return {
        "timing": timing_phrase(protocol.timing, ui),
        "step_dose": step_dose,
        "sleep_advice": ui.get("sleep_advice_day" if daytime else "sleep_advice_night", "")
        .replace("{prescriber}", prescriber)
        .strip(),
        "sleep_tip": ui.get("sleep_tip_day" if daytime else "sleep_tip_night", "")
        .replace("{prescriber}", prescriber)
        .strip(),
    }


def fit_sections(sections: tuple[Section, ...], protocol: Protocol) -> tuple[Section, ...]:
    """Sections as the plan reads: with no steps to take, the list items that describe
    steps (they use {step_dose}, {step_interval} or {target_dose}) are left out."""
    if has_steps(protocol):
        return sections

    def fit(block: Block) -> Block:
        if block.kind in ("text", "note"):
            return block
        kept = tuple(t for t in block.texts if not any(v in t for v in STEP_VALUES))
        return dataclasses.replace(block, texts=kept) if kept != block.texts else block

    out = []
    for section in sections:
        body = tuple(b for b in (fit(b) for b in section.body) if b.texts)
        out.append(dataclasses.replace(section, body=body) if body != section.body else section)
    return tuple(out)
