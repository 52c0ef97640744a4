"""What a handout must never print: forbidden claims (the one matcher in text.sections)
and ``{name}`` values left unfilled, each with its check id and message."""

from __future__ import annotations

import re
from collections.abc import Iterator

from handouts.model import ForbiddenPhrase
from handouts.text.sections import forbidden_claims

_UNFILLED = re.compile(r"\{[a-z_]+\}")


def unfilled_hint(name: str, raw: str) -> str:
    """Why a ``{name}`` value was not filled in, from the text as written."""
    if re.search(r"\*[^*]*" + re.escape(name) + r"[^*]*\*", raw):
        return f"values inside **bold** or *italic* are not filled in: move {name} out of them"
    return "values are filled in only in body text, not in titles or headings"


def printed_problems(
    text: str, forbidden: tuple[ForbiddenPhrase, ...], raw: str = ""
) -> Iterator[tuple[str, str, str]]:
    """(phrase, check id, message) for each forbidden claim and unfilled value in ``text``."""
    for phrase, found in forbidden_claims(text, forbidden):
        yield (
            found,
            "forbidden-claim",
            (f'says "{found}", which a handout must never say: {phrase.reason}'),
        )
    for match in _UNFILLED.finditer(text):
        name = match.group(0)
        yield (
            name,
            "unfilled-value",
            (
                f"{name} would print as it is, not as the practice's value "
                f"({unfilled_hint(name, raw or text)})"
            ),
        )
