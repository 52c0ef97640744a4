"""The practice model: a clinic's identity, look, clinic set and prescribing protocol."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from handouts.model.content import Section

# The choices of practice.yaml's font and page_size (the PDF stage and the layout use them).
# key used in practice.yaml -> fontpkg family name
FONT_FAMILIES: dict[str, str] = {
    "atkinson-hyperlegible": "Atkinson Hyperlegible",
    "fira-sans": "Fira Sans",
}
PAGE_SIZES = {"letter": (612.0, 792.0), "a4": (595.28, 841.89)}


@dataclass(frozen=True)
class DoseStep:
    """One step of a protocol: a daily dose from ``first_week`` to ``last_week`` (None: on)."""

    first_week: int
    last_week: int | None
    dose: float


@dataclass(frozen=True)
class Protocol:
    """A prescribing protocol: start low, step up, stop at the target dose."""

    start_dose: float = 1.5
    step_dose: float = 1.5
    step_interval_weeks: int = 2
    target_dose: float = 4.5
    timing: str = "bedtime"
    review_weeks: int = 12  # the plan's review: this long after reaching the target dose

    def steps(self) -> tuple[DoseStep, ...]:
        """The doses from the start dose up to the target, week by week."""
        rows: list[DoseStep] = []
        dose, week = self.start_dose, 1
        while dose < self.target_dose - 1e-9 and len(rows) < 20:
            end = week + self.step_interval_weeks - 1
            rows.append(DoseStep(week, end, round(dose, 2)))
            dose, week = dose + self.step_dose, end + 1
        rows.append(DoseStep(week, None, round(self.target_dose, 2)))
        return tuple(rows)

    def schedule(self) -> tuple[tuple[str, float], ...]:
        """Rows of (weeks, daily dose in mg) from the start dose up to the target."""
        rows: list[tuple[str, float]] = []
        for step in self.steps():
            if step.last_week is None:
                weeks = f"{step.first_week} onward"
            elif step.last_week == step.first_week:
                weeks = f"{step.first_week}"
            else:
                weeks = f"{step.first_week} to {step.last_week}"
            rows.append((weeks, step.dose))
        return tuple(rows)


@dataclass(frozen=True)
class ExtraSection:
    """A section a practice adds, placed before or after a named section."""

    section: Section
    position: str  # "before" | "after"
    anchor: str


@dataclass(frozen=True)
class Colours:
    """Brand colours as #rrggbb."""

    primary: str = "#1f4e79"
    accent: str = "#e8eef5"
    text: str = "#111111"
    warning: str = "#000000"
    band: str = "#1f4e79"  # the header band: the primary colour unless given (validate)
    band_text: str = "#ffffff"  # the practice name on the band


@dataclass(frozen=True)
class SignOff:
    """The practice's own review sign-off."""

    name: str
    role: str
    date: dt.date


@dataclass(frozen=True)
class Practice:
    """A clinic's identity, look, clinic set and protocol; defaults give a neutral handout."""

    slug: str = ""
    name: str = ""
    address: str = ""
    phone: str = ""
    website: str = ""
    logo: Path | None = None
    logo_plate: bool = False  # a white plate behind the logo on the band (logo: plate: white)
    colours: Colours = field(default_factory=Colours)
    font: str = "atkinson-hyperlegible"
    page_size: str = "letter"
    large_print: bool = False
    language: str = "en"
    locale: str = "en-US"
    conditions: tuple[str, ...] = ()
    protocol: Protocol = field(default_factory=Protocol)
    pharmacy: str = ""
    prescriber: str = ""  # "": the words of the content language (ui default_prescriber)
    emergency_number: str = ""
    extra_sections: tuple[ExtraSection, ...] = ()
    hidden_sections: tuple[str, ...] = ()
    sign_off: SignOff | None = None
    reading_grade_limit: float = 8.0
    editions: tuple[str, ...] = ("full", "summary")  # what a build makes unless told
    full_guide_url: str = ""  # where the full guides are online: the summary's QR code
    root: Path | None = None
    source: str = ""

    @property
    def templates_dir(self) -> Path | None:
        """The practice's template overrides, if it has any."""
        if self.root is None:
            return None
        folder = self.root / "templates"
        return folder if folder.is_dir() else None
