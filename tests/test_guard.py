"""Guard stage: RML that could run code, read files, fetch URLs or drop a section is refused."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from handouts.errors import TemplateError
from handouts.guard.rml import guard_rml

REQUIRED = {"opioid-warning": ("Opioid warning", "Never take LDN with opioids.")}


def rml(story: str, graphics: str = "") -> str:
    return (
        '<document filename="x.pdf"><template><pageTemplate id="p"><pageGraphics>'
        f'{graphics}</pageGraphics><frame id="f" x1="0" y1="0" width="100" height="100"/>'
        "</pageTemplate></template><story>"
        "<para>Opioid warning</para><para>Never take LDN with <b>opioids</b>.</para>"
        f"{story}</story></document>"
    )


def refused(text: str, roots: tuple[Path, ...] = ()) -> str:
    with pytest.raises(TemplateError) as info:
        guard_rml(text, "practices/x/templates/handout.rml.j2", roots, REQUIRED)
    return str(info.value)


def test_clean_rml_passes(tmp_path: Path) -> None:
    root = guard_rml(rml(""), "t", (tmp_path,), REQUIRED)
    assert root.tag == "document"


def test_plugin_flowable_is_refused() -> None:
    assert refused(rml('<plugInFlowable module="os" function="system" params="x"/>')) == (
        "practices/x/templates/handout.rml.j2 (RML output line 1): <plugInFlowable> is not "
        "allowed: it would run Python code"
    )


def test_plugin_graphic_is_refused() -> None:
    message = refused(rml("", '<plugInGraphic module="os" function="x"/>'))
    assert "<plugInGraphic> is not allowed" in message


def test_image_outside_folder_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir("/etc")
    message = refused(rml("", '<image file="passwd" x="0" y="0"/>'), (tmp_path,))
    assert message == (
        "practices/x/templates/handout.rml.j2 (RML output line 1): <image file=...>: "
        "the file passwd is /etc/passwd, outside the practice folder; the PDF library reads "
        "a relative name from the folder the command runs in, so give a practice file by "
        "its full path (as {{ logo.file }} does)"
    )


def test_symlink_out_of_the_folder_is_refused(tmp_path: Path) -> None:
    practice = tmp_path / "practice"
    practice.mkdir()
    os.symlink("/etc/hostname", practice / "logo.png")
    message = refused(rml("", f'<image file="{practice / "logo.png"}" x="0" y="0"/>'), (practice,))
    assert "is /etc/hostname, outside the practice folder" in message


def test_url_image_is_refused(tmp_path: Path) -> None:
    message = refused(rml("", '<image file="https://example.org/x.png" x="0" y="0"/>'))
    assert message == (
        "practices/x/templates/handout.rml.j2 (RML output line 1): <image file=...>: a URL "
        "(https://example.org/x.png) would be fetched; use a file in the practice folder"
    )


def test_include_pdf_outside_is_refused(tmp_path: Path) -> None:
    message = refused(rml('<includePdfPages filename="/etc/x.pdf"/>'), (tmp_path,))
    assert "<includePdfPages> is not allowed: it copies pages of another PDF" in message


def test_entities_are_refused() -> None:
    text = '<!DOCTYPE d [<!ENTITY e SYSTEM "file:///etc/passwd">]>' + rml("<para>&e;</para>")
    assert refused(text).endswith("DOCTYPE and ENTITY declarations are not allowed in RML")


def test_dropped_required_section_is_refused() -> None:
    text = rml("").replace("<para>Never take LDN with <b>opioids</b>.</para>", "")
    assert refused(text) == (
        "practices/x/templates/handout.rml.j2: the required section 'opioid-warning' is "
        'missing or changed (cannot find: "Never take LDN with opioids."); a practice may '
        "restyle and add to it, never drop it"
    )
