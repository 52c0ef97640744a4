"""The CSS of the HTML edition, read as a browser reads it, checked against the allowlist.

tinycss2 tokenizes by the CSS Syntax spec, as browsers do: escapes are decoded
(``u\\72l(`` is the function ``url``, ``@\\69mport`` is ``@import``) and comments end a
token (``u/**/rl(`` is not ``url(``). So what is checked is what the browser would run.
Anything the browser would drop (an unknown property, a syntax error) is refused too: a
mistake must not print silently.
"""

from __future__ import annotations

from dataclasses import dataclass

import tinycss2

from handouts.guard.html_allow import HtmlAllowlist

# Functions and at-rules that fetch a file or run code, with the reason a clinic reads.
LOADS = frozenset({"url", "image-set", "-webkit-image-set", "image", "cross-fade", "element",
                   "src", "paint"})  # fmt: skip
RUNS = frozenset({"expression", "behavior", "-moz-binding", "javascript"})


@dataclass(frozen=True)
class CssProblem:
    """Why a stylesheet is refused, and the CSS line (1-based, in that stylesheet)."""

    message: str
    line: int
    snippet: str  # the offending text, to find the practice template's line


def _value_problem(
    nodes: list[tinycss2.ast.Node], allow: HtmlAllowlist, where: str
) -> CssProblem | None:
    for node in nodes:
        if node.type == "url":
            return CssProblem(f"{where}: styles may not load files (url())", node.source_line,
                              "url")  # fmt: skip
        if node.type == "function":
            name = node.lower_name
            if name in LOADS:
                return CssProblem(f"{where}: styles may not load files ({name}())",
                                  node.source_line, name)  # fmt: skip
            if name in RUNS:
                return CssProblem(f"{where}: {name}() runs code", node.source_line, name)
            if name not in allow.functions:
                return CssProblem(
                    f"{where}: the CSS function {name}() is not allowed; use one of "
                    + ", ".join(sorted(allow.functions)),
                    node.source_line,
                    name,
                )
            found = _value_problem(node.arguments, allow, where)
            if found:
                return found
        elif node.type in ("() block", "[] block", "{} block"):
            found = _value_problem(node.content, allow, where)
            if found:
                return found
        elif node.type == "error":
            return CssProblem(f"{where}: a CSS syntax error ({node.message})", node.source_line,
                              "")  # fmt: skip
        elif node.type == "ident" and node.lower_value in RUNS:
            return CssProblem(f"{where}: {node.lower_value} runs code", node.source_line,
                              node.value)  # fmt: skip
    return None


def _declarations(
    nodes: list[tinycss2.ast.Node], allow: HtmlAllowlist, where: str
) -> CssProblem | None:
    for item in nodes:
        if item.type == "error":
            return CssProblem(f"{where}: a CSS syntax error ({item.message})", item.source_line,
                              "")  # fmt: skip
        if item.type == "at-rule":
            return CssProblem(f"{where}: @{item.lower_at_keyword} inside a rule is not allowed",
                              item.source_line, item.at_keyword)  # fmt: skip
        if item.type == "qualified-rule":  # CSS nesting: check the nested rule in full
            found = _rules([item], allow, where)
            if found:
                return found
            continue
        if item.type != "declaration":
            continue
        name = item.lower_name
        if name in RUNS:
            return CssProblem(f"{where}: the property {name} runs code", item.source_line,
                              item.name)  # fmt: skip
        if not name.startswith("--") and name not in allow.properties:
            return CssProblem(
                f"{where}: the CSS property {name} is not one the built-in stylesheet uses "
                "(a browser would ignore a misspelt one)",
                item.source_line,
                item.name,
            )
        bracket = next((n for n in item.value if n.type == "() block"), None)
        if bracket is not None:  # as in u/**/rl(...): not a function, so a browser drops it
            return CssProblem(f"{where}: the value of {name} has a bracket that is not a "
                              "function call, so a browser would ignore it",
                              bracket.source_line, "(")  # fmt: skip
        found = _value_problem(item.value, allow, where)
        if found:
            return found
    return None


def _rules(nodes: list[tinycss2.ast.Node], allow: HtmlAllowlist, where: str) -> CssProblem | None:
    for node in nodes:
        if node.type == "error":
            return CssProblem(f"{where}: a CSS syntax error ({node.message})", node.source_line,
                              "")  # fmt: skip
        if node.type == "at-rule":
            keyword = node.lower_at_keyword
            if keyword == "import":
                return CssProblem(f"{where}: styles may not load files (@import)",
                                  node.source_line, node.at_keyword)  # fmt: skip
            if keyword not in allow.at_rules or node.content is None:
                return CssProblem(
                    f"{where}: @{keyword} is not allowed; only "
                    + ", ".join(f"@{k}" for k in sorted(allow.at_rules)),
                    node.source_line,
                    node.at_keyword,
                )
            found = _value_problem(node.prelude, allow, where) or _declarations(
                tinycss2.parse_blocks_contents(node.content, skip_whitespace=True), allow, where
            )
        elif node.type == "qualified-rule":
            found = _value_problem(node.prelude, allow, where) or _declarations(
                tinycss2.parse_blocks_contents(node.content, skip_whitespace=True), allow, where
            )
        else:
            found = None
        if found:
            return found
    return None


def stylesheet_problem(css: str, allow: HtmlAllowlist) -> CssProblem | None:
    """Why the text of a ``<style>`` element is refused, or None."""
    nodes = tinycss2.parse_stylesheet(css, skip_whitespace=True, skip_comments=True)
    return _rules(nodes, allow, "<style>")
