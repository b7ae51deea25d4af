"""The questions the administrative tasks ask: the enrolment code, the ledger's dates, the
office's names. Each dialog only gathers and checks what was typed; ``ui.admin`` does the work
through ``desk``."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desk import office
from desk.errors import DomainError, ValidationError
from ui.widgets import Banner, FieldWithError, ok_cancel


def _intro(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    return label


class EnrolDialog(QDialog):
    """The upstream server's address and the one-time code the province gave."""

    def __init__(self, server_url: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Kết nối với máy chủ cấp trên")
        self.server = QLineEdit(server_url)
        self.server.setPlaceholderText("ví dụ https://motcua.dongnai.gov.vn")
        self.code = QLineEdit()
        self.code.setPlaceholderText("mã đăng ký một lần do cấp trên cấp")
        self.fields = {"server": FieldWithError(self.server), "code": FieldWithError(self.code)}
        buttons = ok_cancel("Kết nối")
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow("Địa chỉ máy chủ", self.fields["server"])
        form.addRow("Mã đăng ký", self.fields["code"])
        layout = QVBoxLayout(self)
        layout.addWidget(_intro("Máy sẽ tự đồng bộ với cấp trên mỗi khi có mạng. Mỗi mã đăng "
                                "ký chỉ dùng được một lần."))
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.resize(560, 0)

    def submit(self) -> None:
        server, code = self.server.text().strip(), self.code.text().strip()
        self.fields["server"].set_error(
            "" if server.startswith(("https://", "http://")) else
            "Địa chỉ máy chủ bắt đầu bằng https:// (ví dụ https://motcua.dongnai.gov.vn).")
        self.fields["code"].set_error("" if code else "Chưa nhập mã đăng ký.")
        if all(not f.error.text() for f in self.fields.values()):
            self.accept()

    def values(self) -> tuple[str, str]:
        return self.server.text().strip(), self.code.text().strip()


class LedgerDialog(QDialog):
    """The dates of the dossiers the ledger lists (received between them, both included)."""

    def __init__(self, today: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("In sổ theo dõi hồ sơ")
        self.start = self._date(today.replace(day=1))
        self.end = self._date(today)
        self.banner = Banner()
        buttons = ok_cancel("Xem trước và in")
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow("Từ ngày", self.start)
        form.addRow("Đến ngày", self.end)
        layout = QVBoxLayout(self)
        layout.addWidget(_intro("Sổ liệt kê các hồ sơ tiếp nhận trong khoảng ngày này, theo số "
                                "thứ tự vào sổ."))
        layout.addWidget(self.banner)
        layout.addLayout(form)
        layout.addWidget(buttons)

    @staticmethod
    def _date(day: dt.date) -> QDateEdit:
        edit = QDateEdit(QDate(day.year, day.month, day.day))
        edit.setDisplayFormat("dd/MM/yyyy")
        edit.setCalendarPopup(True)
        return edit

    def dates(self) -> tuple[dt.date, dt.date]:
        return self.start.date().toPython(), self.end.date().toPython()

    def submit(self) -> None:
        start, end = self.dates()
        if end < start:
            self.banner.say("Ngày kết thúc phải từ ngày bắt đầu trở về sau.", "error")
            return
        self.accept()


NAME_LABELS = {
    "commune_name": "Tên xã/phường",
    "province_name": "Tỉnh/thành phố",
    "governing_body": "Cơ quan chủ quản",
    "counter_name": "Tên bộ phận một cửa",
    "head_title": "Chức danh người ký",
    "head_name": "Họ tên người ký",
    "hotline": "Đường dây nóng",
}
NAME_HINTS = {
    "governing_body": "ví dụ UBND TỈNH ĐỒNG NAI",
    "counter_name": "để trống: tên theo quy định tại ngày in",
    "head_title": "ví dụ CHỦ TỊCH",
    "hotline": "ví dụ 0251 3822 123",
}


class OfficeNamesDialog(QDialog):
    """The names every receipt and form prints in its header, editable after setup."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Tên cơ quan trên giấy tờ")
        self.edits = {key: QLineEdit() for key in NAME_LABELS}
        self.fields = {key: FieldWithError(edit) for key, edit in self.edits.items()}
        self.banner = Banner()
        form = QFormLayout()
        for key, label in NAME_LABELS.items():
            self.edits[key].setPlaceholderText(NAME_HINTS.get(key, ""))
            form.addRow(label, self.fields[key])
        buttons = ok_cancel("Lưu")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(_intro("Các tên này in ở đầu giấy tiếp nhận và các phiếu từ lần in "
                                "sau; giấy đã in không thay đổi. Mã xã/phường và mã định danh "
                                "cơ quan không sửa ở đây."))
        layout.addWidget(self.banner)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.resize(600, 0)
        for key, value in vars(office.current()).items():
            self.edits[key].setText(value)

    def names(self) -> office.OfficeNames:
        return office.OfficeNames(**{key: edit.text() for key, edit in self.edits.items()})

    def save(self) -> None:
        for field in self.fields.values():
            field.set_error("")
        try:
            office.save(self.names())
        except ValidationError as exc:
            for key, error in exc.fields.items():
                self.fields[key].set_error(error.message)
            self.banner.say("Chưa lưu: sửa các ô báo đỏ rồi bấm Lưu.", "error")
            self.adjustSize()  # room for every message, none clipped
            return
        except DomainError as exc:
            self.banner.say(exc.message, "error")
            return
        self.accept()
