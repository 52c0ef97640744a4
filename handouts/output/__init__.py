"""Output stage: the only code that writes files (atomically), and the output folder's
manifest. (The combined booklet draws pages, so it belongs to the batch runner.)"""

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
