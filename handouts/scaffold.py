"""``handouts init DIR``: a new practice folder with a commented practice.yaml (every field,
with its default), a templates/ folder holding one commented example override, and a
short README. It never overwrites: an existing practice.yaml is an error."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

from handouts.errors import HandoutsError
from handouts.model import REQUIRED_SECTIONS, Colours, Practice, Protocol
from handouts.output.write import write_atomic
from handouts.pipeline.build import builtin_content
from handouts.validate.extras import slugify
from handouts.validate.practice import PRACTICE_FILE

TEMPLATE_EXAMPLE = Path("templates") / "handout.rml.j2"

PRACTICE_YAML = """\
# practice.yaml: how `handouts` prints handouts for your practice.
# Every field is here with its default value; change what you need. A line that starts
# with # is a comment. Put text with a colon (:) or a # in it in "quotes".
# Try your changes:  handouts build --practice @FOLDER@ --all   (PDFs go to out/@SLUG@/)

# ---- Who you are: the header, and "When to get help" ------------------------------
name: @NAME@                    # required; printed in the header of every page
slug: @SLUG@                    # the output folder, out/<slug>/ (a-z, 0-9 and -)
address: ""                     # e.g. 210 River Road, Springfield, IL 62701
phone: ""                       # e.g. "(217) 555-0142": the handout says "call us at ..."
website: ""                     # e.g. example.org
full_guide_url: ""              # where you post the full guides, e.g. https://example.org/ldn/
                                # (the summary sheet prints a QR code to <address><condition>)
editions: [full, summary]       # what a build makes: the full guide and the one-sheet summary
logo: ""                        # a PNG or JPEG inside this folder, e.g. logo.png;
                                # it is scaled to fit the header band

# ---- Look ---------------------------------------------------------------------------
colours:                        # "#rrggbb", in quotes (an unquoted # starts a comment)
  primary: "@PRIMARY@"            # header band, title, headings; needs 4.5:1 on white
  accent: "@ACCENT@"             # key points box and table headings (behind text)
  text: "@TEXT@"               # body text; needs 4.5:1 on white and on accent
  warning: "@WARNING@"            # border of the opioid warning box; needs 3:1
  band: "@BAND@"               # the header band (default: the primary colour)
  band_text: "@BAND_TEXT@"          # the practice name on the band; needs 4.5:1 on band
font: @FONT@       # or fira-sans
page_size: @PAGE_SIZE@                 # letter or a4
large_print: false              # true: 18 pt body text, the layout reflows to fit
language: @LANGUAGE@
locale: en-US                   # en-US: US brand names (Tylenol, Percocet); en-GB: UK
                                # names (paracetamol, co-codamol) in the opioid warning

# ---- Clinic set: what `--all` builds; names from `handouts list`; [] means all ------
conditions: []
# conditions: [multiple-sclerosis, fibromyalgia]

# ---- Your prescribing protocol: writes "How to take LDN" and the dose table --------
protocol:
  start_dose: @START@               # mg a day
  step_dose: @STEP@                # mg added at each step
  step_interval_weeks: @INTERVAL@        # weeks between steps
  target_dose: @TARGET@              # mg a day; stop going up here
  timing: @TIMING@               # bedtime, night, morning, evening, with breakfast,
                                  # after breakfast, with dinner or after dinner
  review_weeks: 12              # personal plan: review this many weeks (8-12) after
                                # reaching the target dose

# ---- Contacts: "When to get help" lists them ---------------------------------------
pharmacy: ""                    # e.g. Main Street Compounding, (217) 555-0188
prescriber: @PRESCRIBER@       # "Take LDN just as your prescriber tells you"; e.g. your GP
emergency_number: ""            # e.g. "911" or 999; empty prints "911 or your local
                                # emergency number"

# ---- Your own sections: title, text (or body), and before: or after: a section ----
# Sections: @SECTIONS@
extra_sections: []
# extra_sections:
#   - title: Getting LDN at our clinic
#     after: how-to-take
#     text: |
#       Our partner pharmacy makes your LDN. Call us at {phone} if it is late.

# ---- Sections to leave out (@REQUIRED@ always print) ---------
hidden_sections: []
# hidden_sections: [questions-to-ask]

# ---- Who reviewed these handouts for your practice (printed at the end) -----------
sign_off:
# sign_off:
#   name: Dr. A. Example
#   role: Medical director
#   date: 2026-11-21             # YYYY-MM-DD

reading_grade_limit: @GRADE@          # the reading grade your own text should stay under
"""

TEMPLATE_TEXT = """\
{#- A template override. This file takes the place of the built-in handout.rml.j2 for
    this practice, but starts from it: the "extends" line below takes everything from the
    built-in template, and each {% block %} you add replaces just that part.

    Blocks you can replace: header, footer, stylesheet, title, key_points,
    condition_section, mechanisms_section, how_to_take, schedule, opioid_warning,
    off_label_cost, section, references, provenance.

    Rules (a build that breaks one fails with a message naming this file):
    - the opioid warning and the off-label section must still print, word for word;
    - no plugInFlowable or plugInGraphic (they would run Python code);
    - no files outside this practice folder, and no URLs.
    Delete this file to use the built-in template unchanged. -#}
{% extends "builtin/handout.rml.j2" %}
{#- Example: a white header, the practice name in your primary colour, the phone number
    on the right and a coloured rule below. To use it, delete the two lines around it:
    the line "{#- EXAMPLE" and the line that starts with "END OF EXAMPLE". -#}
{#- EXAMPLE
{% block header %}
{% set top = layout.height - layout.header_height %}
{% set middle = top + layout.header_height / 2 %}
      <fill color="{{ practice.colours.primary }}"/>
      <rect x="0" y="{{ top - 5 }}" width="{{ layout.width }}" height="5" fill="1" stroke="0"/>
      <setFont name="{{ fonts.bold }}" size="{{ size.header + 2 }}"/>
      <drawString x="{{ layout.margin }}"
                  y="{{ middle - size.header / 3 }}">{{ practice.name }}</drawString>
{% set right = layout.width - layout.margin %}
{% if logo %}
      <image file="{{ logo.file }}" x="{{ right - logo.width }}" y="{{ middle - logo.height / 2 }}"
             width="{{ logo.width }}" height="{{ logo.height }}" preserveAspectRatio="1"/>
{% set right = right - logo.width - 12 %}
{% endif %}
      <fill color="{{ practice.colours.text }}"/>
      <setFont name="{{ fonts.regular }}" size="{{ size.footer }}"/>
      <drawRightString x="{{ right }}"
                       y="{{ middle - size.footer / 3 }}">{{ practice.phone }}</drawRightString>
{% endblock %}
END OF EXAMPLE -#}
"""

README = """\
# @NAME@: practice folder for `handouts`

- `practice.yaml`: who you are, your look, your clinic set, your protocol and contacts.
  Every field is listed with its default and a comment.
- `templates/handout.rml.j2`: a template override. As made, it changes nothing; it holds
  a commented example that gives the page a different header.
- Put your logo (PNG or JPEG) in this folder and name it in `logo:`.
- Optional: `content/conditions/<slug>.yaml` adds a condition of your own, or overrides
  fields of a built-in one with the same name (mappings merge, lists and text replace).

Build the clinic set (PDFs go to `out/@SLUG@/`):

    handouts build --practice @FOLDER@ --all

A mistake in `practice.yaml` stops the build with `file:line: field: what is wrong`,
every problem at once. The opioid warning and the off-label section print in every
handout: they cannot be hidden, and a template that drops them is refused.
"""


class ScaffoldError(HandoutsError):
    """``handouts init`` would overwrite files."""


_COMMENT_COLUMN = 32
_TRAILING_COMMENT = re.compile(r"^(\s*[^\s#].*?)\s{2,}(# .*)$")


def _fill(text: str, values: dict[str, str]) -> str:
    """Put in the values, then line the trailing comments up again."""
    for name, value in values.items():
        text = text.replace(f"@{name}@", value)
    lines = []
    for line in text.splitlines():
        match = _TRAILING_COMMENT.match(line)
        if match:
            line = f"{match[1]:<{_COMMENT_COLUMN - 1}} {match[2]}"
        lines.append(line)
    return "\n".join(lines) + "\n"


def practice_files(folder: Path) -> dict[Path, str]:
    """The files ``init`` writes into ``folder``, by path, with their text."""
    slug = slugify(folder.absolute().name) or "practice"
    default, colours, protocol = Practice(), Colours(), Protocol()
    content = builtin_content(default.language)
    values = {
        "NAME": " ".join(word.capitalize() for word in slug.split("-")),
        "SLUG": slug,
        "FOLDER": str(folder),
        "PRIMARY": colours.primary,
        "ACCENT": colours.accent,
        "TEXT": colours.text,
        "WARNING": colours.warning,
        "BAND": colours.band,
        "BAND_TEXT": colours.band_text,
        "FONT": default.font,
        "PAGE_SIZE": default.page_size,
        "LANGUAGE": default.language,
        "START": f"{protocol.start_dose:g}",
        "STEP": f"{protocol.step_dose:g}",
        "INTERVAL": str(protocol.step_interval_weeks),
        "TARGET": f"{protocol.target_dose:g}",
        "TIMING": protocol.timing,
        "PRESCRIBER": default.prescriber or content.ui.get("default_prescriber", "your prescriber"),
        "SECTIONS": textwrap.fill(
            ", ".join(s.id for s in content.sections),
            width=76,
            subsequent_indent="#   ",
            break_on_hyphens=False,
        ),
        "REQUIRED": " and ".join(REQUIRED_SECTIONS),
        "GRADE": f"{default.reading_grade_limit:g}",
    }
    return {
        folder / PRACTICE_FILE: _fill(PRACTICE_YAML, values),
        folder / TEMPLATE_EXAMPLE: TEMPLATE_TEXT,
        folder / "README.md": _fill(README, values),
    }


def init_practice(folder: Path) -> list[Path]:
    """Write a new practice folder; refuse if any of its files exists. Returns the paths."""
    if folder.exists() and not folder.is_dir():
        raise ScaffoldError(f"{folder}: is a file, not a folder; choose another name")
    files = practice_files(folder)
    existing = [str(path) for path in files if path.exists()]
    if existing:
        verb = "exists" if len(existing) == 1 else "exist"
        raise ScaffoldError(
            f"{', '.join(existing)} already {verb}; `handouts init` never overwrites. "
            "Edit the practice as it is, or choose a new folder"
        )
    for path, text in files.items():
        write_atomic(path, text.encode("utf-8"))
    return list(files)
