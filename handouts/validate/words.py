"""A practice's own words, checked before anything prints: invisible characters and
forbidden claims, each at the file, line and field that says it.

A practice writes text that prints in every handout: its name and contacts, extra
sections, sign-off, and the text of its condition files. Each string is checked as it
was written (an invisible character is refused outright: it prints as an empty box or
as nothing, and it can split a word the claim patterns look for) and, as a reader sees
it, against the content's forbidden-claim patterns through the one matcher.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from handouts.errors import Problem
from handouts.model import ForbiddenPhrase
from handouts.text import markup
from handouts.text.normalise import invisible_characters
from handouts.text.sections import forbidden_claims
from handouts.text.yamlfile import Key, YamlDoc, character_name

# practice.yaml fields that hold words a patient reads (the rest are settings).
PRINTED_FIELDS = (
    "name", "address", "phone", "website", "full_guide_url", "pharmacy", "prescriber",
    "emergency_number", "extra_sections", "sign_off",
)  # fmt: skip


def strings(value: Any, key: Key) -> Iterator[tuple[Key, str]]:
    """(key, text) for every string in ``value``, in document order."""
    if isinstance(value, str):
        yield key, value
    elif isinstance(value, dict):
        for name, item in value.items():
            yield from strings(item, (*key, name))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from strings(item, (*key, i))


def invisible_message(text: str) -> str | None:
    """The message for the first invisible character of ``text``, or None."""
    found = invisible_characters(text)
    if not found:
        return None
    at, char = found[0]
    more = f" (and {len(found) - 1} more)" if len(found) > 1 else ""
    return (
        f"holds the invisible character {character_name(char)} at character {at + 1}{more}, "
        "which prints as an empty box or as nothing and can hide a word from the checks; "
        "delete it"
    )


def claim_messages(text: str, phrases: tuple[ForbiddenPhrase, ...]) -> list[str]:
    """One message for each forbidden claim ``text`` makes, as a reader sees it."""
    plain = markup.to_plain(text, {})
    return [
        f'says "{words}", which a handout must never say: {phrase.reason}'
        for phrase, words in forbidden_claims(plain, phrases)
    ]


def check_words(
    doc: YamlDoc,
    phrases: tuple[ForbiddenPhrase, ...],
    problems: list[Problem],
    fields: Iterable[str] | None = None,
) -> None:
    """Add a problem for each invisible character and forbidden claim in ``doc``'s text
    (only under the top-level ``fields``, when given)."""
    data = doc.data
    if not isinstance(data, dict):
        return
    for name in data if fields is None else fields:
        if name not in data:
            continue
        for key, text in strings(data[name], (name,)):
            message = invisible_message(text)
            if message:
                problems.append(doc.problem(key, message, "glyph"))
            for claim in claim_messages(text, phrases):
                problems.append(doc.problem(key, claim, "forbidden-claim"))
