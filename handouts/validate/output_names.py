"""Condition slugs that would collide with a name the build writes.

A condition's slug names its files (``<slug>.pdf``, ``<slug>.html``). The build also
writes files and folders named from other parts: each edition's suffix
(``<slug>-summary.pdf``, handouts.editions), the accessible PDFs
(``<slug>-accessible.pdf``, pipeline/build.py), the personal plans (``plan-<slug>.pdf``,
pipeline/plan.py), the booklets (``<practice>-booklet.pdf``,
``<practice>-summary-booklet.pdf``, batch/booklet.py), the index page (``index.html``,
pipeline/index.py) and the folders of other builds below the set's folder: a language
(``es/``), a command-line look (``a4/``, ``large-print/``, ``a4-large-print/``) and
the preview (``preview/``, pipeline/preview.py). A practice condition slugged like one of
them would overwrite another file, or be overwritten by it: it is refused at its
``slug:`` line. Every ``-booklet`` ending is refused, not only ``<practice>-booklet``:
the practice's slug can change (``slug:`` in practice.yaml, or the folder's name), and
one rule is easier for a clinic to follow.
"""

from __future__ import annotations

from handouts.editions import EDITIONS
from handouts.model import PAGE_SIZES

LARGE_PRINT = "large-print"  # pipeline/build.py: the --large-print variant's folder
PREVIEW = "preview"  # pipeline/preview.py: PREVIEW_FOLDER
INDEX = "index"  # pipeline/index.py: INDEX_FILE is index.html

# (ending, the files that end so, an example) for each generated ending.
_ENDINGS = tuple(
    (e.suffix, f"the {e.name} edition's files", f"lupus{e.suffix}.pdf")
    for e in EDITIONS.values()
    if e.suffix
) + (
    ("-accessible", "the accessible PDFs", "lupus-accessible.pdf"),
    ("-booklet", "the booklets", "handouts-booklet.pdf"),
)


def output_folders() -> tuple[str, ...]:
    """The folder names a build makes beside a set's files, in a stable order."""
    # Imported here: practice_fields imports overrides, which imports this module.
    from handouts.validate.practice_fields import available_languages

    sizes = tuple(PAGE_SIZES)
    looks = (*sizes, LARGE_PRINT, *(f"{size}-{LARGE_PRINT}" for size in sizes))
    return (*available_languages(), *looks, PREVIEW)


def slug_collision(slug: str) -> str | None:
    """Why ``slug`` would collide with a generated name, as a message; None if it is free."""
    why = None
    for ending, files, example in _ENDINGS:
        if slug.endswith(ending):
            why = f"ends in '{ending}', as {files} do ({example})"
            break
    if why is None and slug.startswith("plan-"):
        why = "starts with 'plan-', as the personal plans do (plan-lupus.pdf)"
    if why is None and slug == INDEX:
        why = "is the name of the set's index page (index.html)"
    if why is None and slug in output_folders():
        why = f"is the name of a folder the build writes other handouts into ({slug}/)"
    if why is None:
        return None
    return f"'{slug}' {why}, so one output file could overwrite another; choose another slug"
