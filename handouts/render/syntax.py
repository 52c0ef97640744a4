"""A template syntax error in plain words, at the line to fix.

Jinja2 says "Unexpected end of template. Jinja was looking for the following tags:
'endblock'. The innermost block that needs to be closed is 'block'." and points at the
last line of the file. A practice's designer needs to hear which ``{% block %}`` is not
closed and on which line it opens. The tags are read again with Jinja2's own lexer to
find the tag that was left open; Jinja's words follow in brackets for those who know it.
"""

from __future__ import annotations

import difflib
import re

import jinja2

# Tags that open a part the matching end tag closes ({% set %} only as a block, ignored).
OPENERS = ("block", "if", "for", "macro", "call", "filter", "with", "raw", "autoescape")
TAGS = (*OPENERS, *(f"end{t}" for t in OPENERS), "elif", "else", "set", "extends",
        "import", "from", "include", "do", "endset")  # fmt: skip

Tag = tuple[str, int, str]  # tag, line, what follows it ("title" for a block)


def _tags(source: str) -> list[Tag]:
    """Every ``{% tag %}`` up to the first one the lexer cannot read."""
    found: list[Tag] = []
    state, name, start = "", "", 0
    try:
        for line, kind, value in jinja2.Environment().lex(source):
            if kind == "whitespace":
                continue
            if kind == "block_begin":
                state, start = "tag", line
            elif state == "tag" and kind == "name":
                state, name = "word", value
            elif state == "word":
                found.append((name, start, value if kind == "name" else ""))
                state = ""
            else:
                state = ""
    except jinja2.TemplateSyntaxError:
        pass
    return found


def _open_tags(tags: list[Tag], before: int | None = None) -> tuple[list[Tag], Tag | None]:
    """The tags still open (innermost last) and the first end tag that closes nothing."""
    stack: list[Tag] = []
    for tag in tags:
        name, line, _ = tag
        if before is not None and line >= before:
            break
        if name in OPENERS:
            stack.append(tag)
        elif name.startswith("end") and name[3:] in OPENERS:
            if stack and stack[-1][0] == name[3:]:
                stack.pop()
            elif not any(t[0] == name[3:] for t in stack):
                return stack, tag
    return stack, None


def _opening(tag: Tag) -> str:
    name, _, word = tag
    return f"{{% {name} {word} %}}" if name == "block" and word else f"{{% {name} %}}"


def explain(message: str, line: int, source: str | None) -> tuple[str, int]:
    """Plain words for Jinja's ``message`` at ``line`` of ``source``, and the line to fix."""
    jinja = f" (Jinja says: {message})"
    tags = _tags(source) if source else []
    if message.startswith("Unexpected end of template") and tags:
        stack, _ = _open_tags(tags)
        if stack:
            tag = stack[-1]
            return (f"the {_opening(tag)} on line {tag[1]} is never closed: add "
                    f"{{% end{tag[0]} %}} where it ends{jinja}", tag[1])  # fmt: skip
    unknown = re.match(r"Encountered unknown tag '(\w+)'", message)
    if unknown:
        name = unknown[1]
        if name.startswith("end") and name[3:] in OPENERS:
            stack, stray = _open_tags(tags, before=line)
            if stack and stack[-1][0] != name[3:]:
                inner = stack[-1]
                return (f"{{% {name} %}} comes before the {{% end{inner[0]} %}} that closes "
                        f"the {_opening(inner)} on line {inner[1]}: add {{% end{inner[0]} %}} "
                        f"before it{jinja}", line)  # fmt: skip
            return (f"{{% {name} %}} closes nothing: no {{% {name[3:]} %}} is open before it; "
                    f"delete it{jinja}", line)  # fmt: skip
        close = difflib.get_close_matches(name, TAGS, n=1)
        hint = f" (did you mean {{% {close[0]} %}}?)" if close else ""
        return f"{{% {name} %}} is not a template tag{hint}{jinja}", line
    twice = re.match(r"block '(\w+)' defined twice", message)
    if twice:
        return (f"the block {twice[1]} is written twice in this file; keep one"
                f"{jinja}", line)  # fmt: skip
    if "end of comment" in message:
        return f"a {{# comment is never closed with #}}{jinja}", line
    if message.startswith("unexpected end of template"):
        return f"a {{{{ or {{% is never closed with }}}} or %}}{jinja}", line
    bracket = re.search(r"(?<!un)expected '([)\]}])'", message)
    if bracket:
        pairs = {")": "(", "]": "[", "}": "{"}
        opened = pairs[bracket[1]]
        return (f"a {opened} in the {{{{ ... }}}} or {{% ... %}} on this line is not closed "
                f"with {bracket[1]}{jinja}", line)  # fmt: skip
    text = source.splitlines()[line - 1] if source and 0 < line <= source.count("\n") + 1 else ""
    if text.count("{{") > text.count("}}") or text.count("{%") > text.count("%}"):
        return f"a {{{{ or {{% on this line is not closed with }}}} or %}}{jinja}", line
    return (f"a {{{{ ... }}}} or {{% ... %}} on this line is not written correctly: check "
            f"its brackets, quotes and names{jinja}", line)  # fmt: skip
