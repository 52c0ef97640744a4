"""Write stage: the only code that writes output files, always atomically.

A temporary file in the target folder is written, flushed and fsynced, then moved over
the target with ``os.replace``. On any failure the temporary file is removed and the old
target stays as it was: no half-written or stale-looking file is ever left behind.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

from handouts.errors import OutputError

TEMP_PREFIX = ".handouts-tmp-"


def prepare_folder(folder: Path) -> None:
    """Create ``folder`` (and parents); a clear error if it is a file or not writable."""
    if folder.exists() and not folder.is_dir():
        raise OutputError(f"{folder}: is a file, not a folder; choose another --out")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"{folder}: cannot create the output folder: {exc.strerror}") from exc
    if not os.access(folder, os.W_OK | os.X_OK):
        raise OutputError(f"{folder}: the output folder is not writable")


def write_atomic(target: Path, data: bytes) -> None:
    """Replace ``target`` with ``data`` in one step, or leave it untouched."""
    prepare_folder(target.parent)
    try:
        fd, temp_name = tempfile.mkstemp(prefix=f"{TEMP_PREFIX}{os.getpid()}-", dir=target.parent)
    except OSError as exc:
        raise OutputError(f"{target}: cannot write: {exc.strerror}") from exc
    temp = Path(temp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, 0o644)
        os.replace(temp, target)
    except BaseException as exc:
        temp.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise OutputError(f"{target}: cannot write: {exc.strerror}") from exc
        raise


def remove_stale_temps(folder: Path) -> int:
    """Delete temporary files a killed run left behind; return how many.

    A temp file's name holds the id of the process writing it: files of a process that is
    still running (a parallel worker, another build into the same folder) are left alone.
    """
    count = 0
    if folder.is_dir():
        for path in folder.glob(TEMP_PREFIX + "*"):
            if _writer_is_alive(path.name[len(TEMP_PREFIX) :].partition("-")[0], path):
                continue
            try:
                path.unlink(missing_ok=True)
            except OSError as exc:
                raise OutputError(
                    f"{path}: cannot remove a stale temporary file: {exc.strerror}"
                ) from exc
            count += 1
    return count


# Windows cannot ask whether a process exists without touching it (os.kill there ends
# the process, whatever the signal): a temp file is taken as stale once it is this old.
WINDOWS_STALE_SECONDS = 24 * 3600


def _writer_is_alive(pid_text: str, path: Path) -> bool:
    if not pid_text.isdigit() or int(pid_text) == os.getpid():
        return False
    if sys.platform == "win32":
        try:
            return time.time() - path.stat().st_mtime < WINDOWS_STALE_SECONDS
        except OSError:
            return False
    try:
        os.kill(int(pid_text), 0)  # signal 0: only asks whether the process exists
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, OSError):
        return True  # it exists (someone else's), or we cannot tell: leave the file
    return True
