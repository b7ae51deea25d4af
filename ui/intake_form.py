"""Receiving a dossier at the counter: procedure, applicant, documents, fee, appointment.

Enter anywhere in the form saves (the procedure line and the CCCD field keep their own Enter);
a refusal from desk is shown beside the form and on the fields, and nothing typed is lost.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QLocale, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desk import dossiers, intake
from desk.accounts import Actor
from desk.context import DeskContext
from desk.errors import DomainError, ValidationError
from models import Dossier, Procedure
from ui import formats
from ui.applicant_fields import ApplicantFields
from ui.document_checklist import DocumentChecklist
from ui.procedure_picker import ProcedurePicker
from ui.widgets import Banner, FieldWithError

RETURN_METHODS = (("counter", "Tại bộ phận một cửa (Trung tâm Phục vụ hành chính công)"),
                  ("post", "Qua dịch vụ bưu chính công ích"))


class IntakeForm(QWidget):
    received = Signal(str)  # the new dossier's code

    def __init__(self, ctx: DeskContext, now: Callable[[], dt.datetime]) -> None:
        super().__init__()
        self.ctx, self.now = ctx, now
        self.signed_in: Actor | None = None  # whose name goes on the receipt
        self.picker = ProcedurePicker()
        self.procedure_box = FieldWithError(self.picker)
        self.applicant = ApplicantFields()
        self.checklist = DocumentChecklist()
        self._build_terms()
        self.appointment = QLabel()
        self.appointment.setObjectName("appointment")
        self.appointment.setWordWrap(True)  # "dự kiến: …" follows the date on a 1024-px screen
        self.banner = Banner()
        self.save_button = QPushButton("Tiếp nhận và in giấy hẹn (Enter)")
        self.save_button.setObjectName("primary")
        self.save_button.clicked.connect(self.save)
        self._lay_out()
        self.picker.chosen.connect(self._procedure_chosen)
        self.verification.toggled.connect(self.update_appointment)
        self.ticker = QTimer(self, interval=30_000, timeout=self.update_appointment)
        self.ticker.start()  # the appointment moves as the clock passes a session or cut-off
        self._set_tab_order()
        self.reset()

    def _build_terms(self) -> None:
        self.fee = QSpinBox()
        self.fee.setLocale(QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam))
        self.fee.setRange(0, 100_000_000)
        self.fee.setSingleStep(1000)
        self.fee.setGroupSeparatorShown(True)
        self.fee.setSuffix(" đồng")
        self.fee_note = QLabel()
        self.fee_note.setWordWrap(True)
        self.fee_note.setStyleSheet("color:#6c757d;")
        self.return_method = QComboBox()
        for value, label in RETURN_METHODS:
            self.return_method.addItem(label, value)
        self.sets = QSpinBox()
        self.sets.setRange(1, 99)
        self.verification = QCheckBox("Cần xác minh (thời hạn dài hơn)")
        self.notify = QCheckBox("Đồng ý nhận thông báo qua SMS/email")
        self.note = QLineEdit()

    def _lay_out(self) -> None:
        """Two columns in a scroll area, the appointment and the save button always in view:
        on a 768-pixel screen the form scrolls rather than squeezing its fields."""
        left = QVBoxLayout()
        left.addWidget(_group("Thủ tục hành chính (F2)", self.procedure_box))
        left.addWidget(_group("Người nộp hồ sơ", self.applicant))
        left.addStretch()
        terms = QFormLayout()
        terms.addRow("Lệ phí", self.fee)
        terms.addRow("", self.fee_note)
        terms.addRow("Số bộ hồ sơ", self.sets)
        terms.addRow("Nhận kết quả", self.return_method)
        terms.addRow("", self.verification)
        terms.addRow("", self.notify)
        terms.addRow("Ghi chú", self.note)
        right = QVBoxLayout()
        right.addWidget(_group("Giấy tờ nhận của công dân", self.checklist))
        right.addWidget(_group("Lệ phí và cách trả kết quả", _wrap(terms)))
        right.addStretch()
        columns = QWidget()
        row = QHBoxLayout(columns)
        row.setContentsMargins(0, 0, 4, 0)
        row.addLayout(left, 5)
        row.addLayout(right, 6)
        self.area = QScrollArea()
        self.area.setWidget(columns)
        self.area.setWidgetResizable(True)
        self.area.setFrameShape(QScrollArea.Shape.NoFrame)
        self.area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        bottom = QHBoxLayout()
        bottom.addWidget(self.appointment, 1)
        bottom.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.addWidget(self.banner)
        layout.addWidget(self.area, 1)
        layout.addLayout(bottom)
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        app.focusChanged.connect(self._keep_in_view)

    def _keep_in_view(self, _old: QWidget | None, new: QWidget | None) -> None:
        """Tab into a field below the fold scrolls it into view."""
        if new is not None and self.area.widget().isAncestorOf(new):
            self.area.ensureWidgetVisible(new, 0, 24)

    def _set_tab_order(self) -> None:
        chain = [self.picker.line, *self.applicant.focus_chain(), *self.checklist.focus_chain(),
                 self.fee, self.sets, self.return_method, self.verification, self.notify,
                 self.note, self.save_button]
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)

    # -- reacting to the clerk ------------------------------------------------------------

    def _procedure_chosen(self, procedure: Procedure | None) -> None:
        self.checklist.set_procedure(procedure)
        self._set_tab_order()  # the checklist's boxes are new widgets
        self.fee.setValue(procedure.fee_amount if procedure else 0)
        self.fee_note.setText(procedure.fee_note if procedure else "")
        self.verification.setChecked(False)
        self.verification.setVisible(bool(procedure and procedure.verification_value))
        self.procedure_box.set_error("")
        self.update_appointment()

    def update_appointment(self) -> None:
        procedure = self.picker.procedure
        if procedure is None:
            self.appointment.setText("Hẹn trả kết quả: chọn thủ tục để tính.")
            return
        now = self.now()
        due = intake.appointment(self.ctx, procedure, now, self.verification.isChecked())
        notice = intake.estimate_notice(self.ctx, now, due)
        suffix = f" <span style='color:#8a6d3b'>({notice})</span>" if notice else ""
        self.appointment.setText(f"Hẹn trả kết quả: <b>{formats.appointment(due)}</b>{suffix}")

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.save()
            return
        super().keyPressEvent(event)

    # -- saving ---------------------------------------------------------------------------

    def request(self) -> intake.IntakeRequest:
        if self.picker.procedure is None:
            raise ValidationError({"procedure": DomainError(
                "missing_procedure", "Chưa chọn thủ tục: gõ tên hoặc mã rồi nhấn Enter.")})
        return intake.IntakeRequest(
            procedure_code=self.picker.procedure.code,
            applicant=self.applicant.value(),
            documents=self.checklist.documents(),
            return_method=self.return_method.currentData(),
            sets_count=self.sets.value(),
            fee_amount=self.fee.value(),
            note=self.note.text(),
            clerk=self.signed_in.name if self.signed_in else dossiers.receiving_clerk(),
            verification=self.verification.isChecked(),
            notify=self.notify.isChecked(),
        )

    def save(self) -> Dossier | None:
        try:
            dossier = intake.receive(self.ctx, self.request(), now=self.now,
                                     by=self.signed_in.login if self.signed_in else "")
        except ValidationError as exc:
            self._show_refusal(exc, {k: e.message for k, e in exc.fields.items()})
            return None
        except DomainError as exc:
            self._show_refusal(exc, {})
            return None
        self.reset()
        self.banner.say(
            f"Đã tiếp nhận hồ sơ <b>{dossier.code}</b> của {dossier.applicant.name}. "
            f"Hẹn trả kết quả: <b>{formats.appointment(dossier.due_at)}</b>.<br>"
            "Ctrl+P: in lại giấy tiếp nhận · F2: tiếp nhận hồ sơ mới", "success")
        self.received.emit(dossier.code)
        return dossier

    def _show_refusal(self, error: DomainError, fields: dict[str, str]) -> None:
        self.banner.say(error.message, "error")
        self.procedure_box.set_error(fields.get("procedure", ""))
        self.applicant.show_errors(fields)
        first = next((k for k in ("procedure", *self.applicant.boxes) if k in fields), None)
        if first == "procedure":
            self.picker.setFocus()
        elif first:
            self.applicant.boxes[first].setFocus()

    def reset(self) -> None:
        """A blank form for the next citizen, the cursor on the procedure."""
        self.picker.reset()
        self.applicant.reset()
        self.sets.setValue(1)
        self.return_method.setCurrentIndex(0)
        self.notify.setChecked(False)
        self.note.clear()
        self.banner.clear_message()
        self.procedure_box.set_error("")
        self.picker.setFocus()


def _group(title: str, content: QWidget) -> QGroupBox:
    box = QGroupBox(title)
    layout = QVBoxLayout(box)
    layout.addWidget(content)
    return box


def _wrap(layout: QFormLayout) -> QWidget:
    widget = QWidget()
    layout.setContentsMargins(0, 0, 0, 0)
    widget.setLayout(layout)
    return widget
