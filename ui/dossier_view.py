"""One dossier: its facts, documents and timeline, and only the actions allowed now."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desk import catalogue, documents, dossiers, events
from desk.accounts import Actor
from desk.clock import parse_instant
from desk.context import DeskContext
from desk.errors import DomainError
from desk.workflow import EVENT_LABELS, RATING_LABELS
from ui import formats
from ui.printer import PrintService
from ui.prompts import Prompts
from ui.widgets import Banner

# Actions that ask something first get "…", as menus do.
ASKS = {"supplement_requested", "refused", "withdrawn", "rescheduled", "corrected", "rated",
        "stopped"}
# The slip each step prints; the late letter is the 2018 apology or the 2025 extension.
SLIPS = {"supplement_requested": "supplement", "refused": "refusal", "stopped": "stop"}
REASONS = {"refused": "Lý do từ chối giải quyết:", "withdrawn": "Lý do rút hồ sơ:",
           "stopped": "Lý do dừng giải quyết hồ sơ:"}
RETURN_LABELS = {"counter": "Tại bộ phận một cửa", "post": "Qua bưu chính"}


class DossierView(QDialog):
    changed = Signal(str)  # an event was recorded on this dossier

    def __init__(
        self, ctx: DeskContext, code: str, printing: PrintService,
        now: Callable[[], dt.datetime], parent: QWidget | None = None,
        actor: Actor | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx, self.code, self.printing, self.now = ctx, code, printing, now
        self.actor = actor  # the signed-in account: named on the event and in the audit
        self.prompts = Prompts(self)
        self.setWindowTitle(f"Hồ sơ {code}")
        self.resize(1000, 680)
        self.banner = Banner()
        self.body = QWidget()
        self.layout_ = QVBoxLayout(self)
        self.layout_.addWidget(self.banner)
        self.layout_.addWidget(self.body)
        QShortcut(QKeySequence("Ctrl+P"), self, activated=self.reprint)
        self.action_buttons: dict[str, QPushButton] = {}
        self.reload()

    def reload(self) -> None:
        self.facts = dossiers.details(events.get_dossier(self.code))
        body = QWidget()
        grid = QGridLayout(body)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self._header(), 0, 0, 1, 2)
        grid.addWidget(self._facts_box(), 1, 0)
        grid.addWidget(self._documents_box(), 1, 1)
        grid.addWidget(self._timeline_box(), 2, 0, 1, 2)
        grid.addLayout(self._actions(), 3, 0, 1, 2)
        grid.setRowStretch(2, 1)
        self.layout_.replaceWidget(self.body, body)
        self.body.deleteLater()
        self.body = body

    # -- what the dossier says ------------------------------------------------------------

    def _header(self) -> QLabel:
        f = self.facts
        label = QLabel(f"<span style='font-size:15pt'><b>{f['code']}</b></span>"
                       f"&nbsp;&nbsp;{f['status_label']}")
        label.setObjectName("dossierHeader")
        return label

    def _facts_box(self) -> QGroupBox:
        f, person = self.facts, self.facts["applicant"]
        rows = [
            ("Thủ tục", f"{f['procedure']['name']} ({f['procedure']['code']})"),
            ("Thời hạn", f["procedure"]["processing_text"]),
            ("Người nộp", person["name"]),
            ("Số CCCD", person["id_number"]),
            ("Điện thoại", person["phone"] or "—"),
            ("Địa chỉ", person["address"] or "—"),
            ("Tiếp nhận", _when(f["received_at"])),
            ("Hẹn trả", _when(f["due_at"]) + (" (đã hẹn lại)" if f["reschedule_count"] else "")),
            ("Lệ phí", formats.money(f["fee"])),
            ("Nhận kết quả", RETURN_LABELS.get(f["return_method"], f["return_method"])),
            ("Sổ theo dõi", f"quyển {f['ledger']['book']}, số {f['ledger']['entry']}"),
            ("Đánh giá", RATING_LABELS.get(f["rating"], "chưa đánh giá")),
        ]
        box = QGroupBox("Thông tin hồ sơ")
        form = QFormLayout(box)
        for label, value in rows:
            text = QLabel(value)
            text.setWordWrap(True)
            text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            form.addRow(label, text)
        return box

    def _documents_box(self) -> QGroupBox:
        box = QGroupBox("Giấy tờ đã nhận")
        layout = QVBoxLayout(box)
        for doc in self.facts["documents"]:
            form = catalogue.FORM_LABELS.get(doc["form"], doc["form"])
            label = QLabel(f"• {doc['name']} — {form.lower()}, {doc['quantity']} bản")
            label.setWordWrap(True)
            layout.addWidget(label)
        layout.addStretch()
        return box

    def _timeline_box(self) -> QGroupBox:
        rows = self.facts["events"]
        table = QTableWidget(len(rows), 4)
        table.setHorizontalHeaderLabels(("Thời điểm", "Sự việc", "Người thực hiện", "Ghi chú"))
        for r, event in enumerate(rows):
            cells = (_when(event["at"]), event["label"], event["actor"], _event_note(event))
            for c, text in enumerate(cells):
                table.setItem(r, c, QTableWidgetItem(text))
        table.verticalHeader().hide()
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setStretchLastSection(True)
        box = QGroupBox("Quá trình giải quyết")
        QVBoxLayout(box).addWidget(table)
        return box

    def _actions(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.action_buttons = {}
        for number, kind in enumerate(self.facts["allowed"], start=1):
            text = f"{number}. {EVENT_LABELS[kind]}{'…' if kind in ASKS else ''}"
            button = QPushButton(text)
            button.setAutoDefault(False)
            button.clicked.connect(lambda _=False, k=kind: self.act(k))
            self.action_buttons[kind] = button
            row.addWidget(button)
            if number <= 9:  # digits are safe: the view has no text field
                QShortcut(QKeySequence(str(number)), button, activated=button.click)
        row.addStretch()
        reprint = QPushButton("In lại giấy tiếp nhận (Ctrl+P)")
        reprint.clicked.connect(self.reprint)
        control = QPushButton("In phiếu kiểm soát")
        control.clicked.connect(lambda: self.printing.print_slip("control", self.code))
        close = QPushButton("Đóng (Esc)")
        close.clicked.connect(self.reject)
        for button in (reprint, control, close):
            button.setAutoDefault(False)
            row.addWidget(button)
        return row

    # -- acting on it ---------------------------------------------------------------------

    def act(self, kind: str) -> None:
        """Ask what the action needs, record it, then what follows (rating, a slip)."""
        args = self._ask(kind)
        if args is None:
            return
        if not self._record(kind, args):
            return
        if kind == "returned":
            self._ask_rating()
        if kind in SLIPS:
            self.printing.print_slip(SLIPS[kind], self.code)
        if kind == "rescheduled":
            self.printing.print_slip(documents.late_letter_kind(self.code), self.code)

    def _ask(self, kind: str) -> dict[str, Any] | None:
        if kind == "supplement_requested":
            note = self.prompts.note("Yêu cầu bổ sung hồ sơ", "Giấy tờ cần bổ sung, hoàn thiện:")
            return None if note is None else {"note": note}
        if kind in REASONS:
            note = self.prompts.note(EVENT_LABELS[kind], REASONS[kind])
            return None if note is None else {"note": note}
        if kind == "rescheduled":
            answer = self.prompts.new_due(parse_instant(self.facts["due_at"]))
            return None if answer is None else {"data": {"due_at": answer[0]}, "note": answer[1]}
        if kind == "corrected":
            fix = self.prompts.correction()
            return None if fix is None else {"data": {"field": fix[0], "value": fix[1]},
                                             "note": fix[2]}
        if kind == "rated":
            rating = self.prompts.rating()
            return None if rating is None else {"data": {"rating": rating}}
        return {}

    def _ask_rating(self) -> None:
        rating = self.prompts.rating()
        if rating is not None:
            self._record("rated", {"data": {"rating": rating}})

    def _record(self, kind: str, args: dict[str, Any]) -> bool:
        try:
            name = self.actor.name if self.actor else dossiers.receiving_clerk()
            events.record(self.ctx, self.code, kind, actor=name, now=self.now,
                          by=self.actor.login if self.actor else "", **args)
        except DomainError as exc:
            self.banner.say(exc.message, "error")
            return False
        self.banner.say(f"Đã ghi nhận: {EVENT_LABELS[kind].lower()}.", "success")
        self.reload()
        self.changed.emit(self.code)
        return True

    def reprint(self) -> None:
        self.printing.print_receipt(self.code)


def _when(iso: str | None) -> str:
    return "—" if not iso else formats.instant(parse_instant(iso))


def _event_note(event: dict[str, Any]) -> str:
    data = event["data"]
    parts = [event["note"]] if event["note"] else []
    if event["kind"] in ("received", "supplemented", "rescheduled") and data.get("due_at"):
        parts.append(f"hẹn trả {_when(data['due_at'])}")
    if event["kind"] == "rated":
        parts.append(RATING_LABELS.get(data.get("rating"), ""))
    if event["kind"] == "corrected" and data.get("field"):
        parts.append(f"«{data['from']}» → «{data['to']}»")
    return "; ".join(p for p in parts if p)
