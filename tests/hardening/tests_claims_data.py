"""The built-in claim patterns, English and Spanish, as the matcher takes them."""

from __future__ import annotations

import yaml

from handouts import paths
from handouts.text.claims import ClaimPattern

_ROOT = paths.builtin_content_dir()
ALL_PHRASES = tuple(
    ClaimPattern(e["pattern"], e["reason"], bool(e.get("negatable")), path.parent == _ROOT)
    for path in (_ROOT / "forbidden.yaml", _ROOT / "es" / "forbidden.yaml")
    for e in yaml.safe_load(path.read_text(encoding="utf-8"))
)
