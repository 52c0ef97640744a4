"""The ``{name}`` values that code fills into the words of the layout (ui.yaml), of an
edition (``words:`` of summary.yaml) and of the personal plan (plan.yaml), beside the
content placeholders (``PLACEHOLDERS``), which every printed word may use.

Each word is filled where it is used, with ``.replace("{name}", ...)``; a name nobody
fills would print as nothing (markup drops an unknown ``{name}``), so the validate stage
refuses any name not declared here or in ``PLACEHOLDERS``. Keep this list in step with
the code that fills the words: each entry says who fills it.
"""

from __future__ import annotations

from handouts.model.content import PLACEHOLDERS

WORD_VALUES: dict[str, str] = {
    # The condition's name: the templates (handout_title, cautions_heading, the summary's
    # title), pipeline/build.py (keywords), pipeline/index.py (index_full, index_summary),
    # pipeline/booklet.py (booklet_condition_lead).
    "condition": "the condition's name",
    # text/evidence.py scale_of (scale_boxes).
    "filled": "how many boxes of the evidence scale are filled",
    "steps": "how many boxes the evidence scale has",
    # text/evidence.py evidence_line (an edition's evidence_line word).
    "research_label": "the scale's research label (ui.yaml research_label)",
    "found_label": "the scale's finding label (ui.yaml found_label)",
    "research": "the scale's words for how much research there is",
    "found": "the scale's words for what the research found",
    # text/protocol.py protocol_values (step_dose_uneven; step_dose is a content value).
    "last_step": "the dose of the last, smaller step",
    # text/lang.py weeks_text (weeks_one, weeks_many).
    "n": "a number of weeks",
    # text/lang.py schedule_rows (week_range, week_onward); render/plan.py (card_dose_steps).
    "start": "the first week of a row, or the plan's start dose",
    "end": "the last week of a row",
    # pipeline/booklet.py (booklet_condition_lead, booklet_key_point_opioids).
    "page": "the booklet page About LDN starts on",
    # batch/booklet_pages.py (booklet_page_number).
    "number": "a booklet page's number",
    # render/templates.py (translation_footer, translation_long).
    "translator": "who translated the file",
    "review": "who reviewed the translation, or that it is pending",
    # render/templates.py (translation_footer, translation_long); render/plan.py (review).
    "date": "a date in the language's words",
    # render/plan.py (capsule, liquid, card_dose_steps, card_dose_one).
    "dose": "one capsule's dose",
    "ml": "how many mL of the liquid",
    "strength": "the liquid's strength, mg per mL",
    "target": "the plan's target dose",
}

# Every name a word may use: the content values first, as content's messages list them.
WORD_NAMES = PLACEHOLDERS + tuple(n for n in WORD_VALUES if n not in PLACEHOLDERS)
