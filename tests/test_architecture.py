"""Architecture: stage modules import only the model layer, never each other or click."""

from __future__ import annotations

import ast
from pathlib import Path

import handouts

PACKAGE = Path(handouts.__file__).parent
# Each stage's main module, as a path below the package.
STAGES = {
    "load": "load/content.py",
    "validate": "validate/content.py",
    "merge": "merge/handout.py",
    "render": "render/templates.py",
    "guard": "guard/rml.py",
    "pdf": "pdf/document.py",
    "write": "output/write.py",
}
# Shared, stage-free helpers every stage may use.
MODEL_LAYER = {"handouts.model", "handouts.errors", "handouts.text"}
# A stage's own helper modules: validate reads load's ContentDocs type and its own field
# readers; render runs its templates in the sandbox's limits; load takes a translated
# file's provenance block apart.
STAGE_HELPERS = {
    "load": {"handouts.load"},
    "validate": {"handouts.load", "handouts.validate"},
    "render": {"handouts.render"},
    "guard": {"handouts.guard"},  # the RML allowlist and its checks (guard/rml_*.py)
}


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text())
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            if node.module == "handouts":
                names.update(f"handouts.{alias.name}" for alias in node.names)
    return names


def test_stages_import_only_the_model_layer() -> None:
    for stage, module in STAGES.items():
        imports = imported_modules(PACKAGE / module)
        own = {".".join(n.split(".")[:2]) for n in imports if n.startswith("handouts.")}
        allowed = MODEL_LAYER | STAGE_HELPERS.get(stage, set())
        assert own <= allowed, (stage, own - allowed)
        assert not any(name.split(".")[0] == "click" for name in imports), stage


def test_only_cli_imports_click() -> None:
    for path in PACKAGE.rglob("*.py"):
        if path.name != "cli.py":
            assert "click" not in {n.split(".")[0] for n in imported_modules(path)}, path
