"""The applicant's details, and the one field a 2D scanner types a citizen-ID QR into."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QComboBox, QFormLayout, QLineEdit, QWidget

from desk import citizen_id
from desk.errors import DomainError, ValidationError
from desk.intake import ApplicantInput
from ui import formats
from ui.widgets import FieldWithError

SEXES = (("", "—"), ("Nam", "Nam"), ("Nữ", "Nữ"))


class ScanField(QLineEdit):
    """Takes what the scanner types; its closing Enter means "read the card", never "save"."""

    scanned = Signal(str)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if self.text().strip():
                self.scanned.emit(self.text())
            event.accept()
            return
        super().keyPressEvent(event)


class ApplicantFields(QWidget):
    card_read = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.scan = ScanField()
        self.scan.setPlaceholderText("Đặt con trỏ ở đây rồi quét mã QR trên CCCD")
        self.scan.scanned.connect(self.read_card)
        self.name, self.id_number, self.birth_date = QLineEdit(), QLineEdit(), QLineEdit()
        self.id_number.setMaxLength(12)
        self.birth_date.setPlaceholderText("ngày/tháng/năm, ví dụ 05/03/1990")
        self.sex = QComboBox()
        for value, label in SEXES:
            self.sex.addItem(label, value)
        self.phone, self.address, self.email = QLineEdit(), QLineEdit(), QLineEdit()
        self.boxes = {key: FieldWithError(widget) for key, widget in self._inputs().items()}
        for widget in (self.id_number, self.birth_date):
            widget.editingFinished.connect(self.check_card_digits)
        self.sex.currentIndexChanged.connect(self.check_card_digits)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow("Quét &CCCD", self.boxes["scan"])
        form.addRow("Họ và &tên", self.boxes["name"])
        form.addRow("Số CCC&D", self.boxes["id_number"])
        form.addRow("Ngày sinh", self.boxes["birth_date"])
        form.addRow("Giới tính", self.boxes["sex"])
        form.addRow("Điện thoạ&i", self.boxes["phone"])
        form.addRow("Địa chỉ", self.boxes["address"])
        form.addRow("Email", self.boxes["email"])

    def _inputs(self) -> dict[str, QWidget]:
        return {"scan": self.scan, "name": self.name, "id_number": self.id_number,
                "birth_date": self.birth_date, "sex": self.sex, "phone": self.phone,
                "address": self.address, "email": self.email}

    def focus_chain(self) -> list[QWidget]:
        return list(self._inputs().values())

    def read_card(self, text: str) -> None:
        """Fill the form from the QR text; a bad scan says so and leaves the fields alone."""
        try:
            card = citizen_id.parse_qr(text)
        except DomainError as exc:
            self.boxes["scan"].set_error(exc.message)
            self.scan.selectAll()
            return
        self.boxes["scan"].set_error("")
        self.scan.clear()
        self.name.setText(card.name)
        self.id_number.setText(card.id_number)
        self.birth_date.setText(formats.date(card.birth_date))
        self.sex.setCurrentIndex(max(0, self.sex.findData(card.sex)))
        self.address.setText(card.address)
        self.phone.setFocus()  # the card has no phone: that is what the clerk asks next
        self.check_card_digits()
        self.card_read.emit()

    def check_card_digits(self) -> None:
        """Say, before saving, when the ID's digits disagree with the birth date or sex."""
        try:
            birth = formats.parse_date(self.birth_date.text())
        except ValueError:
            return  # value() names a date that is not a date when the clerk saves
        found = citizen_id.mismatches(self.id_number.text(), birth, self.sex.currentData())
        self.boxes["id_number"].set_error(" ".join(f"Lưu ý: {m}" for m in found))

    def value(self) -> ApplicantInput:
        """What was typed; a date that is not a date is refused here, with the field named."""
        try:
            birth = formats.parse_date(self.birth_date.text())
        except ValueError:
            raise ValidationError({"birth_date": DomainError(
                "invalid_birth_date", "Ngày sinh phải có dạng ngày/tháng/năm, ví dụ 05/03/1990."
            )}) from None
        return ApplicantInput(
            name=self.name.text(), id_number=self.id_number.text(), phone=self.phone.text(),
            address=self.address.text(), email=self.email.text(), birth_date=birth,
            sex=self.sex.currentData(),
        )

    def show_errors(self, errors: dict[str, str]) -> None:
        for key, box in self.boxes.items():
            box.set_error(errors.get(key, ""))

    def reset(self) -> None:
        for widget in (self.scan, self.name, self.id_number, self.birth_date, self.phone,
                       self.address, self.email):
            widget.clear()
        self.sex.setCurrentIndex(0)
        self.show_errors({})
