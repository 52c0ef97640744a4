"""The practice model: a clinic's identity, look, clinic set and prescribing protocol."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from handouts.model.content import LOCALES, Section
from handouts.model.settings import setting

# The choices of practice.yaml's font and page_size (the PDF stage and the layout use them).
# key used in practice.yaml -> fontpkg family name
FONT_FAMILIES: dict[str, str] = {
    "atkinson-hyperlegible": "Atkinson Hyperlegible",
    "fira-sans": "Fira Sans",
}
PAGE_SIZES = {"letter": (612.0, 792.0), "a4": (595.28, 841.89)}
# When to take LDN: the choices a handout can say (each language has a phrase for them).
TIMINGS = (
    "bedtime", "night", "morning", "evening",
    "with breakfast", "after breakfast", "with dinner", "after dinner",
)  # fmt: skip
# What init's practice.yaml shows, commented out, below these fields.
EXTRA_EXAMPLE = """\
extra_sections:
  - title: Getting LDN at our clinic
    after: how-to-take
    text: |
      Our partner pharmacy makes your LDN. Call us at {phone} if it is late."""
SIGN_OFF_EXAMPLE = """\
sign_off:
  name: Dr. A. Example
  role: Medical director
  date: 2026-11-21"""


@dataclass(frozen=True)
class DoseStep:
    """One step of a protocol: a daily dose from ``first_week`` to ``last_week`` (None: on)."""

    first_week: int
    last_week: int | None
    dose: float


@dataclass(frozen=True)
class Protocol:
    """A prescribing protocol: start low, step up, stop at the target dose."""

    start_dose: float = setting(1.5, "mg a day to start with", "number", low=0.1, high=6.0)
    step_dose: float = setting(1.5, "mg added at each step", "number", low=0.1, high=6.0)
    step_interval_weeks: int = setting(2, "weeks on each dose before the next step",
                                       "integer", low=1, high=12)  # fmt: skip
    target_dose: float = setting(4.5, "mg a day; stop going up here", "number", low=0.1, high=6.0)
    timing: str = setting("bedtime", "when to take it", "choice", choices=TIMINGS,
                          reader="timing")  # fmt: skip
    # The plan's review: trials ran 8 to 12 weeks (ldn-facts.md, 3.1).
    review_weeks: int = setting(
        12, "personal plan: review this many weeks after reaching the target dose",
        "integer", low=8, high=12,
    )  # fmt: skip

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

    primary: str = setting(
        "#1f4e79", "header band, title, headings; needs 4.5:1 on white", "colour"
    )
    accent: str = setting("#e8eef5", "key points box and table headings (behind text)", "colour")
    text: str = setting("#111111", "body text; needs 4.5:1 on white and on accent", "colour")
    warning: str = setting("#000000", "border of the opioid warning box; needs 3:1", "colour")
    # The band is the primary colour unless given (validate/look.py).
    band: str = setting("#1f4e79", "the header band (default: the primary colour)", "colour")
    band_text: str = setting(
        "#ffffff", "the practice name on the band; needs 4.5:1 on band", "colour"
    )


@dataclass(frozen=True)
class SignOff:
    """The practice's own review sign-off."""

    name: str = setting(help="who reviewed the practice's own text", required=True)
    role: str = setting(help="what they do, e.g. Medical director", required=True)
    date: dt.date = setting(help="when, as YYYY-MM-DD", kind="date", required=True)


@dataclass(frozen=True)
class Practice:
    """A clinic's identity, look, clinic set and protocol; defaults give a neutral handout."""

    name: str = setting(
        "", "printed in the header of every page (at most 45 characters)", required=True,
        reader="name", heading='Who you are: the header, and "When to get help"',
    )  # fmt: skip
    slug: str = setting("", "the output folder, out/SLUG/ (a-z, 0-9 and -); default: the "
                        "folder's name", reader="slug")  # fmt: skip
    address: str = setting("", "e.g. 210 River Road, Springfield, IL 62701")
    phone: str = setting("", 'e.g. "(217) 555-0142": the handout says "call us at ..."',
                         reader="phone")  # fmt: skip
    website: str = setting("", "e.g. example.org")
    full_guide_url: str = setting(
        "", "where you post the full guides, e.g. https://example.org/ldn/ (the summary's "
        "QR code)", reader="full_guide_url",
    )  # fmt: skip
    editions: tuple[str, ...] = setting(("full", "summary"), "what a build makes unless "
                                        "--edition says", "texts", choices=("full", "summary"),
                                        reader="editions")  # fmt: skip
    logo: Path | None = setting(None, "a PNG or JPEG inside this folder, e.g. logo.png, or "
                                "{file: logo.png, plate: white}", reader="logo")  # fmt: skip
    logo_plate: bool = False  # a white plate behind the logo on the band (logo: plate: white)
    colours: Colours = setting(help='"#rrggbb", in quotes (an unquoted # starts a comment)',
                               kind="mapping", factory=Colours, reader="colours",
                               heading="Look")  # fmt: skip
    font: str = setting("atkinson-hyperlegible", "the typeface, or your own TrueType files "
                        "in this folder: {regular: ..., bold: ...}", "choice", reader="font",
                        choices=tuple(FONT_FAMILIES),
                        example="font: {regular: fonts/MyFont.ttf, "
                                "bold: fonts/MyFont-Bold.ttf}")  # fmt: skip
    page_size: str = setting("letter", "the paper", "choice", choices=tuple(PAGE_SIZES))
    large_print: bool = setting(False, "true: 18 pt body text, the layout reflows to fit",
                                "boolean")  # fmt: skip
    language: str = setting("en", "the language to print in, one of the built-in content's "
                            "(en, es)", "choice", reader="language")  # fmt: skip
    locale: str = setting("en-US", "medicine names: US brands (Tylenol, Percocet) or UK names "
                          "(paracetamol, co-codamol)", "choice", choices=LOCALES)  # fmt: skip
    conditions: tuple[str, ...] = setting(
        (), "what --all builds: names from `handouts list`; [] means all", "texts",
        reader="conditions", heading="Clinic set",
        example="conditions: [multiple-sclerosis, fibromyalgia]",
    )  # fmt: skip
    protocol: Protocol = setting(
        help='your prescribing protocol: "How to take LDN" and the dose table follow it',
        kind="mapping", factory=Protocol, reader="protocol", heading="Your prescribing protocol",
    )  # fmt: skip
    pharmacy: str = setting("", "e.g. Main Street Compounding, (217) 555-0188",
                            heading='Contacts: "When to get help" lists them')  # fmt: skip
    # "": the words of the content language (ui default_prescriber).
    prescriber: str = setting("", 'e.g. your GP; empty: "your prescriber"')
    emergency_number: str = setting(
        "", 'e.g. "911" or 999; empty: "911 or your local emergency number"', reader="phone"
    )
    extra_sections: tuple[ExtraSection, ...] = setting(
        (), "your own sections: title, text (or body), and before: or after: a section",
        "custom", reader="extra_sections", heading="Your own sections", example=EXTRA_EXAMPLE,
    )  # fmt: skip
    hidden_sections: tuple[str, ...] = setting(
        (), "sections to leave out (never opioid-warning or off-label-cost)", "texts",
        reader="hidden_sections", example="hidden_sections: [questions-to-ask]",
    )  # fmt: skip
    sign_off: SignOff | None = setting(
        None, "who reviewed these handouts for your practice (printed at the end)", "mapping",
        nested=SignOff, reader="sign_off", heading="Review", example=SIGN_OFF_EXAMPLE,
    )  # fmt: skip
    reading_grade_limit: float = setting(
        8.0, "the reading grade your own text should stay under", "number", low=4, high=12
    )
    root: Path | None = None
    source: str = ""

    @property
    def templates_dir(self) -> Path | None:
        """The practice's template overrides, if it has any."""
        if self.root is None:
            return None
        folder = self.root / "templates"
        return folder if folder.is_dir() else None
