"""One dossier, as a screen of the main window: its facts, documents and timeline beside a
column of the actions allowed now, each with its digit key and one confirmation.

The actions stand in a column, not a row: however many the workflow allows, they fit the
1024 px of a commune PC's screen (and scroll if the column ever outgrows its height).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from desk import corrections, documents, dossiers, events
from desk.accounts import Actor
from desk.clock import parse_instant, to_local
from desk.context import DeskContext
from desk.errors import DomainError
from desk.workflow import EVENT_LABELS
from ui import keys
from ui.dossier_facts import documents_box, facts_box, timeline_box
from ui.printer import SLIP_TITLES, PrintService
from ui.prompts import Prompts
from ui.widgets import Banner

# Actions that ask more than a yes get "…", as menus do.
ASKS = {"supplement_requested", "refused", "withdrawn", "rescheduled", "corrected", "rated",
        "stopped"}
# The slip each step prints; the late letter (rescheduled) is the 2018 apology or the 2025
# extension, chosen by the dossier's form set (documents.late_letter_kind).
SLIPS = {"supplement_requested": "supplement", "refused": "refusal", "stopped": "stop"}
REASONS = {"refused": "Lý do từ chối giải quyết (mỗi lý do một dòng):",
           "withdrawn": "Lý do công dân rút hồ sơ:",
           "stopped": "Lý do dừng giải quyết hồ sơ:"}
ACTIONS_WIDTH = 270
ACTIONS_MAX_WIDTH = 360


class DossierView(QWidget):
    changed = Signal(str)  # an event was recorded on this dossier
    closed = Signal()  # the clerk asked to go back (Esc or the button)

    def __init__(
        self, ctx: DeskContext, code: str, printing: PrintService,
        now: Callable[[], dt.datetime], parent: QWidget | None = None,
        actor: Actor | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx, self.printing, self.now = ctx, printing, now
        self.code = events.get_dossier(code).code
        self.actor = actor  # the signed-in account: named on the event and in the audit
        self.prompts = Prompts(self)
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)  # digits act only while it has focus
        self.banner = Banner()
        self.body = QWidget()
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(6, 4, 6, 4)
        self.layout_.addWidget(self.banner)
        self.layout_.addWidget(self.body, 1)
        QShortcut(QKeySequence(keys.CONTROL_SLIP.keys), self, activated=self.print_control,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.action_buttons: dict[str, QPushButton] = {}
        self.digit_keys: list[QShortcut] = []
        self.reload()

    def reload(self) -> None:
        self.facts = dossiers.details(events.get_dossier(self.code))
        body = QWidget()
        row = QHBoxLayout(body)
        row.setContentsMargins(0, 0, 0, 0)
        left = QVBoxLayout()
        left.addWidget(self._header())
        left.addWidget(facts_box(self.facts))
        left.addWidget(documents_box(self.facts["documents"]))
        left.addWidget(timeline_box(self.facts["events"]), 1)
        row.addLayout(left, 1)
        row.addWidget(self._actions_column())
        self.layout_.replaceWidget(self.body, body)
        self.body.deleteLater()
        self.body = body
        self.setFocus()

    def _header(self) -> QLabel:
        f = self.facts
        label = QLabel(f"<span style='font-size:14pt'><b>{f['code']}</b></span>"
                       f"&nbsp;&nbsp;{f['status_label']}")
        label.setObjectName("dossierHeader")
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    # -- the actions column ---------------------------------------------------------------

    def _actions_column(self) -> QScrollArea:
        column = QWidget()
        layout = QVBoxLayout(column)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._steps_box())
        layout.addWidget(self._print_box())
        layout.addStretch()
        back = QPushButton("Quay lại (Esc)")
        back.setAutoDefault(False)
        back.clicked.connect(self.closed)
        layout.addWidget(back)
        area = _ActionsArea()
        area.setWidget(column)
        area.setWidgetResizable(True)
        area.setFrameShape(QFrame.Shape.NoFrame)
        area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        area.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Preferred)
        return area

    def _steps_box(self) -> QGroupBox:
        box = QGroupBox("Thao tác (phím số)")
        layout = QVBoxLayout(box)
        layout.setSpacing(4)
        for shortcut in self.digit_keys:
            shortcut.setEnabled(False)
            shortcut.deleteLater()
        self.action_buttons, self.digit_keys = {}, []
        for number, kind in enumerate(self.facts["allowed"], start=1):
            text = f"{number}. {EVENT_LABELS[kind]}{'…' if kind in ASKS else ''}"
            button = _button(text, lambda _=False, k=kind: self.act(k))
            self.action_buttons[kind] = button
            layout.addWidget(button)
            if number <= 9:  # only while the dossier has focus: the search box takes digits
                self.digit_keys.append(QShortcut(
                    QKeySequence(str(number)), self, activated=button.click,
                    context=Qt.ShortcutContext.WidgetWithChildrenShortcut))
        if not self.action_buttons:
            layout.addWidget(QLabel("Hồ sơ đã kết thúc: không còn thao tác nào."))
        return box

    def _print_box(self) -> QGroupBox:
        box = QGroupBox("In giấy tờ")
        layout = QVBoxLayout(box)
        layout.setSpacing(4)
        layout.addWidget(_button(f"Giấy tiếp nhận ({keys.PRINT.shown})", self.reprint))
        layout.addWidget(_button(f"Phiếu kiểm soát ({keys.CONTROL_SLIP.shown})",
                                 self.print_control))
        slips = self.slips()
        if slips:
            more = _button("Phiếu khác…", lambda: None)
            menu = QMenu(more)
            for kind in slips:
                menu.addAction(SLIP_TITLES[kind],
                               lambda k=kind: self.printing.print_slip(k, self.code))
            more.setMenu(menu)
            layout.addWidget(more)
        return box

    def slips(self) -> list[str]:
        """The slips this dossier has a step for (a refusal slip once it was refused, …)."""
        recorded = {e["kind"] for e in self.facts["events"]}
        slips = [slip for kind, slip in SLIPS.items() if kind in recorded]
        if "rescheduled" in recorded:
            slips.append(documents.late_letter_kind(self.code))
        return slips

    # -- acting on it ---------------------------------------------------------------------

    def act(self, kind: str) -> None:
        """Ask the step's one question, record it, then what follows (rating, a slip)."""
        if kind not in self.facts["allowed"]:
            return  # a stale key press after the dossier moved on
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
            answer = self.prompts.supplement(self.facts)
            return None if answer is None else {"data": {"documents": answer[0]},
                                                "note": answer[1]}
        if kind in REASONS:
            note = self.prompts.note(f"{EVENT_LABELS[kind]} — hồ sơ {self.code}", REASONS[kind])
            return None if note is None else {"note": note}
        if kind == "rescheduled":
            answer = self.prompts.new_due(parse_instant(self.facts["due_at"]))
            return None if answer is None else {"data": {"due_at": answer[0]}, "note": answer[1]}
        if kind == "corrected":
            return self._ask_correction()
        if kind == "rated":
            rating = self.prompts.rating()
            return None if rating is None else {"data": {"rating": rating}}
        note = self.prompts.confirm(kind, self.facts)
        return None if note is None else {"note": note}

    def _ask_correction(self) -> dict[str, Any] | None:
        applicant = self.facts["applicant"]
        current = {key: applicant.get(key) or "" for key in corrections.FIELDS}
        fix = self.prompts.correction(current, to_local(self.now()).date())
        if fix is None:
            return None
        return {"data": {"field": fix[0], "value": fix[1]}, "note": fix[2]}

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

    def print_control(self) -> None:
        self.printing.print_slip("control", self.code)


class _ActionsArea(QScrollArea):
    """As wide as its longest action (a 2025 step's name is long), within what 1024 px allow.

    Measured when the layout asks, not when built: the window's font size reaches the buttons
    only once the column is inside the window."""

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        column = self.widget()
        wanted = column.minimumSizeHint().width() if column is not None else 0
        wanted += self.verticalScrollBar().sizeHint().width()
        width = max(ACTIONS_WIDTH, min(wanted, ACTIONS_MAX_WIDTH))
        return QSize(width, super().sizeHint().height())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(self.sizeHint().width(), super().minimumSizeHint().height())


def _button(text: str, slot: Callable[[], object]) -> QPushButton:
    button = QPushButton(text)
    button.setAutoDefault(False)
    button.setStyleSheet("text-align:left; padding:5px 8px;")
    button.clicked.connect(slot)
    return button
