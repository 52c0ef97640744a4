"""The orchestrator: calls the stages in order (load, validate, merge, render, guard, PDF,
write). Stages never call each other; only this module knows the whole pipeline."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lxml import etree

from handouts import paths
from handouts.editions import FULL, Edition, get_edition
from handouts.errors import HandoutsError, LayoutFailure, UnknownConditionError
from handouts.guard.rml import guard_rml
from handouts.load.content import load_content_docs
from handouts.model import PAGE_TOTAL, BuiltHandout, ContentSet, Handout, Practice, Project
from handouts.output.write import prepare_folder, remove_stale_temps, write_atomic
from handouts.pdf import fonts, glyphs, images, z3cfast
from handouts.pdf.document import PdfLayout, PdfMeta, render_pdf_layout
from handouts.pipeline.edition import full_guide, merge_for
from handouts.pipeline.logo import logo_context, print_images, print_logo
from handouts.pipeline.places import Locate, placed_failure, refuse_printed, refuse_printed_html
from handouts.render import layout
from handouts.render.templates import render_template, template_files
from handouts.render.trace import locator
from handouts.text import lang
from handouts.text.evidence import scale_of
from handouts.text.sections import find_forbidden, required_texts, section_texts
from handouts.validate.content import validate_content

if TYPE_CHECKING:
    pass

TEMPLATE = "handout.rml.j2"
HTML_TEMPLATE = "handout.html.j2"


@dataclass(frozen=True)
class GuardedHandout:
    """One handout through render and guard: the checked RML tree, ready for the PDF."""

    handout: Handout
    root: etree._Element
    templates: tuple[str, ...]
    locate: Locate | None = field(default=None, compare=False)  # RML line -> template line


@lru_cache(maxsize=8)
def load_content(root: Path, language: str = "en") -> ContentSet:
    """Load and validate a content tree (once per process)."""
    return validate_content(load_content_docs(root, language))


def builtin_content(language: str) -> ContentSet:
    """The validated built-in content of ``language`` (from load_content's cache)."""
    return load_content(paths.builtin_content_dir(), language)


def load_practice(folder: Path, language: str | None = None) -> Practice:
    """Read and check a practice folder against the built-in content (``language``: print
    in another language than the practice's own)."""
    from handouts.validate.practice import load_practice as validate_practice

    return validate_practice(folder, builtin_content, language)


def load_project(
    practice_dir: Path | None = None,
    page_size: str | None = None,
    language: str | None = None,
    large_print: bool = False,
) -> Project:
    """Content, practice and template search path for a build (``language`` overrides the
    practice's own ``language:``)."""
    if language is not None:
        from handouts.validate.practice import available_languages

        if language not in available_languages():
            raise HandoutsError(
                f"--language {language}: there is no built-in content in that language; "
                f"use one of: {', '.join(available_languages())}"
            )
    practice = Practice(language=language or "en")
    if practice_dir is not None:
        practice = load_practice(practice_dir, language)
    variant = []
    if page_size and page_size != practice.page_size:
        variant.append(page_size)
    if large_print and not practice.large_print:
        variant.append("large-print")
        practice = _replace(practice, large_print=True)
    if page_size:
        practice = _replace(practice, page_size=page_size)
    if language:
        practice = _replace(practice, language=language)
    content = load_content(paths.builtin_content_dir(), practice.language)
    if practice.root is not None:
        from handouts.validate.overrides import extend_content

        content = extend_content(content, practice)
    return make_project(content, practice, "-".join(variant))


def make_project(content: ContentSet, practice: Practice, variant: str = "") -> Project:
    """The project of validated ``content`` and ``practice``: templates are looked up in the
    practice folder first, then the built-in ones; files may come from those two only."""
    search_path = tuple(p for p in (practice.templates_dir, paths.builtin_templates_dir()) if p)
    roots = tuple(p for p in (practice.root, paths.builtin_templates_dir()) if p)
    return Project(content, practice, search_path, roots, variant)


def _replace(practice: Practice, **changes: Any) -> Practice:
    import dataclasses

    return dataclasses.replace(practice, **changes)


def resolve_conditions(project: Project, slugs: Iterable[str], build_all: bool) -> list[str]:
    """The slugs to build, by any name staff use ("ms", "fibro"); an unknown one is an
    error with the closest slug and the known ones."""
    if build_all:
        return list(project.clinic_set)
    from handouts.text.names import resolve_name, suggest_name

    conditions = project.content.conditions
    others = [builtin_content("en").conditions]  # "ms" still means MS in Spanish
    chosen = []
    for word in slugs:
        slug = resolve_name(word, conditions, others)
        if slug is None:
            close = suggest_name(word, conditions, others)
            hint = f' Did you mean "{close}"?' if close else ""
            raise UnknownConditionError(
                f'unknown condition "{word}".{hint} Known conditions: {", ".join(conditions)}'
            )
        chosen.append(slug)
    return list(dict.fromkeys(chosen))


def template_context(
    project: Project, handout: Handout, *, online_link: bool = True
) -> dict[str, Any]:
    """Everything a template sees (plain data only; see render.py). ``online_link=False``
    leaves out the full guide's address and QR code, for an edition that prints neither
    (encoding the code is a tenth of a cold personal plan)."""
    practice = handout.practice
    page = layout.page_layout(practice)
    logo = logo_context(practice)
    return {
        "handout": handout,
        "ui": handout.ui,
        "practice": practice,
        "condition": handout.condition,
        "layout": page,
        "size": page["size"],
        "fonts": fonts.font_names(practice.font),
        "font_family": fonts.css_families(practice.font),
        "evidence": scale_of(handout.condition.evidence, handout.ui),
        "schedule": lang.schedule_rows(practice.protocol.schedule(), handout.ui),
        "logo": logo,
        "page_total": PAGE_TOTAL,
        "full_guide": full_guide(practice, handout.condition.slug) if online_link else None,
        "booklet": None,  # a booklet part's kind and words (pipeline/booklet.py)
    }


def merged(project: Project, slug: str, edition: Edition = FULL) -> Handout:
    """The merged handout, refused if it would make a forbidden claim."""
    handout = merge_for(project, slug, edition)
    hits = find_forbidden(section_texts(handout), project.content.forbidden)
    if hits:
        hit = hits[0]
        raise HandoutsError(
            f'{slug}: the handout would say "{hit.phrase}" (section {hit.section}): {hit.reason}'
        )
    return handout


def render_rml(
    project: Project, slug: str, edition: Edition = FULL
) -> tuple[Handout, str, tuple[str, ...]]:
    """Merge and render one handout to checked RML text."""
    handout = merged(project, slug, edition)
    files = template_files(project.search_path, edition.template)
    context = template_context(project, handout)
    rml = render_template(project.search_path, edition.template, context)
    return handout, rml, files


def logo_data_uri(practice: Practice) -> str:
    """The practice logo as a data: URI (the HTML edition fetches nothing), or ''."""
    image = print_logo(practice)  # checked to be a PNG or JPEG when practice.yaml loaded
    if image is None:
        return ""
    import base64

    return f"data:image/{image.kind};base64,{base64.b64encode(image.data).decode('ascii')}"


def render_html(project: Project, slug: str, edition: Edition = FULL) -> str:
    """The accessible HTML edition of one handout: same context, same words as the PDF."""
    return html_of(project, merged(project, slug, edition), edition)


def html_of(project: Project, handout: Handout, edition: Edition = FULL) -> str:
    """The checked HTML page of ``handout``, merged for ``edition`` (merged by the caller,
    so that the tagged PDF made from the page reads the same handout, merged once).

    A practice's own handout.html.j2 is checked as its RML is: nothing that runs code or
    loads a resource from elsewhere, and every required section still there, word for word.
    """
    from handouts.guard.html import guard_html
    from handouts.pipeline.html_text import check_direction_controls

    context = template_context(project, handout)
    context["logo_uri"] = logo_data_uri(project.practice)
    name = edition.html_template
    text = render_template(project.search_path, name, context, output="html")
    files = template_files(project.search_path, name)
    checked = guard_html(text, files[0] if files else name, required_texts(handout), files)
    check_direction_controls(project, handout, checked.root, files)
    refuse_printed_html(project, checked.root, files, name, context)
    return checked.text  # the checked tree, written again: never the raw template text


def guard_handout(
    project: Project,
    handout: Handout,
    template: str = TEMPLATE,
    context: dict[str, Any] | None = None,
) -> GuardedHandout:
    """Render and guard one merged handout: the template's RML, its allowlist and file
    checks, every required section, and every printed character in the font. ``build``,
    ``check`` and every edition (``template``, with its own ``context``) call this, so
    check passes nothing that build refuses."""
    files = template_files(project.search_path, template)
    if context is None:
        context = template_context(project, handout)
    rml = render_template(project.search_path, template, context)
    main = files[0] if files else template
    ctx = context
    root = guard_rml(
        rml,
        main,
        project.allowed_roots,
        required_texts(handout),
        fonts=fonts.embedded_names(project.practice.font),
        locate=(locate := locator(project.search_path, template, lambda: ctx)),
    )
    refuse_printed(project, root, files, locate)
    glyphs.check_glyphs(root, project.practice.font, handout, files)
    return GuardedHandout(handout, root, files, locate)


def pdf_of(project: Project, guarded: GuardedHandout, kind: str, source: str) -> tuple[bytes, int]:
    """The PDF stage for a guarded handout: its bytes and page count. ``kind`` goes into
    the keywords after the condition (metadata names the edition, never a patient)."""
    laid = laid_out(project, guarded, kind, source)
    return laid.pdf, laid.pages


def laid_out(project: Project, guarded: GuardedHandout, kind: str, source: str) -> PdfLayout:
    """The PDF stage, with how full each page is and where the bookmarks landed (what an
    edition's length rule reads)."""
    handout = guarded.handout
    fontset = fonts.use_font(project.practice.font)
    meta = PdfMeta(handout.language, _keywords(handout, kind), fontset.regular)
    reduced = images.substituted(print_images(project.practice))  # the logo at 300 ppi
    try:
        with z3cfast.shortcuts(), reduced:  # equivalent shortcuts in z3c.rml (bench/RESULTS.md)
            return render_pdf_layout(guarded.root, meta, source=source)
    except LayoutFailure as exc:  # at the practice template line, when one wrote it
        raise placed_failure(guarded.locate, exc) from exc.__cause__


def _keywords(handout: Handout, kind: str) -> str:
    """The PDF keywords: the language's own words for a handout, English for other kinds."""
    if kind == "patient information":
        return handout.ui.get(
            "keywords", "low dose naltrexone, LDN, {condition}, patient information"
        ).replace("{condition}", handout.condition.name)
    return ", ".join(["low dose naltrexone", "LDN", handout.condition.name, kind])


def lay_out_edition(
    project: Project, guarded: GuardedHandout, slug: str, edition: Edition
) -> PdfLayout:
    """The PDF stage of one guarded handout, within its bounds (pdf/bounds.py) and its
    edition's length rule; ``build`` and ``check`` both call this, so check refuses what
    the layout refuses, in the same words (a BuildError)."""
    laid = laid_out(project, guarded, "patient information", edition.file_name(slug))
    if edition.page_limit(project.practice.large_print):
        from handouts.pipeline.length import check_length

        check_length(slug, edition, laid, project.practice.large_print)
    return laid


def build_handout(project: Project, slug: str, edition_name: str = "full") -> BuiltHandout:
    """Run every stage but writing for one condition in one edition; an edition with a
    length rule is refused if it runs longer (pipeline/length.py). One layout pass."""
    edition = get_edition(edition_name)
    guarded = guard_handout(project, merged(project, slug, edition), edition.template)
    laid = lay_out_edition(project, guarded, slug, edition)
    return BuiltHandout(
        slug, laid.pdf, laid.pages, guarded.templates, guarded.handout, edition.name
    )


def output_folder(project: Project, out_dir: Path) -> Path:
    """``out/`` for the neutral profile, ``out/<practice-slug>/`` for a practice; handouts
    in another language than English go in a subfolder named for it (``out/es/``), and a
    command-line variant in its own folder below that (``out/a4/``,
    ``out/riverside/large-print/``), so no edition or variant overwrites another."""
    folder = out_dir / project.practice.slug if project.practice.slug else out_dir
    language = project.content.language
    folder = folder if language == "en" else folder / language
    return folder / project.variant if project.variant else folder


def build_to_folder(
    project: Project, slugs: list[str], out_dir: Path, edition: str = "full"
) -> list[Path]:
    """Build and write each handout (in this process); return the written paths."""
    folder = output_folder(project, out_dir)
    prepare_folder(folder)
    remove_stale_temps(folder)  # what a killed run left behind
    written = []
    for slug in slugs:
        built = build_handout(project, slug, edition)
        target = folder / get_edition(edition).file_name(slug)
        write_atomic(target, built.pdf)
        written.append(target)
    return written
