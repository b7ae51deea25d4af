"""The desk's settings the clerk may change: printer, paper, copies, hours, backup folder."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtPrintSupport import QPrinterInfo
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desk import settings
from desk.clock import Now, utcnow
from desk.errors import DomainError
from ui import files
from ui.widgets import Banner, ok_cancel

PAPERS = (("a5", "A5 (phiếu theo mẫu)"), ("a4", "A4"))
HOURS = ("hours.morning", "hours.afternoon", "hours.saturday_morning", "hours.same_day_cutoff")


class SettingsDialog(QDialog):
    test_print_requested = Signal()  # the settings were saved: print a test receipt with them

    def __init__(self, parent: QWidget | None = None, by: str = "", now: Now = utcnow) -> None:
        super().__init__(parent)
        self.by, self.now = by, now  # the signed-in account, named in the audit trail
        self.setWindowTitle("Cài đặt")
        self.printer = QComboBox()
        self.printer.addItem("Máy in mặc định", "")
        for name in QPrinterInfo.availablePrinterNames():
            self.printer.addItem(name, name)
        self.paper = QComboBox()
        for value, label in PAPERS:
            self.paper.addItem(label, value)
        self.copies = QSpinBox()
        self.copies.setRange(1, 5)
        self.direct = QCheckBox(settings.SPEC_BY_KEY["printing.direct"].label)
        self.hours = {key: QLineEdit() for key in HOURS}
        self.backup = QLineEdit()
        self.banner = Banner()
        self._lay_out()
        self.load()

    def _lay_out(self) -> None:
        form = QFormLayout()
        label = settings.SPEC_BY_KEY
        form.addRow(label["printing.printer"].label, self.printer)
        form.addRow(label["printing.paper"].label, self.paper)
        form.addRow(label["printing.copies"].label, self.copies)
        form.addRow("", self.direct)
        for key, field in self.hours.items():
            field.setPlaceholderText("HH:MM" if key.endswith("cutoff") else "HH:MM-HH:MM")
            form.addRow(label[key].label, field)
        choose = QPushButton("Chọn…")
        choose.clicked.connect(self._choose_folder)
        folder = QHBoxLayout()
        folder.addWidget(self.backup)
        folder.addWidget(choose)
        form.addRow(label["backup.folder"].label, folder)
        buttons = ok_cancel("Lưu")
        buttons.accepted.connect(self.save)
        trial = buttons.addButton("Lưu và in thử", QDialogButtonBox.ButtonRole.ActionRole)
        trial.setAutoDefault(False)  # Enter still saves and closes
        trial.clicked.connect(self.save_and_test_print)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.resize(560, 0)

    def load(self) -> None:
        for combo, key in ((self.printer, "printing.printer"), (self.paper, "printing.paper")):
            combo.setCurrentIndex(max(0, combo.findData(settings.get(key))))
        self.copies.setValue(int(settings.get("printing.copies")))
        self.direct.setChecked(bool(settings.get("printing.direct")))
        for key, field in self.hours.items():
            field.setText(settings.get(key))
        self.backup.setText(settings.get("backup.folder"))

    def values(self) -> dict[str, Any]:
        return {
            "printing.printer": self.printer.currentData() or "",
            "printing.paper": self.paper.currentData(),
            "printing.copies": self.copies.value(),
            "printing.direct": self.direct.isChecked(),
            **{key: field.text().strip() for key, field in self.hours.items()},
            "backup.folder": self.backup.text().strip(),
        }

    def save(self) -> None:
        if self.store():
            self.accept()

    def save_and_test_print(self) -> None:
        """The printer and paper chosen here, tried on a test receipt; the dialog stays."""
        if self.store():
            self.banner.say("Đã lưu cài đặt; đang chuẩn bị giấy tiếp nhận in thử…", "success")
            self.test_print_requested.emit()

    def store(self) -> bool:
        """Store every value, or none: a refused value puts the earlier ones back."""
        values = self.values()
        try:
            if not values["hours.morning"] or not values["hours.afternoon"]:
                raise DomainError("invalid_setting",
                                  "Buổi sáng và buổi chiều không được để trống.")
            settings.change(values, by=self.by, now=self.now)
        except DomainError as exc:
            self.banner.say(exc.message, "error")
            return False
        return True

    def _choose_folder(self) -> None:
        folder = files.folder_path(self, "Chọn thư mục sao lưu", self.backup.text())
        if folder is not None:
            self.backup.setText(str(folder))
