"""First start: who this desk is. Enrolment with the upstream server comes later, elsewhere."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desk import setup
from desk.clock import Now
from desk.errors import DomainError
from ui.widgets import Banner, ok_cancel


class SetupDialog(QDialog):
    def __init__(self, *, now: Now, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.now = now
        self.setWindowTitle("Khởi tạo máy tiếp nhận")
        self.commune_code = QLineEdit()
        self.commune_code.setPlaceholderText("ví dụ 26734")
        self.commune_name = QLineEdit()
        self.commune_name.setPlaceholderText("ví dụ Xã Tân Phú")
        self.agency_code = QLineEdit()
        self.agency_code.setPlaceholderText("ví dụ 000.00.12.H12")
        self.desk_number = QSpinBox()
        self.desk_number.setRange(0, 9)
        self.province = QLineEdit()
        self.governing_body = QLineEdit()
        self.governing_body.setPlaceholderText("ví dụ UBND TỈNH ĐỒNG NAI")
        self.clerk = QLineEdit()
        self.banner = Banner()
        intro = QLabel("Máy này chưa được khởi tạo. Nhập thông tin của xã/phường và của máy "
                       "tiếp nhận; có thể sửa tên sau, riêng mã xã/phường thì không.")
        intro.setWordWrap(True)
        form = QFormLayout()
        form.addRow("Mã xã/phường", self.commune_code)
        form.addRow("Tên xã/phường", self.commune_name)
        form.addRow("Mã định danh cơ quan", self.agency_code)
        form.addRow("Số máy tiếp nhận (0–9)", self.desk_number)
        form.addRow("Tỉnh/thành phố", self.province)
        form.addRow("Cơ quan chủ quản", self.governing_body)
        form.addRow("Người tiếp nhận", self.clerk)
        buttons = ok_cancel("Khởi tạo", "Thoát")
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.banner)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.resize(520, 0)

    def submit(self) -> None:
        try:
            setup.initialize(
                self.commune_code.text(), self.commune_name.text(), self.agency_code.text(),
                desk_number=self.desk_number.value(), province_name=self.province.text(),
                governing_body=self.governing_body.text(), clerk_name=self.clerk.text(),
                now=self.now,
            )
        except DomainError as exc:
            self.banner.say(exc.message, "error")
            return
        self.accept()
