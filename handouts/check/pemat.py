"""PEMAT-P for one handout: the items a program can judge, scored; the rest, a checklist.

AHRQ's Patient Education Materials Assessment Tool for printable materials scores each
item Agree (1), Disagree (0) or N/A, and reports understandability and actionability as
agrees / applicable items x 100, each against a 70 % pass mark (../shared/standards.md).
Ten items have a signal a program can read in the merged handout and its rendered RML;
they are scored here. The others need a person and are listed as a reviewer checklist.
Item ids follow the PEMAT-P numbering (U = understandability, A = actionability).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from lxml import etree

from handouts.guard.rml import normalise, visible_text
from handouts.model import Handout
from handouts.text import markup
from handouts.text.sections import SectionText

PASS_MARK = 70.0
CHUNK_WORDS = 150  # longest run of plain paragraphs without a heading, list, box or bold lead
UNDERSTANDABILITY = "understandability"
ACTIONABILITY = "actionability"


@dataclass(frozen=True)
class Item:
    """One PEMAT-P item."""

    id: str
    category: str
    text: str


AUTOMATIC = (
    Item("U1", UNDERSTANDABILITY, "The purpose is stated at the top"),
    Item("U7", UNDERSTANDABILITY, "Numbers need no arithmetic from the reader"),
    Item("U8", UNDERSTANDABILITY, "Information comes in short sections"),
    Item("U9", UNDERSTANDABILITY, "Sections have informative headings"),
    Item("U11", UNDERSTANDABILITY, "There is a summary"),
    Item("U12", UNDERSTANDABILITY, "Visual cues (box, bullets, bold) draw attention to key points"),
    Item("A20", ACTIONABILITY, "At least one clear action the reader can take"),
    Item("A21", ACTIONABILITY, 'Addresses the reader directly ("you") when describing actions'),
    Item("A22", ACTIONABILITY, "Actions are broken into explicit steps (numbered or bullet lists)"),
    Item("A23", ACTIONABILITY, "A tangible tool (a schedule or checklist) helps the reader act"),
)
REVIEWER_CHECKLIST = (
    Item("U2", UNDERSTANDABILITY, "Nothing distracts from the purpose"),
    Item("U3", UNDERSTANDABILITY, "Common, everyday words (see the reading grades)"),
    Item("U4", UNDERSTANDABILITY, "Medical terms only when needed, and defined when used"),
    Item("U5", UNDERSTANDABILITY, "Active voice"),
    Item("U6", UNDERSTANDABILITY, "Numbers are clear and easy to understand"),
    Item("U10", UNDERSTANDABILITY, "Information is in a logical order"),
    Item("U15", UNDERSTANDABILITY, "Visual aids are used wherever they make content clearer"),
    Item("U16", UNDERSTANDABILITY, "Visual aids reinforce rather than distract"),
    Item("U17", UNDERSTANDABILITY, "Visual aids have clear titles or captions"),
    Item("U18", UNDERSTANDABILITY, "Illustrations and photographs are clear and uncluttered"),
    Item("U19", UNDERSTANDABILITY, "Tables are simple, with short, clear row and column headings"),
    Item("A24", ACTIONABILITY, "Any calculation comes with simple instructions or an example"),
    Item("A25", ACTIONABILITY, "Explains how to use the tables and charts to act"),
    Item("A26", ACTIONABILITY, "Visual aids are used wherever they make acting easier"),
)

_PURPOSE = re.compile(
    r"\b(?:this|the)\s+(?:handout|leaflet|sheet|page|booklet|guide)\b[^.]{0,80}?"
    r"\b(?:is\s+(?:for|about)|tells\s+you|explains|helps\s+you|will\s+help)\b"
    # Spanish: "Esta hoja es para ...", "... explica ...".
    r"|\b(?:esta|la)\s+(?:hoja|guía|página)\b[^.]{0,80}?\b(?:es\s+para|explica|le\s+ayuda)\b",
    re.IGNORECASE,
)
_CALCULATION = re.compile(
    r"\b(?:calculate|work\s+out|multiply|divide|add\s+up|subtract|per\s+(?:kg|kilogram|pound)"
    r"|mg/kg|percent\s+of|times\s+your|double\s+your\s+dose|half\s+your\s+dose)\b",
    re.IGNORECASE,
)
_STEP_UP = re.compile(r"\b(?:go\s+up|increase\s+(?:it|the\s+dose)?)\s*by\b", re.IGNORECASE)
_DOSE = re.compile(r"\b\d+(?:\.\d+)?\s*mg\b")
_THIRD_PERSON = re.compile(
    r"\b(?:patients|the\s+patient|users|the\s+user|the\s+reader)\s+(?:should|must|need\s+to)\b",
    re.IGNORECASE,
)
_YOU = re.compile(
    r"\b(?:you|your|yours|yourself|you're|you'll|usted|ustedes|su|sus)\b", re.IGNORECASE
)
_SENTENCE = re.compile(r"(?<=[.!?:])\s+")
_HEADING_STYLE = re.compile(r"^(?:h\d|title|subtitle|boxhead|heading\d?)$", re.IGNORECASE)
_NUMBERED = re.compile(r"^\d+[.)]?$")
ACTION_VERBS = frozenset(
    "add ask avoid bring call carry check contact do don't follow get give go keep let look "
    "make mark never note plan put read record report see set show skip start stop store "
    "take talk tell tick track try use wait write "
    # Spanish imperatives ("usted"), as the Spanish content writes its steps.
    "anote avise busque consulte deje dele dígale empiece espere guarde hable lea lleve "
    "llame marque muestre no nunca pida pregunte revise siga suba tome traiga use".split()
)
GENERIC_HEADINGS = frozenset(
    "information details other more notes section misc general introduction overview "
    "background extra".split()
)


@dataclass(frozen=True)
class ItemScore:
    """One automatic item's score (1 agree, 0 disagree, None not applicable) and why."""

    item: Item
    score: int | None
    note: str


@dataclass(frozen=True)
class Score:
    """Agrees out of applicable items, for one category."""

    agree: int
    applicable: int

    @property
    def percent(self) -> float | None:
        """The PEMAT percentage, or None when no item applies."""
        return round(100 * self.agree / self.applicable, 1) if self.applicable else None

    @property
    def passed(self) -> bool:
        """At or above the 70 % pass mark."""
        return self.percent is None or self.percent >= PASS_MARK


@dataclass(frozen=True)
class PematReport:
    """The automatic items of one handout, scored."""

    items: tuple[ItemScore, ...]

    def score(self, category: str) -> Score:
        """Agrees / applicable for ``category``."""
        scored = [i.score for i in self.items if i.item.category == category]
        applicable = [s for s in scored if s is not None]
        return Score(sum(applicable), len(applicable))

    @property
    def understandability(self) -> Score:
        return self.score(UNDERSTANDABILITY)

    @property
    def actionability(self) -> Score:
        return self.score(ACTIONABILITY)

    @property
    def failed(self) -> tuple[ItemScore, ...]:
        """Items scored Disagree."""
        return tuple(i for i in self.items if i.score == 0)


@dataclass(frozen=True)
class Para:
    """One paragraph of the rendered story, with what a reader's eye sees in it."""

    text: str
    style: str
    bullet: str  # the bullet or number printed before it, or ""
    boxed: bool  # inside a table: a box, a tool or a table
    bold_lead: bool  # starts with bold words
    bold: bool  # has any bold


def story_paras(root: etree._Element) -> list[Para]:
    """The paragraphs of an RML document's story, in reading order."""
    story = root.find("story")
    paras = []
    for element in (story if story is not None else root).iter("para"):
        text = visible_text(element)
        if not text:
            continue
        first = next(iter(element), None)
        bold_lead = first is not None and first.tag == "b" and not (element.text or "").strip()
        boxed = any(a.tag == "blockTable" for a in element.iterancestors())
        paras.append(
            Para(
                text=text,
                style=element.get("style", ""),
                bullet=element.get("bulletText", ""),
                boxed=boxed,
                bold_lead=bold_lead,
                bold=element.find(".//b") is not None,
            )
        )
    return paras


def _sentences(parts: list[SectionText]) -> Iterator[str]:
    for part in parts:
        for text in part.texts:
            yield from (s.strip() for s in _SENTENCE.split(text) if s.strip())


def _is_action(sentence: str) -> bool:
    words = sentence.split()
    first = re.sub(r"[^a-z']", "", words[0].lower()) if words else ""
    return first in ACTION_VERBS


def _quote(text: str, limit: int = 60) -> str:
    return f'"{text}"' if len(text) <= limit else f'"{text[: limit - 1].rstrip()}…"'


class _Scorer:
    """Scores the automatic items from one handout, its plain text and its rendered story."""

    def __init__(self, handout: Handout, parts: list[SectionText], paras: list[Para]) -> None:
        self.handout = handout
        self.parts = parts
        self.paras = paras
        name = handout.condition.name
        self.titles = [normalise(s.title.replace("{condition}", name)) for s in handout.sections]
        heads = [i for i, p in enumerate(paras) if p.text in self.titles]
        self.first_section = heads[0] if heads else len(paras)
        references = normalise(handout.ui.get("references_heading", "References"))
        ends = [i for i, p in enumerate(paras) if p.text == references and i > self.first_section]
        # The body: from the first section to the reference list (whose numbers are no steps).
        self.body = paras[self.first_section : ends[0] if ends else len(paras)]
        self.sentences = list(_sentences(parts))
        self.words = sum(len(part.joined.split()) for part in parts)

    def is_heading(self, para: Para) -> bool:
        return bool(_HEADING_STYLE.match(para.style)) or para.text in self.titles

    def u1_purpose(self) -> tuple[int | None, str]:
        for para in self.paras[: self.first_section]:
            match = _PURPOSE.search(para.text)
            if match:
                return 1, f"stated before the first section: {_quote(para.text)}"
        return 0, 'no sentence such as "This handout is for ..." before the first section'

    def u7_no_arithmetic(self) -> tuple[int | None, str]:
        text = " ".join(part.joined for part in self.parts)
        if not re.search(r"\d", text):
            return None, "the handout has no numbers"
        sums = _CALCULATION.search(text)
        if sums:
            return 0, f'asks the reader to do a sum ("{sums.group(0)}")'
        if _STEP_UP.search(text):
            doses = [p for p in self.paras if p.boxed and _DOSE.search(p.text)]
            if len(doses) < 2:
                return 0, "dose steps are described but not worked out in a schedule table"
            return 1, "dose steps are worked out in a schedule table"
        return 1, "no sums asked of the reader"

    def u8_short_sections(self) -> tuple[int | None, str]:
        longest, where, run, section = 0, "", 0, ""
        for para in self.body:
            heading = self.is_heading(para)
            if para.text in self.titles:
                section = para.text
            if heading or para.bullet or para.boxed or para.bold_lead:
                run = 0  # the eye sees a new chunk here
            if heading:
                continue
            run += len(para.text.split())
            if run > longest:
                longest, where = run, section
            if para.bullet or para.boxed:
                run = 0  # a list item or a boxed line is a chunk of its own
        if longest > CHUNK_WORDS:
            return 0, (
                f'"{where}" runs {longest} words without a heading, list, box or bold lead-in '
                f"(at most {CHUNK_WORDS})"
            )
        return 1, f"the longest unbroken run of text is {longest} words (at most {CHUNK_WORDS})"

    def u9_headings(self) -> tuple[int | None, str]:
        printed = {p.text for p in self.paras if self.is_heading(p)}
        missing = [t for t in self.titles if t not in printed]
        if missing:
            return 0, f"sections without a printed heading: {', '.join(missing)}"
        vague = [t for t in self.titles if len(t.split()) < 2 or t.lower() in GENERIC_HEADINGS]
        if vague:
            return 0, f"headings that do not say what the section holds: {', '.join(vague)}"
        return 1, f"all {len(self.titles)} sections have a heading that names their subject"

    def _key_point_paras(self) -> list[Para]:
        values = self.handout.placeholder_values
        points = {normalise(markup.to_plain(p, values)) for p in self.handout.condition.key_points}
        return [p for p in self.paras[: self.first_section] if p.text in points]

    def u11_summary(self) -> tuple[int | None, str]:
        found = self._key_point_paras()
        if not found:
            return 0, "the key points are not printed before the first section"
        return 1, f"{len(found)} key points before the first section"

    def u12_visual_cues(self) -> tuple[int | None, str]:
        points = self._key_point_paras()
        if not points or not all(p.boxed or p.bullet for p in points):
            return 0, "the key points are not set apart in a box or as bullets"
        if not any(p.bold for p in self.paras):
            return 0, "nothing is in bold"
        boxed = "in a box" if all(p.boxed for p in points) else "as bullets"
        return 1, f"key points {boxed}; bold for the points that matter most"

    def a20_action(self) -> tuple[int | None, str]:
        actions = [s for s in self.sentences if _is_action(s)]
        if not actions:
            return 0, 'no sentence tells the reader what to do ("Take ...", "Call ...")'
        return 1, f"{len(actions)} action sentences, e.g. {_quote(actions[0])}"

    def a21_you(self) -> tuple[int | None, str]:
        third = _THIRD_PERSON.search(" ".join(self.sentences))
        if third:
            return 0, f'talks about the reader, not to them ("{third.group(0)}")'
        count = sum(len(_YOU.findall(s)) for s in self.sentences)
        rate = 100 * count / max(self.words, 1)
        if rate < 1.0:
            return 0, f'"you" only {count} times in {self.words} words'
        return 1, f'"you" or "your" {count} times ({rate:.1f} per 100 words)'

    def a22_steps(self) -> tuple[int | None, str]:
        numbered = [p for p in self.body if _NUMBERED.match(p.bullet)]
        bulleted = [
            p
            for p in self.body
            if p.bullet and not _NUMBERED.match(p.bullet) and _is_action(p.text)
        ]
        if len(numbered) >= 2:
            return 1, f"{len(numbered)} numbered steps; {len(bulleted)} bulleted actions"
        if len(bulleted) >= 2:
            return 1, f"{len(bulleted)} bulleted actions"
        return 0, "no numbered steps and no bullet list of actions"

    def a23_tool(self) -> tuple[int | None, str]:
        tools = []
        if sum(1 for p in self.body if p.boxed and _DOSE.search(p.text)) >= 2:
            tools.append("a dose schedule")
        values = self.handout.placeholder_values
        checklist = [
            normalise(markup.to_plain(t, values))
            for s in self.handout.sections
            for b in s.body
            if b.kind == "checklist"
            for t in b.texts
        ]
        texts = {p.text for p in self.paras}
        if checklist and all(t in texts for t in checklist):
            tools.append("a checklist")
        if not tools:
            return 0, "no schedule, checklist or tracker the reader can use"
        return 1, " and ".join(tools)


def score_handout(handout: Handout, parts: list[SectionText], root: etree._Element) -> PematReport:
    """Score the automatic PEMAT-P items of ``handout`` from its text and rendered RML."""
    scorer = _Scorer(handout, parts, story_paras(root))
    checks = {
        "U1": scorer.u1_purpose,
        "U7": scorer.u7_no_arithmetic,
        "U8": scorer.u8_short_sections,
        "U9": scorer.u9_headings,
        "U11": scorer.u11_summary,
        "U12": scorer.u12_visual_cues,
        "A20": scorer.a20_action,
        "A21": scorer.a21_you,
        "A22": scorer.a22_steps,
        "A23": scorer.a23_tool,
    }
    return PematReport(tuple(ItemScore(item, *checks[item.id]()) for item in AUTOMATIC))
