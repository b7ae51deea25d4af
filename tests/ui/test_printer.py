"""Printing PDF bytes: rasterised with pypdfium2 and painted onto a QPrinter."""

import io

import pypdfium2
import pytest
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtTest import QTest
from reportlab.lib.pagesizes import A5
from reportlab.pdfgen import canvas

from desk.errors import DomainError
from ui import printer
from ui.preview import PreviewDialog

pytestmark = pytest.mark.gui


def two_page_pdf() -> bytes:
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A5)
    for title in ("GIAY TIEP NHAN HO SO", "TRANG 2"):
        page.setFont("Helvetica-Bold", 24)
        page.drawString(40, 500, title)
        page.rect(40, 40, 300, 120, fill=1)
        page.showPage()
    page.save()
    return buffer.getvalue()


def dark_share(image) -> float:
    small = image.scaled(60, 85)
    dark = sum(small.pixelColor(x, y).value() < 128 for x in range(60) for y in range(85))
    return dark / (60 * 85)


def test_pages_render_as_greyscale_images_of_the_paper_size(qapp):
    pages = printer.render_pages(two_page_pdf(), 150)
    assert len(pages) == 2
    assert (pages[0].width(), pages[0].height()) == (875, 1241)  # A5 at 150 dpi
    assert printer.page_size_of(pages[0]).id().name == "A5"
    assert 0.05 < dark_share(pages[0]) < 0.5  # the black box, not a blank page


def test_direct_print_paints_every_page_at_the_printer_resolution(qapp, tmp_path):
    target = QPrinter(QPrinter.PrinterMode.HighResolution)
    target.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    target.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert printer.print_pdf(two_page_pdf(), target) == 2
    printed = pypdfium2.PdfDocument(str(tmp_path / "printed.pdf"))
    assert len(printed) == 2
    width, height = printed[0].get_size()
    assert (round(width), round(height)) == (420, 595)
    image = printer.render_pages((tmp_path / "printed.pdf").read_bytes(), 40)[0]
    assert dark_share(image) > 0.05


def show_active(qtbot, dialog):
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)


def test_preview_counts_the_pages_and_stays_sharp_at_every_zoom(qtbot):
    dialog = PreviewDialog("Giấy tiếp nhận", two_page_pdf(), can_print=True)
    qtbot.addWidget(dialog)
    show_active(qtbot, dialog)
    qtbot.waitUntil(lambda: len(dialog.labels) == 2)
    assert dialog.windowTitle() == "Xem trước khi in — Giấy tiếp nhận"
    assert dialog.page_label.text().strip() == "Trang 1/2"
    dialog.set_zoom(1.0)
    pixmap = dialog.labels[0].pixmap()
    # Rendered for the screen's own pixels: an A5 page (420 pt wide) at 100 %, not scaled.
    expected = 420 / 72 * dialog.logicalDpiX() * dialog.devicePixelRatioF()
    assert abs(pixmap.width() - expected) <= 2
    QTest.keyClick(dialog, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert dialog.zoom == 1.25
    assert abs(dialog.labels[0].pixmap().width() - expected * 1.25) <= 2
    dialog.go_page(+1)
    qtbot.waitUntil(lambda: dialog.page_label.text().strip() == "Trang 2/2")


def test_with_no_printer_the_preview_says_so_and_saves_a_pdf(qtbot, monkeypatch, tmp_path):
    dialog = PreviewDialog("Giấy tiếp nhận", two_page_pdf(), can_print=False)
    qtbot.addWidget(dialog)
    show_active(qtbot, dialog)
    assert not dialog.print_button.isEnabled()
    assert dialog.save_button.isDefault()
    assert "chưa có máy in" in dialog.banner.text()
    with qtbot.waitSignal(dialog.save_requested):
        QTest.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)


def test_the_print_service_saves_the_pdf_where_the_clerk_chose(qtbot, monkeypatch, tmp_path):
    from PySide6.QtWidgets import QWidget

    from ui import files
    from ui.workers import TaskRunner

    parent = QWidget()
    qtbot.addWidget(parent)
    service = printer.PrintService(TaskRunner(), parent)
    target = tmp_path / "giay"
    monkeypatch.setattr(files, "save_path", lambda *args: target)
    pdf = two_page_pdf()
    saved = service.save_pdf("Giấy tiếp nhận 000.00.12.H12-261123-0001", pdf)
    assert saved == tmp_path / "giay.pdf" and saved.read_bytes() == pdf
    assert printer.file_name("Giấy tiếp nhận a/b:c") == "Giấy tiếp nhận a-b-c.pdf"


def test_no_printer_means_preview_even_in_direct_mode(monkeypatch):
    monkeypatch.setattr(printer, "printer_names", lambda: [])
    assert not printer.can_print(printer.PrintOptions(direct=True))
    monkeypatch.setattr(printer, "printer_names", lambda: ["HP LaserJet"])
    assert printer.can_print(printer.PrintOptions(direct=True))
    assert not printer.can_print(printer.PrintOptions(printer_name="Canon"))


def test_an_unknown_printer_is_refused_in_vietnamese(qapp):
    with pytest.raises(DomainError, match="Không tìm thấy máy in «Không có»"):
        printer.configured_printer(printer.PrintOptions(printer_name="Không có"))
