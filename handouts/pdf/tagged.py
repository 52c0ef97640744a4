"""Tagged PDF stage: the HTML edition printed by WeasyPrint as PDF/UA-1.

ReportLab cannot write a structure tree, so the accessible PDF a clinic posts online is
the checked HTML edition (same words, same headings) laid out by WeasyPrint with
``pdf_variant="pdf/ua-1"``. The page, margins and fonts come from a print stylesheet made
here, not from the HTML: the HTML edition stays self-contained (it may not load files),
while this stylesheet points ``@font-face`` at the packaged font files, so the tagged PDF
is set in the same typeface as the print edition. WeasyPrint may fetch those font files
and ``data:`` URIs, nothing else.
"""

from __future__ import annotations

from typing import Any

from handouts.errors import HandoutsError
from handouts.pdf import fonts

# What Debian and Ubuntu call the libraries WeasyPrint loads at import (Pango, HarfBuzz).
INSTALL_HINT = (
    "the accessible PDF needs WeasyPrint and its system libraries (Pango, HarfBuzz): "
    "run `pip install weasyprint`, and on Debian or Ubuntu "
    "`apt-get install libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0` "
    "(macOS: `brew install pango`)"
)
PAGE_SIZES = {"letter": "letter", "a4": "A4"}
_FACES = {"regular": (400, "normal"), "bold": (700, "normal"), "italic": (400, "italic"),
          "bolditalic": (700, "italic")}  # fmt: skip


class TaggedPdfError(HandoutsError):
    """The tagged PDF cannot be made, or came out without the structure it must have."""


def print_stylesheet(font_key: str, page_size: str, large_print: bool) -> str:
    """The CSS WeasyPrint prints the HTML edition with: page, margins and font files."""
    # A practice's own font goes by its ReportLab name: a file name is no CSS family.
    custom = fonts.is_practice_font(font_key)
    family = fonts.font_names(font_key).regular if custom else fonts.FONT_FAMILIES[font_key]
    faces = [
        f'@font-face {{ font-family: "{family}"; '
        f'src: url("{fonts.font_file(font_key, style).as_uri()}"); '
        f"font-weight: {weight}; font-style: {slant}; }}"
        for style, (weight, slant) in _FACES.items()
    ]
    size = PAGE_SIZES.get(page_size, "letter")
    body = "16pt" if large_print else "12pt"
    return "\n".join(
        [
            *faces,
            # No "Page X of Y" in the margin: WeasyPrint 70 tags margin-box text as
            # content, not as an artifact, so it would break sentences across pages.
            f"@page {{ size: {size}; margin: 0.7in 0.75in 0.8in; }}",
            f'body {{ font-family: "{family}", sans-serif; font-size: {body}; line-height: 1.4; }}',
            # Tighter than on screen, still inside the 1.2-1.5 line spacing of standards.md.
            "p, li { margin-bottom: 0.45em; } h2 { margin: 1.2em 0 0.4em; }",
            "h3 { margin: 0.9em 0 0.3em; }",
            "h1, h2, h3, .lead-in { break-after: avoid; }",
            ".warning, .key-points, table, li, .contacts { break-inside: avoid; }",
            # WeasyPrint 70 splits a caption from its table across a page break into two
            # Table elements, the first holding only the Caption: keep them together.
            "caption { break-after: avoid; }",
        ]
    )


def _weasyprint() -> Any:
    """The weasyprint module, or a TaggedPdfError saying what to install."""
    try:
        import weasyprint
    except (ImportError, OSError) as exc:  # OSError: a shared library is missing
        raise TaggedPdfError(f"{INSTALL_HINT} ({exc})") from exc
    return weasyprint


def _fetcher(weasyprint: Any, allowed: frozenset[str]) -> Any:
    """A URL fetcher that serves the font files and data: URIs and refuses the rest."""

    class FontsOnly(weasyprint.urls.URLFetcher):  # type: ignore[misc]
        def fetch(self, url: str, headers: Any = None) -> Any:
            if url in allowed or url.startswith("data:"):
                return super().fetch(url, headers)
            raise ValueError(f"the tagged PDF loads nothing from elsewhere: {url[:60]}")

    return FontsOnly()


def tagged_pdf(
    html: str,
    font_key: str,
    page_size: str,
    large_print: bool = False,
) -> bytes:
    """PDF/UA-1 bytes of one checked HTML page (in memory: nothing is written here)."""
    weasyprint = _weasyprint()
    allowed = frozenset(fonts.font_file(font_key, s).as_uri() for s in _FACES)
    fetcher = _fetcher(weasyprint, allowed)
    # @font-face rules only take effect through a FontConfiguration given to both calls.
    font_config = weasyprint.text.fonts.FontConfiguration()
    css = weasyprint.CSS(
        string=print_stylesheet(font_key, page_size, large_print),
        url_fetcher=fetcher,
        font_config=font_config,
    )
    document = weasyprint.HTML(string=html, url_fetcher=fetcher)
    try:
        data = document.write_pdf(
            pdf_variant="pdf/ua-1", stylesheets=[css], font_config=font_config
        )
    except Exception as exc:  # WeasyPrint raises many kinds; none may become a traceback
        raise TaggedPdfError(f"WeasyPrint could not print the page: {exc}") from exc
    if not isinstance(data, bytes):  # pragma: no cover - write_pdf() without a target
        raise TaggedPdfError("WeasyPrint returned no PDF")
    return data
