"""Turning a story of flowables into PDF bytes: pages held back for overlays (page numbers,
the name of each copy), copies emitted from one layout, deterministic output.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from printing.layout import Geometry
from printing.vntext import clean


@dataclass(frozen=True)
class Slot:
    """A place a flowable kept free on a page, in page coordinates, for an overlay to fill."""

    x: float
    y: float
    width: float


@dataclass(frozen=True)
class PageInfo:
    """Where a page stands: overall, and within its copy (liên) of the document."""

    number: int
    total: int
    copy: str
    copy_number: int
    copy_total: int
    slots: tuple[Slot, ...] = ()


Overlay = Callable[[Canvas, PageInfo], None]


class PagedCanvas(Canvas):
    """A canvas that holds its pages back until save(), then emits them once per copy.

    Holding pages back lets an overlay write "Trang 2/3". Emitting the same laid-out pages
    for every copy (with the overlay writing "Liên 1", "Liên 2" into the reserved slots)
    halves the work of a two-copy receipt compared with laying the copy out twice.
    """

    def __init__(
        self,
        *args: Any,
        overlay: Overlay | None = None,
        copies: Sequence[str] = ("",),
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.overlay = overlay
        self.copies = tuple(copies)
        self.held: list[dict[str, Any]] = []
        self.slots: list[tuple[int, Slot]] = []

    def showPage(self) -> None:  # noqa: N802 - reportlab's name
        self.held.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        per_copy = len(self.held)
        total = per_copy * len(self.copies)
        number = 0
        for copy in self.copies:
            for index, state in enumerate(self.held):
                number += 1
                self.__dict__.update(state)
                self._code = list(state["_code"])  # each copy gets its own overlay
                slots = tuple(slot for page, slot in self.slots if page == index)
                info = PageInfo(number, total, copy, index + 1, per_copy, slots)
                if self.overlay is not None:
                    self.overlay(self, info)
                Canvas.showPage(self)
        Canvas.save(self)


class SlotMark(Flowable):
    """Keeps one line of `height` free and tells the canvas where, for the overlay."""

    def __init__(self, height: float) -> None:
        super().__init__()
        self.height = height

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        return avail_width, self.height

    def draw(self) -> None:
        canvas = self.canv
        x, y = canvas.absolutePosition(0, 0)
        canvas.slots.append((len(canvas.held), Slot(x, y, self.width)))


@dataclass(frozen=True)
class Metadata:
    """What the PDF says about itself in its document properties."""

    title: str
    subject: str = ""
    author: str = ""


def build_pdf(
    story: Iterable[Flowable],
    geo: Geometry,
    meta: Metadata,
    overlay: Overlay | None = None,
    copies: Sequence[str] = ("",),
) -> bytes:
    """Lay `story` out on `geo`'s pages, once per copy, and return the PDF."""
    return build_counted(story, geo, meta, overlay, copies)[0]


def build_counted(
    story: Iterable[Flowable],
    geo: Geometry,
    meta: Metadata,
    overlay: Overlay | None = None,
    copies: Sequence[str] = ("",),
) -> tuple[bytes, int]:
    """The PDF and how many pages one copy took.

    Same input, same bytes: invariant=1 fixes the creation date and document id that
    reportlab would otherwise take from the clock.
    """
    buffer = io.BytesIO()
    document = BaseDocTemplate(
        buffer,
        pagesize=geo.pagesize,
        topMargin=geo.top,
        bottomMargin=geo.bottom,
        leftMargin=geo.left,
        rightMargin=geo.right,
        title=clean(meta.title),
        subject=clean(meta.subject),
        author=clean(meta.author),
        creator="Một Cửa Desk",
        invariant=1,
    )
    # No frame padding: geo.width is then exactly the width tables are sized to.
    height = geo.pagesize[1] - geo.top - geo.bottom
    frame = Frame(geo.left, geo.bottom, geo.width, height, 0, 0, 0, 0, id="body")
    document.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    canvases: list[PagedCanvas] = []

    def maker(*args: Any, **kwargs: Any) -> PagedCanvas:
        canvas = PagedCanvas(*args, overlay=overlay, copies=copies, **kwargs)
        canvases.append(canvas)
        return canvas

    document.build(list(story), canvasmaker=maker)
    return buffer.getvalue(), len(canvases[-1].held)


def centred_footer(canvas: Canvas, text: str, font: str, geo: Geometry) -> None:
    """Draw one line of small text centred in the bottom margin."""
    canvas.saveState()
    canvas.setFont(font, 7.5)
    canvas.drawCentredString(geo.pagesize[0] / 2, geo.bottom * 0.4, text)
    canvas.restoreState()


def form_footer(canvas: Canvas, caption: str, pages: str, font: str, geo: Geometry) -> None:
    """The form's number and circular at the foot of every page ("Mẫu số 01 - Thông tư
    03/2025/TT-VPCP"), with `pages` ("Trang 1/2") after it when there is more than one."""
    centred_footer(canvas, " - ".join(p for p in (caption, pages) if p), font, geo)
