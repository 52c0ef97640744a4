"""Language helpers: dates, numbers and schedule words for a content language (Babel), and
the choice of a practice's own text for the language a handout is printed in.

English output is exactly what it was before Babel ("21 November 2026", "1.5 mg"): the
pattern is fixed per language, and only the locale's words change.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from handouts.errors import Problem
from handouts.text.yamlfile import Key, YamlDoc

# Babel locale and long-date pattern per content language. US Spanish writes "1,5" in
# MedlinePlus en español and in most US clinics' Spanish leaflets, as CLDR's "es" does
# (CLDR's "es_US" would write "1.5"), so numbers use "es".
LOCALES = {"en": "en", "es": "es"}
DATE_PATTERNS = {"en": "d MMMM y", "es": "d 'de' MMMM 'de' y"}
LANGUAGE_NAMES = {"en": "English", "es": "Spanish (es)"}

# The practice.yaml fields whose words a patient reads, which a practice may give per
# language as a mapping ``{en: ..., es: ...}``. Names, addresses and phone numbers are
# the same in every language and are not listed.
TRANSLATABLE: tuple[Key, ...] = (
    ("prescriber",),
    ("sign_off", "role"),
)
EXTRA_TRANSLATABLE = ("title", "text", "body")


def _locale(language: str) -> str:
    return LOCALES.get(language, language)


def format_date(value: dt.date | str, language: str = "en") -> str:
    """2026-12-07 -> '7 December 2026' (en) or '7 de diciembre de 2026' (es)."""
    from babel.dates import format_date as babel_date

    if isinstance(value, str):
        value = dt.date.fromisoformat(value)
    pattern = DATE_PATTERNS.get(language, "long")
    return str(babel_date(value, pattern, locale=_locale(language)))


def format_number(value: float, language: str = "en") -> str:
    """1.5 -> '1.5' (en) or '1,5' (es); 3.0 -> '3'. At most 2 decimals (doses in mg)."""
    from babel.numbers import format_decimal

    return str(format_decimal(round(value, 2), format="#,##0.##", locale=_locale(language)))


def format_dose(mg: float, language: str = "en") -> str:
    """1.5 -> '1.5 mg' / '1,5 mg'."""
    return f"{format_number(mg, language)} mg"


def weeks_text(weeks: int, ui: dict[str, str]) -> str:
    """'1 week', '2 weeks' / '1 semana', '2 semanas' (from ui.yaml)."""
    key = "weeks_one" if weeks == 1 else "weeks_many"
    default = "{n} week" if weeks == 1 else "{n} weeks"
    return ui.get(key, default).replace("{n}", str(weeks))


def schedule_rows(rows: tuple[tuple[str, float], ...], ui: dict[str, str]) -> list[list[Any]]:
    """The protocol's (weeks, dose) rows with the week words of the language.

    ``Protocol.schedule`` writes English ("1 to 2", "5 onward"); ui.yaml's ``week_range``
    and ``week_onward`` give the words for other languages.
    """
    out: list[list[Any]] = []
    for weeks, dose in rows:
        if weeks.endswith(" onward"):
            start = weeks.removesuffix(" onward")
            text = ui.get("week_onward", "{start} onward").replace("{start}", start)
        elif " to " in weeks:
            start, end = weeks.split(" to ")
            pattern = ui.get("week_range", "{start} to {end}")
            text = pattern.replace("{start}", start).replace("{end}", end)
        else:
            text = weeks
        out.append([text, dose])
    return out


def _is_timing_choice(value: Any) -> bool:
    """A protocol.timing choice ("bedtime", "with breakfast"): the same in every language,
    whose ui.yaml gives its words."""
    from handouts.model import TIMINGS
    from handouts.text.protocol import normalise_timing

    return isinstance(value, str) and normalise_timing(value) in TIMINGS


def _is_by_language(value: Any) -> bool:
    return (
        isinstance(value, dict)
        and bool(value)
        and all(isinstance(k, str) and k in LOCALES for k in value)
    )


def select_language(doc: YamlDoc, language: str | None) -> tuple[YamlDoc, str, list[Problem]]:
    """practice.yaml with every per-language text replaced by the one for ``language``.

    ``language`` is the language to print in (``None``: the file's own ``language:``, or
    English). A plain text is taken to be in the file's own language; a mapping such as
    ``prescriber: {en: your GP, es: su médico de familia}`` gives one text per language.
    A text that has no version in the printed language is a problem, never printed in
    another language. Line marks move with the chosen value, so errors still point at it.
    """
    data = doc.data
    if not isinstance(data, dict):
        return doc, language or "en", []
    own = data.get("language", "en")
    own = own if isinstance(own, str) else "en"
    target = language or own
    problems: list[Problem] = []
    new = dict(data)
    marks = dict(doc.marks)

    def pick(container: dict[str, Any], key: Key) -> None:
        name = key[-1]
        if name not in container:
            return
        value = container[name]
        if _is_by_language(value):
            if target in value:
                container[name] = value[target]
                prefix = (*key, target)
                for mark_key, mark in doc.marks.items():
                    if mark_key[: len(prefix)] == prefix:
                        marks[(*key, *mark_key[len(prefix) :])] = mark
                return
            problems.append(doc.problem(key, _missing(target, value)))
            # Any text keeps the file checkable; the problem stops the build.
            container[name] = next(iter(value.values()))
        elif value is not None and target != own and not _is_timing_choice(value):
            problems.append(doc.problem(key, _missing(target, {own: value})))

    for key in TRANSLATABLE:
        parent: Any = new
        for part in key[:-1]:
            child = parent.get(part) if isinstance(parent, dict) else None
            if not isinstance(child, dict):
                parent = None
                break
            parent[part] = child = dict(child)
            parent = child
        if isinstance(parent, dict):
            pick(parent, key)
    extras = new.get("extra_sections")
    if isinstance(extras, list):
        new["extra_sections"] = extras = [dict(x) if isinstance(x, dict) else x for x in extras]
        for index, extra in enumerate(extras):
            if isinstance(extra, dict):
                for name in EXTRA_TRANSLATABLE:
                    pick(extra, ("extra_sections", index, name))
    new["language"] = target
    return YamlDoc(doc.path, new, marks), target, problems


def _missing(target: str, value: dict[str, Any]) -> str:
    has = ", ".join(LANGUAGE_NAMES.get(k, k) for k in value)
    want = LANGUAGE_NAMES.get(target, target)
    return (
        f"no {want} text (it is given in {has}); a handout never prints another language, "
        f"so write it for each language, e.g. {{en: ..., {target}: ...}}"
    )
