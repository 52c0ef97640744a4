"""Validate stage: parsed YAML (content and practice.yaml) -> the typed model, every problem
collected and raised once. ``load_practice`` is given the built-in content to check against."""

from handouts.validate.content import uncited_references, validate_content
from handouts.validate.overrides import extend_content
from handouts.validate.practice import load_practice

__all__ = ["extend_content", "load_practice", "uncited_references", "validate_content"]
