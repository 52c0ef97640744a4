"""``handouts preview``: one handout rebuilt each time a practice file changes, for staff
who keep it open beside practice.yaml or a template.

The watch loop polls the practice folder's files (modification time and size; no new
dependency, and it works the same on Windows, macOS and Linux) at a bounded interval. A
change is built once the folder has stayed the same for one poll, so an editor that saves
in two steps gives one rebuild. Templates and logos are read again for every rebuild.
The loop ends after ``max_rebuilds`` or ``timeout`` (for tests and scripts), or on Ctrl-C.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from handouts.editions import get_edition
from handouts.errors import HandoutsError, UnknownConditionError
from handouts.output.write import write_atomic
from handouts.pipeline.build import (
    build_handout,
    load_project,
    output_folder,
    render_html,
    resolve_conditions,
)
from handouts.render.templates import forget_templates

MIN_INTERVAL, MAX_INTERVAL = 0.1, 5.0  # seconds between polls
MAX_FILES = 2_000  # a practice folder holds a few files; stop counting at this many
PREVIEW_FOLDER = "preview"  # OUT/preview/...: never the clinic set's own files

State = dict[str, tuple[int, int]]


@dataclass(frozen=True)
class PreviewJob:
    """What to preview: one condition of one practice, as PDF or HTML."""

    practice_dir: Path | None
    condition: str
    out_dir: Path
    html: bool = False
    edition: str = "full"
    language: str | None = None


@dataclass
class Rebuild:
    """One build of the preview: the file written, or the error, and why it ran."""

    number: int
    path: Path | None = None
    error: str = ""
    seconds: float = 0.0
    changed: list[str] = field(default_factory=list)

    def line(self) -> str:
        """The line the command prints for this build."""
        why = f" ({', '.join(self.changed[:3])}{' ...' if len(self.changed) > 3 else ''} changed)"
        why = why if self.changed else ""
        if self.error:
            return f"failed{why}: {self.error}"
        verb = "wrote" if self.number == 0 else "rebuilt"
        return f"{verb} {self.path}{why} in {self.seconds:.1f} s"


def folder_state(folder: Path) -> State:
    """Every regular file under ``folder``: relative path -> (mtime in ns, size)."""
    state: State = {}
    for path in sorted(folder.rglob("*")):
        if len(state) >= MAX_FILES:
            break
        try:
            if not path.is_file() or path.is_symlink():
                continue
            stat = path.stat()
        except OSError:
            continue  # removed while we looked: the next poll sees it gone
        state[path.relative_to(folder).as_posix()] = (stat.st_mtime_ns, stat.st_size)
    return state


def changed_files(before: State, after: State) -> list[str]:
    """The files added, removed or changed between two states."""
    return sorted(
        name for name in before.keys() | after.keys() if before.get(name) != after.get(name)
    )


def build_preview(job: PreviewJob, number: int = 0, changed: list[str] | None = None) -> Rebuild:
    """Build the handout once, reading the practice folder and its templates afresh."""
    start = time.monotonic()
    result = Rebuild(number, changed=changed or [])
    forget_templates()  # a template edited since the last build must be read again
    try:
        project = load_project(job.practice_dir, language=job.language)
        (slug,) = resolve_conditions(project, [job.condition], False)
        edition = get_edition(job.edition)
        folder = output_folder(project, job.out_dir / PREVIEW_FOLDER)
        if job.html:
            target = folder / edition.file_name(slug, "html")
            write_atomic(target, render_html(project, slug, edition).encode("utf-8"))
        else:
            target = folder / edition.file_name(slug)
            write_atomic(target, build_handout(project, slug, job.edition).pdf)
        result.path = target
    except UnknownConditionError:
        raise  # a usage mistake: the command stops (exit code 2)
    except HandoutsError as exc:
        result.error = str(exc)
    result.seconds = time.monotonic() - start
    return result


def watch(
    job: PreviewJob,
    report: Callable[[Rebuild], None],
    interval: float = 0.5,
    max_rebuilds: int | None = None,
    timeout: float | None = None,
    sleep: Callable[[float], None] | None = None,
) -> int:
    """Build the preview, then poll the practice folder and rebuild on each change; return
    the rebuilds made. Ends after ``max_rebuilds`` rebuilds, ``timeout`` seconds, or
    Ctrl-C (no traceback). Without a practice folder, it builds once."""
    # The folder as it was before the first build: an edit saved during it is seen.
    built = last = folder_state(job.practice_dir) if job.practice_dir else {}
    report(build_preview(job))
    if job.practice_dir is None:
        return 0
    interval = min(max(interval, MIN_INTERVAL), MAX_INTERVAL)
    deadline = None if timeout is None else time.monotonic() + timeout
    count = 0
    pause = sleep or time.sleep
    try:
        while max_rebuilds is None or count < max_rebuilds:
            if deadline is not None and time.monotonic() >= deadline:
                break
            pause(interval)
            now = folder_state(job.practice_dir)
            if now != built and now == last:  # changed, and done changing (or first poll)
                count += 1
                report(build_preview(job, count, changed_files(built, now)))
                built = now
            last = now
    except KeyboardInterrupt:
        pass  # Ctrl-C is how staff stop it: not an error
    return count
