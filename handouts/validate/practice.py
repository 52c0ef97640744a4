"""A practice folder's ``practice.yaml``: validated, every problem at once, file:line.
The practice's own condition files are checked at the same time (overrides.py)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from handouts import paths
from handouts.errors import ContentError, Problem
from handouts.model import (
    CONDITION_SECTION,
    FONT_FAMILIES,
    LOCALES,
    PAGE_SIZES,
    REQUIRED_SECTIONS,
    ContentSet,
    Practice,
    Protocol,
)
from handouts.text.lang import select_language
from handouts.text.protocol import (
    TIMINGS,
    normalise_timing,
    protocol_problems,
    timing_choices,
)
from handouts.text.safe_files import check_practice_folder
from handouts.text.yamlfile import Key, load_yaml_file
from handouts.validate.edition import editions_field, guide_url_field
from handouts.validate.extras import MAX_EXTRA_SECTIONS, extra_sections, slugify
from handouts.validate.look import colours as _colours
from handouts.validate.look import logo as _logo
from handouts.validate.overrides import CONDITIONS_DIR, practice_conditions
from handouts.validate.schema import FieldReader, did_you_mean
from handouts.validate.signoff import read_sign_off
from handouts.validate.words import PRINTED_FIELDS, check_words

PRACTICE_FILE = "practice.yaml"
PRACTICE_FIELDS = (
    "name", "slug", "address", "phone", "website", "full_guide_url", "editions", "logo", "colours",
    "font", "page_size", "large_print", "language", "locale", "conditions", "protocol", "pharmacy",
    "prescriber", "emergency_number", "extra_sections", "hidden_sections", "sign_off",
    "reading_grade_limit",
)  # fmt: skip
PROTOCOL_FIELDS = (
    "start_dose", "step_dose", "step_interval_weeks", "target_dose", "timing", "review_weeks",
)  # fmt: skip
# The personal plan's review: trials ran 8 to 12 weeks (ldn-facts.md, 3.1).
REVIEW_WEEKS = (8, 12)
# LDN doses in the studies ran from 0.5 to 6 mg a day (ldn-facts.md, A1).
DOSE_RANGE = (0.1, 6.0)
MAX_STEPS = 12


def available_languages() -> tuple[str, ...]:
    """Languages the built-in content has (folders holding a sections.yaml)."""
    root = paths.builtin_content_dir()
    return tuple(sorted(d.name for d in root.iterdir() if (d / "sections.yaml").is_file()))


def load_practice(
    folder: Path, content_for: Callable[[str], ContentSet], language: str | None = None
) -> Practice:
    """Read and check ``<folder>/practice.yaml`` and its condition files: one ContentError
    lists every problem (file:line: field: message); unsafe files are refused first.

    ``content_for(language)`` gives the validated built-in content the practice is
    checked against (its clinic set, hidden and extra sections). ``language`` prints in
    another language than the file's own ``language:``; the practice's own words must then
    be given in it (see text.lang.select_language)."""
    source = folder / PRACTICE_FILE
    if not folder.is_dir():
        raise ContentError(
            [Problem(str(folder), 0, 0, "", "no such practice folder; make one with "
                     f"`handouts init {folder}`")]
        )  # fmt: skip
    if not source.is_file():
        raise ContentError(
            [Problem(str(source), 0, 0, "", f"file not found; `handouts init {folder}` makes one")]
        )
    check_practice_folder(folder, source)
    doc, _, problems = select_language(load_yaml_file(source, str(source)), language)
    r = FieldReader(doc, problems)
    if not isinstance(doc.data, dict):
        r.add((), "expected a mapping of fields such as name: and phone:")
        raise ContentError(problems)
    r.mapping((), required=("name",), optional=PRACTICE_FIELDS[1:])
    language = r.choice(("language",), available_languages(), default="en")
    content = content_for(language if language in available_languages() else "en")
    root = folder.absolute()
    hidden = _hidden_sections(r, content)
    logo, logo_plate = _logo(r, root)
    practice = Practice(
        slug=r.slug(("slug",), required=False) or slugify(root.name) or "practice",
        name=_name(r),
        address=r.text(("address",), required=False),
        phone=_text_or_number(r, ("phone",)),
        website=r.text(("website",), required=False),
        logo=logo,
        logo_plate=logo_plate,
        colours=_colours(r),
        font=r.choice(("font",), FONT_FAMILIES, default="atkinson-hyperlegible"),
        page_size=r.choice(("page_size",), PAGE_SIZES, default="letter"),
        large_print=r.boolean(("large_print",), default=False),
        language=language,
        locale=r.choice(("locale",), LOCALES, default=Practice.locale),
        conditions=_clinic_set(r, content, root),
        protocol=_protocol(r, content.ui),
        pharmacy=r.text(("pharmacy",), required=False),
        prescriber=r.text(("prescriber",), required=False),
        emergency_number=_text_or_number(r, ("emergency_number",)),
        extra_sections=extra_sections(r, content, hidden),
        hidden_sections=hidden,
        sign_off=read_sign_off(r),
        reading_grade_limit=r.number(
            ("reading_grade_limit",), default=Practice.reading_grade_limit, low=4, high=12
        ),
        editions=editions_field(r),
        full_guide_url=guide_url_field(r),
        root=root,
        source=str(source),
    )
    # Its own words: no invisible characters, no forbidden claims (by meaning).
    extras = doc.data.get("extra_sections")
    too_many = isinstance(extras, list) and len(extras) > MAX_EXTRA_SECTIONS  # said once
    fields = [f for f in PRINTED_FIELDS if not (too_many and f == "extra_sections")]
    check_words(doc, content.forbidden, problems, fields)
    # The practice's condition files are checked now too, so one run shows every problem.
    _, condition_problems = practice_conditions(content, practice)
    if problems or condition_problems:
        raise ContentError(problems + condition_problems)
    return practice


# The header band prints the name on one line beside the logo: at 15 pt bold (large
# print) about 45 characters fit on A4 next to a logo.
MAX_NAME_CHARS = 45


def _name(r: FieldReader) -> str:
    """The practice name, short enough to fit the header on one line."""
    name = r.text(("name",))
    if len(name) > MAX_NAME_CHARS:
        r.add(
            ("name",),
            f"{len(name)} characters is too long for the page header (at most "
            f"{MAX_NAME_CHARS}); use a shorter form of the name",
        )
    return name


# Phone numbers print on one line in the header and the warning box.
MAX_PHONE_CHARS = 40


def _text_or_number(r: FieldReader, key: Key) -> str:
    """A phone number: text; a bare number (``emergency_number: 999``) is taken as written."""
    value = r.raw(key)
    if isinstance(value, int) and not isinstance(value, bool):
        text = str(value)
    else:
        text = r.text(key, required=False)
    if len(text) > MAX_PHONE_CHARS:
        r.add(key, f"{len(text):,} characters is too long for a phone number (at most "
              f"{MAX_PHONE_CHARS}); write it as people dial it")  # fmt: skip
        return ""
    return text


def _own_condition_slugs(root: Path) -> set[str]:
    return {p.stem for p in (root / CONDITIONS_DIR).glob("*.yaml")}


def _clinic_set(r: FieldReader, content: ContentSet, root: Path) -> tuple[str, ...]:
    """The clinic set, by slug or by any name staff use ("ms", "fibro")."""
    from handouts.text.names import resolve_name, suggest_name

    own = _own_condition_slugs(root)
    slugs = []
    for i, word in enumerate(r.texts(("conditions",))):
        slug = word if word in own else resolve_name(word, content.conditions)
        if slug is None:
            close = suggest_name(word, content.conditions)
            hint = f' (did you mean "{close}"?)' if close else did_you_mean(word, sorted(own))
            r.add(
                ("conditions", i),
                f"unknown condition '{word}'{hint}; `handouts list` shows them all",
            )
            continue
        slugs.append(slug)
    return tuple(dict.fromkeys(slugs))


def _protocol(r: FieldReader, ui: dict[str, str]) -> Protocol:
    return read_protocol(r, Protocol(), ui)


def read_protocol(r: FieldReader, default: Protocol, ui: dict[str, str] | None = None) -> Protocol:
    """The ``protocol:`` mapping of ``r``'s document, each field missing taken from
    ``default``; the same checks for practice.yaml and a plan's per-patient override.
    ``ui`` gives the timing choices of the language (None: every choice)."""
    r.mapping(("protocol",), optional=PROTOCOL_FIELDS)
    low, high = DOSE_RANGE

    def dose(name: str) -> float:
        return r.number(("protocol", name), default=getattr(default, name), low=low, high=high)

    protocol = Protocol(
        start_dose=dose("start_dose"),
        step_dose=dose("step_dose"),
        step_interval_weeks=int(
            r.number(
                ("protocol", "step_interval_weeks"),
                default=default.step_interval_weeks,
                low=1,
                high=12,
                integer=True,
            )
        ),
        target_dose=dose("target_dose"),
        timing=_timing(r, ui) or default.timing,
        review_weeks=int(
            r.number(
                ("protocol", "review_weeks"),
                default=default.review_weeks,
                low=REVIEW_WEEKS[0],
                high=REVIEW_WEEKS[1],
                integer=True,
            )
        ),
    )
    # The plan as a whole: checked only when each dose was readable on its own.
    doses = {f"protocol.{name}" for name in ("start_dose", "step_dose", "target_dose")}
    if not any(p.field in doses for p in r.problems):
        for name, message in protocol_problems(protocol, MAX_STEPS):
            r.add(("protocol", name), message)
    return protocol


def _timing(r: FieldReader, ui: dict[str, str] | None) -> str:
    """One of the timing choices of the practice's language ("with breakfast" ...)."""
    key: Key = ("protocol", "timing")
    written = r.text(key, required=False)
    if not written:
        return ""
    choice = normalise_timing(written)
    choices = timing_choices(ui) if ui is not None else TIMINGS
    if choice not in choices:
        r.add(
            key,
            f"'{written}' is not a time of day the handout can say{did_you_mean(choice, choices)}; "
            f"choose one of: {', '.join(choices)}",
        )
        return ""
    return choice


def _section_ids(content: ContentSet) -> list[str]:
    return [s.id for s in content.sections]


def _required_ids(content: ContentSet) -> set[str]:
    return {s.id for s in content.sections if s.required}


def _hidden_sections(r: FieldReader, content: ContentSet) -> tuple[str, ...]:
    ids = _section_ids(content)
    hidden = []
    for i, sid in enumerate(r.texts(("hidden_sections",))):
        key: Key = ("hidden_sections", i)
        if sid in REQUIRED_SECTIONS or sid in _required_ids(content):
            r.add(
                key,
                f"'{sid}' is required in every handout and cannot be hidden; "
                "a practice may restyle it or add to it, never drop it",
            )
        elif sid == CONDITION_SECTION:
            r.add(key, f"'{sid}' is the condition's own section and cannot be hidden")
        elif sid not in ids:
            r.add(
                key, f"unknown section '{sid}'{did_you_mean(sid, ids)}; sections: {', '.join(ids)}"
            )
        else:
            hidden.append(sid)
    return tuple(hidden)
