"""The report of ``handouts check``: its records, the terminal text and the JSON document.

The terminal text groups problems by file, one line per problem, then prints a summary
line; colour (ANSI) only when the caller says the output is a terminal. The JSON document
is a stable schema (``SCHEMA_VERSION``, documented in README.md "Checking") for CI and
for a clinic's own records: add keys in a minor change, never rename or remove one.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import IO, Any

from handouts import __version__
from handouts.check.pemat import PASS_MARK, REVIEWER_CHECKLIST, PematReport, Score

SCHEMA_VERSION = 1
ERROR, WARNING = "error", "warning"


@dataclass(frozen=True)
class Finding:
    """One problem: where it is, how bad, what to do. ``handouts`` lists the handouts it
    shows up in (empty for problems of a file as a whole)."""

    severity: str  # ERROR | WARNING
    check: str  # a stable id, e.g. "forbidden-claim" (README.md lists them)
    path: str
    line: int
    column: int
    field: str
    message: str
    handouts: tuple[str, ...] = ()
    details: dict[str, Any] = dataclasses.field(default_factory=dict, compare=False, hash=False)

    @property
    def key(self) -> tuple[str, str, str, int, int, str, str]:
        """Findings with the same key are one problem seen in several handouts."""
        return (
            self.severity,
            self.check,
            self.path,
            self.line,
            self.column,
            self.field,
            self.message,
        )


@dataclass(frozen=True)
class SectionGrade:
    """The reading grade of one part of a handout."""

    id: str
    title: str
    grade: float
    limit: float
    words: int
    # Spanish handouts: the Spanish reading-ease scores; ``grade`` is then the English
    # Flesch-Kincaid grade of the same section, shown beside them.
    fernandez_huerta: float | None = None
    inflesz: float | None = None


@dataclass(frozen=True)
class HandoutResult:
    """What the check measured in one handout."""

    slug: str
    title: str
    templates: tuple[str, ...]
    sections: tuple[SectionGrade, ...]
    pemat: PematReport | None
    edition: str = "full"

    @property
    def name(self) -> str:
        """How the report names it: the slug, with the edition unless it is the full guide."""
        return self.slug if self.edition == "full" else f"{self.slug}-{self.edition}"

    @property
    def worst(self) -> SectionGrade | None:
        """The section with the highest reading grade."""
        return max(self.sections, key=lambda s: s.grade, default=None)

    @property
    def worst_spanish(self) -> SectionGrade | None:
        """The Spanish section with the lowest Fernández-Huerta score (None in English)."""
        scored = [s for s in self.sections if s.fernandez_huerta is not None and s.words]
        return min(scored, key=lambda s: s.fernandez_huerta or 0.0, default=None)


@dataclass(frozen=True)
class CheckReport:
    """Everything ``handouts check`` found."""

    findings: tuple[Finding, ...]
    handouts: tuple[HandoutResult, ...]
    checked_on: dt.date
    content_version: str
    practice: dict[str, str] | None
    grade_limit: float
    summary_grade_limit: float
    notes: tuple[str, ...] = ()

    def count(self, severity: str) -> int:
        """How many findings have ``severity``."""
        return sum(1 for f in self.findings if f.severity == severity)

    def passed(self, strict: bool) -> bool:
        """No errors (and, with ``strict``, no warnings)."""
        return self.count(ERROR) == 0 and not (strict and self.count(WARNING))

    def exit_code(self, strict: bool) -> int:
        """0 clean, 1 errors (warnings too with ``strict``)."""
        return 0 if self.passed(strict) else 1


def merge_findings(findings: list[Finding]) -> tuple[Finding, ...]:
    """One finding per problem, listing every handout it shows up in; sorted by file."""
    merged: dict[tuple[str, str, str, int, int, str, str], Finding] = {}
    for f in findings:
        seen = merged.get(f.key)
        if seen is None:
            merged[f.key] = f
        else:
            slugs = tuple(dict.fromkeys(seen.handouts + f.handouts))
            merged[f.key] = dataclasses.replace(seen, handouts=slugs)
    return tuple(sorted(merged.values(), key=lambda f: (f.path, f.line, f.column, f.message)))


# --- JSON --------------------------------------------------------------------------


def _score(score: Score) -> dict[str, Any]:
    return {
        "percent": score.percent,
        "agree": score.agree,
        "applicable": score.applicable,
        "passed": score.passed,
    }


def to_dict(report: CheckReport, strict: bool) -> dict[str, Any]:
    """The JSON document as plain data (see README.md "Checking" for the schema)."""
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "handouts", "version": __version__},
        "checked_on": report.checked_on.isoformat(),
        "strict": strict,
        "passed": report.passed(strict),
        "exit_code": report.exit_code(strict),
        "counts": {
            "errors": report.count(ERROR),
            "warnings": report.count(WARNING),
            "handouts": len(report.handouts),
        },
        "content_version": report.content_version,
        "practice": report.practice,
        "reading_grade_limit": {
            "sections": report.grade_limit,
            "key_points": report.summary_grade_limit,
        },
        "notes": list(report.notes),
        "problems": [
            {
                "severity": f.severity,
                "check": f.check,
                "path": f.path,
                "line": f.line or None,
                "column": f.column or None,
                "field": f.field or None,
                "message": f.message,
                "handouts": list(f.handouts),
                "details": f.details,
            }
            for f in sorted(report.findings, key=lambda f: f.severity != ERROR)
        ],
        "handouts": [_handout_dict(h) for h in report.handouts],
        "pemat": {
            "pass_mark": PASS_MARK,
            "reviewer_checklist": [
                {"id": i.id, "category": i.category, "text": i.text} for i in REVIEWER_CHECKLIST
            ],
        },
    }


def _section_dict(s: SectionGrade) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": s.id, "title": s.title, "grade": s.grade, "limit": s.limit, "words": s.words
    }  # fmt: skip
    if s.fernandez_huerta is not None:
        out.update(fernandez_huerta=s.fernandez_huerta, inflesz=s.inflesz)
    return out


def _handout_dict(h: HandoutResult) -> dict[str, Any]:
    worst = h.worst
    return {
        "slug": h.slug,
        "edition": h.edition,
        "title": h.title,
        "templates": list(h.templates),
        "worst_grade": {"section": worst.id, "grade": worst.grade} if worst else None,
        "sections": [_section_dict(s) for s in h.sections],
        "pemat": None
        if h.pemat is None
        else {
            "understandability": _score(h.pemat.understandability),
            "actionability": _score(h.pemat.actionability),
            "items": [
                {
                    "id": i.item.id,
                    "category": i.item.category,
                    "text": i.item.text,
                    "score": i.score,
                    "note": i.note,
                }
                for i in h.pemat.items
            ],
        },
    }


def to_json(report: CheckReport, strict: bool) -> str:
    """The JSON document, indented, UTF-8 text."""
    return json.dumps(to_dict(report, strict), indent=2, ensure_ascii=False)


# --- Terminal ----------------------------------------------------------------------

_CODES = {"red": "31", "yellow": "33", "green": "32", "bold": "1", "dim": "2", "cyan": "36"}


def use_colour(stream: IO[str]) -> bool:
    """Colour only on a terminal, and never when NO_COLOR is set (no-color.org)."""
    isatty = getattr(stream, "isatty", None)
    return (
        bool(isatty and isatty())
        and "NO_COLOR" not in os.environ
        and (os.environ.get("TERM") != "dumb")
    )


def _painter(colour: bool) -> Callable[[str, str], str]:
    def paint(text: str, style: str) -> str:
        if not colour:
            return text
        codes = ";".join(_CODES[s] for s in style.split())
        return f"\x1b[{codes}m{text}\x1b[0m"

    return paint


def _where_in(f: Finding, total: int) -> str:
    """Which handouts a problem shows up in, unless that is plain from its file."""
    if not f.handouts or total <= 1 or (len(f.handouts) == 1 and f.handouts[0] in f.path):
        return ""
    if len(f.handouts) == total:
        return " (both handouts)" if total == 2 else f" (all {total} handouts)"
    if len(f.handouts) <= 3:
        return f" ({', '.join(f.handouts)})"
    return f" ({len(f.handouts)} handouts: {', '.join(f.handouts[:3])}, ...)"


def _percent(score: Score) -> str:
    if score.percent is None:
        return "n/a"
    return f"{score.percent:.0f}% ({score.agree}/{score.applicable})"


def to_text(report: CheckReport, strict: bool, colour: bool = False) -> str:
    """The terminal report, what to fix first: notes, errors by file, warnings by file,
    then the PEMAT table and reviewer checklist, and the summary line."""
    paint = _painter(colour)
    out: list[str] = []
    for note in report.notes:
        out.append(paint(f"note: {note}", "cyan"))
    if report.notes:
        out.append("")
    for severity, heading in ((ERROR, "Errors"), (WARNING, "Warnings")):
        found = [f for f in report.findings if f.severity == severity]
        if found:
            style = "red" if severity == ERROR else "yellow"
            out.append(paint(f"{heading} ({len(found)})", style))
            out.extend(_finding_lines(found, len(report.handouts), paint))
            out.append("")
    if report.handouts:
        out.append(
            paint(
                f"PEMAT-P, automatic items (pass mark {PASS_MARK:.0f}%), "
                "and the hardest section of each handout",
                "bold",
            )
        )
        width = max(len(h.name) for h in report.handouts)
        for h in report.handouts:
            line = f"  {h.name:<{width}}"
            if h.pemat is not None:
                u, a = h.pemat.understandability, h.pemat.actionability
                line += f"  understandable {paint(f'{_percent(u):<10}', _tone(u))}"
                line += f"  actionable {paint(f'{_percent(a):<10}', _tone(a))}"
            worst, spanish = h.worst, h.worst_spanish
            if spanish is not None:
                low = spanish.fernandez_huerta or 0.0, spanish.inflesz or 0.0
                text = f"Fernández-Huerta {low[0]:.1f}, INFLESZ {low[1]:.1f} ({spanish.id})"
                line += f"  hardest: {paint(text, 'yellow' if low[0] < 70 or low[1] < 55 else '')}"
                if worst is not None and worst.grade:
                    line += f"  English: grade {worst.grade:.1f} ({worst.id})"
            elif worst is not None:
                over = worst.grade > worst.limit
                text = f"grade {worst.grade:.1f} ({worst.id})"
                line += f"  hardest: {paint(text, 'yellow' if over else '')}"
            out.append(line.rstrip())
            for item in h.pemat.failed if h.pemat else ():
                out.append(f"  {'':<{width}}  {paint(item.item.id, 'yellow')} not met: {item.note}")
        out.append("")
        out.append(
            paint(
                "Reviewer checklist: PEMAT-P items a person must judge in each "
                "handout before signing off",
                "bold",
            )
        )
        out.extend(f"  [ ] {item.id:<4} {item.text}" for item in REVIEWER_CHECKLIST)
        out.append("")
    out.append(_summary(report, strict, paint))
    return "\n".join(out)


def _finding_lines(
    findings: list[Finding], total: int, paint: Callable[[str, str], str]
) -> list[str]:
    """One line per finding, under the name of its file."""
    out: list[str] = []
    current = None
    for f in findings:
        if f.path != current:
            if current is not None:
                out.append("")
            out.append(paint(f.path or "(no file)", "bold"))
            current = f.path
        where = f"{f.line}" if f.line else "-"
        if f.line and f.column:
            where += f":{f.column}"
        label = paint(f"{f.severity:<7}", "red" if f.severity == ERROR else "yellow")
        what = f"{f.field}: {f.message}" if f.field else f.message
        out.append(f"  {where:<7} {label}  {what}{_where_in(f, total)}  {paint(f.check, 'dim')}")
    return out


def _tone(score: Score) -> str:
    return "green" if score.passed else "red"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def _summary(report: CheckReport, strict: bool, paint: Callable[[str, str], str]) -> str:
    """One line: passed or failed, the counts, and what was checked."""
    errors, warnings = report.count(ERROR), report.count(WARNING)
    what = _plural(len(report.handouts), "handout")
    if report.practice:
        practice = report.practice
        what += f" for {practice['name'] or practice['slug'] or practice['folder']}"
    what += f", content {report.content_version}" if report.content_version else ""
    if report.passed(strict):
        text = f"passed: {what}, no errors"
        if warnings:
            text += f", {_plural(warnings, 'warning')} (fail with --strict)"
        return paint(text, "green bold")
    counted = _plural(errors, "error") + ", " + _plural(warnings, "warning")
    tail = " (--strict: warnings count as errors)" if strict and warnings else ""
    if not report.handouts:
        return paint(f"failed: {counted}; no handout could be checked{tail}", "red bold")
    return paint(f"failed: {counted} in {what}{tail}", "red bold")
