"""Reading practice.yaml field by field, from its declared schema (model/settings.py).

Each declared field is read by the plain reader of its kind (text, choice, number, ...),
with the type, default, choices and range it declares, unless it names a reader of its
own in ``READERS`` (a file, a colour's contrast, a name staff use for a condition). A
reader returns the model values it fills ({"logo": ..., "logo_plate": ...}).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from handouts import paths
from handouts.model import (
    CONDITION_SECTION,
    REQUIRED_SECTIONS,
    ContentSet,
    Field,
    Practice,
    Protocol,
    fields_of,
)
from handouts.text.protocol import normalise_timing, protocol_problems, timing_choices
from handouts.text.yamlfile import Key
from handouts.validate.edition import editions_field, guide_url_field
from handouts.validate.extras import extra_sections, slugify
from handouts.validate.font import read_font
from handouts.validate.look import colours, logo
from handouts.validate.overrides import CONDITIONS_DIR
from handouts.validate.schema import FieldReader, did_you_mean
from handouts.validate.signoff import read_sign_off

PRACTICE = fields_of(Practice)
MAX_STEPS = 12  # a protocol with more steps than this is refused (text/protocol.py)


def available_languages() -> tuple[str, ...]:
    """Languages the built-in content has (folders holding a sections.yaml)."""
    root = paths.builtin_content_dir()
    return tuple(sorted(d.name for d in root.iterdir() if (d / "sections.yaml").is_file()))


def read_plain(r: FieldReader, key: Key, field: Field, default: Any) -> Any:
    """A value of one of the plain kinds, checked against its declared choices or range."""
    s = field.setting
    if s.kind == "choice":
        return r.choice(key, s.choices, default=default)
    if s.kind == "boolean":
        return r.boolean(key, default=default)
    if s.kind in ("number", "integer"):
        integer = s.kind == "integer"
        low, high = s.low if s.low is not None else 0, s.high if s.high is not None else 1e9
        value = r.number(key, default=default, low=low, high=high, integer=integer)
        return int(value) if integer else value
    if s.kind == "texts":
        return r.texts(key)
    if s.kind == "date":
        return r.date(key, required=s.required)
    return r.text(key, required=s.required, default=default)


class Reading:
    """One practice.yaml being read: the values so far, each field read once, on demand
    (the clinic set needs the content of the language, extra sections the hidden ones)."""

    def __init__(
        self, r: FieldReader, root: Path, content_for: Callable[[str], ContentSet]
    ) -> None:
        self.r, self.root, self._content_for = r, root, content_for
        self.values: dict[str, Any] = {}
        self._content: ContentSet | None = None

    def value(self, name: str) -> Any:
        """The model value of field ``name``, read now if it was not read yet."""
        if name not in self.values:
            field = next(f for f in PRACTICE if f.name == name)
            reader = READERS.get(field.setting.reader)
            if reader is None:
                self.values[name] = read_plain(self.r, (name,), field, field.default)
            else:
                self.values.update(reader(self, field))
        return self.values[name]

    @property
    def content(self) -> ContentSet:
        """The built-in content the practice is checked against, in its language."""
        if self._content is None:
            language = self.value("language")
            self._content = self._content_for(language if language in available_languages()
                                              else "en")  # fmt: skip
        return self._content

    @property
    def english(self) -> ContentSet:
        """The built-in English content: its condition names count in every language."""
        return self._content_for("en")

    def read_all(self) -> dict[str, Any]:
        """Every declared field's model values."""
        for field in PRACTICE:
            self.value(field.name)
        return self.values


# The header band prints the name on one line beside the logo: at 15 pt bold (large
# print) about 45 characters fit on A4 next to a logo.
MAX_NAME_CHARS = 45
# Phone numbers print on one line in the header and the warning box.
MAX_PHONE_CHARS = 40


def _name(reading: Reading, field: Field) -> dict[str, Any]:
    """The practice name, short enough to fit the header on one line."""
    name = reading.r.text(("name",))
    if len(name) > MAX_NAME_CHARS:
        reading.r.add(
            ("name",),
            f"{len(name)} characters is too long for the page header (at most "
            f"{MAX_NAME_CHARS}); use a shorter form of the name",
        )
    return {"name": name}


def _phone(reading: Reading, field: Field) -> dict[str, Any]:
    """A phone number: text; a bare number (``emergency_number: 999``) is taken as written."""
    r, key = reading.r, (field.name,)
    value = r.raw(key)
    if isinstance(value, int) and not isinstance(value, bool):
        text = str(value)
    else:
        text = r.text(key, required=False)
    if len(text) > MAX_PHONE_CHARS:
        r.add(key, f"{len(text):,} characters is too long for a phone number (at most "
              f"{MAX_PHONE_CHARS}); write it as people dial it")  # fmt: skip
        text = ""
    return {field.name: text}


def _clinic_set(reading: Reading, field: Field) -> dict[str, Any]:
    """The clinic set, by slug or by any name staff use ("ms", "fibro"), in English too."""
    from handouts.text.names import resolve_name, suggest_name

    r, content = reading.r, reading.content
    own = {p.stem for p in (reading.root / CONDITIONS_DIR).glob("*.yaml")}
    names = [reading.english.conditions]  # "ms" still means MS in a Spanish practice
    slugs = []
    for i, word in enumerate(r.texts(("conditions",))):
        slug = word if word in own else resolve_name(word, content.conditions, names)
        if slug is None:
            close = suggest_name(word, content.conditions, names)
            hint = f' (did you mean "{close}"?)' if close else did_you_mean(word, sorted(own))
            r.add(
                ("conditions", i),
                f"unknown condition '{word}'{hint}; `handouts list` shows them all",
            )
            continue
        slugs.append(slug)
    return {"conditions": tuple(dict.fromkeys(slugs))}


def _hidden_sections(reading: Reading, field: Field) -> dict[str, Any]:
    r, content = reading.r, reading.content
    ids = [s.id for s in content.sections]
    required = {s.id for s in content.sections if s.required}
    hidden = []
    for i, sid in enumerate(r.texts(("hidden_sections",))):
        key: Key = ("hidden_sections", i)
        if sid in REQUIRED_SECTIONS or sid in required:
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
    return {"hidden_sections": tuple(hidden)}


def read_protocol(r: FieldReader, default: Protocol, ui: dict[str, str] | None = None) -> Protocol:
    """The ``protocol:`` mapping of ``r``'s document, each field missing taken from
    ``default``; the same checks for practice.yaml and a plan's per-patient override.
    ``ui`` gives the timing choices of the language (None: every choice)."""
    declared = fields_of(Protocol)
    r.mapping(("protocol",), optional=[f.name for f in declared])
    values: dict[str, Any] = {}
    for field in declared:
        if field.setting.reader == "timing":
            values[field.name] = _timing(r, field, ui) or default.timing
        else:
            values[field.name] = read_plain(
                r, ("protocol", field.name), field, getattr(default, field.name)
            )
    protocol = Protocol(**values)
    # The plan as a whole: checked only when each dose was readable on its own.
    doses = {f"protocol.{name}" for name in ("start_dose", "step_dose", "target_dose")}
    if not any(p.field in doses for p in r.problems):
        for name, message in protocol_problems(protocol, MAX_STEPS):
            r.add(("protocol", name), message)
    return protocol


def _timing(r: FieldReader, field: Field, ui: dict[str, str] | None) -> str:
    """One of the timing choices of the practice's language ("with breakfast" ...)."""
    key: Key = ("protocol", field.name)
    written = r.text(key, required=False)
    if not written:
        return ""
    choice = normalise_timing(written)
    choices = timing_choices(ui) if ui is not None else field.setting.choices
    if choice not in choices:
        r.add(
            key,
            f"'{written}' is not a time of day the handout can say{did_you_mean(choice, choices)}; "
            f"choose one of: {', '.join(choices)}",
        )
        return ""
    return choice


def _logo(reading: Reading, field: Field) -> dict[str, Any]:
    path, plate = logo(reading.r, reading.root)
    return {"logo": path, "logo_plate": plate}


Reader = Callable[[Reading, Field], dict[str, Any]]
# The fields with checks of their own, by the name their setting gives (reader=...).
READERS: dict[str, Reader] = {
    "name": _name,
    "slug": lambda g, f: {
        "slug": g.r.slug(("slug",), required=False) or slugify(g.root.name) or "practice"
    },
    "phone": _phone,
    "full_guide_url": lambda g, f: {"full_guide_url": guide_url_field(g.r)},
    "editions": lambda g, f: {"editions": editions_field(g.r)},
    "logo": _logo,
    "colours": lambda g, f: {"colours": colours(g.r)},
    "font": lambda g, f: {"font": read_font(g.r, g.root, f.default)},
    "language": lambda g, f: {
        "language": g.r.choice(("language",), available_languages(), default=f.default)
    },
    "conditions": _clinic_set,
    "protocol": lambda g, f: {"protocol": read_protocol(g.r, Protocol(), g.content.ui)},
    "extra_sections": lambda g, f: {
        "extra_sections": extra_sections(g.r, g.content, g.value("hidden_sections"))
    },
    "hidden_sections": _hidden_sections,
    "sign_off": lambda g, f: {"sign_off": read_sign_off(g.r)},
}
