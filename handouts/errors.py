"""The one exception tree the CLI catches, and the Problem record validation collects."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with an input, located as precisely as we can."""

    path: str
    line: int
    column: int
    field: str
    message: str
    check: str = "schema"  # the check id `handouts check` reports it under

    def __str__(self) -> str:
        where = self.path
        if self.line:
            where += f":{self.line}"
            if self.column:
                where += f":{self.column}"
        return (
            f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"
        )


class HandoutsError(Exception):
    """Base of every error a user can cause; the CLI shows its message, never a traceback."""


class ContentError(HandoutsError):
    """One or more problems in YAML content or a practice folder, reported together."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(sorted(set(problems)))
        count = len(self.problems)
        lines = [str(p) for p in self.problems]
        if count > 1:
            lines.append(f"{count} problems found; fix them and run again.")
        super().__init__("\n".join(lines))


class UnknownConditionError(HandoutsError):
    """A condition slug that is not in the content set."""


class TemplateError(HandoutsError):
    """A template that fails to render, or renders RML or HTML the guard refuses.

    Data first: the template's ``path`` and ``line`` (0: unknown), the ``field`` (for a
    required section, its id) and the ``check`` id; the message is made from them.
    """

    def __init__(
        self,
        message: str,
        *,
        path: str = "",
        line: int = 0,
        field: str = "",
        check: str = "template",
    ) -> None:
        self.message = message
        self.path = path
        self.line = line
        self.field = field
        self.check = check
        where = f"{path}:{line}" if path and line else path
        super().__init__(f"{where}: {message}" if where else message)


class BuildError(HandoutsError):
    """ReportLab could not turn valid RML into a PDF."""


class LayoutFailure(BuildError):
    """ReportLab failed on one RML element: its output ``line`` (0: unknown) and the text
    ``needle`` to find it by, so the pipeline can name the template ``path`` and
    ``path_line`` that wrote it; ``reason`` is the plain message without a place."""

    def __init__(
        self,
        message: str,
        *,
        reason: str,
        line: int = 0,
        needle: str = "",
        path: str = "",
        path_line: int = 0,
    ) -> None:
        self.reason = reason
        self.line = line
        self.needle = needle
        self.path = path
        self.path_line = path_line
        super().__init__(message)


class OutputError(HandoutsError):
    """The output folder or file cannot be written."""
