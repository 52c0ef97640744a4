"""Validate stage: turn parsed content YAML into the typed model, collecting every problem."""

from __future__ import annotations

import re
from pathlib import Path

from handouts.errors import ContentError, Problem
from handouts.model import (
    BLOCK_KINDS,
    CONDITION_SECTION,
    FINDINGS,
    GROUPS,
    MECHANISM_SECTION,
    PLACEHOLDERS,
    REQUIRED_SECTIONS,
    RESEARCH_LEVELS,
    UNTESTED_FINDING,
    UNTESTED_LEVEL,
    Block,
    Condition,
    ContentSet,
    Evidence,
    ForbiddenPhrase,
    Mechanism,
    Reference,
    Review,
    Section,
)
from handouts.text import markup
from handouts.text.claims import ClaimPattern
from handouts.text.yamlfile import ContentDocs, Key, YamlDoc
from handouts.validate.schema import NO_DATE, FieldReader, did_you_mean
from handouts.validate.translation import validate_translation
from handouts.validate.word_values import check_english_words, check_translated_words

REFERENCE_KINDS = (
    "rct", "pilot-rct", "pilot", "open-label", "case-series", "case-report", "observational",
    "meta-analysis", "review", "lab", "label", "guideline", "book", "website",
    "conference", "interview",
)  # fmt: skip
AUTHORLESS_KINDS = ("label", "website", "guideline")
VERIFIED = ("verified", "partly", "not-verified")
CONDITION_FIELDS = (
    "short_name", "studies", "patients_report", "cautions", "mechanisms", "aliases",
)  # fmt: skip
CONDITION_REQUIRED = ("slug", "name", "group", "summary", "key_points", "evidence", "review")


class TextChecker:
    """Check the inline markup of content text: known citations and placeholder names."""

    def __init__(self, reader: FieldReader, references: set[str], cited: set[str]) -> None:
        self.reader = reader
        self.references = references
        self.cited = cited

    def __call__(self, key: Key, text: str) -> str:
        for ref in markup.citations(text):
            self.cited.add(ref)
            if ref not in self.references:
                hint = did_you_mean(ref, self.references)
                self.reader.add(key, f"unknown reference [@{ref}]{hint}", "reference")
        for name in markup.placeholders(text):
            if name not in PLACEHOLDERS:
                self.reader.add(
                    key, f"unknown value {{{name}}}; use one of: {', '.join(PLACEHOLDERS)}"
                )
        return text

    def keys(self, key: Key, keys: tuple[str, ...]) -> tuple[str, ...]:
        for i, ref in enumerate(keys):
            self.cited.add(ref)
            if ref not in self.references:
                hint = did_you_mean(ref, self.references)
                self.reader.add((*key, i), f"unknown reference '{ref}'{hint}", "reference")
        return keys


def validate_references(doc: YamlDoc, problems: list[Problem]) -> dict[str, Reference]:
    """The bibliography: key -> Reference."""
    r = FieldReader(doc, problems)
    if not isinstance(doc.data, dict):
        r.add((), "expected a mapping of reference keys to citations")
        return {}
    refs: dict[str, Reference] = {}
    for key in doc.data:
        if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", key):
            r.add((key,), f"'{key}' is not a valid reference key; use a-z, 0-9 and '-' only")
        # Drug labels and web pages have no author list and are revised without a set year.
        # A partly verified entry leaves out what the fact sheet has only "from memory"
        # (an author list, a journal's year: ldn-facts.md 4.3), so it may have neither.
        authorless = (
            r.raw((key, "kind")) in AUTHORLESS_KINDS or r.raw((key, "verified")) == "partly"
        )
        r.mapping(
            (key,),
            required=("title", "source", "kind", "verified")
            + (() if authorless else ("authors", "year")),
            optional=("details", "doi", "pmid", "url")
            + (("authors", "year") if authorless else ()),
        )
        refs[key] = Reference(
            key=key,
            authors=r.text((key, "authors"), required=not authorless),
            title=r.text((key, "title")),
            source=r.text((key, "source")),
            year=int(r.number((key, "year"), default=0, low=1800, high=2100, integer=True)),
            kind=r.choice((key, "kind"), REFERENCE_KINDS),
            verified=r.choice((key, "verified"), VERIFIED),
            details=r.text((key, "details"), required=False),
            doi=r.text((key, "doi"), required=False),
            pmid=_text_or_number(r, (key, "pmid")),
            url=r.text((key, "url"), required=False),
        )
    return refs


def _text_or_number(r: FieldReader, key: Key) -> str:
    value = r.raw(key)
    return (
        str(value)
        if isinstance(value, int) and not isinstance(value, bool)
        else r.text(key, required=False)
    )


def validate_forbidden(
    doc: YamlDoc | None, problems: list[Problem], english: bool = False
) -> tuple[ForbiddenPhrase, ...]:
    """The forbidden-phrase list; every pattern must compile. ``english`` patterns (the
    shared content/forbidden.yaml) match text with its accents taken off."""
    if doc is None:
        return ()
    r = FieldReader(doc, problems)
    if not isinstance(doc.data, list):
        r.add((), "expected a list of {pattern, reason} entries")
        return ()
    phrases = []
    for i, _ in enumerate(doc.data):
        # catches/allows: example sentences a test holds the pattern to (tests only);
        # kind: what sort of claim it is (cure, safe, promise, stop-treatment, opioids).
        r.mapping(
            (i,),
            required=("pattern", "reason"),
            optional=("kind", "negatable", "catches", "allows"),
        )
        pattern, reason = r.text((i, "pattern")), r.text((i, "reason"))
        negatable = r.boolean((i, "negatable"), default=False)
        try:
            re.compile(pattern)
        except re.error as exc:
            r.add((i, "pattern"), f"not a valid regular expression: {exc}")
            continue
        phrases.append(ClaimPattern(pattern, reason, negatable, english))
    return tuple(phrases)


def validate_ui(doc: YamlDoc, problems: list[Problem]) -> dict[str, str]:
    """The layout's words: a flat mapping of name -> text."""
    r = FieldReader(doc, problems)
    if not isinstance(doc.data, dict):
        r.add((), "expected a mapping of names to text")
        return {}
    return {name: r.text((name,)) for name in doc.data}


def validate_blocks(r: FieldReader, key: Key, check: TextChecker) -> tuple[Block, ...]:
    """A body: a list of one-key mappings such as ``- text: ...`` or ``- list: [...]``."""
    value = r.raw(key)
    if value is None or not r.has(key):
        return ()
    if not isinstance(value, list):
        r.add(key, "expected a list of blocks (- text: ..., - list: [...])")
        return ()
    blocks = []
    for i, item in enumerate(value):
        if not isinstance(item, dict) or len(item) != 1:
            r.add((*key, i), f"each block is one of: {', '.join(BLOCK_KINDS)}")
            continue
        kind = next(iter(item))
        if kind not in BLOCK_KINDS:
            r.add((*key, i, kind), f"unknown block kind{did_you_mean(kind, BLOCK_KINDS)}")
            continue
        if kind in ("text", "note"):
            items: tuple[str, ...] = (r.text((*key, i, kind)),)
        else:
            items = r.texts((*key, i, kind), required=True)
        for j, text in enumerate(items):
            check((*key, i, kind, j) if kind not in ("text", "note") else (*key, i, kind), text)
        blocks.append(Block(kind, items))
    return tuple(blocks)


def validate_sections(doc: YamlDoc, checker: TextChecker) -> tuple[str, tuple[Section, ...]]:
    """The shared sections file: (content version, sections in print order)."""
    r = checker.reader
    r.mapping((), required=("version", "sections"))
    version = (
        r.text(("version",))
        if not isinstance(r.raw(("version",)), (int, float))
        else str(r.raw(("version",)))
    )
    raw = r.raw(("sections",))
    if not isinstance(raw, list):
        if r.has(("sections",)):
            r.add(("sections",), "expected a list of sections")
        return version, ()
    sections, seen = [], set()
    for i, _ in enumerate(raw):
        key: Key = ("sections", i)
        r.mapping(
            key, required=("id", "title"), optional=("required", "references", "body", "mechanisms")
        )
        sid = r.slug((*key, "id"))
        if sid in seen:
            r.add((*key, "id"), f"duplicate section id '{sid}'")
        seen.add(sid)
        mechanisms = []
        if r.has((*key, "mechanisms")):
            if sid != MECHANISM_SECTION:
                r.add(
                    (*key, "mechanisms"), f"only the '{MECHANISM_SECTION}' section has mechanisms"
                )
            for j, _ in enumerate(r.raw((*key, "mechanisms")) or []):
                mkey: Key = (*key, "mechanisms", j)
                r.mapping(mkey, required=("id", "title", "text"), optional=("references",))
                mechanisms.append(
                    Mechanism(
                        id=r.slug((*mkey, "id")),
                        title=r.text((*mkey, "title")),
                        text=checker((*mkey, "text"), r.text((*mkey, "text"))),
                        references=checker.keys(
                            (*mkey, "references"), r.texts((*mkey, "references"))
                        ),
                    )
                )
        sections.append(
            Section(
                id=sid,
                title=r.text((*key, "title")),
                body=validate_blocks(r, (*key, "body"), checker),
                required=r.boolean((*key, "required"), default=False),
                references=checker.keys((*key, "references"), r.texts((*key, "references"))),
                mechanisms=tuple(mechanisms),
                origin=r.origin(key),
            )
        )
    for required in (*REQUIRED_SECTIONS, CONDITION_SECTION):
        if required not in seen:
            r.add(("sections",), f"the '{required}' section is missing; every handout needs it")
    for section in sections:
        if section.id in REQUIRED_SECTIONS and not section.required:
            index = [s.id for s in sections].index(section.id)
            r.add(("sections", index, "required"), "this section must be marked required: true")
    return version, tuple(sections)


def validate_condition(doc: YamlDoc, problems: list[Problem], checker: TextChecker) -> Condition:
    """One condition file."""
    r = FieldReader(doc, problems)
    checker.reader = r
    r.mapping((), required=CONDITION_REQUIRED, optional=CONDITION_FIELDS)
    slug = r.slug(("slug",))
    stem = Path(doc.path).stem
    if slug and slug != stem:
        r.add(("slug",), f"'{slug}' does not match the file name '{stem}.yaml'")
    r.mapping(("evidence",), required=("research", "found", "known", "not_known", "references"))
    r.mapping(("review",), required=("reviewed_on", "next_review", "reviewer"))
    review = Review(
        reviewed_on=r.date(("review", "reviewed_on")),
        next_review=r.date(("review", "next_review")),
        reviewer=r.text(("review", "reviewer")),
    )
    readable = NO_DATE not in (review.reviewed_on, review.next_review)
    if readable and review.next_review <= review.reviewed_on:
        r.add(("review", "next_review"), "must be after reviewed_on")

    def texts(key: Key, required: bool = False) -> tuple[str, ...]:
        items = r.texts(key, required=required)
        for i, text in enumerate(items):
            checker((*key, i), text)
        return items

    research = r.choice(("evidence", "research"), RESEARCH_LEVELS)
    # With no research in people there may be nothing to cite (lupus: ldn-facts.md 1D).
    cited = research != UNTESTED_LEVEL
    evidence = Evidence(
        research=research,
        found=r.choice(("evidence", "found"), FINDINGS),
        known=checker(("evidence", "known"), r.text(("evidence", "known"))),
        not_known=checker(("evidence", "not_known"), r.text(("evidence", "not_known"))),
        references=checker.keys(
            ("evidence", "references"), r.texts(("evidence", "references"), required=cited)
        ),
    )
    _check_scale(r, evidence)
    return Condition(
        slug=slug,
        name=r.text(("name",)),
        group=r.choice(("group",), GROUPS),
        summary=checker(("summary",), r.text(("summary",))),
        key_points=texts(("key_points",), required=True),
        evidence=evidence,
        review=review,
        short_name=r.text(("short_name",), required=False),
        studies=texts(("studies",)),
        patients_report=texts(("patients_report",)),
        cautions=texts(("cautions",)),
        mechanisms=r.texts(("mechanisms",)),
        aliases=r.texts(("aliases",)),
        source=doc.path,
    )


def _check_scale(r: FieldReader, evidence: Evidence) -> None:
    """The two parts of the scale must not contradict each other (ldn-facts.md 4.2)."""
    if evidence.research not in RESEARCH_LEVELS or evidence.found not in FINDINGS:
        return  # already reported
    untested = evidence.found == UNTESTED_FINDING
    if untested != (evidence.research == UNTESTED_LEVEL):
        r.add(
            ("evidence", "found"),
            f"'{evidence.found}' does not fit research '{evidence.research}': use "
            f"found: {UNTESTED_FINDING} exactly when research is {UNTESTED_LEVEL}",
        )


def validate_content(docs: ContentDocs) -> ContentSet:
    """Validate every content file and cross-check them; raise ContentError with all problems."""
    problems: list[Problem] = []
    references = validate_references(docs.references, problems)
    forbidden = validate_forbidden(docs.forbidden, problems, english=True)
    forbidden += validate_forbidden(docs.forbidden_language, problems)
    translations = [validate_translation(block, problems) for block in docs.translations]
    ui = validate_ui(docs.ui, problems)
    if docs.english_ui is None:
        check_english_words(docs.ui, ui, problems)
    elif isinstance(docs.english_ui.data, dict):
        check_translated_words(docs.ui, ui, docs.english_ui.data, problems)
    cited: set[str] = set()
    checker = TextChecker(FieldReader(docs.sections, problems), set(references), cited)
    version, sections = validate_sections(docs.sections, checker)
    mechanism_ids = {m.id for s in sections for m in s.mechanisms}
    conditions: dict[str, Condition] = {}
    for doc in docs.conditions:
        condition = validate_condition(doc, problems, checker)
        for i, mid in enumerate(condition.mechanisms):
            if mid not in mechanism_ids:
                checker.reader.add(
                    ("mechanisms", i),
                    f"unknown mechanism '{mid}'{did_you_mean(mid, mechanism_ids)}",
                )
        if condition.slug:
            conditions[condition.slug] = condition
    if problems:
        raise ContentError(problems)
    return ContentSet(
        version=version,
        language=docs.language,
        sections=sections,
        conditions=dict(sorted(conditions.items())),
        references=references,
        ui=ui,
        forbidden=forbidden,
        files=docs.files,
        translations={t.path: t for t in translations},
    )


def uncited_references(content: ContentSet) -> list[str]:
    """Reference keys that no section, mechanism or condition cites."""
    cited: set[str] = set()
    for section in content.sections:
        cited.update(section.references)
        for block in section.body:
            for item in block.texts:
                cited.update(markup.citations(item))
        for mech in section.mechanisms:
            cited.update(mech.references)
            cited.update(markup.citations(mech.text))
    for c in content.conditions.values():
        cited.update(c.evidence.references)
        for text in (c.summary, c.evidence.known, c.evidence.not_known, *c.key_points,
                     *c.studies, *c.patients_report, *c.cautions):  # fmt: skip
            cited.update(markup.citations(text))
    return sorted(set(content.references) - cited)
