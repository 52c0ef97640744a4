"""`handouts preview` in a practice manager's words: "I keep the MS handout open while I
change practice.yaml and our header": it is built and opened once, rebuilt on each change
(a line each, errors in the usual form), and Ctrl-C stops it cleanly."""

from __future__ import annotations

import io
import shutil
from collections.abc import Callable
from pathlib import Path

import pypdf
import pytest
from click.testing import CliRunner

from handouts.cli import main
from handouts.pipeline import preview

RIVERSIDE = Path(__file__).resolve().parent.parent / "practices" / "riverside"


@pytest.fixture
def clinic(workdir: Path) -> Path:
    folder = workdir / "clinic"
    shutil.copytree(RIVERSIDE, folder)
    return folder


def edits(*steps: Callable[[], None]) -> Callable[[float], None]:
    """A sleep that makes one edit per call (then nothing): the staff member at work."""
    pending = list(steps)

    def sleep(seconds: float) -> None:
        assert 0.1 <= seconds <= 5.0  # the poll interval is bounded
        if pending:
            pending.pop(0)()

    return sleep


def rename(folder: Path, name: str) -> Callable[[], None]:
    def edit() -> None:
        path = folder / "practice.yaml"
        text = path.read_text().replace("name: Riverside Family Medicine", f"name: {name}")
        path.write_text(text)

    return edit


def first_page(path: Path) -> str:
    return pypdf.PdfReader(io.BytesIO(path.read_bytes())).pages[0].extract_text()


def test_an_edit_rebuilds_the_open_handout(clinic: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    launched: list[str] = []
    monkeypatch.setattr("click.launch", lambda url, **kw: launched.append(url) or 0)
    monkeypatch.setattr(preview.time, "sleep", edits(rename(clinic, "Riverside Pain Clinic")))
    args = ["preview", "fibro", "--practice", "clinic", "--max-rebuilds", "1", "--edition", "full"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    target = "out/preview/riverside/fibromyalgia.pdf"
    assert lines[0] == "watching clinic for changes (Ctrl-C stops)"
    assert lines[1].startswith(f"wrote {target} in ")
    assert lines[2].startswith(f"rebuilt {target} (practice.yaml changed) in ")
    assert lines[3] == "stopped"
    assert launched == [target]  # opened once, then kept current
    assert "Riverside Pain Clinic" in first_page(clinic.parent / target)


def test_a_mistake_is_reported_and_the_fix_rebuilds(clinic: Path) -> None:
    yaml = clinic / "practice.yaml"
    good = yaml.read_text()
    lines: list[str] = []
    job = preview.PreviewJob(Path("clinic"), "fibromyalgia", Path("out"))
    count = preview.watch(
        job,
        lambda r: lines.append(r.line()),
        interval=0.1,
        max_rebuilds=2,
        sleep=edits(
            lambda: yaml.write_text(good.replace("phone:", "phnoe:")),
            lambda: None,
            lambda: yaml.write_text(good),
        ),  # fmt: skip
    )
    assert count == 2
    assert lines[1].startswith(
        "failed (practice.yaml changed): clinic/practice.yaml:9:8: phnoe: unknown field "
        '(did you mean "phone"?)'
    )
    assert lines[2].startswith("rebuilt out/preview/riverside/fibromyalgia.pdf (practice.yaml ")


def test_a_template_edit_is_read_again(clinic: Path) -> None:
    lines: list[str] = []
    header = (
        '{% extends "builtin/handout.rml.j2" %}\n'
        "{% block title %}<para>Welcome to our clinic</para>{% endblock %}\n"
    )

    def add_template() -> None:
        (clinic / "templates").mkdir(exist_ok=True)
        (clinic / "templates" / "handout.rml.j2").write_text(header)

    job = preview.PreviewJob(Path("clinic"), "fibromyalgia", Path("out"))
    preview.watch(job, lambda r: lines.append(r.line()), interval=0.1, max_rebuilds=1,
                  sleep=edits(add_template))  # fmt: skip
    assert "(templates/handout.rml.j2 changed)" in lines[1]
    assert "Welcome to our clinic" in first_page(Path("out/preview/riverside/fibromyalgia.pdf"))


def test_ctrl_c_stops_cleanly(clinic: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupt(seconds: float) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(preview.time, "sleep", interrupt)
    args = ["preview", "fibro", "--practice", "clinic", "--no-open", "--edition", "full"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0 and result.exception is None
    assert result.output.splitlines()[-1] == "stopped"
    assert "Traceback" not in result.output


def test_timeout_bounds_the_run(clinic: Path) -> None:
    args = ["preview", "fibro", "--practice", "clinic", "--no-open", "--timeout", "0.3",
            "--interval", "0.1", "--edition", "full"]  # fmt: skip
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0 and result.output.splitlines()[-1] == "stopped"


def test_unknown_condition_is_a_usage_error(clinic: Path) -> None:
    result = CliRunner().invoke(main, ["preview", "fibr", "--practice", "clinic", "--no-open"])
    assert result.exit_code == 2
    assert 'unknown condition "fibr". Did you mean "fibromyalgia"?' in result.output
