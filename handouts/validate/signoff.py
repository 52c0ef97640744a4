"""The practice's ``sign_off:``: who reviewed its own words, in what role, and when.

A sign-off is what a prescriber puts their name to, so a placeholder ("TBD", "x", "-")
is refused, and so is a date that has not come yet.
"""

from __future__ import annotations

import datetime as dt
import re

from handouts.model import ContentSet, SignOff
from handouts.validate.schema import FieldReader

# Words that stand for a name or role still to be written.
PLACEHOLDERS = frozenset(
    "tbd tbc tba todo fixme xxx x xx none n/a na nobody unknown name role someone "
    "placeholder test pending later".split()
)
_LETTERS = re.compile(r"[^\W\d_]")


def is_placeholder(text: str) -> bool:
    """True for text that names no one: blank, punctuation only, one letter, or a
    placeholder word such as TBD or TODO (alone or among other words: "Dr TBD")."""
    words = re.findall(r"[\w/]+", text.lower())
    return len(_LETTERS.findall(text)) < 2 or any(w in PLACEHOLDERS for w in words)


def read_sign_off(r: FieldReader, today: dt.date | None = None) -> SignOff | None:
    """The sign-off, checked: a real name and role, a date not after ``today``."""
    if not r.has(("sign_off",)) or r.raw(("sign_off",)) is None:  # "sign_off:" means none
        return None
    r.mapping(("sign_off",), required=("name", "role", "date"))
    name = r.text(("sign_off", "name"))
    role = r.text(("sign_off", "role"))
    date = r.date(("sign_off", "date"))
    if r.has(("sign_off", "name")) and name.strip() and is_placeholder(name):
        r.add(("sign_off", "name"), f"'{name}' is not a name; write the full name of the "
              "person who reviewed the practice's text (e.g. Dr Ana Ruiz)")  # fmt: skip
    if r.has(("sign_off", "role")) and role.strip() and is_placeholder(role):
        r.add(("sign_off", "role"), f"'{role}' is not a role; write what the reviewer does "
              "(e.g. GP, practice pharmacist)")  # fmt: skip
    today = today or dt.date.today()
    if date > today and r.has(("sign_off", "date")):
        r.add(("sign_off", "date"), f"{date.isoformat()} is in the future; write the date the "
              "text was signed off")  # fmt: skip
    return SignOff(name=name, role=role, date=date)


def stale_sign_off(sign_off: SignOff | None, content: ContentSet, slugs: list[str]) -> str:
    """Why ``sign_off`` predates the last review of the ``slugs`` conditions ('' if not)."""
    reviewed = max((content.conditions[s].review.reviewed_on for s in slugs), default=None)
    if sign_off is None or reviewed is None or sign_off.date >= reviewed:
        return ""
    return (
        f"signed off on {sign_off.date.isoformat()}, before the content was last reviewed "
        f"({reviewed.isoformat()}); read the practice's text against this content again, "
        "then update sign_off.date"
    )
