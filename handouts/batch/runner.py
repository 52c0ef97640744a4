"""Build a clinic set: in parallel worker processes, incrementally, with a manifest.

Each handout is built by ``build.build_handout`` (in this process for ``jobs=1`` or a
single handout, else in a pool of worker processes that receive the loaded project
once). Workers return PDF bytes; this process writes them atomically (``write.py``),
records them in the manifest and reports progress through a callback, so that the
command line stays in ``cli.py``. A failing handout does not stop the others.

A handout is skipped when its input hash (content, practice folder, templates, fonts,
tool version: see ``input_hashes``) equals the one in the manifest and its file still has
the recorded sha256; ``force`` rebuilds everything.
"""

from __future__ import annotations

import hashlib
import os
import sys
import time
import traceback
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from handouts import __version__
from handouts.batch.entries import _costliest_first, _entry
from handouts.editions import FULL, Edition, get_edition
from handouts.errors import HandoutsError
from handouts.model import Project
from handouts.output import manifest
from handouts.output.lock import folder_lock
from handouts.output.write import prepare_folder, remove_stale_temps, write_atomic
from handouts.pipeline.build import build_handout, output_folder
from handouts.pipeline.edition import edition_content_files
from handouts.text.safe_files import read_file

BUILT, SKIPPED, FAILED = "built", "skipped", "failed"
# Distributions whose code shapes the PDF bytes.
_OUTPUT_LIBRARIES = ("reportlab", "z3c.rml", "jinja2", "lxml")


@dataclass(frozen=True)
class HandoutResult:
    """What happened to one handout."""

    slug: str
    status: str  # BUILT | SKIPPED | FAILED
    path: Path
    error: str = ""
    edition: str = "full"


@dataclass(frozen=True)
class BatchReport:
    """The outcome of a batch build."""

    folder: Path
    results: tuple[HandoutResult, ...]
    seconds: float
    jobs: int  # build processes used; 1 means in this process
    manifest: Path
    booklet: Path | None = None
    booklet_note: str = ""
    peak_rss_kb: dict[int, int] = field(default_factory=dict)  # per build process id

    def with_status(self, status: str) -> list[HandoutResult]:
        """The results with one status, in build order."""
        return [r for r in self.results if r.status == status]

    @property
    def exit_code(self) -> int:
        """1 if any handout failed, else 0."""
        return 1 if self.with_status(FAILED) else 0

    def summary(self) -> str:
        """One line: counts and time."""
        counts = ", ".join(f"{len(self.with_status(s))} {s}" for s in (BUILT, SKIPPED, FAILED))
        plural = "" if len(self.results) == 1 else "s"
        return f"{len(self.results)} handout{plural}: {counts} in {self.seconds:.2f} s"


Progress = Callable[[HandoutResult], None]


# -- what a handout is built from ----------------------------------------------------------


def _files_under(root: Path, output: Path) -> Iterator[Path]:
    """Regular files below ``root``, sorted: no hidden names, no links followed, nothing
    of the output folder (which may lie inside a practice folder, or be it)."""
    output = output.resolve()
    for folder, dirs, files in os.walk(root):
        here = Path(folder)
        dirs[:] = sorted(
            d for d in dirs if not d.startswith(".") and (here / d).resolve() != output
        )
        is_output = here.resolve() == output
        for name in sorted(files):
            if name.startswith(".") or (is_output and _is_output_file(name)):
                continue
            yield here / name


def _is_output_file(name: str) -> bool:
    # PDFs, their manifest and the HTML edition are what we write, never what we read.
    return name.endswith((".pdf", ".html")) or name == manifest.MANIFEST_NAME


def _tool_fingerprint() -> str:
    """This tool's version and code, and the versions of the libraries that write PDFs."""
    from importlib.metadata import PackageNotFoundError, version

    digest = hashlib.sha256(f"handouts {__version__}\n".encode())
    for name in _OUTPUT_LIBRARIES:
        try:
            digest.update(f"{name} {version(name)}\n".encode())
        except PackageNotFoundError:
            digest.update(f"{name} ?\n".encode())
    package = Path(__file__).parent.parent
    for path in sorted(package.rglob("*.py")):
        name = path.relative_to(package).as_posix()
        digest.update(name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _hash_files(
    digest: hashlib._Hash, files: Iterable[Path], label: str, inside: Path | None = None
) -> None:
    """Hash ``files``; those of a practice or template folder (``inside``) are read by
    safe_files.read_file, which refuses links that leave it, FIFOs, devices and huge files."""
    for path in files:
        digest.update(f"{label} {path}\n".encode())
        if inside is not None:
            digest.update(read_file(path, inside))
            continue
        try:
            digest.update(path.read_bytes())
        except OSError:
            digest.update(b"<unreadable>")


def _is_condition_file(path: Path) -> bool:
    return path.parent.name == "conditions"


def input_hashes(
    project: Project, slugs: Iterable[str], out_folder: Path, edition: str = "full"
) -> dict[str, str]:
    """For each slug, a hash of everything its PDF is made from.

    Covered: the shared content files and the condition's own file, every file of the
    practice folder (practice.yaml, logo, templates, own conditions; not the output folder
    when it lies inside), the built-in templates, the font files, the practice settings as
    loaded (so command-line overrides count), and the tool's version and code. Hashing
    reads a few hundred kilobytes: about 2 ms for a clinic set.
    """
    from handouts.pdf import fonts

    common = hashlib.sha256(b"handouts-input-v1\n")
    if edition != "full":  # the full guide's hashes stay what they were
        common.update(f"edition {edition}\n".encode())
    own_files = edition_content_files(project, get_edition(edition))
    _hash_files(common, [p for p in own_files if p.parent.name != edition], "edition")
    common.update(_tool_fingerprint().encode())
    common.update(repr(project.practice).encode())
    common.update(f"{project.content.version} {project.content.language}\n".encode())
    shared = [p for p in project.content.files if not _is_condition_file(p)]
    _hash_files(common, shared, "content")
    if project.practice.root is not None:
        root = project.practice.root
        _hash_files(common, _files_under(root, out_folder), "practice", root)
    for folder in project.search_path:  # the practice's templates, then the built-in ones
        _hash_files(common, _files_under(folder, out_folder), "template", folder)
    faces = ("regular", "bold", "italic", "bolditalic")
    _hash_files(common, (fonts.font_file(project.practice.font, f) for f in faces), "font")
    condition_files = {p.stem: p for p in project.content.files if _is_condition_file(p)}
    hashes = {}
    for slug in slugs:
        digest = common.copy()
        digest.update(f"condition {slug}\n".encode())
        _hash_files(digest, [condition_files[slug]] if slug in condition_files else [], "own")
        _hash_files(digest, [p for p in own_files if p.parent.name == edition and p.stem == slug],
                    "edition-own")  # fmt: skip
        hashes[slug] = digest.hexdigest()
    return hashes


# -- building, in this process or in workers -----------------------------------------------


@dataclass(frozen=True)
class _Outcome:
    """What a build process sends back (small and picklable)."""

    slug: str
    pdf: bytes = b""
    pages: int = 0
    templates: tuple[str, ...] = ()
    error: str = ""
    pid: int = 0
    peak_rss_kb: int = 0
    edition: str = "full"


def _peak_rss_kb() -> int:
    try:
        import resource
    except ImportError:  # Windows
        return 0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak // 1024 if sys.platform == "darwin" else peak  # macOS counts bytes


def _unexpected(slug: str, exc: BaseException) -> str:
    frames = traceback.extract_tb(exc.__traceback__)
    where = f" at {frames[-1].filename}:{frames[-1].lineno}" if frames else ""
    return f"{slug}: unexpected {type(exc).__name__}: {exc}{where} (a bug: please report it)"


def build_outcome(project: Project, slug: str, edition: str = "full") -> _Outcome:
    """Build one handout; every failure becomes an error message, never an exception."""
    try:
        built = build_handout(project, slug, edition)
    except HandoutsError as exc:
        return _Outcome(slug, error=str(exc), pid=os.getpid(), peak_rss_kb=_peak_rss_kb(),
                        edition=edition)  # fmt: skip
    except Exception as exc:  # a bug in one handout must not stop the others
        return _Outcome(slug, error=_unexpected(slug, exc), pid=os.getpid(), edition=edition)
    return _Outcome(slug, built.pdf, built.pages, built.templates, "", os.getpid(),
                    _peak_rss_kb(), edition)  # fmt: skip


_worker_project: Project | None = None


def _init_worker(project: Project) -> None:
    """Receive the loaded project once per worker process."""
    global _worker_project
    _worker_project = project


def _build_in_worker(job: tuple[str, str]) -> _Outcome:
    assert _worker_project is not None, "worker not initialised"
    return build_outcome(_worker_project, *job)


def _pool_context() -> Any:
    """fork where it is safe (Linux): a worker starts with the parent's loaded project,
    imports and caches, at no cost. Elsewhere spawn, which pickles the project."""
    import multiprocessing

    if sys.platform.startswith("linux"):
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def _outcomes(project: Project, todo: list[tuple[str, str]], jobs: int) -> Iterator[_Outcome]:
    """Build each (slug, edition) and yield each outcome as it completes."""
    if jobs <= 1:
        for slug, edition in todo:
            yield build_outcome(project, slug, edition)
        return
    # Imported here: a build in this process (or a no-change run) does not need them.
    from concurrent.futures import ProcessPoolExecutor, as_completed
    from concurrent.futures.process import BrokenProcessPool

    with ProcessPoolExecutor(
        max_workers=jobs,
        mp_context=_pool_context(),
        initializer=_init_worker,
        initargs=(project,),
    ) as pool:
        futures = {pool.submit(_build_in_worker, job): job for job in todo}
        try:
            for future in as_completed(futures):
                try:
                    yield future.result()
                except BrokenProcessPool as exc:
                    slug, edition = futures[future]
                    yield _Outcome(slug, error=f"{slug}: a worker process died ({exc}); "
                                   "run again with --jobs 1", edition=edition)  # fmt: skip
        finally:
            for future in futures:
                future.cancel()


def build_set(
    project: Project,
    slugs: list[str],
    out_dir: Path,
    *,
    jobs: int | None = None,
    force: bool = False,
    booklet: bool = False,
    progress: Progress | None = None,
    editions: tuple[str, ...] = ("full",),
) -> BatchReport:
    """Build ``slugs`` in each of ``editions`` into the project's output folder; see the
    module docstring. Results, manifest entries and progress name a handout by its file
    stem: ``<slug>`` for the full guide, ``<slug>-summary`` for the summary."""
    started = time.perf_counter()
    folder = output_folder(project, out_dir)
    prepare_folder(folder)
    with folder_lock(folder):  # one writer per folder, so the manifest lists every handout
        remove_stale_temps(folder)  # what a killed run left behind
        old = manifest.read_manifest(folder)
        chosen = [get_edition(name) for name in editions]
        hashes = {
            edition.key(slug): digest
            for edition in chosen
            for slug, digest in input_hashes(project, slugs, folder, edition.name).items()
        }
        entries = {s: e for s, e in old.handouts.items() if (folder / e.file).is_file()}
        results: dict[str, HandoutResult] = {}

        def report(result: HandoutResult) -> None:
            results[get_edition(result.edition).key(result.slug)] = result
            if progress is not None:
                progress(result)

        to_build = []
        for edition in chosen:
            for slug in slugs:
                key = edition.key(slug)
                if not force and manifest.is_current(old.handouts.get(key), hashes[key], folder):
                    path = folder / old.handouts[key].file
                    report(HandoutResult(slug, SKIPPED, path, edition=edition.name))
                else:
                    to_build.append((slug, edition.name))
        workers = max(1, min(jobs or os.cpu_count() or 1, len(to_build)))
        peaks: dict[int, int] = {}
        for outcome in _outcomes(project, _costliest_first(to_build, old), workers):
            edition = get_edition(outcome.edition)
            key = edition.key(outcome.slug)
            target = folder / edition.file_name(outcome.slug)
            if outcome.pid:
                peaks[outcome.pid] = max(peaks.get(outcome.pid, 0), outcome.peak_rss_kb)
            if outcome.error:
                report(HandoutResult(outcome.slug, FAILED, target, outcome.error, edition.name))
                continue
            try:
                write_atomic(target, outcome.pdf)
            except HandoutsError as exc:
                report(HandoutResult(outcome.slug, FAILED, target, str(exc), edition.name))
                continue
            entries[key] = _entry(project, outcome, target, hashes[key])
            report(HandoutResult(outcome.slug, BUILT, target, edition=edition.name))
        ordered = tuple(results[e.key(slug)] for e in chosen for slug in slugs)
        booklet_entry, booklet_path, note = old.booklet, None, ""
        if booklet:  # of the full guides; of the sheets when only the summary is built
            bound = FULL if FULL in chosen else chosen[0]
            booklet_entry, booklet_path, note = _booklet(project, folder, slugs, entries, ordered,
                                                         old.booklet, force, bound)  # fmt: skip
        record = manifest.Manifest(project.practice.slug, __version__, entries, booklet_entry)
        manifest_file = manifest.write_manifest(folder, record)
        return BatchReport(
            folder=folder,
            results=ordered,
            seconds=time.perf_counter() - started,
            jobs=workers,
            manifest=manifest_file,
            booklet=booklet_path,
            booklet_note=note,
            peak_rss_kb=peaks,
        )


def _booklet(
    project: Project,
    folder: Path,
    slugs: list[str],
    entries: dict[str, manifest.ManifestEntry],
    results: tuple[HandoutResult, ...],
    old: manifest.BookletEntry | None,
    force: bool,
    edition: Edition = FULL,
) -> tuple[manifest.BookletEntry | None, Path | None, str]:
    """Write the booklet of ``slugs`` in ``edition`` unless a handout failed; reuse an
    unchanged one."""
    failed = [r.slug for r in results if r.status == FAILED and r.edition == edition.name]
    if failed:
        return old, None, f"no booklet: {len(failed)} handout(s) failed"
    from handouts.batch.booklet import booklet_input_hash, write_booklet

    chosen = [entries[edition.key(slug)] for slug in slugs]
    wanted = booklet_input_hash(project, chosen)
    if not force and old is not None and old.input_hash == wanted:
        path = folder / old.file
        if manifest.file_sha256(path) == old.sha256:
            return old, path, "booklet unchanged"
    try:
        entry = write_booklet(project, folder, chosen, wanted, edition.suffix,
                              sheets=edition is not FULL)  # fmt: skip
    except HandoutsError as exc:  # a booklet part refused (guard, glyphs, layout bounds)
        return old, None, f"no booklet: {exc}"
    return entry, folder / entry.file, ""
