"""A PDF's pages as Qt images, through PDFium (PySide6-Essentials has no QtPdf).

PDFium is not thread-safe: one lock serialises rendering across the worker threads and the
preview on the UI thread.
"""

from __future__ import annotations

import threading

import pypdfium2
from PySide6.QtCore import QSizeF
from PySide6.QtGui import QImage, QPageSize

_PDFIUM = threading.Lock()


def page_sizes(pdf: bytes) -> list[tuple[float, float]]:
    """Each page's width and height in points."""
    with _PDFIUM:
        document = pypdfium2.PdfDocument(pdf)
        try:
            return [tuple(page.get_size()) for page in document]  # type: ignore[misc]
        finally:
            document.close()


def render_pages(pdf: bytes, dpi: float, grayscale: bool = True) -> list[QImage]:
    """Each page as an image that knows its resolution (and so its paper size)."""
    dots_per_metre = round(dpi / 0.0254)
    images = []
    with _PDFIUM:
        document = pypdfium2.PdfDocument(pdf)
        try:
            for page in document:
                bitmap = page.render(scale=dpi / 72, grayscale=grayscale,
                                     rev_byteorder=not grayscale)
                fmt = (QImage.Format.Format_Grayscale8 if grayscale
                       else QImage.Format.Format_RGB888)
                image = QImage(bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride,
                               fmt).copy()  # own the pixels
                image.setDotsPerMeterX(dots_per_metre)
                image.setDotsPerMeterY(dots_per_metre)
                images.append(image)
                bitmap.close()
                page.close()
        finally:
            document.close()
    return images


def page_size_of(image: QImage) -> QPageSize:
    dpi = image.dotsPerMeterX() * 0.0254
    size = QSizeF(image.width() / dpi * 72, image.height() / dpi * 72)
    return QPageSize(size, QPageSize.Unit.Point, "", QPageSize.SizeMatchPolicy.FuzzyMatch)
