"""Branding in a practice manager's words: a band colour of its own (contrast-checked),
a logo on a white plate or a warning when it would vanish on the band, and a large logo
reduced to 300 ppi at its printed size (and the build saying so)."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pypdf
import pytest
from click.testing import CliRunner
from PIL import Image

from handouts.cli import main
from handouts.errors import ContentError
from handouts.pipeline.build import load_project, render_html, render_rml

RIVERSIDE = Path(__file__).resolve().parent.parent / "practices" / "riverside"


def practice(tmp_path: Path, replace: dict[str, str]) -> Path:
    folder = tmp_path / "clinic"
    shutil.copytree(RIVERSIDE, folder)
    text = (folder / "practice.yaml").read_text()
    for old, new in replace.items():
        assert old in text
        text = text.replace(old, new)
    (folder / "practice.yaml").write_text(text)
    return folder


def wcag(first: str, second: str) -> float:
    """The WCAG 2 contrast ratio, written out again here as the test's own oracle."""

    def lum(c: str) -> float:
        chans = [int(c[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        lin = [x / 12.92 if x <= 0.04045 else ((x + 0.055) / 1.055) ** 2.4 for x in chans]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    a, b = sorted((lum(first), lum(second)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def test_a_light_band_is_refused_with_a_passing_shade(tmp_path: Path) -> None:
    # "Make our band light blue, keep the headings teal."
    folder = practice(tmp_path, {'  accent: "#e0f0ee"': '  accent: "#e0f0ee"\n  band: "#88ccee"'})
    with pytest.raises(ContentError) as caught:
        load_project(folder)
    (problem,) = caught.value.problems
    assert (problem.line, problem.field) == (17, "colours.band")
    # white on #88ccee: luminance 0.2126*0.2462 + 0.7152*0.6038 + 0.0722*0.855 = 0.5459,
    # so (1 + 0.05) / (0.5459 + 0.05) = 1.76:1
    assert problem.message.startswith(
        "the practice name in '#ffffff' (band_text) on the header band '#88ccee' has a "
        "contrast ratio of 1.76:1; it needs at least 4.5:1 (WCAG AA). The nearest band that "
        "passes is '"
    )
    band = problem.message.split("The nearest band that passes is '")[1][:7]
    text = problem.message.split("set band_text to '")[1][:7]
    assert wcag(band, "#ffffff") >= 4.5 and wcag("#88ccee", text) >= 4.5


def test_band_text_alone_is_reported_on_its_own_line(tmp_path: Path) -> None:
    folder = practice(
        tmp_path, {'  accent: "#e0f0ee"': '  accent: "#e0f0ee"\n  band_text: "#777777"'}
    )
    with pytest.raises(ContentError) as caught:
        load_project(folder)
    assert [(p.line, p.field) for p in caught.value.problems] == [(17, "colours.band_text")]


def test_the_band_has_its_own_colour_in_print_and_html(tmp_path: Path) -> None:
    # "A dark grey band with cream letters; headings stay teal."
    folder = practice(
        tmp_path,
        {'  accent: "#e0f0ee"': '  accent: "#e0f0ee"\n  band: "#333333"\n  band_text: "#fff8e7"'},
    )
    project = load_project(folder)
    _, rml, _ = render_rml(project, "multiple-sclerosis")
    header = rml.split("<rect", 1)[0].rsplit("<fill", 1)[1]
    assert 'color="#333333"' in header
    assert '<fill color="#fff8e7"/>' in rml
    assert 'textColor="#0b5d5b"' in rml  # the title and headings keep the primary colour
    html = render_html(project, "multiple-sclerosis")
    assert "--band: #333333;" in html and "--band-text: #fff8e7;" in html


def teal_logo(path: Path, size: int = 200) -> None:
    """A logo in the band's own teal on a transparent background: it vanishes on the band."""
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    for x in range(20, size - 20):
        for y in range(20, size - 20):
            image.putpixel((x, y), (0x0B, 0x5D, 0x5B, 255))
    image.save(path)


def test_a_logo_that_vanishes_on_the_band_is_warned_about(tmp_path: Path) -> None:
    folder = practice(tmp_path, {})
    teal_logo(folder / "logo.png")
    result = CliRunner().invoke(
        main, ["build", "hiv", "--practice", str(folder), "--out", str(tmp_path / "o"), "-j", "1"]
    )
    assert result.exit_code == 0
    assert (
        "warning: logo.png: only 0% of the logo stands out from the header band (#0b5d5b, "
        "3:1 or more), so it will hardly show; put it on a white plate (in practice.yaml, "
        "logo: {file: logo.png, plate: white}), or choose another colours.band"
    ) in result.output


def test_plate_white_puts_the_logo_on_a_white_plate(tmp_path: Path) -> None:
    folder = practice(tmp_path, {"logo: logo.png": "logo: {file: logo.png, plate: white}"})
    teal_logo(folder / "logo.png")
    project = load_project(folder)
    assert project.practice.logo_plate
    _, rml, _ = render_rml(project, "hiv")
    plate = rml.index('<fill color="#ffffff"/>\n      <rect')
    assert plate < rml.index("<image file=")
    assert 'class="plate"' in render_html(project, "hiv")
    result = CliRunner().invoke(
        main, ["build", "hiv", "--practice", str(folder), "--out", str(tmp_path / "o"), "-j", "1"]
    )
    assert result.exit_code == 0 and "warning" not in result.output


def test_a_large_logo_is_reduced_to_300_ppi(tmp_path: Path) -> None:
    folder = practice(tmp_path, {})
    Image.new("RGB", (2000, 2000), (200, 30, 30)).save(folder / "logo.png")
    out = tmp_path / "o"
    args = ["build", "hiv", "--edition", "full", "--practice", str(folder), "--out", str(out)]
    result = CliRunner().invoke(main, [*args, "-j", "1"])
    assert result.exit_code == 0, result.output
    # The logo box is 40 pt high (56 pt band - 2 x 8 pt): 40/72 in x 300 ppi = 166.7 -> 167.
    assert result.output.startswith(
        "logo.png: 2000 x 2000 pixels, printed at 0.56 x 0.56 in, reduced to 167 x 167 pixels "
        "(300 ppi) for print"
    )
    page = pypdf.PdfReader(out / "riverside" / "hiv.pdf").pages[0]
    (image,) = page.images
    assert Image.open(io.BytesIO(image.data)).size == (167, 167)


def test_a_logo_near_print_size_is_used_as_it_is(tmp_path: Path) -> None:
    folder = practice(tmp_path, {})  # Riverside's 200 x 200 logo prints at 360 ppi
    result = CliRunner().invoke(
        main, ["build", "hiv", "--practice", str(folder), "--out", str(tmp_path / "o"), "-j", "1"]
    )
    assert result.output.startswith(
        "logo.png: 200 x 200 pixels, printed at 360 ppi (used as it is)"
    )
