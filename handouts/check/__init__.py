"""``handouts check``: the build's own stages plus the checks a reviewer signs off on."""

from handouts.check.checker import check_project
from handouts.check.report import CheckReport, to_json, to_text

__all__ = ["CheckReport", "check_project", "to_json", "to_text"]
