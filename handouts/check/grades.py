"""Reading grades of an English handout, section by section (Flesch-Kincaid, as
``text/readability.py`` measures it), with the longest sentences and hardest words of
each section over its limit, so a writer can act."""

from __future__ import annotations

from typing import TYPE_CHECKING

from handouts.check.report import WARNING, SectionGrade
from handouts.model import Handout
from handouts.text import readability
from handouts.text.sections import SectionText

if TYPE_CHECKING:
    from handouts.check.checker import Checker


def clip(text: str, limit: int = 70) -> str:
    """``text`` cut to ``limit`` characters, with an ellipsis."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def check_grades(
    checker: Checker, handout: Handout, parts: list[SectionText], edition_limit: float = 0.0
) -> tuple[SectionGrade, ...]:
    """Each section's grade against the practice's limit, or the edition's if lower (grade
    6 for every section of the summary); the key points box at grade 7 at most."""
    from handouts.check.checker import DRUG_NAMES, GRADE_LIMIT, SUMMARY_GRADE_LIMIT

    limit = min(handout.practice.reading_grade_limit, GRADE_LIMIT)
    limit = min(limit, edition_limit) if edition_limit else limit
    grades = []
    for part in parts:
        part_limit = min(limit, SUMMARY_GRADE_LIMIT) if part.id == "key-points" else limit
        report = readability.report(part.joined, exempt=DRUG_NAMES)
        grade = round(report.grade, 1)
        words = len(part.joined.split())
        grades.append(SectionGrade(part.id, part.title, grade, part_limit, words))
        if grade <= part_limit:
            continue
        longest = report.longest_sentences
        place = checker.sources.refine(checker.place_of(handout, part.id), longest[0])
        quoted = "; ".join(f'"{clip(s)}" ({len(s.split())} words)' for s in longest)
        checker.add(
            WARNING,
            "reading-grade",
            place,
            f'section "{part.title}" reads at grade {grade:.1f}, above the limit of '
            f"{part_limit:g}. Longest sentences: {quoted}. Hardest words: "
            f"{', '.join(report.hardest_words)}",
            handout.condition.slug,
            section=part.id,
            grade=grade,
            limit=part_limit,
            longest_sentences=list(longest),
            hardest_words=list(report.hardest_words),
        )
    return tuple(grades)
