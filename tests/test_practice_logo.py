"""The logo: a real PNG or JPEG inside the practice folder, scaled to fit the header band."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PIL import Image

from handouts.model import Practice
from handouts.render.layout import page_layout
from handouts.validate.logo import LogoError, logo_box, resolve_logo


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    practice = tmp_path / "clinic"
    practice.mkdir()
    return practice


def refused(value: str, folder: Path) -> str:
    with pytest.raises(LogoError) as info:
        resolve_logo(value, folder)
    return str(info.value)


def test_png_and_jpeg_are_accepted(folder: Path) -> None:
    Image.new("RGB", (300, 100), "teal").save(folder / "logo.png")
    Image.new("RGB", (120, 120), "navy").save(folder / "logo.jpg", quality=80)
    assert resolve_logo("logo.png", folder) == (folder / "logo.png").resolve()
    assert resolve_logo("./logo.jpg", folder) == (folder / "logo.jpg").resolve()


def test_missing_logo(folder: Path) -> None:
    assert refused("logo.png", folder) == (
        f"'logo.png' not found in the practice folder ({folder})"
    )


def test_parent_folder_path_is_refused(folder: Path) -> None:
    Image.new("RGB", (10, 10)).save(folder.parent / "outside.png")
    assert refused("../outside.png", folder) == (
        f"'../outside.png' is outside the practice folder ({folder}); copy the image into it"
    )
    assert refused(str(folder.parent / "outside.png"), folder).endswith(
        f"is outside the practice folder ({folder}); copy the image into it"
    )


def test_symlink_out_of_the_folder_is_refused(folder: Path) -> None:
    Image.new("RGB", (10, 10)).save(folder.parent / "outside.png")
    os.symlink(folder.parent / "outside.png", folder / "logo.png")
    assert refused("logo.png", folder) == (
        f"'logo.png' is outside the practice folder ({folder}); copy the image into it"
    )


def test_url_is_refused(folder: Path) -> None:
    assert refused("https://example.org/logo.png", folder) == (
        "'https://example.org/logo.png' is a URL; handouts never fetch files: save the "
        "image in the practice folder and give its file name"
    )


def test_empty_file_is_refused(folder: Path) -> None:
    (folder / "logo.png").write_bytes(b"")
    assert refused("logo.png", folder) == (
        "'logo.png' is empty (0 bytes); export the logo again as PNG or JPEG"
    )


def test_text_named_png_is_refused(folder: Path) -> None:
    (folder / "logo.png").write_text("<svg>not a png</svg>")
    assert refused("logo.png", folder) == (
        "'logo.png' is not a PNG or JPEG image (the file holds text); "
        "export the logo as PNG or JPEG"
    )


def test_gif_is_refused(folder: Path) -> None:
    Image.new("P", (10, 10)).save(folder / "logo.gif")
    assert refused("logo.gif", folder) == (
        "'logo.gif' is not a PNG or JPEG image (it is a GIF image); export the logo as PNG or JPEG"
    )


def test_truncated_png_is_refused(folder: Path) -> None:
    Image.effect_noise((200, 200), 64).convert("RGB").save(folder / "full.png")
    data = (folder / "full.png").read_bytes()
    (folder / "logo.png").write_bytes(data[: len(data) // 2])
    message = refused("logo.png", folder)
    assert message.startswith("'logo.png' starts like a PNG image but cannot be read (")
    assert message.endswith("); export the logo again")


def test_huge_image_is_refused(folder: Path) -> None:
    Image.new("1", (6000, 5000)).save(folder / "logo.png")
    assert refused("logo.png", folder) == (
        "'logo.png' is 6000 x 5000 pixels (30.0 megapixels); the limit is 25 megapixels: "
        "save a smaller image"
    )


def test_logo_box_fits_the_header_band_and_keeps_the_aspect_ratio(folder: Path) -> None:
    Image.new("RGB", (400, 100), "teal").save(folder / "wide.png")
    Image.new("RGB", (200, 200), "teal").save(folder / "square.png")
    layout = page_layout(Practice())
    wide = logo_box(resolve_logo("wide.png", folder), layout)
    square = logo_box(resolve_logo("square.png", folder), layout)
    band = layout["header_height"] - 16  # 8 pt clear above and below
    assert wide == {"file": str((folder / "wide.png").resolve()), "width": 160.0, "height": 40.0}
    assert square["width"] == square["height"] == band
    large = logo_box(resolve_logo("square.png", folder), page_layout(Practice(large_print=True)))
    assert large["height"] == 64 - 16


def test_a_16_bit_greyscale_png_is_refused(folder: Path) -> None:
    """ReportLab draws a 16-bit greyscale PNG as plain white: refused, with the fix."""
    Image.new("I;16", (60, 30), 5000).save(folder / "logo.png")
    header = (folder / "logo.png").read_bytes()[:26]
    assert (header[24], header[25]) == (16, 0)  # IHDR: bit depth 16, greyscale
    assert refused("logo.png", folder) == (
        "'logo.png' is a 16-bit greyscale image, which would print as plain white; "
        "save it as an 8-bit PNG (or a JPEG) and try again"
    )
    Image.new("L", (60, 30), 20).save(folder / "logo8.png")
    assert resolve_logo("logo8.png", folder) == (folder / "logo8.png").resolve()
