"""Compiled templates kept between runs, so a cold command does not parse and compile
every Jinja template again (about a third of a cold `handouts plan`).

Jinja's own file cache does the work: it keeps one file per template in a folder only
this user may write (it checks the owner and the mode), and a file is used only while
the template's source text is unchanged. The file names carry a fingerprint of the tool's
version and the environment's settings, because the compiled code depends on them too
(a sandboxed environment compiles every call into a checked one): code compiled under
other settings is never loaded. The compiled code holds template text only: never a patient's
details, which reach a template as values at render time.
"""

from __future__ import annotations

import hashlib

from jinja2.bccache import Bucket, BytecodeCache, FileSystemBytecodeCache


class _QuietFileCache(FileSystemBytecodeCache):
    """A cache that is only ever a speed-up: a folder it cannot read or write just means
    the template is compiled again, never a failed build."""

    def load_bytecode(self, bucket: Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except (OSError, EOFError, ValueError):
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:
            pass


def template_cache(settings: str) -> BytecodeCache | None:
    """The per-user compiled-template cache for an environment made with ``settings``
    (a text that names them all), or None where no safe folder exists."""
    from handouts import __version__

    fingerprint = hashlib.sha256(f"{__version__}|{settings}".encode()).hexdigest()[:16]
    try:
        return _QuietFileCache(pattern=f"__handouts_{fingerprint}_%s.cache")
    except (OSError, RuntimeError):  # no private temp folder: compile every time
        return None
