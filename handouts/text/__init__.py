"""Shared text helpers every stage may use: the inline markup converter, YAML with line
marks, the printed text of a handout by section, its reading grade, the protocol in
words (protocol.py) and conditions by the names staff use (names.py)."""

from handouts.text.markup import to_html, to_plain, to_rml
from handouts.text.readability import grade
from handouts.text.sections import SectionText, find_forbidden, required_texts, section_texts
from handouts.text.yamlfile import Key, YamlDoc, load_yaml_file, parse_yaml_bytes

__all__ = [
    "Key",
    "SectionText",
    "YamlDoc",
    "find_forbidden",
    "grade",
    "load_yaml_file",
    "parse_yaml_bytes",
    "required_texts",
    "section_texts",
    "to_html",
    "to_plain",
    "to_rml",
]
