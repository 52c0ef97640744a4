"""Each different error of a batch once. A problem of the practice itself (a character its
font lacks in the practice name, a broken template) stops every handout with the same
words; staff should read it once, then how many handouts it stopped."""

from __future__ import annotations

from handouts.batch.runner import HandoutResult


class FailureLog:
    """The errors of the failed handouts seen so far, with the handouts each stopped."""

    def __init__(self) -> None:
        self.stopped: dict[str, list[str]] = {}

    def first_time(self, result: HandoutResult) -> bool:
        """Note a failed handout; True if its error has not been seen in this run."""
        name = result.slug if result.edition == "full" else f"{result.slug} ({result.edition})"
        handouts = self.stopped.setdefault(result.error, [])
        handouts.append(name)
        return len(handouts) == 1

    def repeats(self, total: int) -> list[str]:
        """A line for each error that stopped more than one handout (printed at the end)."""
        lines = []
        for error, handouts in self.stopped.items():
            if len(handouts) < 2:
                continue
            short = error if len(error) <= 60 else error[:57] + "..."
            every = "every one of the" if len(handouts) == total else "these"
            names = ", ".join(handouts[:4]) + (", ..." if len(handouts) > 4 else "")
            lines.append(f'the error "{short}" stopped {every} {len(handouts)} handouts '
                         f"({names}); it is shown once")  # fmt: skip
        return lines
