"""The typed model every stage shares; frozen: a stage returns new values, never edits."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

# Templates write this where "of Y" in "Page X of Y" goes; the PDF stage fills it in.
# A private-use character, so content (which is cleaned of it) can never produce it.
PAGE_TOTAL = "\ue000"

# The evidence scale, in two parts (ldn-facts.md 4.2): boxes for how much research there
# is in people (key -> boxes filled of RESEARCH_STEPS), words for what it found. Words are
# ui.yaml's "research_<key>" / "found_<key>"; editions read them via text.evidence.scale_of.
RESEARCH_STEPS = 5
RESEARCH_LEVELS = {"none-in-people": 0, "case-reports": 1, "uncontrolled-studies": 2,
                   "small-controlled-trials": 3, "large-controlled-trials": 4,
                   "repeated-large-trials": 5}  # fmt: skip
FINDINGS = ("mixed", "not-clear", "weak", "not-alone", "not-tested")
# "Not tested in people" goes with no research in people, and only with it.
UNTESTED_FINDING, UNTESTED_LEVEL = "not-tested", "none-in-people"
# The choices of practice.yaml's font and page_size (the PDF stage and the layout use them).
# key used in practice.yaml -> fontpkg family name
FONT_FAMILIES: dict[str, str] = {
    "atkinson-hyperlegible": "Atkinson Hyperlegible",
    "fira-sans": "Fira Sans",
}
PAGE_SIZES = {"letter": (612.0, 792.0), "a4": (595.28, 841.89)}
BLOCK_KINDS = ("text", "list", "steps", "checklist", "note")
REQUIRED_SECTIONS = ("opioid-warning", "off-label-cost")
CONDITION_SECTION = "condition"
MECHANISM_SECTION = "how-it-may-work"
GROUPS = ("autoimmune", "neurological", "digestive", "pain", "infection", "cancer", "mood")
_PRACTICE_VALUES = (
    "prescriber",
    "practice_name",
    "phone",
    "pharmacy",
    "start_dose",
    "step_dose",
    "step_interval",
    "target_dose",
    "timing",
    "sleep_advice",
    "sleep_tip",
    "emergency_number",
    "clinic_contact",
)
# A practice's locale chooses the medicine names patients know (US brands or UK names):
# each term is a {name} value whose text is ui.yaml's "locale.<locale>.<term>".
LOCALES = ("en-US", "en-GB")
LOCALE_TERMS = (
    "acetaminophen",
    "plain_pain_reliever",
    "short_acting_examples",
    "long_acting_examples",
    "fentanyl_patch",
    "combination_pills",
    "opioid_pain_medicines",
    "long_acting_list",
    "buprenorphine_brands",
    "diarrhea_opioid",
    "loperamide",
    "eluxadoline",
    "anesthesia_team",
)
PLACEHOLDERS = _PRACTICE_VALUES + LOCALE_TERMS


@dataclass(frozen=True)
class Reference:
    """One entry of the bibliography."""

    key: str
    authors: str
    title: str
    source: str
    year: int
    kind: str
    verified: str
    details: str = ""
    doi: str = ""
    pmid: str = ""
    url: str = ""


@dataclass(frozen=True)
class Block:
    """A paragraph (text, note) or a list (list, steps, checklist) of inline-markup strings."""

    kind: str
    texts: tuple[str, ...]


@dataclass(frozen=True)
class Mechanism:
    """One proposed way LDN may work, labelled as an idea under study."""

    id: str
    title: str
    text: str
    references: tuple[str, ...] = ()


@dataclass(frozen=True)
class Section:
    """A shared section of every handout, or an extra one a practice adds."""

    id: str
    title: str
    body: tuple[Block, ...] = ()
    required: bool = False
    references: tuple[str, ...] = ()
    mechanisms: tuple[Mechanism, ...] = ()
    origin: str = ""


@dataclass(frozen=True)
class Evidence:
    """How much research there is on LDN in one condition, what it found, and its sources."""

    research: str
    found: str
    known: str
    not_known: str
    references: tuple[str, ...]


@dataclass(frozen=True)
class Review:
    """Who reviewed a piece of content, and when it must be looked at again."""

    reviewed_on: dt.date
    next_review: dt.date
    reviewer: str


@dataclass(frozen=True)
class Condition:
    """Everything a handout says that is specific to one condition."""

    slug: str
    name: str
    group: str
    summary: str
    key_points: tuple[str, ...]
    evidence: Evidence
    review: Review
    short_name: str = ""
    studies: tuple[str, ...] = ()
    patients_report: tuple[str, ...] = ()
    cautions: tuple[str, ...] = ()
    mechanisms: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()  # other names staff use ("fibro"); see names.py
    source: str = ""


@dataclass(frozen=True)
class ForbiddenPhrase:
    """A pattern that must never appear in a built handout, and why."""

    pattern: str
    reason: str


PENDING_REVIEW = "pending"  # a translation's reviewer until a qualified person reviews it


@dataclass(frozen=True)
class Translation:
    """Where one translated file came from, and whether a qualified person reviewed it."""

    path: str  # the translated file, as users see it (content/es/sections.yaml)
    source: str  # its English source, relative to the content folder (en/sections.yaml)
    source_sha256: str
    translator: str
    translated_on: dt.date
    reviewer: str  # "pending" until a qualified person has reviewed it
    reviewed_on: dt.date | None
    line: int = 1

    @property
    def reviewed(self) -> bool:
        """Whether a named person reviewed the file."""
        return self.reviewer.strip().lower() != PENDING_REVIEW and self.reviewed_on is not None


@dataclass(frozen=True)
class ContentSet:
    """The validated built-in (or practice-extended) content for one language."""

    version: str
    language: str
    sections: tuple[Section, ...]
    conditions: dict[str, Condition]
    references: dict[str, Reference]
    ui: dict[str, str]
    forbidden: tuple[ForbiddenPhrase, ...] = ()
    files: tuple[Path, ...] = ()
    # Translated files only: display path -> who translated and reviewed it.
    translations: dict[str, Translation] = field(default_factory=dict)


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


@dataclass(frozen=True)
class Handout:
    """One condition's handout, merged with a practice: what the templates render."""

    condition: Condition
    practice: Practice
    sections: tuple[Section, ...]  # print order, hidden ones removed, extras placed
    mechanisms: tuple[Mechanism, ...]  # the condition's own first
    references: tuple[Reference, ...]  # numbered in order of first citation
    numbers: dict[str, int]  # reference key -> its number
    placeholder_values: dict[str, str]  # {name} -> text
    ui: dict[str, str]
    version: str
    language: str
    title: str
    # Translated handouts: the translation of the condition, sections and ui files.
    translations: tuple[Translation, ...] = ()


@dataclass(frozen=True)
class PatientPlan:
    """One patient's plan inputs (``handouts plan``). ``name`` and ``prescriber`` are ''
    for blank lines. These values reach the render context and the PDF, nothing else."""

    start: dt.date
    protocol: Protocol
    name: str = ""
    prescriber: str = ""
    phone: str = ""
    form: str = "capsules"  # or "liquid"
    strength: float = 0.0  # mg/mL, liquid only

    def __repr__(self) -> str:
        # A traceback or debug print shows the shape of the plan, never the patient.
        return f"PatientPlan(form={self.form!r}, protocol={self.protocol!r})"

    def private_values(self) -> tuple[str, ...]:
        """The texts that must never leave the printed file (for redaction)."""
        return tuple(v for v in (self.name, self.start.isoformat()) if v)


@dataclass(frozen=True)
class PlanWords:
    """The personal plan's words in one language (content/<lang>/plan.yaml)."""

    ui: dict[str, str]
    card_steps: tuple[str, ...]
    call: tuple[str, ...]  # inline markup with {name} values
    common_symptoms: tuple[str, ...]
    condition_symptoms: dict[str, tuple[str, ...]]
    files: tuple[Path, ...] = ()


@dataclass(frozen=True)
class Project:
    """Validated content and practice, and where templates and assets may come from."""

    content: ContentSet
    practice: Practice
    search_path: tuple[Path, ...]
    allowed_roots: tuple[Path, ...]
    # A command-line look ("a4", "large-print"): its own folder, never replacing usual PDFs.
    variant: str = ""

    @property
    def clinic_set(self) -> tuple[str, ...]:
        """The practice's conditions, or every condition when it names none."""
        return self.practice.conditions or tuple(self.content.conditions)


@dataclass(frozen=True)
class BuiltHandout:
    """One rendered handout, ready to write."""

    slug: str
    pdf: bytes
    pages: int
    templates: tuple[str, ...]
    handout: Handout = field(repr=False)
    edition: str = "full"
