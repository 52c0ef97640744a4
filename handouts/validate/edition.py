"""Load and validate an edition's own content: ``content/<lang>/<name>.yaml`` (shared
wording and the edition's versions of the shared sections) and ``content/<lang>/<name>/
<slug>.yaml`` (each condition's own lines). Every problem is collected and reported
once, as ``file:line: field: message``, like the rest of the content.

A section entry ``{id: opioid-warning, shared: true}`` takes the shared section of that
id whole: the edition reuses it, word for word, rather than copying it.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from handouts.editions import EditionContent, SheetText
from handouts.errors import ContentError, Problem
from handouts.model import ContentSet, Practice, Section, Translation
from handouts.text.yamlfile import Key, YamlDoc, display_path, read_collecting
from handouts.validate.content import TextChecker, validate_blocks
from handouts.validate.schema import FieldReader, did_you_mean
from handouts.validate.word_values import check_english_words, check_translated_words

MAX_RESULTS = 3  # "the condition in at most three study results" (issue 13)
MAX_SOURCES = 3  # "at most three key sources" (standards.md)
MAX_CAUTIONS = 3
SHEET_FIELDS = ("slug", "for", "keep", "results", "not_known", "cautions", "sources")
# The key-facts evidence line comes from the condition's scale (text.evidence), never a
# hand-typed line that could drift from it: a sheet that types one is refused.
TYPED_EVIDENCE = (
    "the evidence line is not typed by hand: the sheet prints the condition's evidence "
    "scale in the scale's own words (evidence: research and found in conditions/{slug}.yaml). "
    "Delete this line"
)


def _sections(r: FieldReader, content: ContentSet, check: TextChecker) -> tuple[Section, ...]:
    shared = {s.id: s for s in content.sections}
    out: list[Section] = []
    raw = r.raw(("sections",))
    for i, _ in enumerate(raw if isinstance(raw, list) else []):
        key: Key = ("sections", i)
        if r.boolean((*key, "shared"), default=False):
            r.mapping(key, required=("id", "shared"))
            sid = r.slug((*key, "id"))
            if sid in shared:
                out.append(shared[sid])
            else:
                r.add((*key, "id"), f"there is no shared section '{sid}' to reuse")
            continue
        r.mapping(key, required=("id", "title"), optional=("body", "required", "references"))
        out.append(
            Section(
                id=r.slug((*key, "id")),
                title=r.text((*key, "title")),
                body=validate_blocks(r, (*key, "body"), check),
                required=r.boolean((*key, "required"), default=False),
                references=check.keys((*key, "references"), r.texts((*key, "references"))),
                origin=r.origin(key),
            )
        )
    ids = {s.id: s for s in out}
    # Every section the full guide requires (the warning, what counts as an opioid, the
    # off-label caveat) is in every edition too, shared whole or in the edition's words.
    needed = ["condition", *(s.id for s in content.sections if s.required)]
    for sid in dict.fromkeys(needed):
        if sid not in ids:
            r.add(("sections",), f"the '{sid}' section is missing; every handout needs it")
        elif sid != "condition" and not ids[sid].required:
            r.add(("sections",), f"the '{sid}' section must be marked required: true")
    return tuple(out)


def _sheet(doc: YamlDoc, problems: list[Problem], check: TextChecker) -> SheetText:
    r = FieldReader(doc, problems)
    check.reader = r
    raw = r.raw(())
    if isinstance(raw, dict) and "evidence" in raw:
        r.add(("evidence",), TYPED_EVIDENCE.replace("{slug}", Path(doc.path).stem))
    r.mapping((), required=SHEET_FIELDS[:-2] + ("sources",), optional=("cautions", "evidence"))
    slug = r.slug(("slug",))
    if slug and slug != Path(doc.path).stem:
        r.add(("slug",), f"'{slug}' does not match the file name '{Path(doc.path).stem}.yaml'")

    def one(name: str) -> str:
        return check((name,), r.text((name,)))

    def many(name: str, limit: int, required: bool) -> tuple[str, ...]:
        items = r.texts((name,), required=required)
        if len(items) > limit:
            r.add((name,), f"{len(items)} items; a summary has room for {limit} at most")
        for j, text in enumerate(items):
            check((name, j), text)
        return items[:limit]

    sources = r.texts(("sources",), required=True)
    if len(sources) > MAX_SOURCES:
        r.add(("sources",), f"{len(sources)} sources; a summary lists {MAX_SOURCES} at most")
    return SheetText(
        slug=slug,
        for_whom=one("for"),
        keep=one("keep"),
        results=many("results", MAX_RESULTS, True),
        not_known=one("not_known"),
        cautions=many("cautions", MAX_CAUTIONS, False),
        sources=check.keys(("sources",), sources[:MAX_SOURCES]),
        source=doc.path,
    )


_loaded: dict[tuple[Path, str, str, str], EditionContent] = {}


def load_edition_content(root: Path, name: str, content: ContentSet) -> EditionContent:
    """The edition ``name``'s content for ``content``'s language (once per process)."""
    key = (root, name, content.language, content.version)
    if key not in _loaded:
        _loaded[key] = _load(root, name, content)
    return _loaded[key]


def _load(root: Path, name: str, content: ContentSet) -> EditionContent:
    from handouts.validate.translation import take_translation

    problems: list[Problem] = []
    lang = root / content.language
    files: list[Path] = []
    translations: dict[str, Translation] = {}

    def read(path: Path) -> YamlDoc | None:
        doc = read_collecting(path, root, problems, files)
        # A translation says who made it and from what.
        if doc is not None and content.language != "en":
            doc, record = take_translation(doc, problems)
            if record is not None:
                translations[record.path] = record
        return doc

    main = read(lang / f"{name}.yaml")
    words: dict[str, str] = {}
    facts: tuple[str, ...] = ()
    sections: tuple[Section, ...] = ()
    empty = YamlDoc(display_path(lang / f"{name}.yaml", root), {})
    check = TextChecker(FieldReader(main or empty, problems), set(content.references), set())
    if main is not None:
        r = FieldReader(main, problems)
        check.reader = r
        r.mapping((), required=("words", "key_facts", "sections"))
        raw = r.raw(("words",))
        words = {k: r.text(("words", k)) for k in (raw if isinstance(raw, dict) else {})}
        if content.language != "en":
            english = _english_words(root / "en" / f"{name}.yaml", root, problems)
            check_translated_words(main, words, english, problems, ("words",))
        else:
            check_english_words(main, words, problems, ("words",))
        facts = tuple(check(("key_facts", i), t) for i, t in enumerate(r.texts(("key_facts",))))
        sections = _sections(r, content, check)
    sheets: dict[str, SheetText] = {}
    for path in sorted((lang / name).glob("*.yaml")):
        doc = read(path)
        if doc is not None:
            sheet = _sheet(doc, problems, check)
            if sheet.slug:
                sheets[sheet.slug] = sheet
    if problems:
        raise ContentError(problems)
    return EditionContent(name, words, facts, sections, sheets, tuple(files), translations)


def _english_words(path: Path, root: Path, problems: list[Problem]) -> dict[str, Any]:
    """The ``words:`` of an edition's English file, which a translation's words match in
    {name} values ({} without the file: then only the booklet's defaults apply)."""
    doc = read_collecting(path, root, problems, [], required=False)
    data = doc.data if doc is not None and isinstance(doc.data, dict) else {}
    words = data.get("words")
    return dict(words) if isinstance(words, dict) else {}


def editions_field(r: FieldReader) -> tuple[str, ...]:
    """Which editions a build makes unless --edition says otherwise."""
    from handouts.editions import EDITIONS

    if not r.has(("editions",)):
        return Practice.editions
    names = r.texts(("editions",), required=True)
    for i, name in enumerate(names):
        if name not in EDITIONS:
            r.add(("editions", i), f"unknown edition '{name}'{did_you_mean(name, EDITIONS)}; "
                  f"use one of: {', '.join(EDITIONS)}")  # fmt: skip
    return tuple(dict.fromkeys(n for n in names if n in EDITIONS)) or Practice.editions


def guide_url_field(r: FieldReader) -> str:
    """The web address the full guides are posted under (https://...), or ''."""
    url = r.text(("full_guide_url",), required=False).strip()
    if url and not re.fullmatch(r"https?://[A-Za-z0-9.-]+(?::\d+)?(/[A-Za-z0-9._~/-]*)?", url):
        r.add(("full_guide_url",), "expected a web address such as "
              "https://example.org/ldn/ (letters, digits, '.', '-', '_', '/' only)")  # fmt: skip
        return ""
    return url
