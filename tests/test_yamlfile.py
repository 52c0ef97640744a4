"""Load stage: YAML errors name file, line and column; only plain data gets through."""

from __future__ import annotations

import pytest

from handouts.errors import ContentError
from handouts.text.yamlfile import parse_yaml_bytes


def error_of(text: bytes | str) -> str:
    raw = text.encode() if isinstance(text, str) else text
    with pytest.raises(ContentError) as info:
        parse_yaml_bytes(raw, "content/en/conditions/x.yaml")
    return str(info.value)


def test_syntax_error_has_file_line_and_column() -> None:
    message = error_of("slug: ms\nname: [unclosed\nsummary: x\n")
    assert message.startswith("content/en/conditions/x.yaml:3:")
    assert "YAML syntax error" in message


def test_tab_indentation_says_use_spaces() -> None:
    message = error_of("evidence:\n\tlevel: anecdotal\n")
    assert message.startswith("content/en/conditions/x.yaml:2:1: YAML syntax error:")
    assert "indent with spaces, not tabs" in message


def test_duplicate_key_is_an_error_not_last_one_wins() -> None:
    message = error_of("slug: ms\nname: a\nname: b\n")
    assert message == (
        "content/en/conditions/x.yaml:3:1: name: duplicate key (first set on line 2)"
    )


def test_python_tags_are_refused() -> None:
    message = error_of("slug: !!python/object/apply:os.system ['echo hi']\n")
    assert message.startswith("content/en/conditions/x.yaml:1:7: slug: the tag ")
    assert "is not allowed" in message


def test_billion_laughs_is_refused_without_expanding() -> None:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 9):
        refs = ",".join([f"*a{i - 1}"] * 9)
        lines.append(f"a{i}: &a{i} [{refs}]")
    message = error_of("\n".join(lines) + "\n")
    assert "more than 100,000 values (aliases expanding?); refused" in message


def test_not_utf8_names_the_line() -> None:
    message = error_of(b"slug: ms\nname: caf\xe9\n")
    assert message == (
        "content/en/conditions/x.yaml:2: not UTF-8 text (byte 0xe9); save the file as UTF-8"
    )


def test_empty_and_binary_files() -> None:
    assert error_of("  \n") == "content/en/conditions/x.yaml: the file is empty"
    assert error_of(b"\x89PNG\x00\x00") == (
        "content/en/conditions/x.yaml: this is a binary file, not YAML text"
    )


def test_marks_point_at_values() -> None:
    doc = parse_yaml_bytes(b"slug: ms\nevidence:\n  level: anecdotal\n", "x.yaml")
    assert doc.data == {"slug": "ms", "evidence": {"level": "anecdotal"}}
    assert doc.where(("evidence", "level")) == (3, 10)
    assert doc.where(("evidence", "missing")) == (3, 3)
