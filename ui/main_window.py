"""The counter's window: work queues, intake, search and scanner lookup, sync status.

Screens are tabs of one QTabWidget; another screen (statistics) joins with ``add_screen``.
A sync worker pushes its news through ``show_sync_status``; until then a timer reads it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Slot
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTabWidget,
    QToolBar,
    QWidget,
)

from desk import search, settings
from desk.context import DeskContext
from desk.sync import bundle
from desk.sync.status import SyncStatus, sync_status
from ui.board import BoardWindow
from ui.dossier_list import SEARCH_LIMIT, DossierListPanel
from ui.dossier_view import DossierView
from ui.intake_form import IntakeForm
from ui.list_model import DossierRow, row_of
from ui.parked_dialog import ParkedDialog
from ui.printer import PrintService
from ui.settings_dialog import SettingsDialog
from ui.sync_status_bar import SyncStatusLabel
from ui.sync_worker import SyncWorker
from ui.workers import TaskRunner

SYNC_REFRESH_MS = 15_000
STYLE = """
QWidget { font-size: 10.5pt; }
QPushButton#primary { font-weight: bold; padding: 8px 16px; }
QLabel#appointment { font-size: 12pt; padding: 6px 0; }
QLabel#searchCaption { color: #084298; padding: 4px; }
QLineEdit#search { padding: 4px; min-width: 420px; }
"""


class MainWindow(QMainWindow):
    def __init__(self, ctx: DeskContext) -> None:
        super().__init__()
        self.ctx, self.now = ctx, ctx.now
        now = self.now
        self.setWindowTitle(f"Một Cửa Desk — {ctx.commune.name} — {ctx.desk.name}")
        self.setStyleSheet(STYLE)
        self.resize(1280, 720)
        self.tasks = TaskRunner(self)
        self.printing = PrintService(self.tasks, self)
        self.dossiers = DossierListPanel(ctx, now, self.tasks)
        self.intake = IntakeForm(ctx, now)
        self.screens = QTabWidget()
        self.screens.setDocumentMode(True)
        self.screens.addTab(self.dossiers, "Danh sách hồ sơ")
        self.screens.addTab(self.intake, "Tiếp nhận hồ sơ (F2)")
        self.setCentralWidget(self.screens)
        self.search_box = self._build_search()
        self._build_menus()
        self._build_status_bar()
        self.dossier_view: DossierView | None = None
        self.parked_dialog: ParkedDialog | None = None
        self.sync_worker: SyncWorker | None = None
        self.board: BoardWindow | None = None
        self.bundle_offer: QMessageBox | None = None
        self.last_received = ""
        self.dossiers.open_requested.connect(self.open_dossier)
        self.intake.received.connect(self._received)
        self.printing.message.connect(self.say)
        self.tasks.busy_changed.connect(self._busy)
        self.refresh_sync_status()
        self.dossiers.table.setFocus()

    # -- building -------------------------------------------------------------------------

    def _build_search(self) -> QLineEdit:
        box = QLineEdit()
        box.setObjectName("search")
        box.setClearButtonEnabled(True)
        box.setPlaceholderText("Tìm theo họ tên, mã hồ sơ, số CCCD, điện thoại — "
                               "hoặc quét mã vạch (F3)")
        box.returnPressed.connect(self.lookup)
        bar = QToolBar("Tìm kiếm")
        bar.setMovable(False)
        bar.addWidget(QLabel(" Tìm hồ sơ: "))
        bar.addWidget(box)
        self.addToolBar(bar)
        return box

    def _build_menus(self) -> None:
        menu = self.menuBar().addMenu("&Hồ sơ")
        self._action(menu, "Tiếp nhận hồ sơ mới", "F2", self.new_intake)
        self._action(menu, "Tìm hồ sơ", "F3", self.focus_search)
        QShortcut(QKeySequence("Ctrl+F"), self, activated=self.focus_search)
        self._action(menu, "In giấy tiếp nhận", "Ctrl+P", self.print_current)
        self._action(menu, "Làm mới danh sách", "F5", self.refresh)
        menu.addSeparator()
        self._action(menu, "Thoát", "Ctrl+Q", self.close)
        tools = self.menuBar().addMenu("&Công cụ")
        self._action(tools, "Cài đặt…", "Ctrl+,", self.open_settings)
        self._action(tools, "Bản ghi bị giữ lại…", "Ctrl+G", self.open_parked)
        self._action(tools, "Bảng thông báo phòng chờ (màn hình thứ hai)", "", self.open_board)

    def _action(self, menu: QWidget, text: str, keys: str, slot: Callable[[], object]) -> QAction:
        action = QAction(text, self)
        action.setShortcut(QKeySequence(keys))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(slot)
        menu.addAction(action)
        self.addAction(action)
        return action

    def _build_status_bar(self) -> None:
        self.message = QLabel()
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)  # busy: the work has no measurable steps
        self.progress.setMaximumWidth(160)
        self.progress.hide()
        self.sync_label = SyncStatusLabel()
        self.parked_button = QPushButton("Xem bản ghi bị giữ lại (Ctrl+G)")
        self.parked_button.setFlat(True)
        self.parked_button.setStyleSheet("color:#084298; text-decoration:underline;")
        self.parked_button.hide()
        self.parked_button.clicked.connect(self.open_parked)
        bar = self.statusBar()
        bar.addWidget(self.message, 1)
        bar.addPermanentWidget(self.progress)
        bar.addPermanentWidget(self.sync_label)
        bar.addPermanentWidget(self.parked_button)
        self.sync_timer = QTimer(self, interval=SYNC_REFRESH_MS, timeout=self.refresh_sync_status)
        self.sync_timer.start()

    def add_screen(self, widget: QWidget, title: str, keys: str = "") -> int:
        """Add a screen (e.g. statistics) as a tab; ``keys`` switches to it."""
        index = self.screens.addTab(widget, f"{title} ({keys})" if keys else title)
        if keys:
            QShortcut(QKeySequence(keys), self, activated=lambda: self.screens.setCurrentIndex(
                self.screens.indexOf(widget)))
        return index

    # -- sync status ----------------------------------------------------------------------

    @Slot(object)
    def show_sync_status(self, status: SyncStatus) -> None:
        """Where a sync worker reports (connect its signal here); the timer calls it too."""
        self.sync_label.show_status(status)
        self.parked_button.setVisible(status.parked > 0)
        dialog = self.parked_dialog
        if dialog is not None and dialog.isVisible() and status.parked != len(dialog.records):
            dialog.reload()  # a sync parked records again, or sent them

    def refresh_sync_status(self) -> None:
        self.show_sync_status(sync_status(now=self.now))

    def attach_sync(self, worker: SyncWorker) -> None:
        """Let a background sync worker feed the status bar and offer the USB bundle."""
        self.sync_worker = worker
        worker.status_changed.connect(self.show_sync_status)
        worker.push_progress.connect(self._sync_progress)
        worker.failed.connect(lambda text: self.say(text, "error"))
        worker.synced.connect(lambda _result: self.refresh())
        worker.offer_bundle.connect(self.offer_usb_bundle)
        self.intake.received.connect(lambda _code: worker.wake())

    def _sync_progress(self, sent: int, total: int) -> None:
        self.say(f"Đang đồng bộ với máy chủ cấp trên: {sent}/{total} bản ghi…")

    def open_parked(self) -> ParkedDialog:
        """Ctrl+G: the records the server refused, why, and "Gửi lại"."""
        if self.parked_dialog is None:
            self.parked_dialog = ParkedDialog(self)
            self.parked_dialog.requeued.connect(self._requeued)
        self.parked_dialog.reload()
        self.parked_dialog.open()
        return self.parked_dialog

    def _requeued(self, seqs: list[int]) -> None:
        self.refresh_sync_status()
        if self.sync_worker is not None:
            self.sync_worker.wake()
        self.say(f"Đã đưa {len(seqs)} bản ghi bị giữ lại vào hàng chờ gửi.")

    def open_board(self) -> BoardWindow:
        """The waiting-room board, full screen on the second screen (Esc closes it)."""
        if self.board is None:
            self.board = BoardWindow(self.ctx, self.now)
        self.board.show_on_second_screen()
        return self.board

    def offer_usb_bundle(self) -> None:
        """Seven days without a sync: offer to carry the waiting records on a USB stick. The
        worker offers once per stale spell; an offer still open is not opened again, and the
        box does not block (no dialog nested in the event loop of another)."""
        if self.bundle_offer is not None and self.bundle_offer.isVisible():
            return
        box = QMessageBox(QMessageBox.Icon.Question, "Chưa đồng bộ được",
                          "Đã bảy ngày máy chưa đồng bộ được với máy chủ cấp trên.\n"
                          "Xuất gói dữ liệu ra USB để mang lên cấp trên?", parent=self)
        export = box.addButton("Xuất gói dữ liệu", QMessageBox.ButtonRole.AcceptRole)
        box.addButton("Để sau", QMessageBox.ButtonRole.RejectRole)  # Qt has no Vietnamese
        box.buttonClicked.connect(lambda button: button is export and self._choose_bundle())
        self.bundle_offer = box
        box.open()

    def _choose_bundle(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Lưu gói dữ liệu", "motcua.bundle",
                                              "Gói dữ liệu (*.bundle)")
        if path:
            self._export_bundle(Path(path))

    def _export_bundle(self, path: Path) -> None:
        self.tasks.start(lambda: bundle.export(path, now=self.now),
                         lambda result: self.say(f"Đã xuất gói dữ liệu: {path}"),
                         self._error, "Đang xuất gói dữ liệu…")

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        # Nothing may tick after the window is gone: a timer or the sync thread would touch a
        # database that the app (or a test) has already closed.
        self.sync_timer.stop()
        if self.sync_worker is not None:
            self.sync_worker.stop()
        if self.board is not None:
            self.board.close()
        self.tasks.wait()
        super().closeEvent(event)

    # -- actions --------------------------------------------------------------------------

    def new_intake(self) -> None:
        self.screens.setCurrentWidget(self.intake)
        self.intake.picker.setFocus()
        self.intake.picker.line.selectAll()

    def focus_search(self) -> None:
        self.search_box.setFocus()
        self.search_box.selectAll()

    def lookup(self) -> None:
        """A scanned or typed dossier code opens the dossier; anything else searches."""
        text = self.search_box.text().strip()
        if not text:
            return
        found = search.find_by_code(text)
        if found is not None:
            self.search_box.clear()
            self.open_dossier(found.code)
            return
        ctx, now = self.ctx, self.now()
        self.tasks.start(
            lambda: [row_of(d, ctx, now) for d in search.search(text, SEARCH_LIMIT)],
            lambda rows: self._show_results(text, rows), self._error, "Đang tìm…")

    def _show_results(self, text: str, rows: list[DossierRow]) -> None:
        self.screens.setCurrentWidget(self.dossiers)
        self.dossiers.show_search_results(text, rows)
        if not rows:
            self.say(f"Không tìm thấy hồ sơ nào khớp «{text}».", "info")

    def open_dossier(self, code: str) -> DossierView:
        if self.dossier_view is not None:
            self.dossier_view.close()
        view = DossierView(self.ctx, code, self.printing, self.now, self)
        view.changed.connect(lambda _code: self.refresh())
        view.open()
        self.dossier_view = view
        return view

    def print_current(self) -> None:
        """Ctrl+P: the receipt just made on the intake screen, or the selected dossier's."""
        if self.screens.currentWidget() is self.intake:
            if self.last_received:
                self.printing.print_receipt(self.last_received)
            return
        index = self.dossiers.table.currentIndex()
        if self.screens.currentWidget() is self.dossiers and index.isValid():
            self.printing.print_receipt(self.dossiers.model.code_at(index.row()))

    def open_settings(self) -> None:
        dialog = SettingsDialog(self)
        if dialog.exec():
            self.ctx.calendar = settings.working_calendar()
            self.intake.update_appointment()
            self.refresh()

    def refresh(self) -> None:
        self.dossiers.refresh()
        self.refresh_sync_status()

    def _received(self, code: str) -> None:
        self.last_received = code
        self.refresh()
        self.printing.print_receipt(code)

    # -- telling the clerk ----------------------------------------------------------------

    def say(self, text: str, kind: str = "info") -> None:
        self.message.setText(text)
        self.message.setStyleSheet("color:#b02a37;" if kind == "error" else "")

    def _error(self, text: str) -> None:
        self.say(text, "error")

    def _busy(self, busy: bool, label: str) -> None:
        self.progress.setVisible(busy)
        if busy:
            self.say(label)
        elif self.message.text().endswith("…"):
            self.say("")

