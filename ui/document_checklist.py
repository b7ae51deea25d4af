"""The procedure's documents as a checklist: tick what the citizen handed in, and how many."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QGridLayout, QLabel, QSpinBox, QWidget

from desk import catalogue
from desk.intake import DocumentInput
from models import Procedure, ProcedureDocument


class DocumentChecklist(QWidget):
    """Required documents start ticked; Space toggles, Tab moves on to the count."""

    def __init__(self) -> None:
        super().__init__()
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setHorizontalSpacing(12)
        self.grid.setColumnStretch(1, 1)
        self.rows: list[tuple[ProcedureDocument, QCheckBox, QSpinBox]] = []
        self.widgets: list[QWidget] = []
        self.empty = QLabel("Chọn thủ tục để hiện danh mục giấy tờ.")
        self.empty.setStyleSheet("color:#6c757d;")
        self.grid.addWidget(self.empty, 0, 0, 1, 4)

    def set_procedure(self, procedure: Procedure | None) -> None:
        self._clear()
        listed = [] if procedure is None else list(
            procedure.documents.order_by(ProcedureDocument.position))
        self.empty.setVisible(not listed)
        for row, document in enumerate(listed, start=1):
            self._add_row(row, document)

    def _add_row(self, row: int, document: ProcedureDocument) -> None:
        mark = " <i>(bắt buộc)</i>" if document.required else ""
        check = QCheckBox()  # the name goes in a wrapping label: some run to two lines
        check.setChecked(document.required)
        check.setAccessibleName(document.name)
        name = QLabel(f"{document.name}{mark}")
        name.setWordWrap(True)
        name.mousePressEvent = lambda _event: check.toggle()  # type: ignore[method-assign]
        form = QLabel(catalogue.FORM_LABELS.get(document.form, document.form))
        form.setStyleSheet("color:#495057;")
        count = QSpinBox()
        count.setRange(1, 99)
        count.setValue(document.quantity)
        count.setPrefix("SL: ")
        count.setAccessibleName(f"Số lượng {document.name}")
        check.toggled.connect(count.setEnabled)
        count.setEnabled(check.isChecked())
        self.grid.addWidget(check, row, 0, Qt.AlignmentFlag.AlignTop)
        self.grid.addWidget(name, row, 1)
        self.grid.addWidget(form, row, 2)
        self.grid.addWidget(count, row, 3)
        self.rows.append((document, check, count))
        self.widgets += [check, name, form, count]

    def _clear(self) -> None:
        for widget in self.widgets:
            self.grid.removeWidget(widget)
            widget.deleteLater()
        self.rows, self.widgets = [], []

    def documents(self) -> tuple[DocumentInput, ...]:
        return tuple(
            DocumentInput(document.name, document.form, count.value())
            for document, check, count in self.rows if check.isChecked()
        )

    def focus_chain(self) -> list[QWidget]:
        return [w for _, check, count in self.rows for w in (check, count)]
