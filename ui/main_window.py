"""The counter's window: work queues, intake, search and scanner lookup, sync status.

Screens are tabs of one QTabWidget; another screen (statistics) joins with ``add_screen``, and
an opened dossier is a tab of its own until the clerk goes back. The keys of ``ui.keys`` are
bound here, on the window, so they work from every screen. A sync worker pushes its news
through ``show_sync_status``; until then a timer reads it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer, Slot
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QTabWidget,
    QToolBar,
    QWidget,
)

from desk import backups, search, settings
from desk.accounts import Actor
from desk.context import DeskContext
from desk.errors import DomainError
from desk.sync.status import SyncStatus, sync_status
from models import Commune, db
from ui import keys
from ui.admin import AdminTasks
from ui.board import BoardWindow
from ui.dossier_list import QUEUE_NAMES, SEARCH_LIMIT, DossierListPanel
from ui.dossier_view import DossierView
from ui.geometry import fit_to_screen
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
QLabel#appointment { font-size: 12pt; padding: 4px 0; }
QLabel#searchCaption { color: #084298; padding: 4px; }
QLineEdit#search { padding: 4px; min-width: 360px; }
"""


class MainWindow(QMainWindow):
    def __init__(self, ctx: DeskContext, actor: Actor | None = None) -> None:
        super().__init__()
        self.ctx, self.now = ctx, ctx.now
        now = self.now
        self.actor = actor  # the signed-in account; None before the desk has any
        self.gate = Gate()  # what the account's role may see (ui.permissions)
        self.setStyleSheet(STYLE)
        self.tasks = TaskRunner(self)
        self.printing = PrintService(self.tasks, self)
        self.dossiers = DossierListPanel(ctx, now, self.tasks)
        self.intake = IntakeForm(ctx, now)
        self.screens = QTabWidget()
        self.screens.setDocumentMode(True)
        self.screens.addTab(self.dossiers, "Danh sách hồ sơ (Alt+1…6)")
        self.screens.addTab(self.intake, f"Tiếp nhận hồ sơ ({keys.NEW_INTAKE.shown})")
        self.setCentralWidget(self.screens)
        self.search_box = self._build_search()
        self.admin = AdminTasks(self, self.tasks, self.printing, self.now)
        self.menus: dict[str, QMenu] = {}
        self._build_menus()
        self._bind_window_keys()
        self._build_status_bar()
        self.dossier_view: DossierView | None = None
        self.back_to: QWidget = self.dossiers
        self.parked_dialog: ParkedDialog | None = None
        self.sync_worker: SyncWorker | None = None
        self.signin: Any = None  # ui.signin.SignIn, attached by ui.app
        self.board: BoardWindow | None = None
        self.bundle_offer: QMessageBox | None = None
        self.last_received = ""
        self.dossiers.open_requested.connect(self.open_dossier)
        self.intake.received.connect(self._received)
        self.printing.message.connect(self.say)
        self.admin.message.connect(self.say)
        self.admin.office_changed.connect(self._office_changed)
        self.admin.synced.connect(self.refresh_sync_status)
        self.tasks.busy_changed.connect(self._busy)
        self.refresh_sync_status()
        fit_to_screen(self, 1280, 760)
        self.set_actor(actor)
        self.dossiers.table.setFocus()

    # -- building -------------------------------------------------------------------------

    def _build_search(self) -> QLineEdit:
        box = QLineEdit()
        box.setObjectName("search")
        box.setClearButtonEnabled(True)
        box.setPlaceholderText("Họ tên, mã hồ sơ, số CCCD, điện thoại — hoặc quét mã vạch "
                               f"({keys.FIND.shown})")
        box.returnPressed.connect(self.lookup)
        bar = QToolBar("Tìm kiếm")
        bar.setMovable(False)
        bar.setContextMenuPolicy(Qt.ContextMenuPolicy.PreventContextMenu)
        bar.addWidget(QLabel(" Tìm hồ sơ: "))
        bar.addWidget(box)
        self.addToolBar(bar)
        return box

    def _build_menus(self) -> None:
        menu = self.menus["dossiers"] = self.menuBar().addMenu("&Hồ sơ")
        self.action(menu, "Tiếp nhận hồ sơ mới", keys.NEW_INTAKE, self.new_intake)
        self.action(menu, "Tìm hồ sơ", keys.FIND, self.focus_search)
        self.action(menu, "In giấy tiếp nhận", keys.PRINT, self.print_current)
        self.action(menu, "Làm mới", keys.REFRESH, self.refresh_current)
        menu.addSeparator()
        self.action(menu, "Thoát", keys.QUIT, self.close)
        tools = self.menus["tools"] = self.menuBar().addMenu("&Công cụ")
        self.gate.add(self.action(tools, "Cài đặt…", keys.SETTINGS, self.open_settings),
                      "settings")
        self.action(tools, "Bản ghi bị giữ lại…", keys.PARKED, self.open_parked)
        self.gate.add(self.action(tools, "Sao lưu dữ liệu ngay", None, self.back_up_now),
                      "backup")
        self.action(tools, "Bảng thông báo phòng chờ (màn hình thứ hai)", None, self.open_board)
        self._build_system_menu()
        helping = self.menus["help"] = self.menuBar().addMenu("Trợ &giúp")
        self.action(helping, "Bảng phím tắt", keys.HELP, self.admin.keymap)
        self.action(helping, "Giới thiệu Một Cửa Desk", None, self.admin.about)

    def _build_system_menu(self) -> None:
        """The tasks of the person who looks after the desk (roles gate them: ui.permissions)."""
        system = self.menus["system"] = self.menuBar().addMenu("Hệ &thống")
        admin, gate = self.admin, self.gate
        gate.add(self.action(system, "Kết nối với máy chủ cấp trên…", None, admin.enrol),
                 "enrolment")
        gate.add(self.action(system, "Xuất gói dữ liệu ra USB…", None, admin.export_bundle),
                 "bundles")
        gate.add(self.action(system, "Nhập gói trả lời từ USB…", None, admin.import_bundle),
                 "bundles")
        gate.add(self.action(system, "In sổ theo dõi hồ sơ…", None, admin.ledger), "ledger")
        gate.add(self.action(system, "Tên cơ quan trên giấy tờ…", None, admin.office_names),
                 "settings")
        self.action(system, "In thử giấy tiếp nhận", None, admin.test_print)

    def action(self, menu: QMenu, text: str, key: keys.Key | None,
               slot: Callable[[], object]) -> QAction:
        """A menu entry whose key works from every screen of the window."""
        entry = QAction(text, self)
        if key is not None:
            entry.setShortcut(QKeySequence(key.keys))
            entry.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        entry.triggered.connect(slot)
        menu.addAction(entry)
        self.addAction(entry)  # its key works even while the menu bar is hidden
        return entry

    def _bind_window_keys(self) -> None:
        self._window_key(keys.FIND_ALSO.keys, self.focus_search)
        self._window_key(keys.BACK.keys, self.go_back)
        for number, name in zip(keys.QUEUE_KEYS, QUEUE_NAMES, strict=True):
            self._window_key(number, lambda n=name: self.show_queue(n))

    def _window_key(self, sequence: str, slot: Callable[[], object]) -> QShortcut:
        return QShortcut(QKeySequence(sequence), self, activated=slot,
                         context=Qt.ShortcutContext.WindowShortcut)

    def _build_status_bar(self) -> None:
        self.message = QLabel()
        self.message.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)  # busy: the work has no measurable steps
        self.progress.setMaximumWidth(120)
        self.progress.hide()
        self.sync_label = SyncStatusLabel()
        self.backup_label = QLabel()
        self.backup_label.setStyleSheet("color:#b02a37; font-weight:bold;")
        self.parked_button = QPushButton(f"Bản ghi bị giữ lại ({keys.PARKED.shown})")
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

    def add_screen(self, widget: QWidget, title: str, key: keys.Key | None = None,
                   permission: str = "dossiers") -> int:
        """Add a screen (e.g. statistics) as a tab; ``key`` switches to it from anywhere, for
        the roles that ``permission`` allows."""
        index = self.screens.insertTab(self._screen_count(), widget,
                                       f"{title} ({key.shown})" if key else title)
        self.gate.add_tab(self.screens, widget, permission)
        if key is not None:
            self._window_key(key.keys, lambda: self.gate.allows(permission)
                             and self.show_screen(widget))
        return index

    def _screen_count(self) -> int:
        """Tabs before the dossier's (which always comes last)."""
        count = self.screens.count()
        return count - 1 if self.dossier_view is not None else count

    # -- moving between screens -----------------------------------------------------------

    def show_screen(self, widget: QWidget) -> None:
        self.screens.setCurrentWidget(widget)
        widget.setFocus()

    def show_queue(self, name: str) -> None:
        """Alt+1…6 from any screen: that queue of the list."""
        self.screens.setCurrentWidget(self.dossiers)
        self.dossiers.show_queue(name)
        self.dossiers.table.setFocus()

    def go_back(self) -> None:
        """Esc: from a dossier to where it was opened; from another screen to the list."""
        current = self.screens.currentWidget()
        if current is self.dossier_view and self.dossier_view is not None:
            self.close_dossier()
        elif current is not self.dossiers:
            self.show_screen(self.dossiers)
            self.dossiers.table.setFocus()
        elif self.dossiers.caption.isVisible():
            self.dossiers.show_queue(self.dossiers.queue_name)  # leave the search results

    def new_intake(self) -> None:
        self.screens.setCurrentWidget(self.intake)
        self.intake.picker.setFocus()
        self.intake.picker.line.selectAll()

    def focus_search(self) -> None:
        self.search_box.setFocus()
        self.search_box.selectAll()

    def open_dossier(self, code: str) -> DossierView:
        """Show a dossier as the last tab, in place of the one shown before."""
        current = self.screens.currentWidget()
        if current is not self.dossier_view:
            self.back_to = current or self.dossiers
        view = DossierView(self.ctx, code, self.printing, self.now, self, actor=self.actor)
        view.changed.connect(lambda _code: self.refresh())
        view.closed.connect(self.close_dossier)
        self._drop_dossier()
        self.dossier_view = view
        self.screens.addTab(view, f"Hồ sơ {view.code} (Esc: quay lại)")
        self.screens.setCurrentWidget(view)
        view.setFocus()
        return view

    def close_dossier(self) -> None:
        self._drop_dossier()
        self.show_screen(self.back_to)
        if self.back_to is self.dossiers:
            self.dossiers.table.setFocus()

    def _drop_dossier(self) -> None:
        view, self.dossier_view = self.dossier_view, None
        if view is not None:
            self.screens.removeTab(self.screens.indexOf(view))
            view.hide()
            view.deleteLater()

    # -- the signed-in account --------------------------------------------------------------

    def set_actor(self, actor: Actor | None) -> None:
        """A login, an unlock by someone else, "Đổi người dùng": the window follows."""
        self.actor = actor
        self.gate.apply(actor)
        for screen in (self.intake, *(self.screens.widget(i) for i in range(self.screens.count()))):
            if hasattr(screen, "signed_in"):
                screen.signed_in = actor
        if self.dossier_view is not None:
            self.dossier_view.actor = actor
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
        box.buttonClicked.connect(
            lambda button: button is export and self.admin.export_bundle())
        self.bundle_offer = box
        box.open()

    def _office_changed(self) -> None:
        self.ctx.commune = Commune.get_by_id(self.ctx.commune_code)
        self.set_actor(self.actor)  # the title names the office and who is signed in

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

    def print_current(self) -> None:
        """Ctrl+P: the dossier shown, the receipt just made, or the selected row's."""
        current = self.screens.currentWidget()
        if current is self.dossier_view and self.dossier_view is not None:
            self.dossier_view.reprint()
        elif current is self.intake:
            if self.last_received:
                self.printing.print_receipt(self.last_received)
        elif current is self.dossiers and self.dossiers.table.currentIndex().isValid():
            row = self.dossiers.table.currentIndex().row()
            self.printing.print_receipt(self.dossiers.model.code_at(row))

    def open_settings(self) -> None:
        dialog = SettingsDialog(self, by=self.actor.login if self.actor else "", now=self.now)
        dialog.test_print_requested.connect(self.admin.test_print)
        if dialog.exec():
            self.ctx.calendar = settings.working_calendar()
            self.intake.update_appointment()
            self.refresh()

    def refresh(self) -> None:
        self.dossiers.refresh()
        self.refresh_sync_status()

    def refresh_current(self) -> None:
        """F5: re-read the screen in view (a screen with ``refresh`` of its own uses it)."""
        current = self.screens.currentWidget()
        if current is self.dossier_view and self.dossier_view is not None:
            self._reload_dossier()
        elif current not in (self.dossiers, self.intake) and hasattr(current, "refresh"):
            current.refresh()
        self.refresh()

    def _reload_dossier(self) -> None:
        assert self.dossier_view is not None
        try:
            self.dossier_view.reload()
        except DomainError as exc:
            self.say(exc.message, "error")

    def _received(self, code: str) -> None:
        self.last_received = code
        self.refresh()
        self.printing.print_receipt(code)

    # -- telling the clerk ----------------------------------------------------------------

    def say(self, text: str, kind: str = "info") -> None:
        self.message.setText(text)
        self.message.setToolTip(text)
        self.message.setStyleSheet("color:#b02a37;" if kind == "error" else "")

    def _error(self, text: str) -> None:
        self.say(text, "error")

    def _busy(self, busy: bool, label: str) -> None:
        self.progress.setVisible(busy)
        if busy:
            self.say(label)
        elif self.message.text().endswith("…"):
            self.say("")

