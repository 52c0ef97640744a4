"""The floor: the multiple sclerosis handout written by hand in bare ReportLab Platypus.

Same text (loaded and merged by the pipeline, converted with ``markup.to_rml``), fonts,
header band, "Page X of Y" footer, boxes, scale, tables, checklist, references and
bookmarks; no templates, RML, sandbox or checks. Run it with an output file name.
"""

from __future__ import annotations

import io
import sys
from html import escape
from pathlib import Path
from typing import Any

from platypus_parts import Bookmark, long_date, numbered_canvas, register_fonts
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from handouts.merge.handout import merge_handout
from handouts.model import Block, Handout
from handouts.pipeline.build import load_project
from handouts.render import layout
from handouts.text import evidence, markup

SLUG = "multiple-sclerosis"


class Reference:
    """Build the handout's story and document for one merged handout."""

    def __init__(self, handout: Handout) -> None:
        self.h = handout
        self.ui = handout.ui
        self.practice = handout.practice
        self.page = layout.page_layout(self.practice)
        self.size = self.page["size"]
        self.fonts = register_fonts(self.practice.font)
        self.styles = self._styles()

    def inline(self, text: str) -> str:
        return str(markup.to_rml(text, self.h.placeholder_values, self.h.numbers))

    def _styles(self) -> dict[str, ParagraphStyle]:
        s, f, c = self.size, self.fonts, self.practice.colours
        normal = getSampleStyleSheet()["Normal"]
        st: dict[str, ParagraphStyle] = {}

        def add(name: str, parent: ParagraphStyle, **kw: Any) -> None:
            st[name] = ParagraphStyle(name, parent=parent, **kw)

        add("body", normal, fontName=f.regular, bulletFontName=f.regular, fontSize=s["body"],
            leading=s["leading"], textColor=colors.HexColor(c.text),
            spaceAfter=s["body"] * 0.55, alignment=TA_LEFT)  # fmt: skip
        add("lead", st["body"], fontSize=s["body"] + 1, leading=s["leading"] + 1.5)
        add("title", normal, fontName=f.bold, fontSize=s["title"], leading=s["title"] * 1.2,
            textColor=colors.HexColor(c.primary), spaceAfter=2)  # fmt: skip
        add("subtitle", normal, fontName=f.bold, fontSize=s["h2"], leading=s["h2"] * 1.25,
            textColor=colors.HexColor(c.text), spaceAfter=s["body"] * 0.8)  # fmt: skip
        add("h2", normal, fontName=f.bold, fontSize=s["h2"], leading=s["h2"] * 1.25,
            textColor=colors.HexColor(c.primary), spaceBefore=s["body"] * 0.9,
            spaceAfter=s["body"] * 0.45, keepWithNext=1)  # fmt: skip
        add("h3", normal, fontName=f.bold, fontSize=s["h3"], leading=s["h3"] * 1.3,
            textColor=colors.HexColor(c.text), spaceBefore=s["body"] * 0.5,
            spaceAfter=s["body"] * 0.3, keepWithNext=1)  # fmt: skip
        add("bullet", st["body"], leftIndent=s["body"] * 1.4, bulletIndent=s["body"] * 0.3,
            bulletFontName=f.bold, spaceAfter=s["body"] * 0.3)  # fmt: skip
        add("note", st["body"], fontName=f.bold, borderColor=colors.HexColor(c.text),
            borderWidth=1, borderPadding=6, leftIndent=6, rightIndent=6, spaceBefore=6,
            spaceAfter=s["body"])  # fmt: skip
        add("boxhead", st["body"], fontName=f.bold, fontSize=s["h3"], leading=s["h3"] * 1.3,
            spaceAfter=2)  # fmt: skip
        add("boxbody", st["body"], spaceAfter=0)
        add("boxbullet", st["bullet"], spaceAfter=0)
        add("checkitem", st["body"], spaceAfter=0)
        small = {"fontSize": s["small"], "leading": s["small_leading"]}
        add("caption", st["body"], textColor=colors.HexColor("#333333"), **small)
        add("sources", st["body"], textColor=colors.HexColor("#333333"), spaceBefore=0, **small)
        add("ref", st["body"], leftIndent=s["small"] * 2.2, bulletIndent=0, spaceAfter=3,
            **small)  # fmt: skip
        add("cell", st["body"], spaceAfter=0)
        add("cellhead", st["body"], fontName=f.bold, spaceAfter=0)
        return st

    # -- building blocks (the template's macros) --------------------------------------
    def para(self, text: str, style: str, bullet: str | None = None) -> Paragraph:
        return Paragraph(text, self.styles[style], bulletText=bullet)

    def heading(self, text: str, key: str) -> list[Flowable]:
        return [
            CondPageBreak(self.size["leading"] * 5),
            Bookmark(key, text),
            self.para(escape(text), "h2"),
        ]

    def subheading(self, text: str) -> list[Flowable]:
        return [CondPageBreak(self.size["leading"] * 4), self.para(escape(text), "h3")]

    def bullets(self, texts: tuple[str, ...]) -> list[Flowable]:
        return [self.para(self.inline(t), "bullet", "•") for t in texts]

    def checklist(self, texts: tuple[str, ...]) -> Table:
        body, width = self.size["body"], self.page["frame_width"]
        rows = [["", [self.para(self.inline(t), "checkitem")]] for t in texts]
        ink = colors.HexColor(self.practice.colours.text)
        return Table(rows, colWidths=[body + 4, width - body - 14], style=TableStyle([
            ("FONT", (0, 0), (-1, -1), self.fonts.regular, body),
            ("BOX", (0, 0), (0, -1), 1.2, ink),
            ("INNERGRID", (0, 0), (0, -1), 6, colors.white),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 8),
            ("TOPPADDING", (0, 0), (-1, -1), 3),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
        ]))  # fmt: skip

    def blocks(self, body: tuple[Block, ...]) -> list[Flowable]:
        out: list[Flowable] = []
        for block in body:
            if block.kind == "text":
                out.append(self.para(self.inline(block.texts[0]), "body"))
            elif block.kind == "note":
                out.append(self.para(self.inline(block.texts[0]), "note"))
            elif block.kind == "list":
                out += self.bullets(block.texts)
            elif block.kind == "steps":
                out += [
                    self.para(self.inline(t), "bullet", f"{i}.")
                    for i, t in enumerate(block.texts, 1)
                ]
            elif block.kind == "checklist":
                out.append(self.checklist(block.texts))
        return out

    def sources(self, keys: tuple[str, ...]) -> list[Flowable]:
        numbers = sorted({self.h.numbers[k] for k in keys if k in self.h.numbers})
        if not keys:
            return []
        label = f"{escape(self.ui['sources_label'])}: {', '.join(str(n) for n in numbers)}"
        return [self.para(label, "sources")]

    def box(self, rows: list[Flowable], style: str) -> Table:
        c = self.practice.colours
        first = [
            ("FONT", (0, 0), (-1, -1), self.fonts.regular, self.size["body"]),
            ("LEFTPADDING", (0, 0), (-1, -1), 10 if style == "keypoints" else 12),
            ("RIGHTPADDING", (0, 0), (-1, -1), 10 if style == "keypoints" else 12),
            ("TOPPADDING", (0, 0), (-1, -1), 4),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ("TOPPADDING", (0, 0), (-1, 0), 8 if style == "keypoints" else 10),
            ("BOTTOMPADDING", (0, -1), (-1, -1), 8 if style == "keypoints" else 10),
        ]
        if style == "keypoints":
            first[1:1] = [
                ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor(c.accent)),
                ("BOX", (0, 0), (-1, -1), 1.5, colors.HexColor(c.primary)),
            ]
        else:
            first[1:1] = [
                ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor("#f0f0f0")),
                ("BOX", (0, 0), (-1, -1), 3, colors.HexColor(c.warning)),
            ]
        return Table([[[r]] for r in rows], colWidths=[self.page["frame_width"]],
                     style=TableStyle(first))  # fmt: skip

    # -- the sections -----------------------------------------------------------------
    def title(self) -> list[Flowable]:
        c, ui = self.h.condition, self.ui
        points = [self.para(escape(ui["key_points"]), "boxhead")]
        points += [self.para(self.inline(p), "boxbullet", "•") for p in c.key_points]
        points.append(self.para(self.inline(ui["key_point_opioids"]), "boxbullet", "•"))
        return [
            Bookmark("top", self.h.title),
            self.para(escape(ui["title_ldn"]), "title"),
            self.para(escape(c.name[:1].upper() + c.name[1:]), "subtitle"),
            self.para(self.inline(ui["purpose"]), "lead"),
            self.box(points, "keypoints"),
            Spacer(0, self.size["body"] * 0.6),
        ]

    def condition_section(self, title: str) -> list[Flowable]:
        c, ui, s = self.h.condition, self.ui, self.size
        scale = evidence.scale_of(c.evidence, ui)
        steps, filled = scale.steps, scale.filled
        ink = colors.HexColor(self.practice.colours.text)
        cells = ["" for _ in range(steps)] + [[self.para(f"{filled} {ui['of']} {steps}",
                                                         "cellhead")]]  # fmt: skip
        style = [
            ("FONT", (0, 0), (-1, -1), self.fonts.regular, s["body"]),
            ("GRID", (0, 0), (steps - 1, 0), 1, colors.black),
            ("LEFTPADDING", (-1, 0), (-1, 0), 8),
        ] + [("BACKGROUND", (i, 0), (i, 0), ink) for i in range(filled)]
        widths = [s["body"] * 2.2] * steps + [s["body"] * 9]
        out = self.heading(title.replace("{condition}", c.name), "condition")
        out.append(self.para(self.inline(c.summary), "body"))
        out += self.subheading(ui["evidence_heading"])
        out.append(Table([cells], colWidths=widths, rowHeights=[s["body"] * 1.2],
                         style=TableStyle(style), hAlign="LEFT"))  # fmt: skip
        out.append(Spacer(0, 4))
        words = f"{escape(scale.research_words)}. {escape(scale.found_words)}"
        out.append(self.para(f"<b>{words}.</b> {escape(ui['evidence_legend'])}", "body"))
        out.append(self.para(f"<b>{escape(ui['known'])}</b> "
                             f"{self.inline(c.evidence.known)}", "body"))  # fmt: skip
        out.append(self.para(f"<b>{escape(ui['not_known'])}</b> "
                             f"{self.inline(c.evidence.not_known)}", "body"))  # fmt: skip
        for texts, heading in ((c.studies, ui["studies_heading"]),
                               (c.patients_report, ui["reports_heading"]),
                               (c.cautions, ui["cautions_heading"].replace("{condition}",
                                                                           c.name))):  # fmt: skip
            if texts:
                out += self.subheading(heading)
                out += self.bullets(texts)
        return out + self.sources(c.evidence.references)

    def schedule(self) -> list[Flowable]:
        ui, s, width = self.ui, self.size, self.page["frame_width"]
        protocol = self.practice.protocol
        rows: list[list[Any]] = [[
            [self.para(escape(ui["schedule_weeks"]), "cellhead")],
            [self.para(escape(ui["schedule_dose"].replace("{timing}", protocol.timing)),
                       "cellhead")],
        ]]  # fmt: skip
        for weeks, dose in protocol.schedule():
            rows.append([[self.para(f"{escape(ui['week'])} {weeks}", "cell")],
                         [self.para(f"{dose:g} mg", "cell")]])  # fmt: skip
        table = Table(rows, colWidths=[width * 0.45, width * 0.55], hAlign="LEFT",
                      style=TableStyle([
                          ("FONT", (0, 0), (-1, -1), self.fonts.regular, s["body"]),
                          ("GRID", (0, 0), (-1, -1), 0.75, colors.HexColor("#555555")),
                          ("BACKGROUND", (0, 0), (-1, 0),
                           colors.HexColor(self.practice.colours.accent)),
                          ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                          ("LEFTPADDING", (0, 0), (-1, -1), 8),
                          ("TOPPADDING", (0, 0), (-1, -1), 4),
                          ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
                      ]))  # fmt: skip
        return [
            self.para(escape(ui["schedule_heading"]), "h3"),
            table,
            self.para(self.inline(ui["schedule_caption"]), "caption"),
        ]

    def warning(self, section: Any) -> list[Flowable]:
        rows = [self.para(escape(section.title), "h2")]
        for block in section.body:
            if block.kind in ("text", "note"):
                style = "boxhead" if block.kind == "note" else "boxbody"
                rows.append(self.para(self.inline(block.texts[0]), style))
            else:
                for i, text in enumerate(block.texts, 1):
                    mark = f"{i}." if block.kind == "steps" else "•"
                    rows.append(self.para(self.inline(text), "boxbullet", mark))
        return [
            CondPageBreak(self.size["leading"] * 8),
            Bookmark(section.id, section.title),
            self.box(rows, "warning"),
            *self.sources(section.references),
        ]

    def references(self) -> list[Flowable]:
        out = self.heading(self.ui["references_heading"], "references")
        for number, ref in enumerate(self.h.references, 1):
            text = ""
            if ref.authors:
                text += escape(ref.authors) + ("" if ref.authors.endswith(".") else ".") + " "
            text += f"{escape(ref.title)}. <i>{escape(ref.source)}</i>."
            if ref.year:
                text += f" {ref.year}" + (f";{escape(ref.details)}" if ref.details else "") + "."
            elif ref.details:
                text += f" {escape(ref.details)}."
            if ref.doi:
                text += f" doi:{escape(ref.doi)}"
            if ref.pmid:
                text += f" PMID {escape(ref.pmid)}"
            if ref.url and not ref.doi:
                text += f" {escape(ref.url)}"
            out.append(self.para(text, "ref", f"{number}."))
        return out

    def provenance(self) -> list[Flowable]:
        ui, review = self.ui, self.h.condition.review
        text = (
            f"{escape(ui['reviewed_by'])} {escape(review.reviewer)}, "
            f"{long_date(review.reviewed_on)}. "
            f"{escape(ui['next_review'])} {long_date(review.next_review)}. "
            f"{escape(ui['content_version'])} {escape(self.h.version)}."
        )
        sign_off = self.practice.sign_off
        if sign_off:
            text += (f" {escape(ui['signed_off_by'])} {escape(sign_off.name)}, "
                     f"{escape(sign_off.role)}, {long_date(sign_off.date)}.")  # fmt: skip
        return [
            Spacer(0, self.size["body"]),
            self.para(text, "caption"),
            self.para(self.inline(ui["disclaimer"]), "caption"),
        ]

    def story(self) -> list[Flowable]:
        out = self.title()
        for section in self.h.sections:
            if section.id == "condition":
                out += self.condition_section(section.title)
                continue
            if section.id == "opioid-warning":
                out += self.warning(section)
                continue
            out += self.heading(section.title, section.id)
            out += self.blocks(section.body)
            if section.id == "how-it-may-work":
                for i, mechanism in enumerate(self.h.mechanisms, 1):
                    out += self.subheading(f"{self.ui['idea']} {i}: {mechanism.title}")
                    out.append(self.para(self.inline(mechanism.text), "body"))
            elif section.id == "how-to-take":
                out += self.schedule()
            out += self.sources(section.references)
        return out + self.references() + self.provenance()

    # -- page furniture ---------------------------------------------------------------
    def draw_page(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        p, s, f, ui = self.page, self.size, self.fonts, self.ui
        practice = self.practice
        canvas.saveState()
        canvas.setFillColor(colors.HexColor(practice.colours.primary))
        canvas.rect(0, p["height"] - p["header_height"], p["width"], p["header_height"],
                    fill=1, stroke=0)  # fmt: skip
        canvas.setFillColor(colors.white)
        canvas.setFont(f.bold, s["header"])
        canvas.drawString(p["margin"], p["height"] - p["header_height"] / 2 - s["header"] / 3,
                          practice.name or ui["neutral_header"])  # fmt: skip
        canvas.setFont(f.regular, s["footer"])
        canvas.drawRightString(p["width"] - p["margin"],
                               p["height"] - p["header_height"] / 2 - s["footer"] / 3,
                               ui["header_tagline"])  # fmt: skip
        canvas.setStrokeColor(colors.HexColor("#555555"))
        canvas.setLineWidth(0.75)
        y = p["footer_height"] - 8
        canvas.line(p["margin"], y, p["width"] - p["margin"], y)
        canvas.setFillColor(colors.HexColor("#222222"))
        canvas.drawRightString(
            p["width"] - p["margin"], y - s["footer"] - 4,
            f"{ui['reviewed']} {long_date(self.h.condition.review.reviewed_on)} · "
            f"{ui['content_version']} {self.h.version}",
        )  # fmt: skip
        canvas.restoreState()

    def build(self) -> tuple[bytes, int]:
        p, ui = self.page, self.ui
        out = io.BytesIO()
        doc = BaseDocTemplate(
            out,
            pagesize=(p["width"], p["height"]),
            title=self.h.title,
            author=self.practice.name or ui["neutral_author"],
            subject=f"{ui['subject']}: {self.h.condition.name}",
            creator="handouts reference",
            invariant=1,
            lang=self.h.language,
        )
        # RML frames have no padding (Platypus's default is 6 pt).
        frame = Frame(p["frame_x"], p["frame_y"], p["frame_width"], p["frame_height"], id="body",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)  # fmt: skip
        doc.addPageTemplates([PageTemplate("page", [frame], onPage=self.draw_page)])
        canvas = numbered_canvas({
            "font": self.fonts.bold, "size": self.size["footer"],
            "colour": colors.HexColor("#222222"), "x": p["margin"],
            "y": p["footer_height"] - 8 - self.size["footer"] - 4,
            "page": ui["page"], "of": ui["of"],
        })  # fmt: skip
        doc.build(self.story(), canvasmaker=canvas)
        return out.getvalue(), doc.page


def build_reference(project: Any, slug: str = SLUG) -> tuple[bytes, int]:
    """Merge one condition and lay it out with bare Platypus: (PDF bytes, pages)."""
    handout = merge_handout(project.content, slug, project.practice)
    return Reference(handout).build()


def main(argv: list[str]) -> None:
    """Write the reference handout (default: reference-multiple-sclerosis.pdf)."""
    target = Path(argv[1]) if len(argv) > 1 else Path("reference-multiple-sclerosis.pdf")
    pdf, pages = build_reference(load_project())
    target.write_bytes(pdf)
    print(f"wrote {target} ({pages} pages)")


if __name__ == "__main__":
    main(sys.argv)
