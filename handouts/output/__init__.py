"""Output stage: the only code that writes files (atomically), the output folder's manifest
and the combined booklet (``handouts.output.booklet``)."""

from handouts.output.manifest import Manifest, read_manifest, write_manifest
from handouts.output.write import prepare_folder, remove_stale_temps, write_atomic

__all__ = [
    "Manifest",
    "prepare_folder",
    "read_manifest",
    "remove_stale_temps",
    "write_atomic",
    "write_manifest",
]
