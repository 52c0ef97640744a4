"""The orchestrator's edition steps: an edition's own content, its merge, the pointer to
the full guide, and which editions a build makes (handouts/editions.py lists them)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from handouts import paths
from handouts.editions import FULL, Edition, EditionContent, get_edition
from handouts.errors import BuildError
from handouts.merge.handout import merge_handout
from handouts.model import Handout, Practice, Project


def language_name(code: str) -> str:
    """ "Spanish" for "es" (Babel's English name), the code itself if Babel has none."""
    from babel import Locale, UnknownLocaleError

    try:
        return str(Locale.parse(code).get_display_name("en") or code)
    except (ValueError, UnknownLocaleError):
        return code


def has_content(project: Project, edition: Edition) -> bool:
    """Whether ``edition`` can be made in the project's language (its own content exists)."""
    if not edition.content:
        return True
    root = paths.builtin_content_dir() / project.content.language
    return (root / f"{edition.content}.yaml").is_file()


def _own_content(project: Project, edition: Edition) -> EditionContent:
    from handouts.validate.edition import load_edition_content

    if not has_content(project, edition):
        language = project.content.language
        raise BuildError(
            f"the {edition.name} edition has no text in {language_name(language)} ({language}) "
            f"yet: add content/{language}/{edition.content}.yaml and content/{language}/"
            f"{edition.content}/<slug>.yaml, or use --edition full"
        )
    return load_edition_content(paths.builtin_content_dir(), edition.content, project.content)


def edition_content_files(project: Project, edition: Edition) -> tuple[Path, ...]:
    """The content files an edition adds to the built-in ones (for the input hash)."""
    return _own_content(project, edition).files if edition.content else ()


def merge_for(project: Project, slug: str, edition: Edition = FULL) -> Handout:
    """The merge stage for one edition: its own content when it has some."""
    if not edition.content:
        return merge_handout(project.content, slug, project.practice)
    from handouts.merge.edition import merge_edition

    own = _own_content(project, edition)
    return merge_edition(project.content, slug, project.practice, own)


def choose_editions(project: Project, asked: str | None) -> tuple[tuple[str, ...], str]:
    """The editions a build makes, and a note for staff when one is left out.

    ``--edition`` is taken as asked (an edition with no text in the language is then an
    error). Otherwise the practice's ``editions:``, less any with no text in the language
    yet (a language whose folder lacks ``summary.yaml``), so its full guides still build."""
    if asked:
        get_edition(asked)
        return (asked,), ""
    names = project.practice.editions
    have = tuple(n for n in names if has_content(project, get_edition(n)))
    missing = [n for n in names if n not in have]
    if not missing:
        return names, ""
    language = project.content.language
    have = have or (FULL.name,)
    note = (
        f"no {' or '.join(missing)} edition in {language_name(language)} ({language}) yet; "
        f"built the {' and '.join(have)} edition only"
    )
    return have, note


def full_guide(practice: Practice, slug: str) -> dict[str, Any] | None:
    """Where the full guide of ``slug`` is online, and its QR code (encoded once), or None.

    A guide in another language than English is published from its own folder, as
    ``html`` writes it (``es/<slug>``), so the paper points at the page in its language."""
    if not practice.full_guide_url:
        return None
    from handouts.render.qr import qr_runs

    base = practice.full_guide_url
    folder = "" if practice.language == "en" else f"{practice.language}/"
    url = f"{base}{'' if base.endswith('/') else '/'}{folder}{slug}"
    size, runs = qr_runs(url)
    return {"url": url, "short": url.split("://", 1)[-1], "modules": size, "runs": runs}
