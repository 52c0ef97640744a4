"""``handouts check``: every check a prescriber signs off on, without writing a PDF.

Loads the content and the practice (every schema, logo and contrast problem), runs each
handout through the build's own render and guard stages (in memory, no PDF), and reads
what a patient would: forbidden claims, unfilled values, grades, PEMAT-P; content-wide,
references, review dates and reviewers. It returns a CheckReport; never raises."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from handouts import paths
from handouts.check import translated
from handouts.check.booklet import check_booklet
from handouts.check.html_edition import check_html
from handouts.check.logo import check_logo
from handouts.check.pemat import PASS_MARK, PematReport, score_handout
from handouts.check.plan import check_plan_template
from handouts.check.printed import printed_problems
from handouts.check.report import (
    ERROR,
    WARNING,
    CheckReport,
    Finding,
    HandoutResult,
    SectionGrade,
    merge_findings,
)
from handouts.check.reviews import check_references, check_reviews
from handouts.check.sources import Place, Sources, find_in_files, shown
from handouts.editions import FULL, Edition, get_edition
from handouts.errors import BuildError, ContentError, LayoutFailure, TemplateError
from handouts.guard.rml import visible_text
from handouts.load.content import ContentDocs, load_content_docs
from handouts.model import ContentSet, ForbiddenPhrase, Handout, Practice, Project, origin_of
from handouts.pipeline.build import (
    guard_handout,
    lay_out_edition,
    make_project,
    resolve_conditions,
)
from handouts.pipeline.edition import choose_editions, merge_for
from handouts.render.blocks import block_place
from handouts.render.templates import template_files
from handouts.text.sections import SectionText, section_texts
from handouts.text.yamlfile import Key, load_yaml_file
from handouts.validate.content import validate_content

GRADE_LIMIT = Practice.reading_grade_limit  # grade 8 (standards.md); a practice may go lower
SUMMARY_GRADE_LIMIT = 7.0  # the key points box (standards.md)
# Drug names are exempt from the reading level (standards.md): never suggest replacing them.
DRUG_NAMES = frozenset(
    "naltrexone buprenorphine hydromorphone oxymorphone hydrocodone oxycodone tapentadol "
    "meperidine methadone morphine codeine tramadol fentanyl loperamide eluxadoline "
    "butorphanol nalbuphine pentazocine acetaminophen ibuprofen gabapentin paregoric "
    "endorphins enkephalins".split()
)


class Checker:
    """Runs the checks for one content tree and practice, collecting findings."""

    english_grades: dict[tuple[str, str], float]

    def __init__(self, today: dt.date) -> None:
        self.today = today
        self.findings: list[Finding] = []
        self.notes: list[str] = []
        self.sources = Sources()
        self.forbidden: tuple[ForbiddenPhrase, ...] = ()
        self.english_grades = {}

    def add(
        self, severity: str, check: str, place: Place, message: str, slug: str = "", **details: Any
    ) -> None:
        handouts = (slug,) if slug else ()
        self.findings.append(
            Finding(
                severity, check, place.path, place.line, 0, place.field, message, handouts, details
            )
        )

    def problems(self, error: ContentError, slug: str = "") -> None:
        handouts = (slug,) if slug else ()
        for p in error.problems:
            self.findings.append(
                Finding(ERROR, p.check, p.path, p.line, p.column, p.field, p.message, handouts)
            )

    # --- loading ----------------------------------------------------------------------

    def load(
        self, root: Path, practice_dir: Path | None, language: str | None = None
    ) -> tuple[ContentSet, Practice] | None:
        """Content and practice, every problem of both recorded; None if either fails."""
        practice: Practice | None = Practice(language=language or "en")
        if practice_dir is not None:
            from handouts.pipeline.build import load_practice
            from handouts.validate.overrides import extend_content

            try:
                practice = load_practice(practice_dir, language)
            except ContentError as exc:
                self.problems(exc)
                practice = None
        language = practice.language if practice else "en"
        try:
            docs = load_content_docs(root, language)
            content = validate_content(docs)
            if practice is not None and practice.root is not None:
                content = extend_content(content, practice)
        except ContentError as exc:
            self.problems(exc)
            self.notes.append("the handouts were not checked: fix the problems above first")
            return None
        if practice is None:
            self.notes.append("the handouts were not checked: fix the practice problems first")
            return None
        self.index(root, docs, practice, content)
        self.forbidden = content.forbidden
        return content, practice

    def index(self, root: Path, docs: ContentDocs, practice: Practice, content: ContentSet) -> None:
        """Know every YAML file behind the handouts, to point problems at their lines."""
        for doc in (docs.references, docs.ui, docs.sections, *docs.conditions):
            self.sources.add(doc, root.parent / doc.path)
        extra = [practice.source] if practice.source else []
        extra += [
            c.source for c in content.conditions.values() if c.source not in self.sources.docs
        ]
        for source in extra:
            path = Path(source)
            if path.is_file():
                self.sources.add(load_yaml_file(path, source), path)

    def check_translations(
        self, content: ContentSet, english: ContentSet, root: Path, project: Project,
        editions: tuple[str, ...],
    ) -> None:  # fmt: skip
        """Provenance of each translated file, the editions' own included (see
        check/translated.py)."""
        translated.check_translations(self, content, english, root, project, editions)

    # --- each handout -----------------------------------------------------------------

    def check_handout(self, project: Project, slug: str, edition: Edition = FULL) -> HandoutResult:
        """One handout of one edition, through the build's own merge, render and guard."""
        first = len(self.findings)
        try:
            result = self._check_handout(project, slug, edition)
        finally:
            if edition is not FULL:  # name the edition in what this handout's checks found
                self.findings[first:] = [_named(f, slug, edition) for f in self.findings[first:]]
        return result

    def _check_handout(self, project: Project, slug: str, edition: Edition) -> HandoutResult:
        handout = merge_for(project, slug, edition)
        parts = section_texts(handout)
        self.check_texts(handout, parts)
        grades = self.check_grades(handout, parts, edition.grade_limit, edition.key(slug))
        files = template_files(project.search_path, edition.template)
        template = shown(Path(files[0])) if files else edition.template
        pemat = None
        try:
            # The build's own render and guard stages, glyph check included.
            guarded = guard_handout(project, handout, edition.template)
        except TemplateError as exc:
            self.template_problem(exc, template, files, slug)
        except ContentError as exc:
            self.problems(exc, slug)
        else:
            self.check_rendered(handout, visible_text(guarded.root), template, files)
            pemat = score_handout(handout, parts, guarded.root)
            self.check_pemat(pemat, template, slug)
            try:
                # The build's PDF stage too: its page, time and memory bounds and the
                # edition's length rule (a practice making 400 pages must not pass).
                lay_out_edition(project, guarded, slug, edition)
            except LayoutFailure as exc:  # at the practice template line, when known
                if exc.path:
                    place, said = Place(shown(Path(exc.path)), exc.path_line), exc.reason
                else:
                    place, said = Place(template), str(exc)
                self.add(ERROR, "layout", place, said, slug)
            except BuildError as exc:
                self.add(ERROR, "layout", Place(template), str(exc), slug)
        check_html(self, project, slug, edition)
        templates = tuple(shown(Path(f)) for f in files)
        return HandoutResult(slug, handout.title, templates, grades, pemat, edition.name)

    def template_problem(
        self, exc: TemplateError, template: str, files: tuple[str, ...], slug: str
    ) -> None:
        """A render or guard error, at the template file and line it names."""
        place = Place(shown(Path(exc.path)), exc.line) if exc.path else Place(template)
        if exc.check == "required-section" and exc.field:
            # A practice file that overrides the section's block is the likely culprit.
            found = block_place(files, exc.field.replace("-", "_"))
            if found is not None:
                place = Place(shown(Path(found[0])), found[1])
        self.add(ERROR, exc.check, place, exc.message, slug)

    def place_of(self, handout: Handout, part_id: str) -> Place:
        """Where a part of a handout is written (before looking for a sentence in it)."""
        c = handout.condition
        if part_id in ("key-points", "condition"):
            key: Key = ("key_points",) if part_id == "key-points" else ("summary",)
            return Place(c.source, self.sources.line(c.source, key))
        section = next((s for s in handout.sections if s.id == part_id), None)
        if section is not None and section.origin is not None:
            return Place(section.origin.path, section.origin.line)
        return Place(c.source)

    def check_texts(self, handout: Handout, parts: list[SectionText]) -> None:
        """Forbidden claims and unfilled values, at the file and line where they are written."""
        slug = handout.condition.slug
        # (part, the text as printed, as written): a text read from a file knows its line.
        printed = []
        for part in parts:
            printed.append((part.id, part.title, part.title))
            written = part.written or part.texts
            printed += [(part.id, text, raw) for text, raw in zip(part.texts, written, strict=True)]
        printed += [
            ("references", text, text)
            for ref in handout.references
            for text in (ref.authors, ref.title, ref.source, ref.details)
            if text
        ]
        for part_id, text, raw in printed:
            origin = origin_of(raw)
            as_written = raw if origin is not None else ""
            for found, check, message in printed_problems(text, self.forbidden, as_written):
                if origin is not None:
                    place = Place(origin.path, origin.line, origin.field, raw)
                else:  # made from several strings (the evidence line): the word that says it
                    place = self.sources.word_place(
                        handout.ui, handout.placeholder_values, found
                    ) or self.place_of(handout, part_id)
                self.add(
                    ERROR, check, self.sources.refine(place, found), message, slug, phrase=found
                )

    def check_rendered(
        self, handout: Handout, text: str, template: str, files: tuple[str, ...]
    ) -> None:
        """What the template printed makes no claim of its own (the guard checked the rest)."""
        slug = handout.condition.slug
        said = {f.details.get("phrase", "").lower() for f in self.findings if slug in f.handouts}
        for found, check, message in printed_problems(text, self.forbidden):
            if found.lower() not in said:
                # Words the template prints from ui.yaml, or its own words.
                place = (
                    self.sources.word_place(handout.ui, handout.placeholder_values, found)
                    or find_in_files(files, re.escape(found))
                    or Place(template)
                )
                self.add(ERROR, check, place, message, slug, phrase=found)

    def check_grades(
        self, handout: Handout, parts: list[SectionText], edition_limit: float = 0.0, key: str = ""
    ) -> tuple[SectionGrade, ...]:
        """Each section's grade against the practice's limit, or the edition's if lower
        (grade 6 for every section of the summary). ``key`` names the handout by edition
        ("hiv-summary"), to set the English grades of the same edition beside Spanish."""
        from handouts.check.grades import check_grades

        if handout.language == "es":
            return self.check_spanish(handout, parts, key)
        return check_grades(self, handout, parts, edition_limit)

    def check_spanish(
        self, handout: Handout, parts: list[SectionText], key: str = ""
    ) -> tuple[SectionGrade, ...]:
        """Spanish reading ease of each section (see check/translated.py)."""
        return translated.check_spanish(self, handout, parts, key)

    def check_pemat(self, pemat: PematReport, template: str, slug: str) -> None:
        for category, score in (
            ("understandability", pemat.understandability),
            ("actionability", pemat.actionability),
        ):
            if score.passed:
                continue
            failed = "; ".join(
                f"{i.item.id}: {i.note}" for i in pemat.failed if i.item.category == category
            )
            self.add(
                WARNING,
                "pemat",
                Place(template),
                f"PEMAT-P {category} is {score.percent:.0f}% on the automatic items, "
                f"below the {PASS_MARK:.0f}% pass mark. {failed}",
                slug,
            )


def _only_note(slugs: list[str], clinic_set: int) -> str:
    """What a check of some conditions leaves out (the rest of the clinic set)."""
    count = f"{len(slugs)} condition" + ("s" if len(slugs) != 1 else "")
    return (
        f"Checked only {', '.join(slugs)} ({count}; the clinic set has {clinic_set}): run "
        "check without condition names before printing the whole set."
    )


def _named(finding: Finding, slug: str, edition: Edition) -> Finding:
    """The finding, naming the handout by edition ("hiv-summary")."""
    named = tuple(edition.key(slug) if h == slug else h for h in finding.handouts)
    return dataclasses.replace(finding, handouts=named)


def check_project(
    practice_dir: Path | None = None,
    *,
    content_root: Path | None = None,
    today: dt.date | None = None,
    tagged_pdf: bool = False,
    language: str | None = None,
    edition: str | None = None,
    conditions: Sequence[str] = (),
) -> CheckReport:
    """Check the content, the practice and every handout of the clinic set (or only the
    ``conditions`` named, by any name staff use); write nothing.

    ``content_root`` replaces the built-in content (for tests); ``today`` sets the date
    that review dates are compared with; ``tagged_pdf`` also checks each accessible PDF;
    ``language`` overrides the practice's language; ``edition`` checks only that edition
    (default: each of the practice's ``editions:`` that has text in the language). An
    unknown condition name is an UnknownConditionError, as for build.
    """
    checker = Checker(today or dt.date.today())
    loaded = checker.load(content_root or paths.builtin_content_dir(), practice_dir, language)
    results: list[HandoutResult] = []
    version, limit = "", GRADE_LIMIT
    practice_info = (
        None if practice_dir is None else {"slug": "", "name": "", "folder": str(practice_dir)}
    )
    if loaded is not None:
        content, practice = loaded
        version, limit = content.version, min(practice.reading_grade_limit, GRADE_LIMIT)
        if practice.root is not None:
            practice_info = {
                "slug": practice.slug,
                "name": practice.name,
                "folder": str(practice_dir),
            }
        project = make_project(content, practice)
        slugs = resolve_conditions(project, conditions, build_all=not conditions)
        if conditions:
            checker.notes.append(_only_note(slugs, len(project.clinic_set)))
        check_references(checker, content)
        check_reviews(checker, content, practice, slugs)
        chosen, note = choose_editions(project, edition)
        if content.language != "en":
            root = content_root or paths.builtin_content_dir()
            english = validate_content(load_content_docs(root, "en"))
            checker.check_translations(content, english, root, project, chosen)
            checker.english_grades = translated.english_grades(english, slugs, root, chosen)
        if note:
            checker.notes.append(note)
        results = [
            checker.check_handout(project, slug, get_edition(name))
            for name in chosen
            for slug in slugs
        ]
        check_plan_template(checker, project, slugs)
        if FULL.name in chosen:
            check_booklet(checker, project, slugs)
        check_logo(checker, project)  # the warning build prints, at the logo: line
        if tagged_pdf:
            from handouts.check.tagged import check_tagged

            found, notes = check_tagged(project, slugs, chosen)
            checker.findings.extend(found)
            checker.notes.extend(notes)
    return CheckReport(
        findings=merge_findings(checker.findings),
        handouts=tuple(results),
        checked_on=checker.today,
        content_version=version,
        practice=practice_info,
        grade_limit=limit,
        summary_grade_limit=min(limit, SUMMARY_GRADE_LIMIT),
        notes=tuple(checker.notes),
    )
