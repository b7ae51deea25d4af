"""The statistics screen: a period's on-time figures, the year's trend, the dossiers behind each.

Self-contained: the main window adds ``StatisticsScreen(ctx)`` as a page and may connect
``dossiers_requested`` to open those dossiers in its own list; without it a dialog lists them.
Reports are computed and files rendered in the thread pool (DESIGN.md §1: a report never runs
on the Qt main thread), each worker closing its SQLite connection when done. Charts are drawn
with QPainter: no charting dependency for two small pictures.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QPointF, QRectF, Qt, QThreadPool, Signal
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desk import audit, reports
from desk.accounts import Actor
from desk.clock import Now, to_local
from desk.context import DeskContext
from desk.periods import ROMAN, Period
from desk.report_table import office_table
from desk.report_xlsx import render_xlsx
from printing.report import format_value, render_report
from ui import files
from ui.geometry import fit_to_screen
from ui.workers import Task

log = logging.getLogger(__name__)
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
KINDS = (("month", "Tháng"), ("quarter", "Quý"), ("year", "Năm"))
RECEIVED_COLOUR, RESOLVED_COLOUR, RATE_COLOUR = "#4C78A8", "#59A14F", "#E15759"
# (figure, caption, colour of the number); the rate tiles have no list behind them.
TILES = (
    ("total", "Tổng số hồ sơ", "#222222"),
    ("carried_over", "Kỳ trước chuyển qua", "#222222"),
    ("received", "Mới tiếp nhận", RECEIVED_COLOUR),
    ("resolved", "Đã giải quyết", RESOLVED_COLOUR),
    ("resolved_early", "Trước hạn", RESOLVED_COLOUR),
    ("resolved_on_time", "Đúng hạn", RESOLVED_COLOUR),
    ("resolved_late", "Giải quyết quá hạn", RATE_COLOUR),
    ("pending_on_time", "Đang giải quyết trong hạn", "#222222"),
    ("pending_overdue", "Đang giải quyết quá hạn", RATE_COLOUR),
    ("waiting_supplement", "Chờ bổ sung", "#B07AA1"),
    ("refused", "Từ chối giải quyết", "#222222"),
    ("withdrawn", "Công dân rút hồ sơ", "#222222"),
    ("on_time_rate", "Tỷ lệ đúng hạn (%)", RESOLVED_COLOUR),
    ("satisfaction_rate", "Hài lòng (%)", RESOLVED_COLOUR),
)


@dataclass(frozen=True)
class Snapshot:
    """What one computation brings back to the screen."""

    report: reports.Report
    series: list[tuple[Period, reports.Figures]]


class StatisticsScreen(QWidget):
    """Period chooser, figures, charts, per-procedure table; every count opens its dossiers."""

    dossiers_requested = Signal(str, list)  # title, dossier codes
    open_requested = Signal(str)  # a dossier chosen in a figure's list
    loaded = Signal()

    def __init__(
        self, ctx: DeskContext, *, now: Now, pool: QThreadPool | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.signed_in: Actor | None = None  # who exports, for the audit trail
        self.ctx, self.now = ctx, now
        self.pool = pool or QThreadPool.globalInstance()
        self.snapshot: Snapshot | None = None
        self._jobs: set[Task] = set()
        self._generation = 0
        self.list_in_dialog = True  # the main window may show lists itself instead
        self._build()
        self.choose(Period.containing(now()))

    # --- layout -------------------------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.addLayout(self._chooser())
        self.status = QLabel("")
        self.status.setStyleSheet("color: #555;")
        layout.addWidget(self.status)
        self.tiles: dict[str, FigureTile] = {}
        grid = QGridLayout()
        for index, (name, caption, colour) in enumerate(TILES):
            tile = FigureTile(caption, colour, clickable=not name.endswith("_rate"))
            tile.clicked.connect(lambda _=False, n=name: self.show_dossiers(n))
            self.tiles[name] = tile
            grid.addWidget(tile, index // 7, index % 7)
        layout.addLayout(grid)
        charts = QHBoxLayout()
        self.bars, self.trend = MonthlyBars(), RateTrend()
        charts.addWidget(self.bars, 3)
        charts.addWidget(self.trend, 2)
        layout.addLayout(charts, 2)
        self.table = QTableWidget(0, len(TABLE_COLUMNS))
        self.table.setHorizontalHeaderLabels([c for c, _ in TABLE_COLUMNS])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        layout.addWidget(self.table, 3)

    def _chooser(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.kind = QComboBox()
        for key, label in KINDS:
            self.kind.addItem(label, key)
        self.number = QComboBox()
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.export_xlsx = QPushButton("Xuất Excel…")
        self.export_pdf = QPushButton("Xuất PDF…")
        row.addWidget(QLabel("Kỳ báo cáo:"))
        for widget in (self.kind, self.number, self.year):
            row.addWidget(widget)
        row.addStretch(1)
        row.addWidget(self.export_xlsx)
        row.addWidget(self.export_pdf)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.number.currentIndexChanged.connect(self._period_changed)
        self.year.valueChanged.connect(self._period_changed)
        self.export_xlsx.clicked.connect(lambda: self.export("xlsx"))
        self.export_pdf.clicked.connect(lambda: self.export("pdf"))
        return row

    # --- choosing and computing ---------------------------------------------------------

    def choose(self, period: Period) -> None:
        """Show ``period`` (also what the chooser does); the figures follow shortly."""
        widgets = (self.kind, self.number, self.year)
        for widget in widgets:
            widget.blockSignals(True)
        self.kind.setCurrentIndex([k for k, _ in KINDS].index(period.kind))
        self._fill_numbers(period.kind)
        self.number.setCurrentIndex(period.number - 1)
        self.year.setValue(period.year)
        for widget in widgets:
            widget.blockSignals(False)
        self.refresh()

    def period(self) -> Period:
        return Period(self.year.value(), self.kind.currentData(), self.number.currentIndex() + 1)

    def _fill_numbers(self, kind: str) -> None:
        self.number.clear()
        if kind == "month":
            self.number.addItems([f"{m:02d}" for m in range(1, 13)])
        elif kind == "quarter":
            self.number.addItems(list(ROMAN))
        else:
            self.number.addItem("cả năm")
        self.number.setEnabled(kind != "year")

    def _kind_changed(self) -> None:
        self.number.blockSignals(True)
        self._fill_numbers(self.kind.currentData())
        self.number.blockSignals(False)
        self.refresh()

    def _period_changed(self) -> None:
        self.refresh()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        """Figures move with every intake and step: shown again, they are computed again."""
        super().showEvent(event)
        if self.snapshot is not None:
            self.refresh()

    def refresh(self) -> None:
        """Recompute in the pool; a result for a period no longer shown is dropped."""
        period, commune, moment = self.period(), self.ctx.commune_code, self.now()
        self._generation += 1
        generation = self._generation
        self.status.setText(f"Đang tính số liệu {period.label.lower()}…")

        def work() -> Snapshot:
            report = reports.build_report(period, commune, now=lambda: moment)
            year = Period.whole_year(period.year)
            series = reports.monthly_series(year, commune, now=lambda: moment)
            return Snapshot(report, series)

        self._start(work, lambda s: self._show(s) if generation == self._generation else None)

    def _start(self, work: Callable[[], Any], done: Callable[[Any], None]) -> None:
        task = Task(work)
        task.setAutoDelete(False)  # kept alive by self._jobs until it reports
        self._jobs.add(task)
        task.signals.done.connect(done)
        task.signals.failed.connect(self.status.setText)
        task.signals.finished.connect(self._jobs.discard)
        self.pool.start(task)

    # --- showing ------------------------------------------------------------------------

    def _show(self, snapshot: Snapshot) -> None:
        self.snapshot = snapshot
        report = snapshot.report
        figures = report.total.figures
        moment = to_local(report.as_of)
        self.status.setText(
            f"{report.period.label} — số đang giải quyết tính đến {moment:%H:%M} ngày "
            f"{moment:%d/%m/%Y}. Bấm vào một con số để xem danh sách hồ sơ."
        )
        for name, tile in self.tiles.items():
            value = getattr(figures, name) if name.endswith("_rate") else figures.count(name)
            tile.set_value(format_value(value))
        self.bars.set_series(snapshot.series)
        self.trend.set_series(snapshot.series)
        self._fill_table(report)
        self.loaded.emit()

    def _fill_table(self, report: reports.Report) -> None:
        rows = [*report.rows(), report.total]
        self.table.setRowCount(len(rows))
        for r, group in enumerate(rows):
            for c, (_, cell) in enumerate(TABLE_COLUMNS):
                item = QTableWidgetItem(cell(group))
                if c:
                    item.setTextAlignment(RIGHT)
                if group.kind != "procedure":
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                self.table.setItem(r, c, item)
        self.table.resizeColumnsToContents()
        self.table.setColumnWidth(0, min(self.table.columnWidth(0), 420))

    def dossier_codes(self, figure: str) -> list[str]:
        """The codes behind a figure of the total, in the order they were received."""
        if self.snapshot is None:
            return []
        return [r["code"] for r in reports.dossier_list(self.snapshot.report.total.ids(figure))]

    def show_dossiers(self, figure: str) -> None:
        if self.snapshot is None:
            return
        caption = reports.FIGURE_LABELS.get(figure, figure)
        title = f"{caption} — {self.snapshot.report.period.label}"
        rows = reports.dossier_list(self.snapshot.report.total.ids(figure))
        self.dossiers_requested.emit(title, [r["code"] for r in rows])
        if self.list_in_dialog:
            dialog = DossierListDialog(title, rows, self)
            dialog.open_requested.connect(self.open_requested)
            dialog.open()

    # --- exporting ----------------------------------------------------------------------

    def export(self, kind: str) -> None:
        if self.snapshot is None:
            return
        suffix = {"xlsx": "Excel (*.xlsx)", "pdf": "PDF (*.pdf)"}[kind]
        name = f"bao-cao-{self.snapshot.report.period.key}.{kind}"
        path = files.save_path(self, "Lưu báo cáo", name, suffix)
        if path is not None:
            self.save(path, kind)

    def save(self, path: Path, kind: str) -> None:
        """Render and write the current report in the pool (PDF layout takes a moment)."""
        if self.snapshot is None:
            return
        table = office_table(self.snapshot.report, self.ctx, to_local(self.now()).date())
        render = render_xlsx if kind == "xlsx" else render_report

        label = self.snapshot.report.period.label
        by = self.signed_in.login if self.signed_in else ""

        def work() -> Path:
            path.write_bytes(render(table))
            audit.exported("report", path, actor=by, now=self.now, target=label)
            return path

        self._start(work, lambda p: self.status.setText(f"Đã lưu báo cáo vào {p}."))


def _rate_text(value: float | None) -> str:
    return format_value(value) if value is not None else "-"


TABLE_COLUMNS: tuple[tuple[str, Callable[[reports.Group], str]], ...] = (
    ("Lĩnh vực, thủ tục", lambda g: g.label if g.kind != "procedure" else f"    {g.label}"),
    ("Tổng số", lambda g: str(g.figures.total)),
    ("Mới tiếp nhận", lambda g: str(g.figures.received)),
    ("Đã giải quyết", lambda g: str(g.figures.resolved)),
    ("Giải quyết quá hạn", lambda g: str(g.figures.resolved_late)),
    ("Đang giải quyết", lambda g: str(g.figures.pending)),
    ("Đang quá hạn", lambda g: str(g.figures.pending_overdue)),
    ("Chờ bổ sung", lambda g: str(g.figures.waiting_supplement)),
    ("Tỷ lệ đúng hạn (%)", lambda g: _rate_text(g.figures.on_time_rate)),
)


class FigureTile(QPushButton):
    """A big number over its caption; clicking it lists the dossiers behind it."""

    def __init__(self, caption: str, colour: str, clickable: bool = True) -> None:
        super().__init__()
        self.caption, self.value = caption, ""
        self.setMinimumSize(120, 72)
        self.setEnabled(clickable)
        cursor = Qt.CursorShape.PointingHandCursor if clickable else Qt.CursorShape.ArrowCursor
        self.setCursor(cursor)
        self.setStyleSheet(
            "QPushButton { background: #FFFFFF; border: 1px solid #D5DBE3; border-radius: 6px; }"
            "QPushButton:hover { border-color: #4C78A8; background: #F5F8FC; }"
        )
        self.number = QLabel("…")
        self.number.setStyleSheet(f"color: {colour}; font-size: 20px; font-weight: bold;"
                                  "background: transparent; border: none;")
        label = QLabel(caption)
        label.setWordWrap(True)
        label.setStyleSheet("color: #444; background: transparent; border: none;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 4, 6, 4)
        layout.setSpacing(0)
        for child in (self.number, label):
            child.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            layout.addWidget(child)

    def set_value(self, text: str) -> None:
        self.value = text
        self.number.setText(text)
        self.setToolTip(f"{self.caption}: {text}")
        self.setAccessibleName(f"{self.caption}: {text}")


class _Chart(QWidget):
    """Shared frame of the two charts: a title, a plot area, month labels under it."""

    title = ""

    def __init__(self) -> None:
        super().__init__()
        self.series: list[tuple[Period, reports.Figures]] = []
        self.setMinimumSize(320, 150)

    def set_series(self, series: Sequence[tuple[Period, reports.Figures]]) -> None:
        self.series = list(series)
        self.update()

    def plot_area(self) -> QRectF:
        return QRectF(40, 28, max(10, self.width() - 54), max(10, self.height() - 72))

    def paint_frame(self, painter: QPainter, top: float, ticks: Sequence[str]) -> QRectF:
        area = self.plot_area()
        painter.fillRect(self.rect(), QColor("#FFFFFF"))
        painter.setPen(QColor("#333333"))
        painter.drawText(QRectF(0, 4, self.width(), 20), Qt.AlignmentFlag.AlignCenter, self.title)
        painter.setPen(QPen(QColor("#E3E7ED"), 1))
        for step in range(5):
            y = area.bottom() - area.height() * step / 4
            painter.drawLine(QPointF(area.left(), y), QPointF(area.right(), y))
            painter.setPen(QColor("#777777"))
            label = ticks[step] if ticks else f"{top * step / 4:.0f}"
            painter.drawText(QRectF(0, y - 8, area.left() - 4, 16),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, label)
            painter.setPen(QPen(QColor("#E3E7ED"), 1))
        slot = area.width() / 12
        painter.setPen(QColor("#555555"))
        for month in range(12):
            box = QRectF(area.left() + slot * month, area.bottom() + 2, slot, 16)
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, f"T{month + 1}")
        return area

    def legend(self, painter: QPainter, items: Sequence[tuple[str, str]]) -> None:
        x = 44.0
        for text, colour in items:
            painter.fillRect(QRectF(x, self.height() - 16, 10, 10), QColor(colour))
            painter.setPen(QColor("#333333"))
            painter.drawText(QPointF(x + 14, self.height() - 7), text)
            x += 14 + painter.fontMetrics().horizontalAdvance(text) + 18


class MonthlyBars(_Chart):
    """Dossiers received and resolved in each month of the year."""

    title = "Hồ sơ tiếp nhận và giải quyết theo tháng"

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt's name)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        peak = max([1] + [max(f.received, f.resolved) for _, f in self.series])
        top = float(_nice_ceiling(peak))
        area = self.paint_frame(painter, top, [])
        slot = area.width() / 12
        width = max(2.0, slot * 0.32)
        for period, figures in self.series:
            x = area.left() + slot * (period.number - 1) + slot / 2
            for offset, value, colour in ((-width, figures.received, RECEIVED_COLOUR),
                                          (0.0, figures.resolved, RESOLVED_COLOUR)):
                height = area.height() * value / top
                painter.fillRect(QRectF(x + offset, area.bottom() - height, width, height),
                                 QColor(colour))
        self.legend(painter, (("Tiếp nhận", RECEIVED_COLOUR), ("Đã giải quyết", RESOLVED_COLOUR)))
        painter.end()


class RateTrend(_Chart):
    """The on-time rate of each month (no point where nothing was resolved)."""

    title = "Tỷ lệ giải quyết đúng hạn theo tháng (%)"

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt's name)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        area = self.paint_frame(painter, 100.0, ["0", "25", "50", "75", "100"])
        slot = area.width() / 12
        points = [
            QPointF(area.left() + slot * (p.number - 1) + slot / 2,
                    area.bottom() - area.height() * f.on_time_rate)
            for p, f in self.series if f.on_time_rate is not None
        ]
        painter.setPen(QPen(QColor(RATE_COLOUR), 2))
        for start, end in zip(points, points[1:], strict=False):
            painter.drawLine(start, end)
        painter.setBrush(QColor(RATE_COLOUR))
        for point in points:
            painter.drawEllipse(point, 3.5, 3.5)
        self.legend(painter, (("Đúng hạn và trước hạn / đã giải quyết", RATE_COLOUR),))
        painter.end()


def _nice_ceiling(value: int) -> int:
    """A round top for the axis (4 gridlines): 7 → 8, 37 → 40, 1234 → 1600."""
    step = 1
    while step * 4 < value:
        step = step * 5 // 2 if str(step).startswith("2") else step * 2
    return step * 4


class DossierListDialog(QDialog):
    """The dossiers behind one figure: code, applicant, procedure, received, status now.

    Enter or a double click opens the chosen dossier (``open_requested``); Esc closes.
    """

    COLUMNS = ("Mã hồ sơ", "Người nộp", "Thủ tục", "Tiếp nhận", "Hạn giải quyết",
               "Trạng thái hiện nay")
    open_requested = Signal(str)

    def __init__(self, title: str, rows: Sequence[dict[str, Any]], parent: QWidget) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"{title}: {len(rows)} hồ sơ. Enter hoặc bấm đúp để mở hồ sơ."))
        self.table = QTableWidget(len(rows), len(self.COLUMNS))
        self.table.setHorizontalHeaderLabels(self.COLUMNS)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        for r, row in enumerate(rows):
            cells = (row["code"], row["applicant"], row["procedure"], _when(row["received_at"]),
                     _when(row["deadline_at"]), row["status"])
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(r, c, item)
        header = self.table.horizontalHeader()
        for column in range(len(self.COLUMNS)):  # every column whole but the procedure's
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda index: self.open_row(index.row()))
        if rows:
            self.table.selectRow(0)
        layout.addWidget(self.table)
        buttons = QDialogButtonBox()
        opener = buttons.addButton("Mở hồ sơ (Enter)", QDialogButtonBox.ButtonRole.AcceptRole)
        opener.setDefault(True)
        opener.setEnabled(bool(rows))
        buttons.addButton("Đóng (Esc)", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(lambda: self.open_row(self.table.currentRow()))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        fit_to_screen(self, 1000, 560, parent)

    def open_row(self, row: int) -> None:
        item = self.table.item(row, 0) if row >= 0 else None
        if item is None:
            return
        self.accept()
        self.open_requested.emit(item.text())


def _when(instant: dt.datetime | None) -> str:
    return "" if instant is None else to_local(instant).strftime("%H:%M %d/%m/%Y")
