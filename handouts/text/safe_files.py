"""Read only what is ours: regular files inside a folder, never more than a size cap.

A practice folder is untrusted. A FIFO in it would hang a read, a link to /dev/zero would
fill memory, and a link to a file elsewhere would bring that file into a handout or a
hash. Every read of a practice file goes through here: the file is opened without
following a final link and without blocking, checked to be a regular file after opening
(so it cannot be swapped between the check and the read), and read up to the cap.
Templates are read so too (read_template), by render and by the practice's words check.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from handouts.errors import ContentError, Problem, TemplateError

MAX_FILE_BYTES = 20_000_000  # a logo or template is far smaller; a practice file never this big
MAX_TEMPLATE_BYTES = 1_000_000
TEMPLATE_SUFFIX = ".j2"  # a template file's name ends so, built-in or a practice's


def kind_of(mode: int) -> str:
    """Plain words for what a file that is not a regular file is."""
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISLNK(mode):
        return "a link"
    return "not a regular file"


def refusal(path: Path, root: Path) -> str:
    """Why ``path`` may not be read as a file of ``root``, or ''."""
    try:
        info = path.lstat()
    except OSError as exc:
        return f"cannot read the file: {exc.strerror}"
    if stat.S_ISLNK(info.st_mode):
        try:
            target = path.resolve(strict=True)
        except (OSError, RuntimeError):
            return "a link to nothing; remove it"
        if not target.is_relative_to(root.resolve()):
            return f"a link to {target}, outside the practice folder; copy the file in instead"
        info = target.stat()
    if not stat.S_ISREG(info.st_mode):
        return f"{kind_of(info.st_mode)}, not a regular file; remove it from the practice folder"
    if info.st_size > MAX_FILE_BYTES:
        return f"{info.st_size:,} bytes; the limit for a practice file is {MAX_FILE_BYTES:,}"
    return ""


def read_file(path: Path, root: Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of regular file ``path`` inside ``root``; a located ContentError if not."""
    reason = refusal(path, root)
    if reason:
        raise ContentError([Problem(str(path), 0, 0, "", reason)])
    real = path.resolve()
    try:
        data = _read_regular(real, limit)
    except OSError as exc:
        raise ContentError([Problem(str(path), 0, 0, "", f"cannot read: {exc.strerror}")]) from exc
    if data is None:  # swapped after the check
        raise ContentError([Problem(str(path), 0, 0, "", "not a regular file")])
    if len(data) > limit:
        raise ContentError([Problem(str(path), 0, 0, "", f"larger than {limit:,} bytes")])
    return data


def _read_regular(real: Path, limit: int) -> bytes | None:
    """Up to ``limit + 1`` bytes of ``real``, opened without following a final link and
    without blocking; None if what was opened is not a regular file (swapped after a check).
    An OSError from opening it is the caller's to word."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    with os.fdopen(os.open(real, flags), "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            return None
        return handle.read(limit + 1)


def read_template(root: Path, path: Path) -> str:
    """The text of template ``path`` inside ``root`` (render's lookup and the practice's
    own words check read templates alike); a TemplateError if it is not safe to use."""
    resolved = path.resolve()
    if not resolved.is_relative_to(root.resolve()):
        raise TemplateError(
            f"the template is a link to a file outside its folder ({resolved}); "
            "copy the file into the folder instead",
            path=str(path),
        )
    size = resolved.stat().st_size
    if size > MAX_TEMPLATE_BYTES:
        raise TemplateError(
            f"the template is {size:,} bytes; the limit is {MAX_TEMPLATE_BYTES:,}", path=str(path)
        )
    raw = _read_regular(resolved, MAX_TEMPLATE_BYTES)
    if raw is None or len(raw) > MAX_TEMPLATE_BYTES:  # swapped or grown since the stat
        raise TemplateError("the template changed while it was read; run again", path=str(path))
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise TemplateError(
            f"not UTF-8 text (byte 0x{raw[exc.start]:02x}); save the template as UTF-8",
            path=str(path),
            line=line,
        ) from exc


def check_not_linked(path: Path, what: str) -> None:
    """Refuse ``path`` if it is a symbolic link (practice.yaml, templates/): a link could
    make the practice read a file or folder anywhere on the machine."""
    if path.is_symlink():
        raise ContentError(
            [Problem(str(path), 0, 0, "", f"{what} is a link ({os.readlink(path)}); "
                     "copy what it points to into the practice folder")]
        )  # fmt: skip


MAX_FOLDER_FILES = 2_000


def scan_folder(root: Path) -> list[Problem]:
    """Every file of a practice folder that may not be read (links out, FIFOs, devices,
    huge files), as problems; hidden names are skipped, as the build never reads them."""
    problems: list[Problem] = []
    count = 0
    for folder, dirs, files in os.walk(root):
        here = Path(folder)
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files) + [d for d in dirs if (here / d).is_symlink()]:
            if name.startswith("."):
                continue
            count += 1
            if count > MAX_FOLDER_FILES:
                message = f"more than {MAX_FOLDER_FILES:,} files; a practice folder needs a few"
                return [*problems, Problem(str(root), 0, 0, "", message)]
            reason = refusal(here / name, root)
            if reason and not (here / name).is_dir():
                problems.append(Problem(str(here / name), 0, 0, "", reason))
    return problems


def check_practice_folder(folder: Path, source: Path) -> None:
    """Refuse a practice folder before anything in it is read: a linked ``practice.yaml``
    (``source``) or ``templates/``, and any file that may not be read (see scan_folder)."""
    check_not_linked(source, "practice.yaml")
    check_not_linked(folder / "templates", "the templates folder")
    unsafe = scan_folder(folder)
    if unsafe:
        raise ContentError(unsafe)
