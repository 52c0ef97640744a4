"""Validate stage: parsed YAML (content and practice.yaml) -> the typed model, every problem
collected and raised once."""

from handouts.validate.content import uncited_references, validate_content
from handouts.validate.practice import extend_content, load_practice

__all__ = ["extend_content", "load_practice", "uncited_references", "validate_content"]
