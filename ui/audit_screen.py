"""Nhật ký hệ thống: the audit trail for leaders and admins, newest first, chain checked."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desk import audit
from desk.clock import VN_TZ, Now, parse_instant, to_local
from ui.widgets import Banner

COLUMNS = ("Thời gian", "Người thực hiện", "Việc", "Đối tượng", "Chi tiết")
SHOWN = 2000  # the newest entries; older ones by choosing an earlier "Từ ngày"


class AuditScreen(QWidget):
    def __init__(self, now: Now) -> None:
        super().__init__()
        self.now = now
        self.since = QDateEdit()
        self.since.setCalendarPopup(True)
        self.since.setDisplayFormat("dd/MM/yyyy")
        today = to_local(now()).date()
        start = today - dt.timedelta(days=30)
        self.since.setDate(QDate(start.year, start.month, start.day))
        self.since.dateChanged.connect(self.reload)
        refresh = QPushButton("Làm mới")
        refresh.clicked.connect(self.reload)
        self.banner = Banner()
        self.count = QLabel()
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        bar = QHBoxLayout()
        bar.addWidget(QLabel("Từ ngày:"))
        bar.addWidget(self.since)
        bar.addWidget(refresh)
        bar.addStretch(1)
        bar.addWidget(self.count)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.banner)
        layout.addWidget(self.table)

    def showEvent(self, event: object) -> None:  # noqa: N802 - Qt's name
        self.reload()
        super().showEvent(event)  # type: ignore[arg-type]

    def reload(self) -> None:
        day = self.since.date().toPython()
        since = dt.datetime.combine(day, dt.time(0), VN_TZ).astimezone(dt.UTC)
        rows = list(reversed(audit.entries(since, SHOWN)))
        check = audit.verify()
        self.banner.say(check.message, "success" if check.ok else "error")
        self.count.setText(f"{len(rows)} mục" + (" (mới nhất)" if len(rows) == SHOWN else ""))
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            when = to_local(parse_instant(row["at"])).strftime("%H:%M:%S %d/%m/%Y")
            cells = (when, row["actor"] or audit.NO_ACTOR, row["label"], row["target"],
                     audit.details_text(row["details"]))
            for c, text in enumerate(cells):
                self.table.setItem(r, c, QTableWidgetItem(text))
