"""The one question a dossier step asks before it is recorded, for the steps that need more
than a reason: a plain confirmation, the supplement request's papers, a correction.

Each is the step's only question: its default button records (Enter), Esc cancels.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desk import corrections
from desk.errors import DomainError
from desk.workflow import EVENT_LABELS
from ui.geometry import available, fit_to_screen
from ui.widgets import Banner, ok_cancel


def question(kind: str, facts: dict[str, Any]) -> str:
    """"Ghi nhận «Có kết quả giải quyết» cho hồ sơ 000.00.12.H12-261123-0001?"."""
    return f"Ghi nhận «{EVENT_LABELS[kind]}» cho hồ sơ {facts['code']}?"


def _about(facts: dict[str, Any]) -> QLabel:
    label = QLabel(f"{facts['applicant']['name']} — {facts['procedure']['name']}")
    label.setWordWrap(True)
    label.setStyleSheet("color:#495057;")
    return label


class ConfirmDialog(QDialog):
    """Asks once before a step is recorded; an assignment may name who takes the dossier."""

    def __init__(self, kind: str, facts: dict[str, Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Xác nhận thao tác")
        text = QLabel(f"<b>{question(kind, facts)}</b>")
        text.setWordWrap(True)
        self.note = QLineEdit()
        self.note.setPlaceholderText("tên công chức hoặc bộ phận giải quyết (không bắt buộc)")
        buttons = ok_cancel("Ghi nhận (Enter)")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(_about(facts))
        if kind == "assigned":
            form = QFormLayout()
            form.addRow("Chuyển cho", self.note)
            layout.addLayout(form)
        layout.addWidget(QLabel("Việc đã ghi nhận vào quá trình giải quyết thì không xóa được."))
        layout.addWidget(buttons)
        self.setMinimumWidth(min(520, fit_width(self)))


class SupplementDialog(QDialog):
    """Form 02's papers: ticked from the procedure's list, or typed one per line."""

    def __init__(self, facts: dict[str, Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Yêu cầu bổ sung hồ sơ {facts['code']}")
        received = {d["name"] for d in facts["documents"]}
        self.checks: list[QCheckBox] = []
        listing = QWidget()
        rows = QVBoxLayout(listing)
        rows.setContentsMargins(4, 4, 4, 4)
        for name in facts["procedure"]["checklist"]:
            check = QCheckBox(name + (" (đã nhận, cần bổ sung/hoàn thiện)" if name in received
                                      else ""))
            check.setProperty("document", name)
            self.checks.append(check)
            rows.addWidget(check)
        if not self.checks:
            rows.addWidget(QLabel("Thủ tục này không có danh mục giấy tờ: ghi ở ô bên dưới."))
        rows.addStretch()
        area = QScrollArea()
        area.setWidget(listing)
        area.setWidgetResizable(True)
        area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        box = QGroupBox("Giấy tờ cần bổ sung, hoàn thiện (Space: chọn)")
        QVBoxLayout(box).addWidget(area)
        self.others = QPlainTextEdit()
        self.others.setTabChangesFocus(True)
        self.others.setPlaceholderText("Mỗi dòng một giấy tờ, ví dụ: Bản sao Giấy chứng nhận "
                                       "quyền sử dụng đất có chứng thực")
        self.others.setFixedHeight(70)
        self.note = QLineEdit()
        self.note.setPlaceholderText("Hướng dẫn thêm cho công dân (không bắt buộc)")
        self.banner = Banner()
        buttons = ok_cancel("Ghi nhận và in phiếu (Enter)")
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(_about(facts))
        layout.addWidget(self.banner)
        layout.addWidget(box, 1)
        layout.addWidget(QLabel("Giấy tờ khác:"))
        layout.addWidget(self.others)
        form = QFormLayout()
        form.addRow("Lý do, hướng dẫn", self.note)
        layout.addLayout(form)
        layout.addWidget(buttons)
        fit_to_screen(self, 640, 560, parent)

    def documents(self) -> list[str]:
        picked = [str(c.property("document")) for c in self.checks if c.isChecked()]
        typed = [line.strip() for line in self.others.toPlainText().splitlines()]
        return picked + [line for line in typed if line and line not in picked]

    def submit(self) -> None:
        if not self.documents():
            self.banner.say("Chọn hoặc ghi ít nhất một giấy tờ cần bổ sung: phiếu yêu cầu "
                            "bổ sung in danh sách này cho công dân.", "error")
            return
        self.accept()


class CorrectionDialog(QDialog):
    """Which fact is wrong, what it says now, what it should say, and why."""

    def __init__(self, current: dict[str, str], today: dt.date,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Đính chính thông tin người nộp")
        self.current_values, self.today = current, today
        self.field = QComboBox()
        for key, spec in corrections.FIELDS.items():
            self.field.addItem(spec.label, key)
        self.current = QLabel()
        self.current.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text = QLineEdit()
        self.sex = QComboBox()
        for value, label in (("Nam", "Nam"), ("Nữ", "Nữ"), ("", "— (không ghi)")):
            self.sex.addItem(label, value)
        self.value = QStackedWidget()
        self.value.addWidget(self.text)
        self.value.addWidget(self.sex)
        self.value.setFixedHeight(self.text.sizeHint().height())
        self.note = QLineEdit()
        self.note.setPlaceholderText("bắt buộc, ví dụ: ghi nhầm khi tiếp nhận, đối chiếu CCCD")
        self.banner = Banner()
        buttons = ok_cancel("Đính chính (Enter)")
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow("Thông tin cần sửa", self.field)
        form.addRow("Hiện đang ghi", self.current)
        form.addRow("Giá trị đúng", self.value)
        form.addRow("Lý do đính chính", self.note)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.field.currentIndexChanged.connect(self._field_changed)
        self._field_changed()
        self.setMinimumWidth(min(560, fit_width(self)))

    def key(self) -> str:
        return str(self.field.currentData())

    def _field_changed(self) -> None:
        key = self.key()
        now = self.current_values.get(key, "")
        self.current.setText(f"<b>{corrections.FIELDS[key].shown(key, now)}</b>")
        if key == "sex":
            self.value.setCurrentWidget(self.sex)
            self.sex.setCurrentIndex(max(0, self.sex.findData(now)))
        else:
            self.value.setCurrentWidget(self.text)
            self.text.setText(corrections.FIELDS[key].shown(key, now) if now else "")
            self.text.setPlaceholderText("ngày/tháng/năm" if key == "birth_date" else "")
            self.text.selectAll()

    def new_value(self) -> str:
        return str(self.sex.currentData()) if self.key() == "sex" else self.text.text()

    def submit(self) -> None:
        """Check here what desk will check, so a typo is fixed without retyping the rest."""
        key = self.key()
        try:
            value = corrections.FIELDS[key].check(self.new_value(), self.today)
        except DomainError as exc:
            self.banner.say(exc.message, "error")
            return
        if value == self.current_values.get(key, ""):
            self.banner.say("Giá trị đúng giống giá trị đang ghi: không có gì để đính chính.",
                            "error")
        elif not self.note.text().strip():
            self.banner.say("Chưa nhập lý do đính chính.", "error")
            self.note.setFocus()
        else:
            self.accept()


def fit_width(widget: QWidget) -> int:
    return available(widget.parentWidget() or widget).width() - 32
