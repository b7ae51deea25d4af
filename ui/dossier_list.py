"""The work queues: a tab per queue with its count, over one paged table of dossiers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTabBar,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desk import dossiers
from desk.context import DeskContext
from ui.list_model import DossierListModel, DossierRow
from ui.workers import TaskRunner

QUEUE_NAMES = tuple(dossiers.QUEUES)


class DossierTable(QTableView):
    """A table where Enter opens the current dossier (the mouse is optional).

    Below ``WIDE`` pixels the "received" column hides: the dossier code already carries the
    day of receipt, and the procedure's name needs the room more.
    """

    activated_code = Signal(str)
    WIDE = 1180
    RECEIVED_COLUMN = 3

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        self.setColumnHidden(self.RECEIVED_COLUMN, event.size().width() < self.WIDE)
        super().resizeEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self._emit(self.currentIndex())
            return
        super().keyPressEvent(event)

    def _emit(self, index: QModelIndex) -> None:
        model = self.model()
        assert isinstance(model, DossierListModel)
        self.activated_code.emit(model.code_at(index.row()))


class DossierListPanel(QWidget):
    open_requested = Signal(str)

    def __init__(
        self, ctx: DeskContext, now: Callable[[], dt.datetime], tasks: TaskRunner
    ) -> None:
        super().__init__()
        self.ctx, self.now, self.tasks = ctx, now, tasks
        self.model = DossierListModel(ctx, now)
        self.tabs = self._build_tabs()
        self.caption = QLabel()
        self.caption.setObjectName("searchCaption")
        self.caption.hide()
        self.table = self._build_table()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        layout.addWidget(self.caption)
        layout.addWidget(self.table)
        self.show_queue("today")

    def _build_tabs(self) -> QTabBar:
        tabs = QTabBar()
        tabs.setExpanding(False)
        tabs.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Alt+1…6 (the window's) switch
        for name in QUEUE_NAMES:
            tabs.addTab(dossiers.QUEUES[name])
        tabs.currentChanged.connect(lambda i: self.show_queue(QUEUE_NAMES[i]))
        # A click on the tab already chosen leaves search results for that queue.
        tabs.tabBarClicked.connect(
            lambda i: self.show_queue(QUEUE_NAMES[i]) if i == tabs.currentIndex() else None)
        return tabs

    def _build_table(self) -> DossierTable:
        table = DossierTable()
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.setTabKeyNavigation(False)
        table.verticalHeader().hide()
        table.verticalHeader().setDefaultSectionSize(26)
        header = table.horizontalHeader()
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        table.setSortingEnabled(True)
        # Codes, times and statuses fit their text; the procedure's name takes what is left.
        modes = (QHeaderView.ResizeMode.ResizeToContents, QHeaderView.ResizeMode.Interactive,
                 QHeaderView.ResizeMode.Stretch, *[QHeaderView.ResizeMode.ResizeToContents] * 3)
        for column, mode in enumerate(modes):
            header.setSectionResizeMode(column, mode)
        table.setColumnWidth(1, 190)
        table.doubleClicked.connect(table._emit)
        table.activated_code.connect(self.open_requested)
        return table

    # -- what is shown --------------------------------------------------------------------

    @property
    def queue_name(self) -> str:
        return self.model.queue_name

    def show_queue(self, name: str) -> None:
        """Show a queue in its natural order; the tab follows (Alt+n or a click)."""
        self.caption.hide()
        index = QUEUE_NAMES.index(name)
        if self.tabs.currentIndex() != index:
            self.tabs.setCurrentIndex(index)  # comes back here through currentChanged
            return
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.model.order = None
        self.model.show_queue(name)
        self._select_first()
        self.refresh_counts()

    def refresh(self) -> None:
        """Re-read after something changed (an intake, an event); search results stay."""
        if not self.caption.isVisible():
            self.model.refresh()
            self._select_first()
        self.refresh_counts()

    def show_search_results(self, query: str, rows: list[DossierRow]) -> None:
        self.caption.setText(
            f"Kết quả tìm kiếm «{query}»: {len(rows)} hồ sơ"
            + (" (chỉ hiện những hồ sơ mới nhất)" if len(rows) >= SEARCH_LIMIT else "")
            + ". Chọn một danh sách ở trên (Alt+1…6) để quay lại."
        )
        self.caption.show()
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.model.show_rows(rows)
        self._select_first()
        self.table.setFocus()

    def _select_first(self) -> None:
        if self.model.rowCount():
            self.table.setCurrentIndex(self.model.index(0, 0))

    # -- counts on the tabs, counted off the UI thread ------------------------------------

    def refresh_counts(self) -> None:
        calendar, now = self.ctx.calendar, self.now()
        self.tasks.start(lambda: dossiers.queue_counts(calendar, now), self._show_counts,
                         lambda _message: None)

    def _show_counts(self, counts: dict[str, int]) -> None:
        for i, name in enumerate(QUEUE_NAMES):
            self.tabs.setTabText(i, f"{dossiers.QUEUES[name]} ({counts[name]:,})".replace(",", "."))


SEARCH_LIMIT = 200
