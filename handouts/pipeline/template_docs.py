"""``handouts templates``: what a practice can override and what each block can use, as
text for the terminal and as the README's generated section. Everything listed comes
from the built-in templates' syntax trees (render.blocks); only the one-line meaning of
each variable is written here, beside the orchestrator that builds the context, and a
test holds these to the context it really builds."""

from __future__ import annotations

import textwrap
from collections.abc import Iterable

from handouts import paths
from handouts.errors import HandoutsError
from handouts.render.blocks import MACRO_FILES, TemplateInfo, macros_of, overridable

PLAN = ("plan.rml.j2",)
HTML = ("handout.html.j2", "summary.html.j2")
RML = ("handout.rml.j2", "summary.rml.j2", "plan.rml.j2")
INDEX = ("index.html.j2",)
ONLY = {PLAN: "the plan only", HTML: "HTML only", RML: "PDF templates", INDEX: "the index only"}

# What each variable of the render context is (template_context, plan_context); the
# attributes are listed from the templates. () means every template.
VARIABLES: dict[str, tuple[str, tuple[str, ...]]] = {
    "practice": ("your practice.yaml, as read (colours, protocol, sign_off...)", ()),
    "layout": ("the page in points: width, height, margins, header and frame", ()),
    "size": ("type sizes in points (larger in large print)", ()),
    "fonts": ("the font names to use in RML: regular, bold, italic, bolditalic", RML),
    "font_family": ("the CSS font families for HTML, your typeface first", ()),
    "logo": ("the logo, or nothing: file, width and height in points, plate", ()),
    "logo_uri": ("the logo as a data: URI (the page fetches nothing)", HTML),
    "entries": (
        "the index: per condition its slug, name, links (href, text) and review dates",
        ("index.html.j2",),
    ),
    "tagged_pdf": ("the index: whether the run wrote accessible PDFs", INDEX),
    "language_name": ("the index: the pages' language, named in itself", INDEX),
    "languages": (
        "the index: links (href, lang, name) to the set's index in other languages",
        INDEX,
    ),
    "handout": ("the handout: title, version, sections, references, mechanisms", ()),
    "condition": ("the condition: name, short_name, summary, key_points, evidence, review", ()),
    "ui": ("the printed words of the handout's language (content/<lang>/ui.yaml)", ()),
    "evidence": ("the evidence scale: steps, filled, and the level in words", ()),
    "schedule": ("the dose table from your protocol: (weeks, dose) rows", ()),
    "page_total": ('the number of pages, for "Page X of Y"', RML),
    "full_guide": ("where the full guide is online (url, short, QR code), or nothing", ()),
    "output": ('"rml" or "html"', ()),
    "booklet": (
        "in a booklet part: part (shared, condition or references), its lead and its "
        "opioid key point (which points to the warning box in About LDN); else nothing",
        (),
    ),
    "section": ("the section being printed (in the blocks inside the sections loop)", ()),
    "plan_ui": ("the plan's printed words", PLAN),
    "patient": ("the patient's name and prescriber ('' for lines to write on)", PLAN),
    "start": ("the first day, as printed", PLAN),
    "calendar": ("one row per dose step: number, first, last, dose, how", PLAN),
    "review": ("the review sentence, with its date", PLAN),
    "diary": ("the symptom diary: symptoms, weeks, halves", PLAN),
    "card": ("the wallet card's lines: name, dose, prescriber, phone, clinic, emergency", PLAN),
    "card_steps": ("the card's steps before surgery or an emergency", PLAN),
    "call": ("when to call, as a list", PLAN),
    "form": ('"capsules" or "liquid"', PLAN),
    "blank_before_card": ("true when a blank page puts the card on an odd page", PLAN),
}

INTRO = (
    "A file in <practice>/templates/ with the same name as a built-in template replaces "
    'it. Start it with {% extends "builtin/<name>" %} and write only the blocks you '
    "change; the rest stays built-in. The PDF templates are RML, ReportLab's XML page "
    "markup (<para>, <blockTable>, <drawString>...); the HTML templates are HTML. A block "
    "can use every variable of its template (below), not only the ones the built-in "
    "block uses. `handouts templates handout.rml.j2 header` prints a block to start from."
)

INTRO_MD = (
    "A file in `<practice>/templates/` with the same name as a built-in template replaces "
    'it. Start it with `{% extends "builtin/<name>" %}` and write only the blocks you '
    "change; the rest stays built-in. The PDF templates are RML, ReportLab's XML page "
    "markup (`<para>`, `<blockTable>`, `<drawString>`...); the HTML templates are HTML. A "
    "block can use every variable of its template (the table after the blocks), not only "
    "the ones the built-in block uses."
)

# The worked example: tested by building it (tests/test_staff_templates.py).
EXAMPLE = """\
{% extends "builtin/handout.rml.j2" %}
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
"""
EXAMPLE_WORDS = (
    "Worked example: this templates/handout.rml.j2 in a practice folder puts the practice "
    "name in your primary colour on a white header, the phone number on the right, the "
    "logo beside it and a coloured rule under it. Every other part of the handout, the "
    "opioid warning included, stays built-in."
)


class UnknownTemplate(HandoutsError):
    """``handouts templates NAME`` for a template or block that does not exist."""


def _grouped(names: Iterable[str]) -> str:
    """'layout.width', 'layout.margin', 'logo' -> 'layout (margin, width), logo'."""
    groups: dict[str, list[str]] = {}
    for name in sorted(names):
        root, _, rest = name.partition(".")
        groups.setdefault(root, [])
        if rest:
            groups[root].append(rest)
    return ", ".join(f"{r} ({', '.join(a)})" if a else r for r, a in groups.items())


def _block_note(info: TemplateInfo, name: str) -> str:
    block = next(b for b in info.blocks if b.name == name)
    notes = []
    if block.inside:
        notes.append(f"inside {block.inside}")
    if block.template != info.name:
        notes.append(f"from {block.template}")
    return f" ({', '.join(notes)})" if notes else ""


def _roots(info: TemplateInfo, block_name: str) -> list[str]:
    block = next(b for b in info.blocks if b.name == block_name)
    roots = dict.fromkeys(u.split(".")[0] for u in (*block.uses, *block.around))
    return [*roots, *(f"{m}()" for m in block.macros)]


def available(info: TemplateInfo) -> list[str]:
    """The context variables a block of ``info`` can use."""
    return [v for v, (_, only) in VARIABLES.items() if not only or info.name in only]


def attributes(infos: Iterable[TemplateInfo]) -> dict[str, set[str]]:
    """Each variable -> the attributes the built-in templates read from it."""
    found: dict[str, set[str]] = {}
    for info in infos:
        for block in info.blocks:
            for name in (*block.uses, *block.around):
                root, _, rest = name.partition(".")
                found.setdefault(root, set())
                if rest:
                    found[root].add(rest)
    return found


def _wrap(text: str, indent: int, width: int = 92) -> str:
    return textwrap.fill(text, width, initial_indent=" " * indent,
                         subsequent_indent=" " * indent, break_on_hyphens=False)  # fmt: skip


def _variables_text(infos: tuple[TemplateInfo, ...]) -> list[str]:
    used = attributes(infos)
    lines = ["Variables (every block of a template can use its template's):"]
    for name, (meaning, only) in VARIABLES.items():
        where = f" [{ONLY[only]}]" if only else ""
        lines.append(f"  {name:<18}{meaning}{where}")
        if used.get(name):
            lines.append(_wrap("used: " + ", ".join(sorted(used[name])), 20))
    for file in MACRO_FILES:
        macros = ", ".join(f"{n}({', '.join(a)})" for n, a in macros_of(file))
        lines.append(_wrap(f"Macros in {file}, imported as m: {macros}", 2))
    return lines


def overview() -> str:
    """``handouts templates``: every template, its blocks and what each one uses."""
    infos = overridable()
    lines = [_wrap(INTRO, 0), ""]
    for info in infos:
        based = f" (extends {info.extends}: its blocks too)" if info.extends else ""
        lines.append(f"{info.name}: {info.what}{based}")
        for block in info.blocks:
            label = block.name + _block_note(info, block.name)
            uses = ", ".join(_roots(info, block.name))
            if len(label) > 30:
                lines.append(f"  {label}")
                label = ""
            lines.append(textwrap.fill(uses, 92, initial_indent=f"  {label:<31} ",
                                       subsequent_indent=" " * 34))  # fmt: skip
        if info.values:
            lines.append(_wrap(f"set at the top of the file: {', '.join(info.values)}", 2))
        lines.append("")
    lines += _variables_text(infos)
    lines += ["", _wrap(EXAMPLE_WORDS, 0), "", EXAMPLE.rstrip()]
    return "\n".join(lines)


def _find(name: str) -> TemplateInfo:
    for info in overridable():
        if name in (info.name, info.name.removesuffix(".j2")):
            return info
    known = ", ".join(i.name for i in overridable())
    raise UnknownTemplate(f'no built-in template "{name}"; the templates are: {known}')


def template_detail(name: str, block_name: str | None = None) -> str:
    """One template's blocks with every attribute they read; with ``block_name``, that
    block's built-in text as a file to start an override from."""
    info = _find(name)
    if block_name is None:
        lines = [f"{info.name}: {info.what}", ""]
        for block in info.blocks:
            lines.append(f"{block.name}{_block_note(info, block.name)}, line {block.line}")
            if block.uses or block.around:
                lines.append(_wrap("uses: " + _grouped((*block.uses, *block.around)), 4))
            if block.macros:
                lines.append(_wrap("macros: " + ", ".join(block.macros), 4))
        lines += ["", _wrap("can use: " + ", ".join([*available(info), *info.values]), 0)]
        return "\n".join(lines)
    found = next((b for b in info.blocks if b.name == block_name), None)
    if found is None:
        known = ", ".join(b.name for b in info.blocks)
        raise UnknownTemplate(f'{info.name} has no block "{block_name}"; its blocks: {known}')
    source = (paths.builtin_templates_dir() / found.template).read_text(encoding="utf-8")
    text = "\n".join(source.splitlines()[found.line - 1 : found.end])
    return (
        f"{{#- Save as <practice>/templates/{info.name}, then change the block. -#}}\n"
        f'{{% extends "builtin/{info.name}" %}}\n{text}'
    )


def block_names(name: str) -> list[str]:
    """The blocks of one template, in order (the init scaffold's comment lists them)."""
    return [b.name for b in _find(name).blocks]


def readme_section() -> str:
    """The README's generated "Template blocks" section (a test holds the README to it)."""
    infos = overridable()
    out = [INTRO_MD, ""]
    for info in infos:
        based = f"; extends `{info.extends}`, so its blocks too" if info.extends else ""
        out += [f"**`{info.name}`**: {info.what}{based}.", "", "| block | uses |", "|---|---|"]
        for block in info.blocks:
            note = _block_note(info, block.name)
            uses = ", ".join(f"`{r}`" for r in _roots(info, block.name))
            out.append(f"| `{block.name}`{note} | {uses} |")
        if info.values:
            out.append(f"\nSet at the top of the file: {', '.join(f'`{v}`' for v in info.values)}.")
        out.append("")
    used = attributes(infos)
    out += ["| variable | what it is | attributes the built-in templates use |", "|---|---|---|"]
    for name, (meaning, only) in VARIABLES.items():
        where = f" ({ONLY[only]})" if only else ""
        attrs = ", ".join(sorted(used.get(name, ())))
        out.append(f"| `{name}` | {meaning}{where} | {attrs} |")
    for file in MACRO_FILES:
        macros = ", ".join(f"`{n}({', '.join(a)})`" for n, a in macros_of(file))
        out.append(f"\nMacros in `{file}`, imported as `m`: {macros}.")
    out += ["", EXAMPLE_WORDS, "", "```jinja", EXAMPLE.rstrip(), "```"]
    return "\n".join(out) + "\n"
