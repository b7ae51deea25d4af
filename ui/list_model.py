"""The dossier list as a Qt table model that pages over a desk query, never loading it all.

Rows arrive a page at a time (canFetchMore/fetchMore, LIMIT/OFFSET over a query ordered with a
unique tie-breaker), and sorting re-queries in SQL, so a million dossiers cost one page.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import peewee
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QGuiApplication

from desk import dossiers, workflow
from desk.context import DeskContext
from models import Dossier
from ui import formats

Index = QModelIndex | QPersistentModelIndex
COLUMNS = (
    ("code", "Mã hồ sơ"),
    ("applicant", "Người nộp"),
    ("procedure", "Thủ tục"),
    ("received", "Tiếp nhận"),
    ("due", "Hẹn trả"),
    ("status", "Trạng thái"),
)
TIMELINESS_TEXT = {"overdue": "quá hạn", "due_soon": "sắp đến hạn"}
# Soft tints with dark text: readable on an old monitor and for colour-weak eyes, and the status
# column also says it in words.
TINTS = {"overdue": ("#f8d7da", "#842029"), "due_soon": ("#fff3cd", "#664d03")}


@dataclass(frozen=True)
class DossierRow:
    code: str
    applicant: str
    procedure: str
    received_at: dt.datetime
    due_at: dt.datetime
    status: str
    timeliness: str

    def cell(self, key: str) -> str:
        if key == "received":
            return formats.instant(self.received_at)
        if key == "due":
            return formats.instant(self.due_at)
        if key == "status":
            label = workflow.STATUS_LABELS[self.status]
            extra = TIMELINESS_TEXT.get(self.timeliness)
            return f"{label} · {extra}" if extra else label
        return str(getattr(self, key))


def row_of(dossier: Dossier, ctx: DeskContext, now: dt.datetime) -> DossierRow:
    return DossierRow(
        code=dossier.code, applicant=dossier.applicant.name, procedure=dossier.procedure.name,
        received_at=dossier.received_at, due_at=dossier.due_at, status=dossier.status,
        timeliness=dossiers.timeliness(dossier, ctx.calendar, now),
    )


class DossierListModel(QAbstractTableModel):
    PAGE = 200

    def __init__(self, ctx: DeskContext, now: Callable[[], dt.datetime]) -> None:
        super().__init__()
        self.ctx, self.now = ctx, now
        self.queue_name = "today"
        self.order: tuple[str, bool] | None = None  # (column key, descending)
        self.rows: list[DossierRow] = []
        self.query: peewee.ModelSelect | None = None
        self.exhausted = True

    # -- what the list shows --------------------------------------------------------------

    def show_queue(self, name: str) -> None:
        self.queue_name = name
        self.refresh()

    def refresh(self) -> None:
        """Re-run the current queue from its first page (after an intake, an event, a sort)."""
        self.beginResetModel()
        order_by, descending = self.order or (None, False)
        self.query = dossiers.queue(
            self.queue_name, self.ctx.calendar, self.now(), order_by, descending
        )
        self.rows, self.exhausted = [], False
        self.endResetModel()
        self.fetchMore(QModelIndex())

    def show_rows(self, rows: list[DossierRow]) -> None:
        """Show a fixed set (search results); there is nothing further to fetch."""
        self.beginResetModel()
        self.query, self.rows, self.exhausted = None, list(rows), True
        self.endResetModel()

    def code_at(self, row: int) -> str:
        return self.rows[row].code

    # -- paging ---------------------------------------------------------------------------

    def canFetchMore(self, parent: Index) -> bool:  # noqa: N802 (Qt's name)
        return not parent.isValid() and not self.exhausted and self.query is not None

    def fetchMore(self, parent: Index) -> None:  # noqa: N802
        if not self.canFetchMore(parent):
            return
        assert self.query is not None
        now = self.now()
        page = [row_of(d, self.ctx, now)
                for d in self.query.limit(self.PAGE).offset(len(self.rows))]
        self.exhausted = len(page) < self.PAGE
        if page:
            first = len(self.rows)
            self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
            self.rows.extend(page)
            self.endInsertRows()

    # -- Qt's table interface -------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return row.cell(COLUMNS[index.column()][0])
        tint = TINTS.get(row.timeliness)
        if tint and role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(QColor(tint[0]))
        if tint and role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(QColor(tint[1]))
        return None

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section][1]
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort in SQL and start again from the first page; search results sort in memory."""
        if column < 0:  # no sort indicator: the queue's own order (overdue first, …)
            self.order = None
            self.refresh()
            return
        key = COLUMNS[column][0]
        descending = order == Qt.SortOrder.DescendingOrder
        if self.query is None:
            self.beginResetModel()
            self.rows.sort(key=lambda r: _sort_key(r, key), reverse=descending)
            self.endResetModel()
            return
        self.order = (key, descending)
        # Sorting a large queue on a column without an index makes SQLite sort it all: say so.
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.refresh()
        finally:
            QGuiApplication.restoreOverrideCursor()


def _sort_key(row: DossierRow, key: str) -> object:
    return {"received": row.received_at, "due": row.due_at}.get(key, row.cell(key))
