"""What import-linter (the contracts in pyproject.toml, run by .ci/run) cannot say: the
shape of the package tree and the size of its modules."""

from __future__ import annotations

from pathlib import Path

import handouts

PACKAGE = Path(handouts.__file__).parent
BENCH = PACKAGE.parent / "bench"
STAGE_PACKAGES = {"load", "validate", "merge", "render", "guard", "pdf", "output"}
OTHER_PACKAGES = {"pipeline", "batch", "check", "text"}


def test_at_most_eight_modules_at_the_top() -> None:
    top = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert len(top) <= 8, top


def test_one_package_a_stage_each_with_a_public_face() -> None:
    packages = {p.parent.name for p in PACKAGE.glob("*/__init__.py")}
    assert STAGE_PACKAGES | OTHER_PACKAGES <= packages
    for name in packages:
        assert "__all__ =" in (PACKAGE / name / "__init__.py").read_text(), name


def test_no_module_over_400_lines() -> None:
    sizes = {
        str(path.relative_to(PACKAGE.parent)): len(path.read_text().splitlines())
        for path in [*PACKAGE.rglob("*.py"), *BENCH.rglob("*.py")]
    }
    assert {name: n for name, n in sizes.items() if n > 400} == {}
