"""Which RML element a ReportLab failure came from, so its message can name a template line.

ReportLab's errors name its own objects (``<Table@0x7F... 1 rows x 1 cols>``), never the
RML. Inside ``traced()`` three library functions are wrapped, scoped to our own render
calls like pdf/z3cfast.py's shortcuts:

- z3c.rml's ``RMLDirective.processSubDirectives`` (rewritten: the same loop, one child at a
  time) marks every flowable a child directive adds to a flow with the child's RML line
  and tag, and notes the innermost element whose processing raised;
- ReportLab's ``Frame.split`` gives the mark to the pieces a flowable splits into;
- ``Frame.add`` notes the flowable being laid out when something raises, and the last
  one a frame could not take (ReportLab raises "too large on page" after both returned);
  it also refuses a flowable wider than the frame (TooWide), which ReportLab would draw
  past the edge of the page without a word.

The marks are attributes on the flowables; nothing reaches the PDF, which stays byte for
byte the same. The rewrite matches z3c.rml's own loop only in the releases pdf/z3cfast.py
was tested on; on any other release ``traced()`` changes nothing and failures are named
without a line.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

MARK = "_handouts_rml"  # flowable attribute: (RML line, element tag)
_WIDTH_FUZZ = 0.5  # points: rounding in column widths is not "wider than the page"


class TooWide(Exception):
    """A flowable wider than the frame it was placed in (ReportLab draws it off the page)."""

    def __init__(self, width: float, room: float) -> None:
        self.width, self.room = width, room
        super().__init__(f"{width:.0f} points wide in a frame {room:.0f} points wide")


def placed_width(flowable: Any) -> float | None:
    """How wide a placed flowable is drawn: a table's columns, a drawing's width (a
    paragraph takes the frame's width); None when it does not say."""
    for name in ("_width", "drawWidth", "width"):
        value = getattr(flowable, name, None)
        if isinstance(value, (int, float)):
            return float(value)
    return None


@dataclass
class Trace:
    """What was being built or laid out when a render call failed."""

    failed: tuple[int, str] | None = None  # the innermost element whose processing raised
    flowable: Any = None  # the flowable being laid out when something raised
    refused: Any = None  # the last flowable a frame could not take, or split into nothing
    room: tuple[float, float] = (0.0, 0.0)  # width and height of the frame that refused it
    _active: list[Any] = field(default_factory=list)

    def culprit(self, layout_error: bool) -> tuple[int, str, Any]:
        """(RML line, tag, flowable) to blame; line 0 when nothing is known."""
        if self.failed is not None:
            return self.failed[0], self.failed[1], None
        chosen = self.flowable
        if chosen is None and layout_error:
            chosen = self.refused
        line, tag = getattr(chosen, MARK, (0, ""))
        return line, tag, chosen


_current: list[Trace] = []  # the trace of the render call in progress (at most one)
_originals: dict[str, tuple[Any, str, Any]] = {}


def _mark_new(flow: Any, start: int, element: Any) -> None:
    for item in flow[start:]:
        if not hasattr(item, MARK):
            try:
                setattr(item, MARK, (element.sourceline or 0, str(element.tag)))
            except AttributeError:  # a flowable with __slots__: left unmarked
                pass


def _process_sub_directives(self: Any, select: Any = None, ignore: Any = None) -> None:
    """z3c.rml 5.2's RMLDirective.processSubDirectives, marking what each child adds."""
    from lxml import etree
    from z3c.rml import directive

    flow = getattr(self, "flow", None)
    flow = flow if isinstance(flow, list) else None
    for element in self.element.getchildren():
        if isinstance(element, etree._Comment):
            continue
        if element.tag not in self.factories:
            msg = (
                f"Directive {element.tag!r} could not be processed and was ignored. "
                f"{directive.getFileInfo(self, element)}"
            )
            directive.logger.warning(msg)
            if directive.ABORT_ON_INVALID_DIRECTIVE:
                raise ValueError(msg)
            continue
        if select is not None and element.tag not in select:
            continue
        if ignore is not None and element.tag in ignore:
            continue
        start = len(flow) if flow is not None else 0
        try:
            self.factories[element.tag](element, self).process()
        except Exception:
            if _current and _current[-1].failed is None and _current[-1].flowable is None:
                _current[-1].failed = (element.sourceline or 0, str(element.tag))
            raise
        if flow is not None:
            _mark_new(flow, start, element)


def _frame_add(self: Any, flowable: Any, canv: Any, trySplit: int = 0) -> Any:  # noqa: N803
    trace = _current[-1] if _current else None
    try:
        placed = _originals["add"][2](self, flowable, canv, trySplit)
    except Exception:
        if trace is not None and trace.flowable is None and trace.failed is None:
            trace.flowable = flowable
        raise
    if not placed and trace is not None:
        _refused(trace, self, flowable)
    elif placed and trace is not None:
        room = float(self._getAvailableWidth())
        width = placed_width(flowable)
        if width is not None and width > room + _WIDTH_FUZZ:
            trace.flowable = flowable
            raise TooWide(width, room)
    return placed


def _frame_split(self: Any, flowable: Any, canv: Any) -> Any:
    trace = _current[-1] if _current else None
    try:
        parts = _originals["split"][2](self, flowable, canv)
    except Exception:
        if trace is not None and trace.flowable is None and trace.failed is None:
            trace.flowable = flowable
        raise
    mark = getattr(flowable, MARK, None)
    if mark is not None:
        for part in parts:
            if not hasattr(part, MARK):
                try:
                    setattr(part, MARK, mark)
                except AttributeError:
                    pass
    if not parts and trace is not None:
        _refused(trace, self, flowable)
    return parts


def _refused(trace: Trace, frame: Any, flowable: Any) -> None:
    trace.refused = flowable
    height = frame._y2 - frame._topPadding - frame._y1p
    trace.room = (float(frame._getAvailableWidth()), float(height))


def _prepare() -> bool:
    if _originals:
        return True
    from reportlab.platypus.frames import Frame
    from z3c.rml import directive

    from handouts.pdf.z3cfast import supported

    if not supported():
        return False
    for key, owner, name, function in (
        ("process", directive.RMLDirective, "processSubDirectives", _process_sub_directives),
        ("add", Frame, "add", _frame_add),
        ("split", Frame, "split", _frame_split),
    ):
        _originals[key] = (owner, name, getattr(owner, name))
        _originals[f"{key} wrapper"] = (owner, name, function)
    return True


@contextmanager
def traced() -> Iterator[Trace]:
    """The wrappers in place for the block; the Trace says what failed, if anything."""
    trace = Trace()
    if _current or not _prepare():  # nested, or a release the rewrite does not match
        yield trace
        return
    for key in ("process", "add", "split"):
        owner, name, function = _originals[f"{key} wrapper"]
        setattr(owner, name, function)
    _current.append(trace)
    try:
        yield trace
    finally:
        _current.pop()
        for key in ("process", "add", "split"):
            owner, name, original = _originals[key]
            setattr(owner, name, original)
