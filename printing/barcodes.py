"""The dossier code as a Code 128 barcode and the lookup text as a QR code, both as vectors.

python-barcode does the encoding (start code, code sets, checksum); we draw its module pattern
as one rectangle per bar, so the bars stay sharp at any printer resolution instead of being a
resampled bitmap. The QR is reportlab's own widget, also vector.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import barcode
from barcode.errors import IllegalCharacterError
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

QUIET_MODULES = 10  # Code 128 asks for at least 10 modules of blank space each side
MIN_MODULE = 0.19 * mm  # below this cheap counter scanners stop reading
MAX_MODULE = 0.30 * mm
QR_QUIET_MODULES = 4


@lru_cache(maxsize=64)
def code128_modules(text: str) -> str:
    """The Code 128 module pattern of `text` ("1" = bar), without quiet zones.

    Empty when Code 128 cannot carry the text (empty, or letters outside Latin-1 such as đ):
    the document then prints the code as text only rather than failing.
    """
    if not text:
        return ""
    try:
        return barcode.get("code128", text).build()[0]
    except IllegalCharacterError:
        return ""


def bar_runs(modules: str) -> list[tuple[int, int]]:
    """(start, width) in modules of every bar, so each bar is drawn as one rectangle."""
    return [(m.start(), m.end() - m.start()) for m in re.finditer("1+", modules)]


class Code128(Flowable):
    """A Code 128 barcode with its human-readable text centred underneath.

    The module width shrinks to fit the frame. Below MIN_MODULE cheap scanners give up, but a
    code that long still shrinks to fit rather than spill over the page: the text under the
    bars stays readable. The quiet zones are part of the flowable's width so a neighbouring
    cell cannot crowd the bars.
    """

    def __init__(
        self,
        text: str,
        font_name: str,
        bar_height: float = 9 * mm,
        font_size: float = 8,
        max_module: float = MAX_MODULE,
    ) -> None:
        super().__init__()
        self.text = text
        self.font_name = font_name
        self.font_size = font_size
        self.bar_height = bar_height
        self.max_module = max_module
        self.modules = code128_modules(text)
        self.module = max_module

    def _span(self) -> int:
        return len(self.modules) + 2 * QUIET_MODULES

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        fitted = avail_width / self._span()
        self.module = min(self.max_module, fitted)
        self.width = self._span() * self.module
        self.height = self.bar_height + self.font_size * 1.3
        return self.width, self.height

    def draw(self) -> None:
        bottom = self.font_size * 1.3
        scale = (self.module, self.bar_height)  # bars in module units, one unit tall
        origin = (QUIET_MODULES * self.module, bottom + self.bar_height)  # runs hang down
        self.canv.addLiteral(fill_runs(code128_runs(self.text), scale, origin))
        self.canv.setFont(self.font_name, self.font_size)
        text_width = stringWidth(self.text, self.font_name, self.font_size)
        self.canv.drawString((self.width - text_width) / 2, self.font_size * 0.3, self.text)


@lru_cache(maxsize=64)
def code128_runs(text: str) -> tuple[tuple[int, int, int], ...]:
    """(row 0, start, width) of every bar of `text`, in modules."""
    return tuple((0, start, width) for start, width in bar_runs(code128_modules(text)))


def fill_runs(
    runs: tuple[tuple[int, int, int], ...],
    scale: tuple[float, float],
    origin: tuple[float, float],
) -> str:
    """PDF operators filling each (row, start, width) run as a black rectangle.

    The runs are written in whole modules under one scaling matrix: a few hundred rectangles
    cost microseconds this way, against milliseconds through canvas.rect(), which formats
    every coordinate as a float.
    """
    sx, sy = scale
    x0, y0 = origin
    bars = " ".join(f"{start} {-row - 1} {width} 1 re" for row, start, width in runs)
    return f"q 0 g {sx:.4f} 0 0 {sy:.4f} {x0:.4f} {y0:.4f} cm {bars} f Q"


@dataclass(frozen=True)
class QrMatrix:
    """A QR symbol as `count` x `count` modules; `runs` are (row, start, width) of dark runs."""

    count: int
    runs: tuple[tuple[int, int, int], ...]


@lru_cache(maxsize=64)
def qr_matrix(text: str) -> QrMatrix:
    """Encode `text` with reportlab's QR widget (error correction M).

    We take the widget's encoder but draw the runs ourselves: drawing the widget builds one
    validated shape per run, tens of milliseconds per copy, while plain canvas rectangles cost
    well under one. Cached because both copies of a receipt print the same QR.
    """
    encoder = QrCodeWidget(text, barLevel="M").qr
    encoder.make()
    runs: list[tuple[int, int, int]] = []
    for row, modules in enumerate(encoder.modules):
        pattern = "".join("1" if dark else "0" for dark in modules)
        runs += [(row, start, width) for start, width in bar_runs(pattern)]
    return QrMatrix(len(encoder.modules), tuple(runs))


class QrCode(Flowable):
    """A square QR code of `size` points, its 4-module quiet zone included."""

    def __init__(self, text: str, size: float) -> None:
        super().__init__()
        self.text = text
        self.width = self.height = size

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        matrix = qr_matrix(self.text)
        module = self.width / (matrix.count + 2 * QR_QUIET_MODULES)
        top = self.height - QR_QUIET_MODULES * module  # rows go down from the top edge
        origin = (QR_QUIET_MODULES * module, top)
        self.canv.addLiteral(fill_runs(matrix.runs, (module, module), origin))
