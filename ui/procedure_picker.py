"""Choosing the procedure by typing part of its name or code, with or without tones."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from desk import catalogue
from models import Procedure

NAVIGATION = (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown)


class ProcedurePicker(QWidget):
    """A line to type in over a short list of matches; Up/Down move, Enter takes one."""

    chosen = Signal(object)  # the Procedure, or None when the choice was cleared

    def __init__(self) -> None:
        super().__init__()
        self.line = QLineEdit()
        self.line.setPlaceholderText("Gõ tên hoặc mã thủ tục, có dấu hay không dấu đều được")
        self.line.setClearButtonEnabled(True)
        self.matches = QListWidget()
        self.matches.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keys stay in the line
        self.matches.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.selected = QLabel()
        self.selected.setObjectName("chosenProcedure")
        self.selected.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.line)
        layout.addWidget(self.matches)
        layout.addWidget(self.selected)
        self.procedure: Procedure | None = None
        self.line.textEdited.connect(self.filter)
        self.line.installEventFilter(self)
        self.matches.itemClicked.connect(self._take)
        self.setFocusProxy(self.line)
        self.filter("")

    def filter(self, text: str) -> None:
        self.matches.clear()
        for procedure in catalogue.active_procedures(text):
            item = QListWidgetItem(f"{procedure.code} — {procedure.name}")
            item.setData(Qt.ItemDataRole.UserRole, procedure)
            item.setToolTip(procedure.name)
            self.matches.addItem(item)
        if self.matches.count():
            self.matches.setCurrentRow(0)
        # As tall as its matches, up to six rows: a chosen procedure leaves room for the rest.
        rows = max(1, min(self.matches.count(), 6))
        self.matches.setFixedHeight(rows * self.matches.sizeHintForRow(0) + 6
                                    if self.matches.count() else 30)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if watched is self.line and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in NAVIGATION:
                self.matches.keyPressEvent(event)  # let the list move its own selection
                return True
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                item = self.matches.currentItem()
                if item is not None:
                    self._take(item)
                    self.focusNextChild()
                return True  # Enter here picks; it must never save a half-typed form
        if watched is self.line and event.type() == QEvent.Type.FocusOut:
            self._take_typed()
        return super().eventFilter(watched, event)

    def _take_typed(self) -> None:
        """Leaving with Tab after typing takes the highlighted match, as Enter would."""
        item = self.matches.currentItem()
        if (self.line.text().strip() and item is not None
                and item.data(Qt.ItemDataRole.UserRole) != self.procedure):
            self._take(item)

    def _take(self, item: QListWidgetItem) -> None:
        self.set_procedure(item.data(Qt.ItemDataRole.UserRole))

    def set_procedure(self, procedure: Procedure | None) -> None:
        self.procedure = procedure
        if procedure is None:
            self.selected.setText("Chưa chọn thủ tục.")
        else:
            time = catalogue.processing_text(procedure.processing_value, procedure.processing_unit)
            self.selected.setText(
                f"<b>{procedure.name}</b> ({procedure.code}) — lĩnh vực {procedure.field}; "
                f"thời hạn giải quyết: {time.lower()}"
            )
        self.chosen.emit(procedure)

    def reset(self) -> None:
        self.line.clear()
        self.filter("")
        self.set_procedure(None)
