"""The waiting-room display board: a full-screen window for a second screen.

Results ready for pickup (code and masked name), today's received and returned counts, this
month's on-time rate, and the time. It refreshes itself off the UI thread and turns its pages
when more results wait than fit. Type is sized from the screen's height, so the codes stand
about 1/16 of it (2.5 cm on a 32-inch television), readable from three metres and more.
"""

from __future__ import annotations

import datetime as dt
import html
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import (
    QCloseEvent,
    QFont,
    QGuiApplication,
    QKeyEvent,
    QResizeEvent,
    QTextDocumentFragment,
)
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from desk import board, paths
from desk.board import BoardData
from desk.clock import to_local, utcnow
from desk.context import DeskContext, load_context
from desk.database import open_database
from desk.errors import DomainError
from ui.formats import WEEKDAYS
from ui.workers import TaskRunner

REFRESH_MS = 30_000
PAGE_MS = 10_000
CLOSE_KEYS = (Qt.Key.Key_Escape, Qt.Key.Key_Q)
BACKGROUND, INK, ACCENT, MUTED = "#0b2545", "#ffffff", "#ffd166", "#b8c4d6"


class BoardWindow(QWidget):
    def __init__(self, ctx: DeskContext, now: Callable[[], dt.datetime] = utcnow) -> None:
        super().__init__()
        self.ctx, self.now = ctx, now
        self.setWindowTitle(f"Bảng thông báo — {ctx.commune.name}")
        self.setStyleSheet(f"background:{BACKGROUND}; color:{INK};")
        self.setCursor(Qt.CursorShape.BlankCursor)
        self.tasks = TaskRunner(self)
        self.data: BoardData | None = None
        self.page = 0
        self._build()
        self.refresh_timer = QTimer(self, interval=REFRESH_MS, timeout=self.refresh)
        self.page_timer = QTimer(self, interval=PAGE_MS, timeout=self.next_page)
        self.refresh_timer.start()
        self.page_timer.start()

    # -- building -------------------------------------------------------------------------

    def _build(self) -> None:
        self.unit = _label("", "unit")
        self.clock = _label("", "clock", Qt.AlignmentFlag.AlignRight)
        head = QHBoxLayout()
        head.addWidget(self.unit, 1)
        head.addWidget(self.clock)
        self.title = _label("KẾT QUẢ ĐÃ CÓ — MỜI ÔNG/BÀ ĐẾN NHẬN", "title")
        self.rows = QGridLayout()
        self.rows.setColumnStretch(0, 3)
        self.rows.setColumnStretch(1, 2)
        self.empty = _label("Chưa có kết quả nào chờ trả.", "empty")
        self.page_label = _label("", "page", Qt.AlignmentFlag.AlignRight)
        left = QVBoxLayout()
        left.addWidget(self.title)
        left.addLayout(self.rows)
        left.addWidget(self.empty)
        left.addStretch(1)
        self.received = _figure("Đã tiếp nhận hôm nay")
        self.returned = _figure("Đã trả kết quả hôm nay")
        self.rate = _figure("Đúng hạn tháng này")
        side = QVBoxLayout()
        for caption, number in (self.received, self.returned, self.rate):
            side.addWidget(caption)
            side.addWidget(number)
        side.addStretch(1)
        panel = QFrame()
        panel.setObjectName("panel")
        panel.setLayout(side)
        body = QHBoxLayout()
        body.addLayout(left, 5)
        body.addWidget(panel, 2)
        self.footer = _label("Tra cứu hồ sơ: quét mã QR trên giấy tiếp nhận và hẹn trả kết quả.",
                             "footer")
        foot = QHBoxLayout()
        foot.addWidget(self.footer, 1)
        foot.addWidget(self.page_label)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addLayout(body, 1)
        layout.addLayout(foot)
        self.row_labels: list[tuple[QLabel, QLabel]] = []

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._size_type()
        self.show_data()

    def _size_type(self) -> None:
        unit = max(12, self.height() // 16)  # the code's pixel size: 1/16 of the height
        sizes = {"unit": unit * 0.6, "clock": unit * 0.8, "title": unit * 0.75, "code": unit,
                 "name": unit * 0.9, "empty": unit * 0.8, "page": unit * 0.5,
                 "caption": unit * 0.5, "figure": unit * 1.25, "footer": unit * 0.45}
        for label in self.findChildren(QLabel):
            role = label.property("role")
            if role in sizes:
                font = QFont(label.font())
                font.setPixelSize(int(sizes[role]))
                font.setBold(role in ("code", "title", "figure", "clock"))
                label.setFont(font)
        self.findChild(QFrame, "panel").setStyleSheet(
            f"QFrame#panel {{ border-left: {max(2, unit // 12)}px solid {MUTED}; "
            f"padding-left: {unit // 3}px; }}")

    def rows_per_page(self) -> int:
        return max(1, int(self.height() * 0.68 // max(1, self.height() // 16 * 1.35)))

    # -- data -----------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the figures off the UI thread; the board keeps what it had if that fails."""
        ctx, moment = self.ctx, self.now()
        self.tasks.start(lambda: board.snapshot(ctx, now=lambda: moment), self.show_snapshot,
                         lambda _: None)

    def show_snapshot(self, data: BoardData) -> None:
        self.data = data
        self.show_data()

    def next_page(self) -> None:
        self.page += 1
        self.show_data()

    def show_data(self) -> None:
        local = to_local(self.now())
        self.clock.setText(f"{local:%H:%M}  {WEEKDAYS[local.weekday()]} {local:%d/%m/%Y}")
        data = self.data
        if data is None:
            return
        self.unit.setText(data.unit.upper())
        self.received[1].setText(str(data.received_today))
        self.returned[1].setText(str(data.returned_today))
        self.rate[0].setText(f"Đúng hạn tháng {data.month}")
        self.rate[1].setText("—" if data.on_time_rate is None else
                             f"{data.on_time_rate * 100:.1f} %".replace(".", ","))
        per_page = self.rows_per_page()
        pages = max(1, -(-len(data.ready) // per_page))
        self.page %= pages
        shown = data.ready[self.page * per_page:(self.page + 1) * per_page]
        self._fill_rows([(line.code, line.name) for line in shown])
        self.empty.setVisible(not data.ready)
        self.page_label.setText(f"Trang {self.page + 1}/{pages}" if pages > 1 else "")
        self.layout().activate()  # new texts, new widths: lay out before the next paint

    def _fill_rows(self, lines: list[tuple[str, str]]) -> None:
        while len(self.row_labels) < len(lines):
            row = (_label("", "code"), _label("", "name"))
            self.rows.addWidget(row[0], len(self.row_labels), 0)
            self.rows.addWidget(row[1], len(self.row_labels), 1)
            self.row_labels.append(row)
            self._size_type()
        for index, (code_label, name_label) in enumerate(self.row_labels):
            visible = index < len(lines)
            code_label.setVisible(visible)
            name_label.setVisible(visible)
            if visible:
                code_label.setText(self._code_html(lines[index][0]))
                name_label.setText(lines[index][1])

    def _code_html(self, code: str) -> str:
        """The agency part small and dim, the day and number large: that is what differs from
        one line to the next, and what a citizen finds on the receipt."""
        head, _, tail = code.rpartition("-")
        head, _, day = head.rpartition("-")
        small = max(8, self.height() // 32)
        return (f'<span style="font-size:{small}px; color:{MUTED}; font-weight:normal">'
                f"{html.escape(head)}-</span>{html.escape(day)}-{html.escape(tail)}")

    def texts(self) -> list[str]:
        """Everything the board shows in words (what a test checks for personal data)."""
        return [QTextDocumentFragment.fromHtml(label.text()).toPlainText()
                if label.textFormat() == Qt.TextFormat.RichText else label.text()
                for label in self.findChildren(QLabel) if label.isVisible()]

    # -- showing --------------------------------------------------------------------------

    def show_on_second_screen(self) -> None:
        """Full screen on the second screen when there is one (the waiting room's)."""
        screens = QGuiApplication.screens()
        target = screens[1] if len(screens) > 1 else QGuiApplication.primaryScreen()
        self.setScreen(target)
        self.move(target.geometry().topLeft())
        self.showFullScreen()
        self.refresh()

    def event(self, event: QEvent) -> bool:
        # The counter's window binds Esc (back to the list) for the whole application's active
        # window; a key pressed on the board is the board's own, whichever window Qt thinks
        # is active.
        if (event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent)
                and event.key() in CLOSE_KEYS):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        if event.key() in CLOSE_KEYS:
            self.close()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        self.refresh_timer.stop()
        self.page_timer.stop()
        self.tasks.wait()
        super().closeEvent(event)


def _label(text: str, role: str,
           align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft) -> QLabel:
    label = QLabel(text)
    label.setProperty("role", role)
    label.setAlignment(align | Qt.AlignmentFlag.AlignVCenter)
    label.setTextFormat(Qt.TextFormat.RichText if role == "code" else Qt.TextFormat.PlainText)
    if role in ("code", "name", "unit", "title", "footer"):
        # Long text is cut at the screen's edge rather than widening a full-screen window.
        label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
    if role in ("name", "caption", "page", "footer", "unit"):
        label.setStyleSheet(f"color:{MUTED if role != 'name' else INK};")
    if role in ("figure", "code", "clock"):
        label.setStyleSheet(f"color:{ACCENT if role != 'clock' else INK};")
    return label


def _figure(caption: str) -> tuple[QLabel, QLabel]:
    return _label(caption, "caption"), _label("—", "figure")


def run(data_dir: Path) -> int:
    """``motcua board``: the board alone, on a PC given to the waiting room's screen."""
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("Một Cửa Desk — bảng thông báo")
    try:
        open_database(paths.database_path(data_dir), now=utcnow)
        ctx = load_context(now=utcnow)
    except DomainError as exc:
        QMessageBox.critical(None, "Một Cửa Desk", exc.message)
        return 2
    window = BoardWindow(ctx)
    window.show_on_second_screen()
    return app.exec()
