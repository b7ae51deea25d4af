"""Print preview: the PDF's pages drawn sharp at the zoom shown, page count, zoom, print, save.

Pages are rendered by PDFium for the pixels on screen (zoom × the screen's dots per inch × its
device pixel ratio), again at every zoom, so text stays crisp instead of a scaled raster.
With no printer on the PC the print button says so and "Lưu PDF" becomes the default.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QKeySequence,
    QPalette,
    QPixmap,
    QResizeEvent,
    QShortcut,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ui.geometry import fit_to_screen
from ui.pdf_pages import page_sizes, render_pages
from ui.widgets import Banner

ZOOMS = (0.5, 0.75, 1.0, 1.25, 1.5, 2.0)
FIT_PAGE, FIT_WIDTH = "page", "width"
NO_PRINTER = ("Máy tính này chưa có máy in nào (hoặc máy in chọn trong Cài đặt không còn). "
              "Bấm «Lưu PDF» để lưu giấy tờ thành tệp PDF rồi in ở máy khác.")
MARGIN = 16


class PreviewDialog(QDialog):
    """Enter prints (or saves, with no printer), Ctrl+S saves, Ctrl+± zooms, Esc closes."""

    print_requested = Signal()
    save_requested = Signal()

    def __init__(self, title: str, pdf: bytes, can_print: bool,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Xem trước khi in — {title}")
        self.pdf, self.can_print = pdf, can_print
        self.sizes = page_sizes(pdf)  # points
        self.zoom: float | str = FIT_PAGE
        self.labels: list[QLabel] = []
        self.banner = Banner()
        self.pages = QWidget()
        self.area = QScrollArea()
        self.area.setWidget(self.pages)  # sized by its pages (adjustSize), not by the viewport
        self.area.setStyleSheet("QLabel { background:white; }")
        palette = self.area.viewport().palette()
        palette.setColor(QPalette.ColorRole.Window, QColor("#6c757d"))
        self.area.viewport().setPalette(palette)
        self.area.viewport().setAutoFillBackground(True)
        self.area.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.area.verticalScrollBar().valueChanged.connect(self._update_page_label)
        self.page_label = QLabel()
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addLayout(self._toolbar())
        layout.addWidget(self.area, 1)
        self._keys()
        if not can_print:
            self.banner.say(NO_PRINTER, "info")
        fit_to_screen(self, 900, 1000, parent)

    def _toolbar(self) -> QHBoxLayout:
        self.print_button = QPushButton("In (Enter)" if self.can_print else "In (chưa có máy in)")
        self.print_button.setEnabled(self.can_print)
        self.print_button.clicked.connect(self._print)
        self.save_button = QPushButton("Lưu PDF… (Ctrl+S)")
        self.save_button.clicked.connect(self.save_requested)
        (self.print_button if self.can_print else self.save_button).setDefault(True)
        self.zoom_box = QComboBox()
        self.zoom_box.addItem("Vừa trang", FIT_PAGE)
        self.zoom_box.addItem("Vừa chiều rộng", FIT_WIDTH)
        for zoom in ZOOMS:
            self.zoom_box.addItem(f"{zoom:.0%}", zoom)
        self.zoom_box.currentIndexChanged.connect(
            lambda _i: self.set_zoom(self.zoom_box.currentData()))
        smaller, larger = QPushButton("−"), QPushButton("+")
        for button in (smaller, larger):
            button.setFixedWidth(36)
        smaller.setToolTip("Thu nhỏ (Ctrl+-)")
        larger.setToolTip("Phóng to (Ctrl++)")
        smaller.clicked.connect(lambda: self.step_zoom(-1))
        larger.clicked.connect(lambda: self.step_zoom(+1))
        close = QPushButton("Đóng (Esc)")
        close.clicked.connect(self.reject)
        row = QHBoxLayout()
        for widget in (self.print_button, self.save_button, QLabel("  Thu phóng:"), smaller,
                       self.zoom_box, larger, self.page_label):
            row.addWidget(widget)
        row.addStretch()
        row.addWidget(close)
        for button in (smaller, larger, close):
            button.setAutoDefault(False)
        return row

    def _keys(self) -> None:
        for keys, slot in (("Ctrl+S", self.save_requested.emit), ("Ctrl+P", self._print),
                           ("Ctrl++", lambda: self.step_zoom(+1)),
                           ("Ctrl+=", lambda: self.step_zoom(+1)),
                           ("Ctrl+-", lambda: self.step_zoom(-1)),
                           ("PgDown", lambda: self.go_page(+1)),
                           ("PgUp", lambda: self.go_page(-1))):
            QShortcut(QKeySequence(keys), self, activated=slot)

    # -- zoom and pages -------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        if not self.labels:
            QTimer.singleShot(0, self.render)  # once the layout has given the pages their room

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        if self.labels and isinstance(self.zoom, str):
            self.render()  # "fit" follows the window

    def scale(self) -> float:
        """Zoom as a factor of the page's real size on this screen."""
        if not isinstance(self.zoom, str):
            return float(self.zoom)
        width, height = self.sizes[0] if self.sizes else (420.0, 595.0)
        dpi = self.logicalDpiX()
        room = self.area.viewport().size()
        fit_width = (room.width() - 2 * MARGIN - 4) / (width / 72 * dpi)
        fit_page = (room.height() - 2 * MARGIN) / (height / 72 * dpi)
        return max(0.2, fit_width if self.zoom == FIT_WIDTH else min(fit_width, fit_page))

    def set_zoom(self, zoom: float | str) -> None:
        self.zoom = zoom
        index = self.zoom_box.findData(zoom)
        if index >= 0 and index != self.zoom_box.currentIndex():
            self.zoom_box.setCurrentIndex(index)
            return  # comes back here through currentIndexChanged
        self.render()

    def step_zoom(self, direction: int) -> None:
        now = self.scale()
        steps = [z for z in ZOOMS if (z > now + 0.01 if direction > 0 else z < now - 0.01)]
        if steps:
            self.set_zoom(steps[0] if direction > 0 else steps[-1])

    def render(self) -> None:
        """Draw every page for the pixels it covers now."""
        ratio = self.devicePixelRatioF()
        dpi = self.logicalDpiX() * self.scale() * ratio
        images = render_pages(self.pdf, dpi, grayscale=False)
        while len(self.labels) < len(images):
            label = QLabel(self.pages)
            label.show()
            self.labels.append(label)
        # Placed by hand, one under the other: sizes are known at once, so page numbers and
        # scrolling agree with what is drawn without waiting for a layout pass.
        pixmaps = [QPixmap.fromImage(image) for image in images]
        sizes = []
        for pixmap in pixmaps:
            pixmap.setDevicePixelRatio(ratio)
            sizes.append(pixmap.deviceIndependentSize().toSize())
        width = max((size.width() for size in sizes), default=0) + 2 * MARGIN
        top = MARGIN
        for label, pixmap, size in zip(self.labels, pixmaps, sizes, strict=False):
            label.setPixmap(pixmap)
            label.setGeometry((width - size.width()) // 2, top, size.width(), size.height())
            top += size.height() + MARGIN
        self.pages.setFixedSize(width, top)
        self._update_page_label()

    def current_page(self) -> int:
        top = self.area.verticalScrollBar().value()
        for number, label in enumerate(self.labels, start=1):
            if label.geometry().bottom() > top + MARGIN:
                return number
        return max(1, len(self.labels))

    def go_page(self, step: int) -> None:
        target = min(max(1, self.current_page() + step), len(self.labels))
        if self.labels:
            self.area.verticalScrollBar().setValue(self.labels[target - 1].y() - MARGIN)

    def _update_page_label(self) -> None:
        self.page_label.setText(f"  Trang {self.current_page()}/{len(self.sizes)}")

    def _print(self) -> None:
        if not self.can_print:
            self.save_requested.emit()
            return
        self.print_requested.emit()
        self.accept()
