"""Styles that hide text, refused in a practice's template overrides.

A practice may restyle the required sections (the opioid warning, the off-label note),
never hide them. The guard checks that their words are in the output, but CSS such as
``display: none`` or ``font-size: 0`` keeps the words in the file and off the page. Which
element a rule lands on is hard to know from a template (selectors, inheritance, blocks
that wrap other blocks), so the rule is simpler and sound: a practice HTML template may
not use these properties and values at all: the built-in templates use none of them, so
a practice that starts from a printed built-in block is not refused (``position:
absolute`` alone is allowed, as the built-in check boxes use it; the large offsets that
move text off the page are not). CSS escapes (``d\\69splay``) and comments
(``dis/**/play``) are undone first, as a browser would.

In RML the same trick is a tiny font: a ``fontSize`` or ``size`` under 6 points in a
practice RML template is refused (the built-ins never go under 8). A required section in
the page's colour cannot be told apart from the white clinic name on a coloured header
band without knowing what is drawn behind it, so colours are left to the guard's
contrast checks.
"""

from __future__ import annotations

import re

from handouts.errors import Problem

MIN_FONT_POINTS = 6.0

_ESCAPE = re.compile(r"\\([0-9a-fA-F]{1,6})\s?|\\(.)", re.DOTALL)
_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
# (pattern on decoded CSS, what it does, as a clinic reads it)
_HIDING = (
    (r"\bdisplay\s*:\s*none\b", "display: none hides the text"),
    (r"\bvisibility\s*:\s*(?:hidden|collapse)\b", "visibility: hidden hides the text"),
    (r"\bopacity\s*:", "opacity can make text invisible"),
    (r"\bfont-size\s*:\s*(?:0*\.?0+|0?\.\d+(?:r?em)|[0-5](?:\.\d+)?(?:px|pt)|[0-4]?\d(?:\.\d+)?%)"
     r"(?![\w.])", "a font size this small cannot be read"),
    (r"\b(?:color|background(?:-color)?)\s*:\s*transparent\b",
     "a transparent colour hides the text"),
    (r"\b(?:rgba|hsla)\s*\(", "colours with transparency can hide the text"),
    (r"#[0-9a-fA-F]{8}\b|#[0-9a-fA-F]{4}\b", "colours with transparency can hide the text"),
    (r"\btext-indent\s*:\s*-", "a negative indent moves the text off the page"),
    (r"(?<![\w-])(?:left|right|top|bottom|margin(?:-\w+)?)\s*:\s*(?:-\s*\d{3,}|\d{4,})",
     "an offset this large moves the text off the page"),
    (r"\bclip(?:-path)?\s*:", "clipping can cut the text away"),
    (r"\btransform\s*:", "a transform can shrink the text or move it off the page"),
    (r"(?<![\w-])(?:max-)?(?:height|width)\s*:\s*0(?:px|pt|em|rem|%)?(?![\w.])",
     "a size of zero hides the text"),
    (r"\boverflow\s*:\s*hidden\b", "overflow: hidden can cut the text away"),
    (r"\bz-index\s*:", "stacking can cover the text"),
)  # fmt: skip
_HIDING_RE = tuple((re.compile(p, re.I), why) for p, why in _HIDING)
_RML_SIZE = re.compile(r"\b(fontSize|size)\s*=\s*([\"'])\s*(\d*\.?\d+)\s*\2")


def _decode(line: str) -> str:
    def one(match: re.Match[str]) -> str:
        if match.group(1):
            code = int(match.group(1), 16)
            return chr(code) if 0 < code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else ""
        return match.group(2)

    return _CSS_COMMENT.sub("", _ESCAPE.sub(one, line))


def hiding_styles(shown: str, source: str, html: bool) -> list[Problem]:
    """A problem for each line of a practice template that could hide text."""
    problems = []
    # CSS comments may span lines: undo them on the whole text, keeping its newlines.
    text = _CSS_COMMENT.sub(lambda m: "\n" * m.group(0).count("\n"), source) if html else source
    for number, line in enumerate(text.splitlines(), start=1):
        if html:
            plain = _decode(line)
            for pattern, why in _HIDING_RE:
                found = pattern.search(plain)
                if found:
                    problems.append(Problem(shown, number, 0, "", (
                        f'the style "{found.group(0)}" is not allowed in a practice template: '
                        f"{why}, and the opioid warning and off-label note must stay "
                        "readable; restyle with colours, fonts and spacing instead"
                    ), "template"))  # fmt: skip
                    break
        else:
            for found in _RML_SIZE.finditer(line):
                if float(found.group(3)) < MIN_FONT_POINTS:
                    problems.append(Problem(shown, number, 0, "", (
                        f"{found.group(1)}=\"{found.group(3)}\" is too small to read (under "
                        f"{MIN_FONT_POINTS:g} points); a practice template may not shrink "
                        "text out of sight; use 8 points or more"
                    ), "template"))  # fmt: skip
                    break
    return problems
