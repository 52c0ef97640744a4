"""Pieces of the hand-written Platypus reference (reference_platypus.py): fonts registered
once, dates, bookmarks and the "Page X of Y" numbered canvas."""

from __future__ import annotations

import datetime as dt
from typing import Any

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from handouts.pdf import fonts

_FACES = ("regular", "bold", "italic", "bolditalic")
_registered: dict[str, fonts.FontSet] = {}


def register_fonts(key: str) -> fonts.FontSet:
    """Parse and register the bundled family once per process (as any Platypus script)."""
    if key not in _registered:
        names = fonts.font_names(key)
        for face in _FACES:
            pdfmetrics.registerFont(TTFont(getattr(names, face), str(fonts.font_file(key, face))))
        addMapping(names.regular, 0, 0, names.regular)
        addMapping(names.regular, 1, 0, names.bold)
        addMapping(names.regular, 0, 1, names.italic)
        addMapping(names.regular, 1, 1, names.bolditalic)
        _registered[key] = names
    return _registered[key]


def long_date(value: dt.date) -> str:
    return f"{value.day} {value:%B %Y}"


class Bookmark(Flowable):  # type: ignore[misc]
    """A zero-size flowable that adds a PDF outline entry where it lands."""

    def __init__(self, key: str, title: str) -> None:
        super().__init__()
        self.key, self.title = key, title

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.canv.bookmarkPage(self.key)
        self.canv.addOutlineEntry(self.title, self.key, level=0)


def numbered_canvas(footer: dict[str, Any]) -> type[Canvas]:
    """The "numbered canvas" recipe: keep each page, write "Page X of Y" on save."""

    class NumberedCanvas(Canvas):  # type: ignore[misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            kwargs["initialFontName"] = footer["font"]
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for number, state in enumerate(self._pages, 1):
                self.__dict__.update(state)
                self.setFont(footer["font"], footer["size"])
                self.setFillColor(footer["colour"])
                self.drawString(footer["x"], footer["y"], f"{footer['page']} {number} "
                                f"{footer['of']} {total}")  # fmt: skip
                Canvas.showPage(self)
            Canvas.save(self)

    return NumberedCanvas
