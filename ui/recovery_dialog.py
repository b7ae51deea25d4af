"""The recovery key, shown once at setup: to be printed and given to the leader."""

from __future__ import annotations

from PySide6.QtGui import QFont, QGuiApplication, QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desk import recovery


class RecoveryKeyDialog(QDialog):
    def __init__(self, key: str, office_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key, self.office_name = key, office_name
        self.setWindowTitle("Khóa khôi phục dữ liệu")
        intro = QLabel("Dữ liệu công dân trên máy này được mã hóa. " + recovery.ADVICE)
        intro.setWordWrap(True)
        shown = QLabel(self._grouped())
        font = QFont("DejaVu Sans Mono")
        font.setStyleHint(QFont.StyleHint.Monospace)
        font.setPointSize(15)
        shown.setFont(font)
        shown.setStyleSheet("padding:12px; background:#f8f9fa; border:1px solid #ced4da;")
        shown.setTextInteractionFlags(shown.textInteractionFlags().TextSelectableByMouse)
        printing = QPushButton("In khóa khôi phục…")
        printing.clicked.connect(self.print_key)
        copy = QPushButton("Sao chép")
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(self.key))
        done = QPushButton("Tôi đã in hoặc chép lại khóa")
        done.setDefault(True)
        done.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(printing)
        buttons.addWidget(copy)
        buttons.addStretch(1)
        buttons.addWidget(done)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(shown)
        layout.addLayout(buttons)
        self.setMinimumWidth(620)

    def _grouped(self) -> str:
        groups = self.key.split("-")
        return "\n".join("-".join(groups[i:i + 5]) for i in range(0, len(groups), 5))

    def print_key(self) -> None:
        printer = QPrinter()
        if QPrintDialog(printer, self).exec() != QDialog.DialogCode.Accepted:
            return
        page = QTextDocument()
        page.setHtml(f"<h2>Khóa khôi phục dữ liệu — Một Cửa Desk</h2><p>{self.office_name}</p>"
                     f"<p style='font-family:monospace; font-size:16pt'>"
                     f"{self._grouped().replace(chr(10), '<br>')}</p><p>{recovery.ADVICE}</p>")
        page.print_(printer)
