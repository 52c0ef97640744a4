"""The set's index page (``index.html``), written by ``handouts html --all``.

It lists what the same run wrote, in the order of the practice's set: each condition's
pages in every edition built, their accessible PDFs when the run made them, the language,
and each condition's review dates. It goes through the same render and HTML guard as the
handout pages, so it is as self-contained and as checked as they are.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from handouts.editions import Edition, get_edition
from handouts.model import Project
from handouts.text import lang

INDEX_TEMPLATE = "index.html.j2"
INDEX_FILE = "index.html"
# The ui word that names each edition's link ("Full guide: LDN and {condition}").
EDITION_WORDS = {"full": "index_full", "summary": "index_summary"}


def native_language_name(code: str) -> str:
    """ "English" for "en", "español" for "es": a language named in itself (Babel)."""
    from babel import Locale, UnknownLocaleError

    try:
        return str(Locale.parse(code).get_display_name(code) or code)
    except (ValueError, UnknownLocaleError):
        return code


def page_links(
    slug: str, name: str, editions: Sequence[Edition], ui: dict[str, str], tagged_pdf: bool
) -> list[dict[str, str]]:
    """The links of one condition: each edition's page, then its accessible PDF."""
    links = []
    for edition in editions:
        label = ui[EDITION_WORDS.get(edition.name, "index_full")].replace("{condition}", name)
        links.append(
            {"href": edition.file_name(slug, "html"), "text": f"{label} ({ui['index_web']})"}
        )
        if tagged_pdf:
            pdf = f"{edition.key(slug)}-accessible.pdf"
            links.append({"href": pdf, "text": f"{label} ({ui['index_pdf']})"})
    return links


def language_links(folder: Path, others: Sequence[tuple[str, Path]]) -> list[dict[str, str]]:
    """Links from the index in ``folder`` to the same set's index in each of ``others``
    ((code, folder), written by the same run): relative, so the set can be posted anywhere,
    and named in their own language ("español")."""
    return [
        {
            "href": Path(os.path.relpath(other / INDEX_FILE, folder)).as_posix(),
            "lang": code,
            "name": native_language_name(code),
        }
        for code, other in others
    ]


def index_context(
    project: Project,
    slugs: Sequence[str],
    editions: Sequence[str],
    tagged_pdf: bool,
    languages: Sequence[dict[str, str]] = (),
) -> dict[str, Any]:
    """What index.html.j2 sees: the handout pages' context plus one entry per condition."""
    from handouts.pipeline.build import logo_data_uri, merged, template_context

    context = template_context(project, merged(project, slugs[0]), online_link=False)
    context["logo_uri"] = logo_data_uri(project.practice)
    ui = context["ui"]
    chosen = [get_edition(name) for name in editions]
    language = project.content.language
    entries = []
    for slug in slugs:
        condition = project.content.conditions[slug]
        review = condition.review
        entries.append(
            {
                "slug": slug,
                "name": condition.name,
                "links": page_links(slug, condition.name, chosen, ui, tagged_pdf),
                "reviewed_on": lang.format_date(review.reviewed_on, language),
                "next_review": lang.format_date(review.next_review, language),
            }
        )
    context.update(
        entries=entries,
        tagged_pdf=tagged_pdf,
        language_name=native_language_name(language),
        languages=list(languages),
    )
    return context


def render_index(
    project: Project,
    slugs: Sequence[str],
    editions: Sequence[str],
    tagged_pdf: bool,
    languages: Sequence[dict[str, str]] = (),
) -> str:
    """The checked index page: rendered, then through the HTML guard like every page
    (``languages``: links to the set's index in other languages, see language_links)."""
    from handouts.guard.html import guard_html
    from handouts.render.templates import render_template, template_files

    context = index_context(project, slugs, editions, tagged_pdf, languages)
    text = render_template(project.search_path, INDEX_TEMPLATE, context, output="html")
    files = template_files(project.search_path, INDEX_TEMPLATE)
    # Links may name exactly the files this run wrote, as they are: no path, no ../
    # and the other languages' index pages of the same run (es/index.html, ../index.html).
    local = frozenset(link["href"] for e in context["entries"] for link in e["links"]) | {
        link["href"] for link in languages
    }
    return guard_html(text, files[0] if files else INDEX_TEMPLATE, {}, files, local).text
