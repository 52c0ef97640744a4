"""Read only what is ours: regular files inside a folder, never more than a size cap.

A practice folder is untrusted. A FIFO in it would hang a read, a link to /dev/zero would
fill memory, and a link to a file elsewhere would bring that file into a handout or a
hash. Every read of a practice file goes through here: the file is opened without
following a final link and without blocking, checked to be a regular file after opening
(so it cannot be swapped between the check and the read), and read up to the cap.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from handouts.errors import ContentError, Problem

MAX_FILE_BYTES = 20_000_000  # a logo or template is far smaller; a practice file never this big


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
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(real, flags)
    except OSError as exc:
        raise ContentError([Problem(str(path), 0, 0, "", f"cannot read: {exc.strerror}")]) from exc
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):  # swapped after the check
            raise ContentError([Problem(str(path), 0, 0, "", "not a regular file")])
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise ContentError([Problem(str(path), 0, 0, "", f"larger than {limit:,} bytes")])
    return data


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
