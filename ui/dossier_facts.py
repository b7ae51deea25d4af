"""What a dossier says, as widgets: its facts in two columns, its documents, its timeline.

Two columns of facts and a short, scrolling documents box keep the whole dossier on a
1024×768 screen, with the timeline taking the height that is left.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QListWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from desk import catalogue
from desk.clock import parse_instant
from desk.workflow import RATING_LABELS
from ui import formats

RETURN_LABELS = {"counter": "Tại bộ phận một cửa", "post": "Qua bưu chính"}


def when(iso: str | None) -> str:
    return "—" if not iso else formats.instant(parse_instant(iso))


def facts_box(f: dict[str, Any]) -> QGroupBox:
    person = f["applicant"]
    birth = formats.date(_date(person.get("birth_date")))
    pairs = [
        (("Người nộp", person["name"]), ("Số CCCD", person["id_number"])),
        (("Ngày sinh", birth or "—"), ("Giới tính", person.get("sex") or "—")),
        (("Điện thoại", person["phone"] or "—"), ("Email", person["email"] or "—")),
        (("Địa chỉ", person["address"] or "—"), None),
        (("Tiếp nhận", when(f["received_at"])),
         ("Hẹn trả", when(f["due_at"]) + (" (đã hẹn lại)" if f["reschedule_count"] else ""))),
        (("Thời hạn", f["procedure"]["processing_text"]), ("Lệ phí", formats.money(f["fee"]))),
        (("Nhận kết quả", RETURN_LABELS.get(f["return_method"], f["return_method"])),
         ("Sổ theo dõi", f"quyển {f['ledger']['book']}, số {f['ledger']['entry']}")),
        (("Đánh giá", RATING_LABELS.get(f["rating"], "chưa đánh giá")), None),
    ]
    box = QGroupBox("Thông tin hồ sơ")
    grid = QGridLayout(box)
    grid.setVerticalSpacing(3)
    grid.setColumnStretch(1, 1)
    grid.setColumnStretch(3, 1)
    _row(grid, 0, "Thủ tục", f"{f['procedure']['name']} ({f['procedure']['code']})", span=True)
    for row, (left, right) in enumerate(pairs, start=1):
        _row(grid, row, *left, span=right is None)
        if right is not None:
            _row(grid, row, *right, column=2)
    return box


def _row(grid: QGridLayout, row: int, label: str, value: str, column: int = 0,
         span: bool = False) -> None:
    name = QLabel(label)
    name.setStyleSheet("color:#495057;")
    text = QLabel(value)
    text.setWordWrap(True)
    text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    grid.addWidget(name, row, column, Qt.AlignmentFlag.AlignTop)
    grid.addWidget(text, row, column + 1, 1, 3 if span else 1)


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def documents_box(documents: list[dict[str, Any]]) -> QGroupBox:
    box = QGroupBox(f"Giấy tờ đã nhận ({len(documents)})")
    listing = QListWidget()
    listing.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    listing.setWordWrap(True)
    listing.setFrameShape(QListWidget.Shape.NoFrame)
    listing.setStyleSheet("QListWidget { background: transparent; }")
    for doc in documents:
        form = catalogue.FORM_LABELS.get(doc["form"], doc["form"])
        listing.addItem(f"• {doc['name']} — {form.lower()}, {doc['quantity']} bản")
    lines = max(1, min(len(documents), 4))  # more than four scroll
    listing.setFixedHeight(int(lines * listing.fontMetrics().lineSpacing() * 1.4) + 8)
    QVBoxLayout(box).addWidget(listing)
    return box


def timeline_box(events: list[dict[str, Any]]) -> QGroupBox:
    table = QTableWidget(len(events), 4)
    table.setHorizontalHeaderLabels(("Thời điểm", "Sự việc", "Người thực hiện", "Ghi chú"))
    for r, event in enumerate(events):
        cells = (when(event["at"]), event["label"], event["actor"], event_note(event))
        for c, text in enumerate(cells):
            item = QTableWidgetItem(text)
            item.setToolTip(text)
            table.setItem(r, c, item)
    table.verticalHeader().hide()
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    table.setWordWrap(False)
    header = table.horizontalHeader()
    for column in range(3):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
    table.setMinimumHeight(110)
    box = QGroupBox("Quá trình giải quyết")
    QVBoxLayout(box).addWidget(table)
    return box


def event_note(event: dict[str, Any]) -> str:
    data = event["data"]
    parts = [event["note"]] if event["note"] else []
    if event["kind"] in ("received", "supplemented", "rescheduled") and data.get("due_at"):
        parts.append(f"hẹn trả {when(data['due_at'])}")
    if event["kind"] == "rated":
        parts.append(RATING_LABELS.get(data.get("rating"), ""))
    if event["kind"] == "supplement_requested" and data.get("documents"):
        parts.append("cần bổ sung: " + "; ".join(data["documents"]))
    if event["kind"] == "corrected" and data.get("field"):
        parts.append(f"«{data['from']}» → «{data['to']}»")
    return "; ".join(p for p in parts if p)
