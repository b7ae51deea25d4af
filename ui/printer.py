"""Printing PDF bytes from the app: a preview, or straight to the printer, or a PDF file.

Pages are rasterised for the printer (ui.pdf_pages, in grey, at the printer's resolution,
capped so an A4 page stays tens of MB) and painted with QPainter. With no printer on the PC,
the clerk is offered to save the PDF instead of a line in the status bar.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

from PySide6.QtCore import QObject, QRect, Qt, Signal
from PySide6.QtGui import QImage, QPageLayout, QPainter
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo
from PySide6.QtWidgets import QMessageBox, QWidget

from desk import settings
from desk.errors import DomainError
from ui import files
from ui.pdf_pages import page_size_of, render_pages
from ui.preview import PreviewDialog
from ui.workers import TaskRunner

MAX_PRINT_DPI = 600
SLIP_TITLES = {"supplement": "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ",
               "refusal": "Phiếu từ chối giải quyết hồ sơ",
               "apology": "Phiếu xin lỗi và hẹn lại ngày trả kết quả",
               "extension": "Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết",
               "stop": "Thông báo dừng giải quyết hồ sơ",
               "control": "Phiếu kiểm soát quá trình giải quyết hồ sơ"}


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
        if options.printer_name not in printer_names():
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


def printer_names() -> list[str]:
    """The printers the PC knows (one place, so a test can say what is installed)."""
    return list(QPrinterInfo.availablePrinterNames())


def can_print(options: PrintOptions) -> bool:
    names = printer_names()
    return bool(names) and (not options.printer_name or options.printer_name in names)


def file_name(title: str) -> str:
    """The title as a file name Windows accepts, e.g. "Giấy tiếp nhận 000.00.12.H12-….pdf"."""
    return re.sub(r'[\\/:*?"<>|]+', "-", title).strip() + ".pdf"


class PrintService(QObject):
    """Makes the PDF off the UI thread, then previews, prints or saves it; says how it went in
    ``message``."""

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
        title = f"{SLIP_TITLES.get(kind, 'Phiếu')} {code}"
        self.print_document(title, lambda: documents_module().slip_pdf(kind, code))

    def print_document(self, title: str, make_pdf: Callable[[], bytes]) -> None:
        options = PrintOptions.from_settings()
        if options.direct and can_print(options):
            self._print_direct(title, make_pdf, options)
            return
        self.tasks.start(make_pdf, lambda pdf: self._show(title, pdf), self._failed,
                         "Đang chuẩn bị bản xem trước…")

    def _print_direct(self, title: str, make_pdf: Callable[[], bytes],
                      options: PrintOptions) -> None:
        holder: dict[str, bytes] = {}

        def work() -> int:
            holder["pdf"] = make_pdf()
            return print_pdf(holder["pdf"], configured_printer(options))

        def failed(text: str) -> None:
            if "pdf" in holder:  # the PDF was made; the printer let it down
                self.offer_to_save(title, holder["pdf"], text)
            else:
                self._failed(text)

        self.tasks.start(work, lambda pages: self.message.emit(
            f"Đã gửi {title} tới máy in ({pages} trang × {options.copies} bản).", "info"),
            failed, "Đang in…")

    def _show(self, title: str, pdf: bytes) -> None:
        options = PrintOptions.from_settings()
        self.preview = PreviewDialog(title, pdf, can_print(options), self.parent_widget)
        self.preview.print_requested.connect(
            lambda: self._print_direct(title, lambda: pdf, options))
        self.preview.save_requested.connect(lambda: self.save_pdf(title, pdf))
        self.preview.open()

    def offer_to_save(self, title: str, pdf: bytes, reason: str) -> None:
        """The printer failed: say so plainly and offer the PDF instead."""
        box = QMessageBox(QMessageBox.Icon.Warning, "Không in được", reason,
                          parent=self.parent_widget)
        box.setInformativeText(f"Lưu «{title}» thành tệp PDF để in ở máy khác?")
        save = box.addButton("Lưu PDF… (Enter)", QMessageBox.ButtonRole.AcceptRole)
        box.addButton("Đóng (Esc)", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(save)
        box.exec()
        if box.clickedButton() is save:
            self.save_pdf(title, pdf)
        else:
            self.message.emit(reason, "error")

    def save_pdf(self, title: str, pdf: bytes) -> Path | None:
        path = files.save_path(self.parent_widget, "Lưu tệp PDF", file_name(title),
                               "Tệp PDF (*.pdf)")
        if path is None:
            return None
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        try:
            path.write_bytes(pdf)
        except OSError as exc:
            self.message.emit(f"Không ghi được tệp {path}: {exc.strerror}.", "error")
            return None
        self.message.emit(f"Đã lưu {title} vào {path}.", "info")
        return path

    def _failed(self, text: str) -> None:
        self.message.emit(text, "error")
