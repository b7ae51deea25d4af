"""The window's last resort: an exception that no slot caught is logged with its traceback and
told to the clerk in Vietnamese; a burst of them shows one message, not a stack of dialogs.

Without it a windowed build (no console) loses the exception: PySide prints it to a stderr that
nobody sees and the clerk is left wondering whether the click did anything.
"""

from __future__ import annotations

import logging
import sys
import threading
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

log = logging.getLogger(__name__)
MESSAGE = ("Đã xảy ra lỗi ngoài dự kiến; dữ liệu đã lưu vẫn an toàn. Thao tác vừa rồi có thể "
           "chưa hoàn tất: hãy kiểm tra lại. Nếu lỗi lặp lại, hãy báo cán bộ kỹ thuật và gửi "
           "kèm nhật ký trong thư mục:\n{logs}")


class LastResort:
    """``sys.excepthook`` for the window (see ``install``)."""

    def __init__(self, logs: Path) -> None:
        self.logs = logs
        self.box: QMessageBox | None = None
        self.count = 0

    def __call__(self, kind: type[BaseException], value: BaseException,
                 trace: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, value, trace)
            return
        self.count += 1
        log.critical("unhandled exception in the window", exc_info=(kind, value, trace))
        if threading.current_thread() is threading.main_thread():
            self.tell()  # a slot run in a QThread only logs: widgets belong to the UI thread

    def tell(self) -> None:
        if self.box is not None and self.box.isVisible():
            return  # the clerk has not read the first one yet: one message is enough
        self.box = QMessageBox(QMessageBox.Icon.Critical, "Một Cửa Desk",
                               MESSAGE.format(logs=self.logs), parent=QApplication.activeWindow())
        self.box.addButton("Đóng", QMessageBox.ButtonRole.AcceptRole)
        self.box.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.box.open()  # not exec(): no event loop nested inside the one that failed


def install(logs: Path) -> LastResort:
    """Catch what the window's slots and threads let through (threads log only: a dialog
    belongs to the UI thread, and the sync worker and tasks report their own failures)."""
    hook = LastResort(logs)
    sys.excepthook = hook
    threading.excepthook = _thread_failed
    return hook


def _thread_failed(args: threading.ExceptHookArgs) -> None:
    name = args.thread.name if args.thread else "?"
    log.critical("unhandled exception in thread %s", name,
                 exc_info=(args.exc_type, args.exc_value, args.exc_traceback))
