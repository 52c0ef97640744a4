"""Where the built-in content and templates are: inside the installed package, or at the
top of a source checkout (editable installs and running from the repository)."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _data_dir(name: str) -> Path:
    installed = _PACKAGE / name
    return installed if installed.is_dir() else _PACKAGE.parent / name


def builtin_content_dir() -> Path:
    """The built-in content tree (references.yaml, en/...)."""
    return _data_dir("content")


def builtin_templates_dir() -> Path:
    """The built-in templates."""
    return _data_dir("templates")
