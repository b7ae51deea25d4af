"""Small widgets the screens share: a field with its error line, a message banner, buttons."""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox, QLabel, QPushButton, QVBoxLayout, QWidget

BANNER_STYLES = {
    "error": "background:#f8d7da; color:#842029; border:1px solid #f1aeb5;",
    "success": "background:#d1e7dd; color:#0f5132; border:1px solid #a3cfbb;",
    "info": "background:#cfe2ff; color:#084298; border:1px solid #9ec5fe;",
}


class FieldWithError(QWidget):
    """An input with a red line under it that says what is wrong, in Vietnamese."""

    def __init__(self, field: QWidget) -> None:
        super().__init__()
        self.field = field
        self.error = QLabel()
        self.error.setStyleSheet("color:#b02a37;")
        self.error.setWordWrap(True)
        self.error.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(field)
        layout.addWidget(self.error)
        self.setFocusProxy(field)

    def set_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.setVisible(bool(message))


class Banner(QLabel):
    """A coloured message block: errors beside the form, confirmations after a save."""

    def __init__(self) -> None:
        super().__init__()
        self.setWordWrap(True)
        self.hide()

    def say(self, text: str, kind: str = "info") -> None:
        self.setText(text)
        self.setStyleSheet(f"QLabel {{ {BANNER_STYLES[kind]} padding:8px; border-radius:4px; }}")
        self.setVisible(bool(text))

    def clear_message(self) -> None:
        self.setText("")
        self.hide()


def ok_cancel(ok_text: str = "Đồng ý", cancel_text: str = "Hủy (Esc)") -> QDialogButtonBox:
    """OK/Cancel with Vietnamese words (Qt ships no Vietnamese translation of its own)."""
    box = QDialogButtonBox()
    ok = QPushButton(ok_text)
    ok.setDefault(True)
    box.addButton(ok, QDialogButtonBox.ButtonRole.AcceptRole)
    box.addButton(QPushButton(cancel_text), QDialogButtonBox.ButtonRole.RejectRole)
    return box
