"""One writer per output folder: a build holds a lock on its folder while it writes.

Two builds into one folder at once each wrote the manifest from what it had built, so the
last one to finish listed only its own handouts (7 of 15). The lock is a file,
``.handouts.lock``, in the output folder, taken with an OS file lock (the ``filelock``
package: the POSIX and the Windows file lock alike), so it is let go when the build ends, even
if the process is killed. The file itself stays; it is not output: never in the
manifest, the booklet or a build's list of files.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout

from handouts.errors import OutputError

LOCK_FILE = ".handouts.lock"
WAIT_SECONDS = 120.0  # how long a second build waits for the first


@contextmanager
def folder_lock(folder: Path) -> Iterator[None]:
    """Hold the folder's lock; wait up to WAIT_SECONDS for another build, saying so."""
    lock = FileLock(folder / LOCK_FILE)
    try:
        lock.acquire(timeout=0)
    except Timeout:
        minutes = f"{WAIT_SECONDS / 60:g} minute" + ("" if WAIT_SECONDS == 60 else "s")
        print(f"{folder}: another build is writing into this folder; waiting for it to "
              f"finish (up to {minutes})", file=sys.stderr, flush=True)  # fmt: skip
        try:
            lock.acquire(timeout=WAIT_SECONDS)
        except Timeout:
            raise OutputError(
                f"{folder}: another build is still writing into this folder after "
                f"{minutes}; let it finish and run again, or choose another --out"
            ) from None
    except OSError as exc:
        raise OutputError(f"{folder}: cannot lock the output folder: {exc.strerror}") from exc
    try:
        yield
    finally:
        lock.release()
