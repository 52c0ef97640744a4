"""Check a tagged PDF: walk its structure tree and say what PDF/UA-1 needs that is missing.

WeasyPrint's docs say its PDF/UA output is not guaranteed valid, so every accessible PDF
is checked before it is written (and ``handouts check --tagged-pdf`` runs the same
checks). These are the machine-checkable parts of the Matterhorn protocol that matter for
a handout: a structure tree and MarkInfo, /Lang, DisplayDocTitle and the title, the
PDF/UA identifier in XMP, one H1 and no skipped heading level, lists as L/LI, tables with
TH cells, alt text on every Figure, every font embedded, and the required sections in the
tagged text (text inside marked content that is not an artifact). pypdf only: it is a
runtime dependency already.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

# Bounds: a structure tree deeper or larger than this is refused, not walked forever.
MAX_DEPTH = 200
MAX_ELEMENTS = 200_000
_HEADING = re.compile(r"^H([1-6])$")
_SPACE = re.compile(r"\s+")
# Compared by letters alone: citation numbers (superscripts), bullets and line breaks
# land between words in the page's text, and do not change what a reader hears.
_NOT_LETTER = re.compile(r"[\W\d_]+")


@dataclass
class Structure:
    """What the structure tree of one PDF holds, in reading order."""

    counts: Counter[str] = field(default_factory=Counter)
    headings: list[tuple[int, str]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    pages: int = 0

    def summary(self) -> str:
        """One line: pages and how many of each structure type, most frequent first."""
        parts = ", ".join(f"{tag} {n}" for tag, n in sorted(self.counts.items()))
        return f"{self.pages} pages; {parts}"


def _resolve(value: Any) -> Any:
    return value.get_object() if isinstance(value, IndirectObject) else value


def _dict(value: Any) -> DictionaryObject:
    """``value`` resolved if it is a dictionary, else an empty one."""
    value = _resolve(value)
    return value if isinstance(value, DictionaryObject) else DictionaryObject()


def _kids(element: DictionaryObject) -> list[Any]:
    kids = _resolve(element.get("/K"))
    if kids is None:
        return []
    return [_resolve(k) for k in kids] if isinstance(kids, ArrayObject) else [kids]


def _is_element(value: Any) -> bool:
    return isinstance(value, DictionaryObject) and "/S" in value


def _role(element: DictionaryObject, role_map: Mapping[str, str]) -> str:
    """The standard structure type of an element (custom types through the RoleMap)."""
    tag = str(element["/S"])
    for _ in range(10):  # a RoleMap may chain; a cycle stops here
        if tag not in role_map:
            break
        tag = role_map[tag]
    return tag.lstrip("/")


def _text_of(
    element: DictionaryObject,
    texts: Mapping[tuple[int, int], str],
    pages: Mapping[int, int],
    page: int,
) -> str:
    """The tagged text under ``element`` (for heading summaries)."""
    out = []
    page_ref = element.get("/Pg")
    here = page if page_ref is None else pages.get(getattr(page_ref, "idnum", -1), -1)
    for kid in _kids(element):
        if isinstance(kid, int):
            out.append(texts.get((here, kid), ""))
        elif _is_element(kid):
            out.append(_text_of(kid, texts, pages, here))
        elif isinstance(kid, DictionaryObject) and "/MCID" in kid:
            out.append(texts.get((here, int(str(kid["/MCID"]))), ""))
    return "".join(out)


class _PageText:
    """Collects one page's text by marked-content id, leaving artifacts out."""

    def __init__(self, index: int, texts: dict[tuple[int, int], str], order: list[str]) -> None:
        self.index, self.texts, self.order = index, texts, order
        self.stack: list[tuple[str, int | None]] = []

    def before(self, op: bytes, args: Any, cm: Any, tm: Any) -> None:
        if op == b"BDC":
            props = _resolve(args[1]) if len(args) > 1 else None
            mcid = props.get("/MCID") if isinstance(props, DictionaryObject) else None
            self.stack.append((str(args[0]), None if mcid is None else int(mcid)))
        elif op == b"BMC":
            self.stack.append((str(args[0]), None))
        elif op == b"EMC" and self.stack:
            self.stack.pop()

    def text(self, value: str, cm: Any, tm: Any, font: Any, size: Any) -> None:
        if not value or any(tag == "/Artifact" for tag, _ in self.stack):
            return
        mcid = next((m for _, m in reversed(self.stack) if m is not None), None)
        if mcid is None:
            return  # untagged content is not part of the tagged text
        key = (self.index, mcid)
        self.texts[key] = self.texts.get(key, "") + value
        self.order.append(value)


def marked_texts(reader: PdfReader) -> tuple[dict[tuple[int, int], str], str]:
    """Text by (page, MCID), and all tagged text in page order (artifacts left out)."""
    texts: dict[tuple[int, int], str] = {}
    order: list[str] = []
    for index, page in enumerate(reader.pages):
        collect = _PageText(index, texts, order)
        page.extract_text(visitor_operand_before=collect.before, visitor_text=collect.text)
    return texts, "".join(order)


def _walk(
    root: DictionaryObject, role_map: Mapping[str, str]
) -> Iterator[tuple[DictionaryObject, str, str, int]]:
    """(element, type, parent type, depth) in document order, bounded."""
    todo: list[tuple[Any, str, int]] = [(k, "", 0) for k in reversed(_kids(root))]
    seen = 0
    while todo:
        element, parent, depth = todo.pop()
        if not _is_element(element):
            continue
        seen += 1
        if depth > MAX_DEPTH or seen > MAX_ELEMENTS:
            raise ValueError("the structure tree is too deep or too large to check")
        tag = _role(element, role_map)
        yield element, tag, parent, depth
        todo.extend((k, tag, depth + 1) for k in reversed(_kids(element)))


def _fonts(reader: PdfReader) -> Iterator[tuple[str, DictionaryObject]]:
    """(name, font dictionary) of every font the pages and their forms use."""
    seen: set[int] = set()

    def of(resources: Any, depth: int) -> Iterator[tuple[str, DictionaryObject]]:
        resources = _resolve(resources)
        if not isinstance(resources, DictionaryObject) or depth > 10:
            return
        for font in (_resolve(resources.get("/Font")) or {}).values():
            font = _resolve(font)
            if id(font) not in seen:
                seen.add(id(font))
                yield str(font.get("/BaseFont", "?")), font
        for xobject in (_resolve(resources.get("/XObject")) or {}).values():
            xobject = _resolve(xobject)
            if xobject.get("/Subtype") == "/Form":
                yield from of(xobject.get("/Resources"), depth + 1)

    for page in reader.pages:
        yield from of(page.get("/Resources"), 0)


def _embedded(font: DictionaryObject) -> bool:
    if font.get("/Subtype") == "/Type3":
        return True  # drawn by the PDF itself
    faces = [font]
    if "/DescendantFonts" in font:
        faces = [_resolve(f) for f in _resolve(font["/DescendantFonts"])]
    for face in faces:
        descriptor = _resolve(face.get("/FontDescriptor"))
        if not isinstance(descriptor, DictionaryObject):
            return False
        if not any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")):
            return False
    return True


def normalise(text: str) -> str:
    """Text with runs of white space as one space, for comparing."""
    return _SPACE.sub(" ", text).strip()


def letters(text: str) -> str:
    """Only the letters of ``text``, lower-case, for comparing tagged text with content."""
    return _NOT_LETTER.sub("", text).lower()


def check_tagged_pdf(
    data: bytes, title: str, required: Mapping[str, tuple[str, ...]] | None = None
) -> Structure:
    """Walk ``data``'s structure; ``.problems`` lists what PDF/UA-1 needs that is missing."""
    reader = PdfReader(io.BytesIO(data))
    result = Structure(pages=len(reader.pages))
    problems = result.problems
    catalog: DictionaryObject = _resolve(reader.trailer["/Root"])
    if not _dict(catalog.get("/MarkInfo")).get("/Marked"):
        problems.append("MarkInfo /Marked is not true: the PDF does not say it is tagged")
    if not str(catalog.get("/Lang", "")).strip():
        problems.append("no /Lang: a screen reader cannot tell the language")
    if not _dict(catalog.get("/ViewerPreferences")).get("/DisplayDocTitle"):
        problems.append("DisplayDocTitle is not set: viewers show the file name, not the title")
    shown = str(reader.metadata.get("/Title", "")) if reader.metadata else ""
    if normalise(shown) != normalise(title):
        problems.append(f'the title is "{shown}", not the handout\'s title "{title}"')
    xmp = _resolve(catalog.get("/Metadata"))
    xmp_text = xmp.get_data().decode("utf-8", "replace") if xmp is not None else ""
    if not re.search(r"pdfuaid:part\s*(=\s*[\"']1[\"']|>\s*1\s*<)", xmp_text):
        problems.append("no PDF/UA identifier (pdfuaid:part 1) in the XMP metadata")
    for name, font in _fonts(reader):
        if not _embedded(font):
            problems.append(f"font {name.lstrip('/')} is not embedded")
    tree = _resolve(catalog.get("/StructTreeRoot"))
    if not isinstance(tree, DictionaryObject):
        problems.append("no StructTreeRoot: the PDF has no structure tree")
        return result
    pages = {
        page.indirect_reference.idnum: i
        for i, page in enumerate(reader.pages)
        if page.indirect_reference is not None
    }
    texts, tagged_text = marked_texts(reader)
    role_map = {str(k): str(v) for k, v in _dict(tree.get("/RoleMap")).items()}
    try:
        _check_elements(tree, role_map, texts, pages, result)
    except ValueError as exc:
        problems.append(str(exc))
    _check_headings(result)
    seen = letters(tagged_text)
    for section, wanted in (required or {}).items():
        for expected in wanted:
            if letters(expected) not in seen:
                problems.append(
                    f"required section '{section}' is not in the tagged text "
                    f'(cannot find: "{normalise(expected)[:60]}")'
                )
    return result


def _check_elements(
    tree: DictionaryObject,
    role_map: Mapping[str, str],
    texts: Mapping[tuple[int, int], str],
    pages: Mapping[int, int],
    result: Structure,
) -> None:
    tables: list[DictionaryObject] = []
    for element, tag, parent, _depth in _walk(tree, role_map):
        result.counts[tag] += 1
        heading = _HEADING.match(tag)
        if heading:
            result.headings.append(
                (int(heading.group(1)), normalise(_text_of(element, texts, pages, -1)))
            )
        elif tag == "LI" and parent != "L":
            result.problems.append(f"a list item (LI) sits in {parent or 'the root'}, not in L")
        elif tag == "L":
            kinds = {_role(k, role_map) for k in _kids(element) if _is_element(k)}
            if not kinds or kinds - {"LI", "Caption", "L"}:
                result.problems.append(f"a list (L) holds {sorted(kinds) or 'nothing'}, not LI")
        elif tag == "Figure" and not str(element.get("/Alt", "")).strip():
            if not str(element.get("/ActualText", "")).strip():
                result.problems.append("a Figure has no alt text (/Alt)")
        elif tag == "Table":
            tables.append(element)
    for table in tables:
        if not any(t == "TH" for _, t, _, _ in _walk(table, role_map)):
            result.problems.append("a table has no header cells (TH)")


def _check_headings(result: Structure) -> None:
    levels = [level for level, _ in result.headings]
    ones = levels.count(1)
    if ones != 1:
        result.problems.append(f"{ones} H1 headings; a handout has exactly one")
    previous = 0
    for level, text in result.headings:
        if level > previous + 1:
            result.problems.append(
                f'heading H{level} "{text[:40]}" skips a level after H{previous}'
            )
        previous = level
