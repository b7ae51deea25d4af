"""The question each action asks before it is recorded: a confirmation, a reason, the missing
papers, a correction, a new date, a rating.

``Prompts`` gathers them so a test can answer for the clerk without opening modal dialogs.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QDateTime
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDateTimeEdit,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desk.clock import VN_TZ, to_local
from desk.workflow import RATING_LABELS
from ui.step_dialogs import ConfirmDialog, CorrectionDialog, SupplementDialog
from ui.widgets import ok_cancel


class NoteDialog(QDialog):
    def __init__(self, title: str, prompt: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.text = QPlainTextEdit()
        self.text.setTabChangesFocus(True)
        buttons = ok_cancel("Ghi nhận (Ctrl+Enter)")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence("Ctrl+Return"), self, activated=self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(prompt))
        layout.addWidget(self.text)
        layout.addWidget(buttons)
        self.resize(480, 220)


class RescheduleDialog(QDialog):
    """Form 04: an apology with a new appointment, once per dossier."""

    def __init__(self, current_due: dt.datetime, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Xin lỗi và hẹn lại ngày trả kết quả")
        self.when = QDateTimeEdit(QDateTime(to_local(current_due).replace(tzinfo=None)))
        self.when.setDisplayFormat("HH:mm dd/MM/yyyy")
        self.when.setCalendarPopup(True)
        self.reason = QLineEdit()
        buttons = ok_cancel("Hẹn lại")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(QLabel(f"Hẹn hiện tại: {to_local(current_due):%H:%M %d/%m/%Y}. "
                           "Quy định chỉ cho hẹn lại một lần."))
        form.addRow("Ngày giờ hẹn mới", self.when)
        form.addRow("Lý do chậm", self.reason)
        form.addRow(buttons)

    def new_due(self) -> dt.datetime:
        return self.when.dateTime().toPython().replace(tzinfo=VN_TZ)


class RatingDialog(QDialog):
    """Asked when the result is handed back; keys 3, 2, 1 answer, Esc skips."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Đánh giá mức độ hài lòng")
        self.rating: int | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Xin mời ông/bà đánh giá mức độ hài lòng với việc giải quyết "
                                "hồ sơ:"))
        for rating, label in sorted(RATING_LABELS.items(), reverse=True):
            button = QPushButton(f"{rating} — {label}")
            button.setMinimumHeight(40)
            button.setAutoDefault(False)  # a reflex Enter must not answer for the citizen
            button.clicked.connect(lambda _=False, r=rating: self.choose(r))
            QShortcut(QKeySequence(str(rating)), self, activated=lambda r=rating: self.choose(r))
            layout.addWidget(button)
        skip = QPushButton("Công dân không đánh giá (Esc)")
        skip.setAutoDefault(False)
        skip.clicked.connect(self.reject)
        layout.addWidget(skip)

    def choose(self, rating: int) -> None:
        self.rating = rating
        self.accept()


class Prompts:
    """Each method asks the clerk and returns the answer, or None when cancelled."""

    def __init__(self, parent: QWidget) -> None:
        self.parent = parent

    def note(self, title: str, prompt: str) -> str | None:
        dialog = NoteDialog(title, prompt, self.parent)
        return dialog.text.toPlainText() if dialog.exec() else None

    def new_due(self, current_due: dt.datetime) -> tuple[dt.datetime, str] | None:
        dialog = RescheduleDialog(current_due, self.parent)
        return (dialog.new_due(), dialog.reason.text()) if dialog.exec() else None

    def confirm(self, kind: str, facts: dict[str, Any]) -> str | None:
        """Yes (with the optional note: to whom a dossier goes) or None for no."""
        dialog = ConfirmDialog(kind, facts, self.parent)
        return dialog.note.text() if dialog.exec() else None

    def supplement(self, facts: dict[str, Any]) -> tuple[list[str], str] | None:
        dialog = SupplementDialog(facts, self.parent)
        return (dialog.documents(), dialog.note.text()) if dialog.exec() else None

    def correction(self, current: dict[str, str], today: dt.date) -> tuple[str, str, str] | None:
        dialog = CorrectionDialog(current, today, self.parent)
        if not dialog.exec():
            return None
        return dialog.key(), dialog.new_value(), dialog.note.text()

    def rating(self) -> int | None:
        dialog = RatingDialog(self.parent)
        dialog.exec()
        return dialog.rating
