"""First start: who this desk is. Enrolment with the upstream server comes later, from the
window's menu Hệ thống. Every field is checked (desk.setup.checked_form) before anything is
stored, each refusal under its own field."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desk import codes, setup
from desk.clock import Now
from desk.errors import DomainError, ValidationError
from ui.widgets import Banner, FieldWithError, ok_cancel

LABELS = {
    "commune_code": "Mã xã/phường",
    "commune_name": "Tên xã/phường",
    "agency_code": "Mã định danh cơ quan",
    "desk_number": f"Số máy tiếp nhận (1–{codes.MAX_DESK_NUMBER + 1})",
    "province_name": "Tỉnh/thành phố",
    "governing_body": "Cơ quan chủ quản",
    "clerk_name": "Người tiếp nhận hồ sơ",
}


class SetupDialog(QDialog):
    def __init__(self, *, now: Now, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.now = now
        self.setWindowTitle("Khởi tạo máy tiếp nhận")
        self.commune_code = QLineEdit(placeholderText="ví dụ 26734")
        self.commune_name = QLineEdit(placeholderText="ví dụ Xã Tân Phú")
        self.agency_code = QLineEdit(placeholderText="ví dụ 000.00.12.H12")
        self.no_agency_code = QCheckBox("Chưa có mã (mã hồ sơ tạm dùng mã xã/phường)")
        self.no_agency_code.toggled.connect(lambda on: self.agency_code.setEnabled(not on))
        self.desk_number = QSpinBox()
        self.desk_number.setRange(1, codes.MAX_DESK_NUMBER + 1)
        self.province = QLineEdit(placeholderText="ví dụ Đồng Nai")
        self.governing_body = QLineEdit(placeholderText="ví dụ UBND TỈNH ĐỒNG NAI")
        self.clerk = QLineEdit(placeholderText="họ tên in dưới dòng NGƯỜI TIẾP NHẬN HỒ SƠ")
        inputs = {"commune_code": self.commune_code, "commune_name": self.commune_name,
                  "agency_code": self.agency_code, "desk_number": self.desk_number,
                  "province_name": self.province, "governing_body": self.governing_body,
                  "clerk_name": self.clerk}
        self.fields = {key: FieldWithError(widget) for key, widget in inputs.items()}
        self.banner = Banner()
        self._lay_out()

    def _lay_out(self) -> None:
        intro = QLabel("Máy này chưa được khởi tạo. Nhập thông tin của xã/phường và của máy "
                       "tiếp nhận; có thể sửa tên sau (Hệ thống → Tên cơ quan trên giấy tờ), "
                       "riêng mã xã/phường thì không.")
        intro.setWordWrap(True)
        form = QFormLayout()
        for key, label in LABELS.items():
            form.addRow(label, self.fields[key])
            if key == "agency_code":
                form.addRow("", self.no_agency_code)
        buttons = ok_cancel("Khởi tạo", "Thoát")
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.banner)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.resize(660, 0)

    def form(self) -> setup.SetupForm:
        return setup.SetupForm(
            commune_code=self.commune_code.text(), commune_name=self.commune_name.text(),
            agency_code=self.agency_code.text(), no_agency_code=self.no_agency_code.isChecked(),
            desk_number=self.desk_number.value(), province_name=self.province.text(),
            governing_body=self.governing_body.text(), clerk_name=self.clerk.text())

    def submit(self) -> None:
        for field in self.fields.values():
            field.set_error("")
        self.banner.clear_message()
        try:
            setup.initialize_from_form(self.form(), now=self.now)
        except ValidationError as exc:
            for key, error in exc.fields.items():
                self.fields[key].set_error(error.message)
            self.banner.say("Chưa khởi tạo: sửa các ô báo đỏ rồi bấm Khởi tạo.", "error")
            self.adjustSize()  # room for every message, none clipped
            return
        except DomainError as exc:
            self.banner.say(exc.message, "error")
            return
        self.accept()
