"""Bounds on the PDF stage (handouts/pdf/bounds.py): pages, layout time and memory, each
refused with plain words and no PDF. The time and memory limits are tested by making
them tiny, not by waiting a minute or filling a gigabyte."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from handouts.errors import BuildError
from handouts.pdf import bounds
from handouts.pipeline.build import build_handout, load_project

LOOP = """{% extends "builtin/handout.rml.j2" %}
{% block title %}
{{ super() }}
{% for i in range(N) %}<para style="body">A line of a loop.</para>{% endfor %}
{% endblock %}
"""
FIX = "check the practice template's loops and extra sections"


def practice(tmp_path: Path, paragraphs: int) -> Path:
    folder = tmp_path / "practice"
    (folder / "templates").mkdir(parents=True)
    (folder / "practice.yaml").write_text("name: Test Clinic\nphone: 555-0100\n")
    template = LOOP.replace("range(N)", f"range({paragraphs})")
    (folder / "templates" / "handout.rml.j2").write_text(template)
    return folder


def test_hundreds_of_pages_stop_at_page_61(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[int] = []
    original = bounds.LayoutWatch.page_ended

    def spy(self: bounds.LayoutWatch, page: int) -> None:
        seen.append(page)
        original(self, page)

    monkeypatch.setattr(bounds.LayoutWatch, "page_ended", spy)
    project = load_project(practice(tmp_path, 12_000))  # about 480 pages
    with pytest.raises(BuildError) as info:
        build_handout(project, "lupus")
    assert str(info.value) == (
        "lupus.pdf: the handout made more than 60 pages; a handout that long is a "
        f"template mistake: {FIX}"
    )
    assert max(seen) == 61  # stopped while laying out, not after


def test_the_page_limit_is_inclusive(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = load_project()
    pages = build_handout(project, "lupus").pages
    monkeypatch.setattr(bounds, "MAX_PAGES", pages)
    assert build_handout(project, "lupus").pages == pages
    monkeypatch.setattr(bounds, "MAX_PAGES", pages - 1)
    with pytest.raises(BuildError, match=f"made more than {pages - 1} pages;"):
        build_handout(project, "lupus")


def test_the_time_limit_in_the_main_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    assert threading.current_thread() is threading.main_thread()
    monkeypatch.setattr(bounds, "MAX_LAYOUT_SECONDS", 0.002)
    with pytest.raises(BuildError) as info:
        build_handout(load_project(), "lupus")
    assert str(info.value) == (
        "lupus.pdf: laying out the handout took more than 0.002 seconds (a handout takes "
        f"about a second); {FIX}"
    )


def test_the_time_limit_in_another_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bounds, "MAX_LAYOUT_SECONDS", 0.002)
    project = load_project()
    errors: list[BaseException] = []

    def run() -> None:
        try:
            build_handout(project, "lupus")
        except BaseException as exc:  # the thread reports what it raised
            errors.append(exc)

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    assert [str(e) for e in errors] == [
        "lupus.pdf: laying out the handout took more than 0.002 seconds (a handout takes "
        f"about a second); {FIX}"
    ]


def test_the_memory_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    if bounds._resident_now() is None:
        pytest.skip("no memory bound on this system (Windows)")
    monkeypatch.setattr(bounds, "MAX_LAYOUT_MEMORY", -1)  # any page end is over it
    with pytest.raises(BuildError) as info:
        build_handout(load_project(), "lupus")
    assert str(info.value) == (
        "lupus.pdf: laying out the handout needed more than -1 bytes of memory; "
        f"{FIX}, and for very large tables or images"
    )


def test_the_limits() -> None:
    assert (bounds.MAX_PAGES, bounds.MAX_LAYOUT_SECONDS, bounds.MAX_LAYOUT_MEMORY) == (
        60,
        60.0,
        1 << 30,
    )
    assert bounds.memory_message(1 << 30).startswith(
        "laying out the handout needed more than 1 GiB of memory;"
    )
