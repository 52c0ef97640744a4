"""Load stage: read content and practice YAML files into YamlDocs (no validation yet)."""

from __future__ import annotations

from pathlib import Path

from handouts.errors import ContentError, Problem
from handouts.text.translation_block import split_translation
from handouts.text.yamlfile import ContentDocs as ContentDocs
from handouts.text.yamlfile import YamlDoc, display_path, read_collecting


def load_content_docs(root: Path, language: str = "en") -> ContentDocs:
    """Read every YAML file of a content tree; all read errors are reported together."""
    problems: list[Problem] = []
    files: list[Path] = []
    translations: list[YamlDoc] = []

    def read(path: Path, required: bool = True, translated: bool = False) -> YamlDoc | None:
        doc = read_collecting(path, root, problems, files, required)
        if doc is not None and translated and language != "en":
            doc, record = split_translation(doc, problems)
            if record is not None:
                translations.append(record)
        return doc

    lang_dir = root / language
    if not lang_dir.is_dir():
        raise ContentError(
            [
                Problem(
                    display_path(lang_dir, root), 0, 0, "", f"no content for language '{language}'"
                )
            ]
        )
    references = read(root / "references.yaml")
    forbidden = read(root / "forbidden.yaml", required=False)
    forbidden_language = read(lang_dir / "forbidden.yaml", required=False)
    ui = read(lang_dir / "ui.yaml", translated=True)
    english_ui = _english_ui(root, problems) if language != "en" else None
    sections = read(lang_dir / "sections.yaml", translated=True)
    conditions = [
        read(p, translated=True) for p in sorted((lang_dir / "conditions").glob("*.yaml"))
    ]
    if problems:
        raise ContentError(problems)
    assert references is not None and ui is not None and sections is not None
    return ContentDocs(
        language=language,
        references=references,
        forbidden=forbidden,
        ui=ui,
        sections=sections,
        conditions=tuple(c for c in conditions if c is not None),
        files=tuple(files),
        forbidden_language=forbidden_language,
        translations=tuple(translations),
        english_ui=english_ui,
    )


def _english_ui(root: Path, problems: list[Problem]) -> YamlDoc | None:
    """The English ui.yaml a translation's words are checked against (not one of the
    files a handout is made from, so not in ``files``), or None without one."""
    path = root / "en" / "ui.yaml"
    return read_collecting(path, root, problems, [], required=False)
