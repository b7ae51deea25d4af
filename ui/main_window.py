"""The counter's main window: the day's dossiers at a glance."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QMainWindow, QTableWidget, QTableWidgetItem

from desk import dossiers, workflow
from desk.clock import to_local, utcnow
from desk.context import DeskContext

COLUMNS = ("Mã hồ sơ", "Người nộp", "Thủ tục", "Tiếp nhận", "Hẹn trả", "Trạng thái")


class MainWindow(QMainWindow):
    def __init__(self, ctx: DeskContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.setWindowTitle(f"Một Cửa Desk — {ctx.commune.name}")
        self.resize(1100, 650)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.setCentralWidget(self.table)
        self.statusBar().addWidget(QLabel("Chưa cấu hình đồng bộ với máy chủ cấp trên"))
        self.refresh()

    def refresh(self) -> None:
        rows = list(dossiers.queue("all", self.ctx.calendar, utcnow()).limit(500))
        self.table.setRowCount(len(rows))
        for r, d in enumerate(rows):
            cells = (
                d.code, d.applicant.name, d.procedure.name,
                to_local(d.received_at).strftime("%H:%M %d/%m/%Y"),
                to_local(d.due_at).strftime("%H:%M %d/%m/%Y"),
                workflow.STATUS_LABELS[d.status],
            )
            for c, text in enumerate(cells):
                self.table.setItem(r, c, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
