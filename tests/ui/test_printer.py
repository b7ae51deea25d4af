"""Printing PDF bytes: rasterised with pypdfium2 and painted onto a QPrinter."""

import io

import pypdfium2
import pytest
from PySide6.QtPrintSupport import QPrinter
from reportlab.lib.pagesizes import A5
from reportlab.pdfgen import canvas

from desk.errors import DomainError
from ui import printer

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


def test_preview_dialog_shows_the_pages_with_vietnamese_buttons(qtbot):
    pages = printer.render_pages(two_page_pdf(), 100)
    dialog = printer.PreviewDialog("Giấy tiếp nhận", pages)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.view.pageCount() == 2
    assert dialog.windowTitle() == "Xem trước khi in — Giấy tiếp nhận"


def test_an_unknown_printer_is_refused_in_vietnamese(qapp):
    with pytest.raises(DomainError, match="Không tìm thấy máy in «Không có»"):
        printer.configured_printer(printer.PrintOptions(printer_name="Không có"))
