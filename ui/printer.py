"""Printing PDF bytes from the app: a preview with Vietnamese buttons, or straight to the printer.

PySide6-Essentials has no QtPdf, so pages are rasterised with pypdfium2 (in grey, at the
printer's resolution, capped so an A4 page stays tens of MB) and painted with QPainter. PDFium
is not thread-safe: one lock serialises rendering across the worker threads.
"""

from __future__ import annotations

import importlib
import threading
from collections.abc import Callable
from dataclasses import dataclass
from types import ModuleType

import pypdfium2
from PySide6.QtCore import QObject, QRect, QSizeF, Qt, Signal
from PySide6.QtGui import QImage, QKeySequence, QPageLayout, QPageSize, QPainter, QShortcut
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo, QPrintPreviewWidget
from PySide6.QtWidgets import QDialog, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from desk import settings
from desk.errors import DomainError
from ui.workers import TaskRunner

MAX_PRINT_DPI = 600
PREVIEW_DPI = 150
_PDFIUM = threading.Lock()


@dataclass(frozen=True)
class PrintOptions:
    """The printing settings, read on the UI thread and handed to a worker as plain values."""

    printer_name: str = ""
    copies: int = 1
    paper: str = "a5"
    direct: bool = False

    @classmethod
    def from_settings(cls) -> PrintOptions:
        return cls(
            printer_name=settings.get("printing.printer"),
            copies=int(settings.get("printing.copies")),
            paper=settings.get("printing.paper"),
            direct=bool(settings.get("printing.direct")),
        )


def render_pages(pdf: bytes, dpi: float) -> list[QImage]:
    """Each page as a greyscale image that knows its resolution (and so its paper size)."""
    dots_per_metre = round(dpi / 0.0254)
    images = []
    with _PDFIUM:
        document = pypdfium2.PdfDocument(pdf)
        try:
            for page in document:
                bitmap = page.render(scale=dpi / 72, grayscale=True)
                image = QImage(bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride,
                               QImage.Format.Format_Grayscale8).copy()  # own the pixels
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


def prepare(printer: QPrinter, first_page: QImage | None) -> None:
    """Paper as the PDF's page, no margins: the PDF carries its own."""
    printer.setFullPage(True)
    if first_page is not None:
        printer.setPageSize(page_size_of(first_page))
    printer.setPageOrientation(QPageLayout.Orientation.Portrait)


def paint_pages(printer: QPrinter, pages: list[QImage]) -> None:
    painter = QPainter()
    if not painter.begin(printer):
        raise DomainError("printer_unavailable",
                          "Không mở được máy in. Hãy kiểm tra máy in đã bật và chọn đúng "
                          "máy in trong phần Cài đặt.")
    try:
        for number, image in enumerate(pages):
            if number:
                printer.newPage()
            target = printer.pageLayout().fullRectPixels(printer.resolution())
            size = image.size().scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
            painter.drawImage(QRect(target.topLeft(), size), image)
    finally:
        painter.end()


def configured_printer(options: PrintOptions) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    if options.printer_name:
        if options.printer_name not in QPrinterInfo.availablePrinterNames():
            raise DomainError("unknown_printer",
                              f"Không tìm thấy máy in «{options.printer_name}». "
                              "Hãy chọn lại máy in trong phần Cài đặt.")
        printer.setPrinterName(options.printer_name)
    printer.setCopyCount(max(1, options.copies))
    return printer


def print_pdf(pdf: bytes, printer: QPrinter) -> int:
    """Rasterise at the printer's resolution and print; returns the number of pages."""
    pages = render_pages(pdf, min(printer.resolution(), MAX_PRINT_DPI))
    prepare(printer, pages[0] if pages else None)
    paint_pages(printer, pages)
    return len(pages)


def documents_module() -> ModuleType:
    """desk.documents, imported when first needed (it arrives from another change)."""
    try:
        return importlib.import_module("desk.documents")
    except ModuleNotFoundError as exc:
        if exc.name != "desk.documents":
            raise
        raise DomainError("printing_unavailable",
                          "Phiên bản này chưa có mẫu giấy tờ để in.") from exc


class PreviewDialog(QDialog):
    """The pages as they will print; Enter or Ctrl+P prints, Esc closes."""

    print_requested = Signal()

    def __init__(self, title: str, pages: list[QImage], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Xem trước khi in — {title}")
        self.pages = pages
        self.printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
        prepare(self.printer, pages[0] if pages else None)
        self.view = QPrintPreviewWidget(self.printer)
        self.view.paintRequested.connect(lambda printer: paint_pages(printer, self.pages))
        self.view.setZoomMode(QPrintPreviewWidget.ZoomMode.FitInView)
        print_button = QPushButton("In (Enter)")
        print_button.setDefault(True)
        print_button.clicked.connect(self._print)
        close_button = QPushButton("Đóng (Esc)")
        close_button.clicked.connect(self.reject)
        QShortcut(QKeySequence("Ctrl+P"), self, activated=self._print)
        buttons = QHBoxLayout()
        buttons.addStretch()
        buttons.addWidget(print_button)
        buttons.addWidget(close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view)
        layout.addLayout(buttons)
        self.resize(640, 720)

    def _print(self) -> None:
        self.print_requested.emit()
        self.accept()


class PrintService(QObject):
    """Makes the PDF and prints it off the UI thread; says how it went in ``message``."""

    message = Signal(str, str)  # text, kind: "info" | "error"

    def __init__(self, tasks: TaskRunner, parent_widget: QWidget) -> None:
        super().__init__(parent_widget)
        self.tasks, self.parent_widget = tasks, parent_widget
        self.preview: PreviewDialog | None = None

    def print_receipt(self, code: str) -> None:
        paper = PrintOptions.from_settings().paper
        self.print_document(f"Giấy tiếp nhận {code}",
                            lambda: documents_module().receipt_pdf(code, paper))

    def print_slip(self, kind: str, code: str) -> None:
        self.print_document(f"Phiếu {code}", lambda: documents_module().slip_pdf(kind, code))

    def print_document(self, title: str, make_pdf: Callable[[], bytes]) -> None:
        options = PrintOptions.from_settings()
        if options.direct:
            self._print_direct(title, make_pdf, options)
            return
        self.tasks.start(lambda: _preview_job(make_pdf), lambda result: self._show(title, *result),
                         self._failed, "Đang chuẩn bị bản xem trước…")

    def _print_direct(self, title: str, make_pdf: Callable[[], bytes],
                      options: PrintOptions) -> None:
        self.tasks.start(lambda: print_pdf(make_pdf(), configured_printer(options)),
                         lambda pages: self.message.emit(
                             f"Đã gửi {title} tới máy in ({pages} trang × {options.copies} bản).",
                             "info"),
                         self._failed, "Đang in…")

    def _show(self, title: str, pdf: bytes, pages: list[QImage]) -> None:
        self.preview = PreviewDialog(title, pages, self.parent_widget)
        options = PrintOptions.from_settings()
        self.preview.print_requested.connect(
            lambda: self._print_direct(title, lambda: pdf, options))
        self.preview.open()

    def _failed(self, text: str) -> None:
        self.message.emit(text, "error")


def _preview_job(make_pdf: Callable[[], bytes]) -> tuple[bytes, list[QImage]]:
    pdf = make_pdf()
    return pdf, render_pages(pdf, PREVIEW_DPI)
