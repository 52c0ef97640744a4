"""The content model: conditions, shared sections, references and translations, as
loaded from content/<lang>/ (frozen: a stage returns new values, never edits)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from handouts.model.origin import Origin

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
# A practice's locale chooses the medicine names patients know (US brands or UK names) and
# the words of the off-label caveat and the cost: each term is a {name} value whose text
# is ui.yaml's "locale.<locale>.<term>". "locale.<locale>.title.<section id>" retitles a
# section (merge), and "locale.<locale>.default_emergency_number" is the number printed
# when a practice gives none.
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
    "cough_opioid",
    "diarrhea_opioid",
    # whole sentences, so the UK spelling ("diarrhoea") and UK names read as one line
    "diarrhea_opioid_ask",
    "diarrhea_opioid_caution",
    "diarrhea_opioid_short",
    "diarrhea_symptom",  # a symptom the personal plan's diary scores
    "loperamide",
    "eluxadoline",
    "ibs_pharmacist_ask",
    "anesthesia_team",
    "withdrawal_signs",
    # the off-label caveat and the cost (FDA and insurance in the US; the UK's words)
    "naltrexone_history",
    "off_label_term",
    "off_label_meaning",
    "naltrexone_approved",
    "ldn_not_approved",
    "cost_lines",
    "ldn_not_approved_short",
    "cost_short",
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
    origin: Origin | None = None  # where the section starts


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
    # A native-speaker clinician's review of the medical meaning, kept apart from the
    # language review: "pending" until one has read the file.
    clinical_reviewer: str = PENDING_REVIEW

    @property
    def reviewed(self) -> bool:
        """Whether a named person reviewed the file."""
        return self.reviewer.strip().lower() != PENDING_REVIEW and self.reviewed_on is not None

    @property
    def clinically_reviewed(self) -> bool:
        """Whether a named clinician who reads the language checked its medical meaning."""
        return self.clinical_reviewer.strip().lower() != PENDING_REVIEW


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
