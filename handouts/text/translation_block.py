"""Take the ``translation:`` block (who translated a file and who reviewed it) out of a
translated content file, so the content validators never see it.

Every file of a content language other than English starts with that block (see
content/README.md); validate/translation.py reads it. The loader (load/content.py) and
the edition files' reader (validate/translation.take_translation) both split it here.
"""

from __future__ import annotations

from handouts.errors import Problem
from handouts.text.yamlfile import YamlDoc

FIELD = "translation"


def split_translation(doc: YamlDoc, problems: list[Problem]) -> tuple[YamlDoc, YamlDoc | None]:
    """(``doc`` without its block, the block as a document of its own with its line
    marks); a file without one is a problem: it must say who made it and who checked it."""
    if not isinstance(doc.data, dict) or FIELD not in doc.data:
        problems.append(
            doc.problem(
                (),
                f"missing '{FIELD}:' (source, source_sha256, translator, translated_on, "
                "reviewer, reviewed_on); every translated file records who made and checked it",
            )
        )
        return doc, None
    return doc.split(FIELD)
