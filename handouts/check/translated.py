"""The checks only a translated content set needs: its provenance (reviewed? made from
the English as it is now? every condition translated?) and Spanish reading ease, with
the English grades of the same sections beside it."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from handouts.check.report import ERROR, WARNING, SectionGrade
from handouts.check.sources import Place
from handouts.editions import Edition, EditionContent, get_edition
from handouts.errors import ContentError
from handouts.merge.edition import merge_edition
from handouts.merge.handout import merge_handout
from handouts.model import ContentSet, Handout, Practice, Project, Translation
from handouts.text import readability
from handouts.text.sections import SectionText, section_texts

if TYPE_CHECKING:
    from handouts.check.checker import Checker


def english_grades(
    english: ContentSet, slugs: list[str], root: Path, editions: tuple[str, ...] = ("full",)
) -> dict[tuple[str, str], float]:
    """Flesch-Kincaid grade of each section of the English handouts (neutral profile), by
    edition ("hiv", "hiv-summary"), to print beside a translation's own scores."""
    out: dict[tuple[str, str], float] = {}
    for name in editions:
        edition = get_edition(name)
        own = _edition_content(root, edition, english)
        for slug in slugs:
            if slug not in english.conditions or (edition.content and own is None):
                continue
            if own is None:
                handout = merge_handout(english, slug, Practice())
            elif slug in own.conditions:
                handout = merge_edition(english, slug, Practice(), own)
            else:
                continue
            for part in section_texts(handout):
                out[(edition.key(slug), part.id)] = round(readability.grade(part.joined), 1)
    return out


def _edition_content(root: Path, edition: Edition, content: ContentSet) -> EditionContent | None:
    """An edition's own content in ``content``'s language; None for the full guide, or
    when it does not load (the handout's own check reports that)."""
    from handouts.validate.edition import load_edition_content

    if not edition.content or not (root / content.language / f"{edition.content}.yaml").is_file():
        return None
    try:
        return load_edition_content(root, edition.content, content)
    except ContentError:
        return None


def check_translations(
    self: Checker, content: ContentSet, english: ContentSet, root: Path, project: Project,
    editions: tuple[str, ...] = (),
) -> None:  # fmt: skip
    """Each translated file, the editions' own too (content/es/summary*.yaml): reviewed by
    a qualified person, and made from the English file as it is now; and every English
    condition translated, in every edition checked."""
    from handouts.validate.translation import stale

    own = {name: _edition_content(root, get_edition(name), content) for name in editions}
    records = [r for c in own.values() if c for r in c.translations.values()]
    for record in (
        *content.translations.values(),
        *records,
        *_plan_translation(content.language, root),
    ):
        if not record.reviewed:
            self.add(
                WARNING,
                "translation",
                Place(record.path, record.line, "translation.reviewer"),
                "no qualified person has reviewed this translation (reviewer: pending); "
                "a clinician who reads the language must review it, then set reviewer: "
                "and reviewed_on:" + _clinical(record),
            )
        if stale(record, root):
            self.add(
                WARNING,
                "translation",
                Place(record.path, record.line, "translation.source_sha256"),
                f"the English source {record.source} changed after this file was "
                "translated; bring the translation in step, have it reviewed again, "
                f"then run `python tests/make_es_condition.py --stamp {record.path}`",
            )
    lang_dir = next((p.rsplit("/", 1)[0] for p in content.translations), content.language)
    for slug in sorted(set(english.conditions) - set(content.conditions)):
        self.add(
            ERROR,
            "translation",
            Place(f"{lang_dir}/conditions/{slug}.yaml"),
            f"the condition '{slug}' has no {content.language} translation; it cannot be "
            "printed in this language (it is never printed in English instead)",
        )
    for name, edition in own.items():
        for slug in (
            [] if edition is None else sorted(set(project.clinic_set) - set(edition.conditions))
        ):
            self.add(
                ERROR,
                "translation",
                Place(f"{lang_dir}/{name}/{slug}.yaml"),
                f"the condition '{slug}' has no {content.language} {name} sheet; add "
                f"{lang_dir}/{name}/{slug}.yaml (made from en/{name}/{slug}.yaml)",
            )


def _clinical(record: Translation) -> str:
    """The clinical review's status, said beside the language review's."""
    if record.clinically_reviewed:
        return f" (clinical_reviewer: {record.clinical_reviewer})"
    return " (clinical_reviewer: pending; no native-speaker clinician has checked it)"


def _plan_translation(language: str, root: Path) -> tuple[Translation, ...]:
    """The personal plan's own translation record (content/<lang>/plan.yaml), if any."""
    from handouts import paths
    from handouts.validate.plan_words import load_plan_words

    if root.resolve() != paths.builtin_content_dir().resolve():
        return ()  # the plan's words come from the built-in content only
    record = load_plan_words(language).translation
    return (record,) if record else ()


def check_spanish(
    self: Checker, handout: Handout, parts: list[SectionText], key: str = ""
) -> tuple[SectionGrade, ...]:
    """Fernández-Huerta and INFLESZ of every section, the English grades beside them."""
    from handouts.check.checker import DRUG_NAMES, GRADE_LIMIT
    from handouts.check.grades import clip
    from handouts.text import readability_es as es

    grades = []
    slug = handout.condition.slug
    for part in parts:
        score = es.scores(part.joined)
        english = self.english_grades.get((key or slug, part.id), 0.0)
        fh, sp = round(score.fernandez_huerta, 1), round(score.inflesz, 1)
        grades.append(SectionGrade(part.id, part.title, english, GRADE_LIMIT, score.words,
                                   fernandez_huerta=fh, inflesz=sp))  # fmt: skip
        if not score.words or (fh >= es.FH_TARGET and sp >= es.INFLESZ_TARGET):
            continue
        longest = es.longest_sentences(part.joined)
        hardest = es.hardest_words(part.joined, exempt=DRUG_NAMES)
        place = self.sources.refine(self.place_of(handout, part.id), longest[0])
        quoted = "; ".join(f'"{clip(s)}" ({len(es.words(s))} palabras)' for s in longest)
        self.add(
            WARNING,
            "reading-grade",
            place,
            f'section "{part.title}" scores Fernández-Huerta {fh:.1f} and INFLESZ '
            f"{sp:.1f}; it needs at least {es.FH_TARGET:g} and {es.INFLESZ_TARGET:g}. "
            f"Longest sentences: {quoted}. Hardest words: {', '.join(hardest)}",
            slug,
            section=part.id,
            fernandez_huerta=fh,
            inflesz=sp,
            longest_sentences=list(longest),
            hardest_words=list(hardest),
        )
    return tuple(grades)
