"""Content-wide checks: references nothing cites, review dates that have passed, reviewers
that name nobody, and a practice's own words without a sign-off."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from handouts.check.report import WARNING
from handouts.check.sources import Place
from handouts.model import ContentSet, Practice
from handouts.validate.content import uncited_references
from handouts.validate.signoff import stale_sign_off

if TYPE_CHECKING:
    from handouts.check.checker import Checker

# A reviewer that names nobody.
NO_REVIEWER = frozenset("tbd todo none n/a na unknown nobody - ? ...".split())


def _days(count: int) -> str:
    return "1 day" if count == 1 else f"{count} days"


def check_references(checker: Checker, content: ContentSet) -> None:
    """A warning for each reference nothing cites."""
    path = next((d for d in checker.sources.docs if d.endswith("references.yaml")), "")
    for key in uncited_references(content):
        place = Place(path, checker.sources.key_line(path, key), key)
        checker.add(
            WARNING,
            "uncited-reference",
            place,
            f"never cited; cite it as [@{key}] in the text or in a references: list, "
            "or delete the entry",
        )


def check_reviews(
    checker: Checker, content: ContentSet, practice: Practice, slugs: list[str]
) -> None:
    """Review dates and reviewers of each condition, and the practice's own sign-off."""
    for slug in slugs:
        condition = content.conditions[slug]
        review, path = condition.review, condition.source
        due = review.next_review
        if due < checker.today:
            line = checker.sources.line(path, ("review", "next_review"))
            days = (checker.today - due).days
            checker.add(
                WARNING,
                "review-date",
                Place(path, line, "review.next_review"),
                f"the review was due on {due.isoformat()} ({_days(days)} ago); review this "
                "condition, then update review.reviewed_on and next_review",
                slug,
                next_review=due.isoformat(),
                days_overdue=days,
            )
        if review.reviewer.strip().lower() in NO_REVIEWER:
            line = checker.sources.line(path, ("review", "reviewer"))
            checker.add(
                WARNING,
                "reviewer",
                Place(path, line, "review.reviewer"),
                f"'{review.reviewer}' names no reviewer; write who reviewed it "
                "(a name or a role, e.g. Clinical pharmacist)",
                slug,
            )
    # A practice's own words need its own sign-off: the built-in review does not cover them.
    own = [extra.section.title for extra in practice.extra_sections]
    if practice.source:
        folder = Path(practice.source).parent
        own += [s for s in slugs if Path(content.conditions[s].source).is_relative_to(folder)]
    if own and (stale := stale_sign_off(practice.sign_off, content, slugs)):
        line = checker.sources.line(practice.source, ("sign_off", "date"))
        checker.add(WARNING, "reviewer", Place(practice.source, line, "sign_off.date"), stale)
    if own and practice.sign_off is None:
        checker.add(
            WARNING,
            "reviewer",
            Place(practice.source, 0, "sign_off"),
            f"the practice adds its own text ({', '.join(own)}) but no one has signed "
            "it off; add sign_off: with name, role and date",
        )
