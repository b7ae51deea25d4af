"""The records the server refused ("bị giữ lại"): why, and "Gửi lại" for the chosen or all.

The dialog only presents desk.sync.parked and calls it; the window starts the sync that
follows (``requeued`` carries the numbers put back in the queue).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desk.errors import DomainError
from desk.sync import parked
from desk.sync.parked import ParkedChangeRecord, ParkedRecord
from ui import formats
from ui.widgets import Banner

COLUMNS = ("Số", "Mã hồ sơ", "Bản ghi", "Bị giữ lại lúc", "Lý do")
INTRO = ("Máy chủ cấp trên đã từ chối các bản ghi dưới đây nên máy giữ chúng lại; các bản ghi "
         "khác vẫn được gửi bình thường. Khi nguyên nhân đã được khắc phục (ví dụ cấp trên đã "
         "bổ sung thủ tục), chọn bản ghi và bấm «Gửi lại». Các bản ghi cùng hồ sơ được gửi lại "
         "cùng nhau.")
NONE_LEFT = "Không có bản ghi nào bị giữ lại."
PULLED_INTRO = ("Bản ghi nhận từ máy chủ cấp trên mà máy chưa áp dụng được. Máy vẫn nhận các "
                "bản ghi khác và tự thử lại các bản ghi này ở mỗi lần đồng bộ; nếu còn mãi, hãy "
                "báo cán bộ kỹ thuật (chi tiết ở cột cuối).")
PULLED_COLUMNS = ("Số", "Mã hồ sơ", "Bản ghi", "Giữ lại lúc", "Chi tiết kỹ thuật")


class ParkedDialog(QDialog):
    requeued = Signal(list)  # sequence numbers now pending again

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Bản ghi bị giữ lại")
        self.records: list[ParkedRecord] = []
        self.intro = QLabel(INTRO)
        self.intro.setWordWrap(True)
        self.banner = Banner()
        self.table = self._build_table()
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail.setStyleSheet("color:#555;")
        self.retry_selected = QPushButton("&Gửi lại bản ghi đã chọn")
        self.retry_all = QPushButton("Gửi lại &tất cả")
        self.close_button = QPushButton("Đóng (Esc)")
        self.pulled_intro = QLabel(PULLED_INTRO)
        self.pulled_intro.setWordWrap(True)
        self.pulled = _read_only_table(PULLED_COLUMNS)
        self._lay_out()
        self.retry_selected.clicked.connect(self.send_selected_again)
        self.retry_all.clicked.connect(self.send_all_again)
        self.close_button.clicked.connect(self.reject)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.reload()

    def _build_table(self) -> QTableWidget:
        table = QTableWidget(0, len(COLUMNS))
        table.setHorizontalHeaderLabels(COLUMNS)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setWordWrap(True)
        table.verticalHeader().hide()
        header = table.horizontalHeader()
        for column in range(len(COLUMNS) - 1):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(len(COLUMNS) - 1, QHeaderView.ResizeMode.Stretch)
        # Row heights follow the wrapped reason, so they are measured again at each new width.
        header.sectionResized.connect(lambda *_: table.resizeRowsToContents())
        return table

    def _lay_out(self) -> None:
        buttons = QHBoxLayout()
        buttons.addWidget(self.retry_selected)
        buttons.addWidget(self.retry_all)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        self.retry_selected.setDefault(True)  # Enter in the table sends the chosen rows again
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.banner)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.detail)
        layout.addWidget(self.pulled_intro)
        layout.addWidget(self.pulled)
        layout.addLayout(buttons)
        self.resize(980, 460)

    @Slot()
    def reload(self) -> None:
        """Read the parked records again, keeping the rows the clerk had chosen."""
        chosen = set(self.selected_seqs())
        self.records = parked.parked_records()
        self.table.clearSelection()  # rows shift when records leave; seqs say what was chosen
        self.table.setRowCount(len(self.records))
        for row, record in enumerate(self.records):
            self._fill(row, record)
            if record.seq in chosen:
                self.table.selectRow(row)
        self.table.resizeRowsToContents()
        if self.records and not self.table.selectedItems():
            self.table.selectRow(0)
        self._fill_pulled(parked.parked_changes())
        self._selection_changed()

    def _fill_pulled(self, changes: list[ParkedChangeRecord]) -> None:
        self.pulled.setRowCount(len(changes))
        for row, change in enumerate(changes):
            cells = (str(change.seq), change.dossier_code or "(không rõ)", change.label,
                     formats.instant(change.parked_at), change.detail)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(change.reason)
                self.pulled.setItem(row, column, item)
        self.pulled.resizeRowsToContents()
        self.pulled_intro.setVisible(bool(changes))
        self.pulled.setVisible(bool(changes))

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        self.table.setFocus()  # arrows and Shift choose rows at once; Alt+G sends them

    def _fill(self, row: int, record: ParkedRecord) -> None:
        cells = (str(record.seq), record.dossier_code or "(không rõ)", record.label,
                 formats.instant(record.parked_at) or "không rõ", record.reason)
        for column, text in enumerate(cells):
            item = QTableWidgetItem(text)
            item.setToolTip(f"{record.code}: {record.detail}")
            item.setData(Qt.ItemDataRole.UserRole, record.seq)
            self.table.setItem(row, column, item)

    def selected_seqs(self) -> list[int]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [self.records[row].seq for row in rows if row < len(self.records)]

    def _selection_changed(self) -> None:
        seqs = self.selected_seqs()
        self.retry_selected.setEnabled(bool(seqs))
        self.retry_all.setEnabled(bool(self.records))
        self.table.setVisible(bool(self.records))
        if not self.records:
            self.detail.setText(NONE_LEFT)
            return
        current = next((r for r in self.records if seqs and r.seq == seqs[0]), None)
        self.detail.setText("" if current is None else _technical(current))

    def send_selected_again(self) -> None:
        if self.selected_seqs():
            self._requeue(self.selected_seqs())

    def send_all_again(self) -> None:
        self._requeue(None)

    def _requeue(self, seqs: list[int] | None) -> None:
        try:
            numbers = parked.requeue(seqs)
        except DomainError as exc:
            self.banner.say(exc.message, "error")
            self.reload()
            return
        self.banner.say(f"Đã đưa {len(numbers)} bản ghi vào hàng chờ gửi. Máy sẽ gửi ngay khi "
                        "kết nối được máy chủ cấp trên; bản ghi nào vẫn bị từ chối sẽ lại hiện "
                        "ở đây.", "success")
        self.reload()
        self.requeued.emit(numbers)


def _read_only_table(columns: tuple[str, ...]) -> QTableWidget:
    table = QTableWidget(0, len(columns))
    table.setHorizontalHeaderLabels(columns)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    table.setWordWrap(True)
    table.verticalHeader().hide()
    header = table.horizontalHeader()
    for column in range(len(columns) - 1):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(len(columns) - 1, QHeaderView.ResizeMode.Stretch)
    table.setMaximumHeight(150)
    return table


def _technical(record: ParkedRecord) -> str:
    """What the IT person needs: the server's own words and where the row stands."""
    return (f"Chi tiết kỹ thuật — bản ghi số {record.seq}, tạo lúc "
            f"{formats.instant(record.created_at)}, đã gửi {record.attempts} lần. "
            f"Máy chủ trả lời: {record.code or '?'}: {record.detail}")
