"""The HTML edition written to a folder: each page, with ``--tagged-pdf`` its accessible
PDF (checked before it is written), and with ``--all`` the set's index page."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from handouts.editions import FULL, Edition, get_edition
from handouts.model import Handout, Project
from handouts.output.write import prepare_folder, remove_stale_temps, write_atomic
from handouts.pipeline.build import html_of, merged, output_folder
from handouts.text.sections import required_texts

if TYPE_CHECKING:
    from handouts.guard.pdfua import Structure


def tagged_structure(project: Project, handout: Handout, html: str) -> tuple[bytes, Structure]:
    """One handout's HTML page (``html``, made from ``handout``) printed as a tagged
    PDF/UA-1, and what its structure holds."""
    from handouts.guard.pdfua import check_tagged_pdf
    from handouts.pdf.tagged import tagged_pdf

    practice = project.practice
    data = tagged_pdf(html, practice.font, practice.page_size, practice.large_print)
    return data, check_tagged_pdf(data, handout.title, required_texts(handout))


def accessible_pdf(project: Project, handout: Handout, html: str, edition: Edition = FULL) -> bytes:
    """The tagged PDF of one handout, refused unless its structure checks.

    WeasyPrint does not promise valid PDF/UA, so the structure is checked in memory
    before anything is written: a file that fails is never written, half-tagged or not.
    """
    from handouts.pdf.tagged import TaggedPdfError

    data, structure = tagged_structure(project, handout, html)
    if structure.problems:
        name = f"{edition.key(handout.condition.slug)}-accessible.pdf"
        raise TaggedPdfError(
            f"{name}: not written, the tagged PDF fails its checks: "
            + "; ".join(structure.problems)
        )
    return data


def html_to_folder(
    project: Project,
    slugs: list[str],
    out_dir: Path,
    editions: tuple[str, ...] = ("full",),
    tagged_pdf: bool = False,
    index: bool = False,
    other_languages: Sequence[tuple[str, Path]] = (),
) -> list[Path]:
    """Write the HTML edition of each handout beside where its PDF goes, with
    ``tagged_pdf`` its accessible PDF ``<slug>-accessible.pdf``, and with ``index`` the
    set's ``index.html`` (written last, listing exactly these, and linking to the index of
    each of ``other_languages``: (code, folder) that the same run writes); return the paths."""
    folder = output_folder(project, out_dir)
    prepare_folder(folder)
    remove_stale_temps(folder)
    written = []
    for name in editions:
        edition = get_edition(name)
        for slug in slugs:
            handout = merged(project, slug, edition)
            html = html_of(project, handout, edition)
            pdf = accessible_pdf(project, handout, html, edition) if tagged_pdf else None
            target = folder / edition.file_name(slug, "html")
            write_atomic(target, html.encode("utf-8"))
            written.append(target)
            if pdf is not None:
                accessible = folder / f"{edition.key(slug)}-accessible.pdf"
                write_atomic(accessible, pdf)
                written.append(accessible)
    if index and slugs:
        from handouts.pipeline.index import INDEX_FILE, language_links, render_index

        languages = language_links(folder, other_languages)
        page = render_index(project, slugs, editions, tagged_pdf, languages)
        write_atomic(folder / INDEX_FILE, page.encode())
        written.append(folder / INDEX_FILE)
    return written
