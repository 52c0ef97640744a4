"""The ``{name}`` values in words of the layout, an edition and the plan: each must be
one that something fills, or it prints as nothing.

An English word (ui.yaml, an edition's ``words:``, plan.yaml) may use a content value
(``PLACEHOLDERS``) or one the code fills into words (``WORD_VALUES``). A translated word
(content/<lang>/ui.yaml, the ``words:`` of <edition>.yaml, plan.yaml) must use exactly
the values of the English word of its name, which the code fills the same way: a value
the English word lacks is a misspelling or a value nobody fills, and one it leaves out
would not print. A translated word with no English word of its name (the booklet's
words, whose English is in code) is held to the English default, or, with none (the
translation footer), to every known name.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from handouts.errors import Problem
from handouts.model.word_values import WORD_NAMES
from handouts.text import markup
from handouts.text.booklet_words import BOOKLET_DEFAULTS
from handouts.text.yamlfile import Key, YamlDoc

Words = Mapping[str, Any]  # a word map: name -> text, or a list of texts (plan.yaml)


def _texts(value: Any) -> list[str]:
    """The texts of one word: a string, or each string of a list."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [item for item in value if isinstance(item, str)]
    return []


def _names(value: Any) -> list[str]:
    """The ``{name}`` values of a word, each once, in order."""
    return list(dict.fromkeys(n for t in _texts(value) for n in markup.placeholders(t)))


def _spelled(names: list[str]) -> str:
    return ", ".join(f"{{{n}}}" for n in names)


def check_english_words(
    doc: YamlDoc, words: Words, problems: list[Problem], prefix: Key = ()
) -> None:
    """Each ``{name}`` of an English word must be one that something fills; ``prefix``
    is where the word map is in ``doc`` (``("words",)`` in an edition's file)."""
    for key, value in words.items():
        _known((*prefix, key), value, doc, problems)


def _known(where: Key, value: Any, doc: YamlDoc, problems: list[Problem]) -> None:
    for name in _names(value):
        if name not in WORD_NAMES:
            message = f"unknown value {{{name}}}; use one of: {', '.join(WORD_NAMES)}"
            problems.append(doc.problem(_at(where, value, name), message))


def check_translated_words(
    doc: YamlDoc,
    words: Words,
    english: Words,
    problems: list[Problem],
    prefix: Key = (),
) -> None:
    """Each word of a translation uses exactly the ``{name}`` values of the English word
    of its name (``english``, or the booklet's English defaults); ``prefix`` is where the
    word map is in ``doc`` (``("words",)`` in an edition's file)."""
    defaults = {**BOOKLET_DEFAULTS, **english}
    for key, value in words.items():
        where: Key = (*prefix, key)
        names = _names(value)
        if key not in defaults:
            _known(where, value, doc, problems)
            continue
        wanted = _names(defaults[key])
        has = f"uses {_spelled(wanted)}" if wanted else "uses no {name} values"
        for name in names:
            if name not in wanted:
                message = f"unknown value {{{name}}}; the English word {has}"
                problems.append(doc.problem(_at(where, value, name), message))
        for name in wanted:
            if name not in names:
                message = (
                    f"leaves out {{{name}}}, so its value would not print; the English word {has}"
                )
                problems.append(doc.problem(where, message))


def _at(where: Key, value: Any, name: str) -> Key:
    """The key of the list item that holds ``{name}`` (the word's own key otherwise)."""
    if isinstance(value, list):
        for i, item in enumerate(value):
            if isinstance(item, str) and name in markup.placeholders(item):
                return (*where, i)
    return where
