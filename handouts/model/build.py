"""What the pipeline makes from content and practice: a merged handout, a patient's plan,
the project every command works on, and a built handout ready to write."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from handouts.model.content import Condition, ContentSet, Mechanism, Reference, Section, Translation
from handouts.model.practice import Practice, Protocol


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
    translation: Translation | None = None  # who translated and reviewed a non-English file


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
