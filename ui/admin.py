"""The administrative tasks of the window (menu "Hệ thống" and "Trợ giúp"): connecting to the
upstream server, USB bundles at any time, the ledger, the office's names, a test print, Help.

Each task asks its question (``ui.admin_dialogs``), then calls ``desk`` off the UI thread and
says how it went in the status bar. Who may run them is decided by accounts and roles (#16).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from desk import about, documents
from desk.clock import Now, to_local
from desk.sync import bundle, enrolment
from models import SyncState
from ui import files
from ui.about_dialog import AboutDialog, KeymapDialog
from ui.admin_dialogs import EnrolDialog, LedgerDialog, OfficeNamesDialog
from ui.printer import PrintService
from ui.workers import TaskRunner

BUNDLE_FILES = "Gói dữ liệu (*.bundle)"
D = TypeVar("D", bound=QDialog)


class AdminTasks(QObject):
    message = Signal(str, str)  # text, kind ("info" | "error"), for the status bar
    office_changed = Signal()  # the names were saved: titles and headers read them again
    synced = Signal()  # enrolment or an imported bundle changed what the status bar shows

    def __init__(self, window: QWidget, tasks: TaskRunner, printing: PrintService,
                 now: Now) -> None:
        super().__init__(window)
        self.window, self.tasks, self.printing, self.now = window, tasks, printing, now
        self.warning: QMessageBox | None = None  # the last refusal shown
        self.shown: QDialog | None = None  # the last dialog opened

    def _open(self, dialog: D) -> D:
        self.shown = dialog
        dialog.open()
        return dialog

    def _run(self, work: Callable[[], Any], done: Callable[[Any], str], label: str) -> None:
        """``work`` in the background; ``done`` words its result for the clerk."""
        def finished(result: Any) -> None:
            self.message.emit(done(result), "info")
            self.synced.emit()
        self.tasks.start(work, finished, self._failed, label)

    def _failed(self, text: str) -> None:
        self.message.emit(text, "error")
        self.warning = QMessageBox(QMessageBox.Icon.Warning, "Chưa làm được", text,
                                   QMessageBox.StandardButton.Close, self.window)
        self.warning.open()

    def enrol(self) -> EnrolDialog:
        state = SyncState.get_or_none(SyncState.id == 1)
        dialog = EnrolDialog(state.server_url if state else "", self.window)
        dialog.accepted.connect(lambda: self._enrol(*dialog.values()))
        return self._open(dialog)

    def _enrol(self, server: str, code: str) -> None:
        self._run(lambda: enrolment.enroll(server, code, now=self.now),
                  lambda done: f"Đã kết nối với máy chủ cấp trên {done['server']} "
                               f"(mã máy {done['device_id']}).",
                  "Đang kết nối với máy chủ cấp trên…")

    def export_bundle(self) -> None:
        day = to_local(self.now()).date()
        path = files.save_path(self.window, "Lưu gói dữ liệu ra USB",
                               f"motcua-{day:%Y%m%d}.bundle", BUNDLE_FILES)
        if path is not None:
            self.export_to(path)

    def export_to(self, path: Path) -> None:
        self._run(lambda: bundle.export(path, now=self.now),
                  lambda done: f"Đã ghi {done['records']} bản ghi chờ gửi vào {done['file']}. "
                               "Các bản ghi vẫn chờ đến khi cấp trên xác nhận.",
                  "Đang xuất gói dữ liệu…")

    def import_bundle(self) -> None:
        path = files.open_path(self.window, "Mở gói trả lời của cấp trên", BUNDLE_FILES)
        if path is not None:
            self.import_from(path)

    def import_from(self, path: Path) -> None:
        self._run(lambda: bundle.import_reply(path, now=self.now),
                  lambda done: f"{done.get('notice', '')} Cấp trên đã xác nhận "
                               f"{done['acked']} bản ghi; nhận {done['pulled']} cập nhật; còn "
                               f"{done['pending']} bản ghi chờ gửi.".lstrip(),
                  "Đang nhập gói trả lời…")

    def ledger(self) -> LedgerDialog:
        dialog = LedgerDialog(to_local(self.now()).date(), self.window)
        dialog.accepted.connect(lambda: self.print_ledger(*dialog.dates()))
        return self._open(dialog)

    def print_ledger(self, start: Any, end: Any) -> None:
        self.printing.print_document(f"Sổ theo dõi hồ sơ {start:%d.%m.%Y}-{end:%d.%m.%Y}",
                                     lambda: documents.ledger_pdf(start, end))

    def office_names(self) -> OfficeNamesDialog:
        dialog = OfficeNamesDialog(self.window)
        dialog.accepted.connect(self._names_saved)
        return self._open(dialog)

    def _names_saved(self) -> None:
        self.office_changed.emit()
        self.message.emit("Đã lưu tên cơ quan; giấy tờ in từ nay dùng tên mới.", "info")

    def test_print(self) -> None:
        self.printing.print_document("Giấy tiếp nhận in thử",
                                     lambda: documents.test_receipt_pdf(now=self.now))

    def keymap(self) -> KeymapDialog:
        return self._open(KeymapDialog(self.window))

    def about(self) -> AboutDialog:
        return self._open(AboutDialog(about.about(), self.window))
