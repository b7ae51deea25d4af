"""Help: the keyboard map (F1) and About (the version, the data folder, the reference data)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desk.about import AboutFacts
from ui import keys
from ui.geometry import fit_to_screen


def keymap_table(parent: QWidget | None = None) -> QTableWidget:
    """The keys of ``ui.keys.KEYMAP``, the same table the window binds."""
    table = QTableWidget(len(keys.KEYMAP), 3, parent)
    table.setHorizontalHeaderLabels(["Phím", "Việc", "Ở đâu"])
    for row, key in enumerate(keys.KEYMAP):
        for column, text in enumerate((key.shown, key.label, key.where)):
            item = QTableWidgetItem(text)
            item.setToolTip(text)
            table.setItem(row, column, item)
    table.verticalHeader().hide()
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setWordWrap(False)  # one line a key; a long label shows whole in its tooltip
    header = table.horizontalHeader()
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
    header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
    table.resizeRowsToContents()
    return table


def _closing() -> QDialogButtonBox:
    buttons = QDialogButtonBox()
    buttons.addButton("Đóng (Esc)", QDialogButtonBox.ButtonRole.RejectRole)
    return buttons


class KeymapDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Bảng phím tắt")
        self.table = keymap_table(self)
        buttons = _closing()
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        fit_to_screen(self, 820, 600, parent)


def about_text(facts: AboutFacts) -> str:
    catalogue = (f"phiên bản {facts.catalogue_version}, " if facts.catalogue_version else "")
    if facts.calendar_until is None:
        calendar = "chỉ theo các ngày lễ cố định (chưa có ngày hoán đổi, nghỉ bù)"
    else:
        source = ("có cập nhật từ máy chủ cấp trên" if facts.calendar_from_server
                  else "kèm theo chương trình")
        calendar = (f"{facts.calendar_days} ngày hoán đổi, nghỉ bù, đến ngày "
                    f"{facts.calendar_until:%d/%m/%Y} ({source})")
    if facts.calendar_version:
        calendar = f"phiên bản {facts.calendar_version}, {calendar}"
    return (
        f"<h3>Một Cửa Desk {facts.version}</h3>"
        "<p>Tiếp nhận và trả kết quả hồ sơ thủ tục hành chính tại Trung tâm Phục vụ hành chính "
        "công cấp xã; làm việc cả khi không có mạng.</p>"
        f"<p><b>Danh mục thủ tục:</b> {catalogue}{facts.procedures} thủ tục đang áp dụng.<br>"
        f"<b>Lịch làm việc:</b> {calendar}.<br>"
        f"<b>Thư mục dữ liệu:</b> {facts.data_dir}</p>"
    )


class AboutDialog(QDialog):
    def __init__(self, facts: AboutFacts, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Giới thiệu Một Cửa Desk")
        self.text = QLabel(about_text(facts))
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = _closing()
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(QLabel("<b>Phím tắt</b>"))
        layout.addWidget(keymap_table(self))
        layout.addWidget(buttons)
        fit_to_screen(self, 820, 640, parent)
