"""Merge stage: a condition, the shared sections and a practice -> one Handout."""

from handouts.merge.handout import merge_handout, placeholder_values

__all__ = ["merge_handout", "placeholder_values"]
