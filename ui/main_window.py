"""The counter's window: work queues, intake, search and scanner lookup, sync status.

Screens are tabs of one QTabWidget; another screen (statistics) joins with ``add_screen``.
A sync worker pushes its news through ``show_sync_status``; until then a timer reads it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

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

from desk import backups, search, settings
from desk.accounts import Actor
from desk.context import DeskContext
from desk.errors import DomainError
from desk.sync import bundle
from desk.sync.status import SyncStatus, sync_status
from models import db
from ui.board import BoardWindow
from ui.dossier_list import SEARCH_LIMIT, DossierListPanel
from ui.dossier_view import DossierView
from ui.intake_form import IntakeForm
from ui.list_model import DossierRow, row_of
from ui.parked_dialog import ParkedDialog
from ui.permissions import Gate
from ui.printer import PrintService
from ui.settings_dialog import SettingsDialog
from ui.sync_status_bar import SyncStatusLabel
from ui.sync_worker import SyncWorker
from ui.workers import TaskRunner

log = logging.getLogger(__name__)
SYNC_REFRESH_MS = 15_000
STYLE = """
QWidget { font-size: 10.5pt; }
QPushButton#primary { font-weight: bold; padding: 8px 16px; }
QLabel#appointment { font-size: 12pt; padding: 6px 0; }
QLabel#searchCaption { color: #084298; padding: 4px; }
QLineEdit#search { padding: 4px; min-width: 420px; }
"""


class MainWindow(QMainWindow):
    def __init__(self, ctx: DeskContext, actor: Actor | None = None) -> None:
        super().__init__()
        self.ctx, self.now = ctx, ctx.now
        now = self.now
        self.actor = actor  # the signed-in account; None before the desk has any
        self.gate = Gate()  # what the account's role may see (ui.permissions)
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
        self.signin: Any = None  # ui.signin.SignIn, attached by ui.app
        self.board: BoardWindow | None = None
        self.last_received = ""
        self.dossiers.open_requested.connect(self.open_dossier)
        self.intake.received.connect(self._received)
        self.printing.message.connect(self.say)
        self.tasks.busy_changed.connect(self._busy)
        self.refresh_sync_status()
        self.set_actor(actor)
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
        settings_action = self._action(tools, "Cài đặt…", "Ctrl+,", self.open_settings)
        self.gate.add(settings_action, "settings")
        self._action(tools, "Bản ghi bị giữ lại…", "Ctrl+G", self.open_parked)
        backup_action = self._action(tools, "Sao lưu dữ liệu ngay", "", self.back_up_now)
        self.gate.add(backup_action, "backup")
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
        self.backup_label = QLabel()
        self.backup_label.setStyleSheet("color:#b02a37; font-weight:bold;")
        self.parked_button = QPushButton("Xem bản ghi bị giữ lại (Ctrl+G)")
        self.parked_button.setFlat(True)
        self.parked_button.setStyleSheet("color:#084298; text-decoration:underline;")
        self.parked_button.hide()
        self.parked_button.clicked.connect(self.open_parked)
        bar = self.statusBar()
        bar.addWidget(self.message, 1)
        bar.addPermanentWidget(self.progress)
        bar.addPermanentWidget(self.backup_label)
        bar.addPermanentWidget(self.sync_label)
        bar.addPermanentWidget(self.parked_button)
        self.sync_timer = QTimer(self, interval=SYNC_REFRESH_MS, timeout=self.refresh_sync_status)
        self.sync_timer.start()

    def add_screen(self, widget: QWidget, title: str, keys: str = "",
                   permission: str = "dossiers") -> int:
        """Add a screen (e.g. statistics) as a tab; ``keys`` switches to it, for the roles
        that ``permission`` allows."""
        index = self.screens.addTab(widget, f"{title} ({keys})" if keys else title)
        self.gate.add_tab(self.screens, widget, permission)
        if keys:
            QShortcut(QKeySequence(keys), self, activated=lambda: self.gate.allows(permission)
                      and self.screens.setCurrentIndex(self.screens.indexOf(widget)))
        return index

    # -- the signed-in account --------------------------------------------------------------

    def set_actor(self, actor: Actor | None) -> None:
        """A login, an unlock by someone else, "Đổi người dùng": the window follows."""
        self.actor = actor
        self.gate.apply(actor)
        for screen in (self.intake, *(self.screens.widget(i) for i in range(self.screens.count()))):
            if hasattr(screen, "signed_in"):
                screen.signed_in = actor
        who = f" — {actor.name} ({actor.role_label.lower()})" if actor else ""
        self.setWindowTitle(f"Một Cửa Desk — {self.ctx.commune.name} — {self.ctx.desk.name}{who}")
        if not self.screens.isTabVisible(self.screens.currentIndex()):
            self.screens.setCurrentWidget(self.dossiers)

    # -- backups ----------------------------------------------------------------------------

    @property
    def data_dir(self) -> Path:
        return Path(db.obj.database).parent

    def refresh_backup_status(self) -> None:
        status = backups.status(self.data_dir, now=self.now)
        self.backup_label.setText(f"⚠ {status.warning}" if status.warning else "")
        self.backup_label.setToolTip(status.explanation)
        self.backup_label.setVisible(bool(status.warning))

    def back_up(self, reason: str) -> None:
        """In the background (the clerk keeps working); the status bar tells how it went."""
        by = self.actor.login if self.actor else ""
        self.tasks.start(
            lambda: backups.take(db.obj, self.data_dir, by=by, now=self.now, reason=reason),
            lambda made: (self.say(f"Đã sao lưu dữ liệu: {made.path}"),
                          self.refresh_backup_status()),
            lambda text: (self._error(text), self.refresh_backup_status()),
            "Đang sao lưu dữ liệu…")

    def back_up_now(self) -> None:
        self.back_up("manual")

    def back_up_if_due(self) -> None:
        """The first start of the day takes a backup."""
        if backups.due(now=self.now):
            self.back_up("daily")

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
        self.refresh_backup_status()

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
        """Seven days without a sync: offer to carry the waiting records on a USB stick."""
        box = QMessageBox(QMessageBox.Icon.Question, "Chưa đồng bộ được",
                          "Đã bảy ngày máy chưa đồng bộ được với máy chủ cấp trên.\n"
                          "Xuất gói dữ liệu ra USB để mang lên cấp trên?", parent=self)
        export = box.addButton("Xuất gói dữ liệu", QMessageBox.ButtonRole.AcceptRole)
        box.addButton("Để sau", QMessageBox.ButtonRole.RejectRole)  # Qt has no Vietnamese
        box.exec()
        if box.clickedButton() is not export:
            return
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
        if self.signin is not None:
            self.signin.stop()
        if self.sync_worker is not None:
            self.sync_worker.stop()
        if self.board is not None:
            self.board.close()
        self.tasks.wait()
        if self.back_up_on_close:
            self._closing_backup()
        super().closeEvent(event)

    back_up_on_close = True

    def _closing_backup(self) -> None:
        """The window closes: one more backup, so the day's work is never only in one file."""
        if db.obj is None or db.obj.is_closed() and not Path(db.obj.database).exists():
            return
        try:
            backups.take(db.obj, self.data_dir, by=self.actor.login if self.actor else "",
                         now=self.now, reason="close")
        except DomainError as exc:
            log.warning("backup on close failed: %s", exc.code)

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
        view = DossierView(self.ctx, code, self.printing, self.now, self, actor=self.actor)
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
        dialog = SettingsDialog(self, by=self.actor.login if self.actor else "", now=self.now)
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

