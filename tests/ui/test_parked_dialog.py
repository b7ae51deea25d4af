"""The clerk reads why records were refused and sends them again, by keyboard."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from desk.sync.push import park
from desk.sync.status import sync_status
from models import Outbox
from tests.ui.conftest import receive
from ui.parked_dialog import ParkedDialog

pytestmark = pytest.mark.gui


def states() -> list[str]:
    return [row.state for row in Outbox.select().order_by(Outbox.seq)]


def park_some(office, clock) -> None:
    """Two dossiers (seq 1-2, 3-4); the server refused the first whole and the second's event."""
    receive(office, clock, "Lê Thị An")
    receive(office, clock, "Trần Văn Bình")
    park({1: ("unknown_procedure", "procedure 1.004837 is not known"),
          2: ("unknown_dossier", "event refers to a dossier the server does not hold"),
          4: ("invalid_event_data", "received: due_at must be an ISO instant")}, now=clock)


@pytest.fixture
def dialog(qtbot, office, clock):
    park_some(office, clock)
    shown = ParkedDialog()
    qtbot.addWidget(shown)
    shown.show()
    shown.activateWindow()
    qtbot.waitUntil(shown.isActiveWindow)
    return shown


def cells(dialog: ParkedDialog, column: int) -> list[str]:
    return [dialog.table.item(row, column).text() for row in range(dialog.table.rowCount())]


def test_each_parked_record_says_what_it_is_and_why_in_vietnamese(dialog):
    assert cells(dialog, 0) == ["1", "2", "4"]
    assert cells(dialog, 2) == ["Hồ sơ", "Sự kiện: Tiếp nhận hồ sơ", "Sự kiện: Tiếp nhận hồ sơ"]
    assert len(set(cells(dialog, 1))) == 2 and all("-" in code for code in cells(dialog, 1))
    assert cells(dialog, 4)[0].startswith("Máy chủ cấp trên chưa có thủ tục 1.004837")
    assert "hồ sơ cũng đang bị giữ lại" in cells(dialog, 4)[1]
    assert dialog.table.item(2, 4).toolTip() == (
        "invalid_event_data: received: due_at must be an ISO instant")
    assert "procedure 1.004837 is not known" in dialog.detail.text()  # row 1 chosen at start


def test_arrows_and_alt_g_send_the_chosen_record_with_its_dossier(dialog, qtbot, tmp_path):
    assert dialog.grab().save(str(tmp_path / "parked-records.png"))
    assert dialog.table.hasFocus()
    QTest.keyClick(dialog.table, Qt.Key.Key_Down)
    assert dialog.selected_seqs() == [2]
    with qtbot.waitSignal(dialog.requeued) as sent:
        QTest.keyClick(dialog, Qt.Key.Key_G, Qt.KeyboardModifier.AltModifier)
    assert sent.args == [[1, 2]]  # the event goes back with its dossier
    assert states() == ["pending", "pending", "pending", "parked"]
    assert cells(dialog, 0) == ["4"]
    assert dialog.banner.text().startswith("Đã đưa 2 bản ghi vào hàng chờ gửi")
    with qtbot.waitSignal(dialog.requeued) as sent:
        QTest.keyClick(dialog, Qt.Key.Key_T, Qt.KeyboardModifier.AltModifier)
    assert sent.args == [[4]]
    assert dialog.table.isHidden() and not dialog.retry_all.isEnabled()
    assert dialog.detail.text() == "Không có bản ghi nào bị giữ lại."
    assert dialog.grab().save(str(tmp_path / "empty.png"))


class QuietWorker:
    """Stands for the sync worker: counts the wake-ups a re-queue asks for."""

    def __init__(self) -> None:
        self.woken = 0

    def wake(self) -> None:
        self.woken += 1

    def stop(self) -> None:
        pass


def test_ctrl_g_opens_the_list_and_send_again_wakes_the_sync(window, office, clock, qtbot):
    park_some(office, clock)
    window.refresh_sync_status()
    assert window.parked_button.isVisible()
    window.sync_worker = QuietWorker()
    QTest.keyClick(window, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    dialog = window.parked_dialog
    assert dialog is not None and dialog.isVisible() and len(dialog.records) == 3
    qtbot.waitUntil(dialog.isActiveWindow)
    with qtbot.waitSignal(dialog.requeued):  # a mnemonic is handled by the event loop
        QTest.keyClick(dialog, Qt.Key.Key_T, Qt.KeyboardModifier.AltModifier)
    assert window.sync_worker.woken == 1 and not window.parked_button.isVisible()
    assert window.message.text() == "Đã đưa 3 bản ghi bị giữ lại vào hàng chờ gửi."
    park({4: ("invalid_event_data", "still wrong")}, now=clock)  # what the sync that follows may do
    window.show_sync_status(sync_status(now=clock))
    assert [r.seq for r in dialog.records] == [4] and window.parked_button.isVisible()
    dialog.reject()


def test_records_pulled_but_not_applied_are_listed_below_with_their_cause(
        qtbot, office, clock, tmp_path):
    import json

    from desk.sync.incoming import apply

    park_some(office, clock)
    apply([{"seq": 41, "kind": "event", "record": {"kind": "assigned", "hlc": "x"}},
           {"seq": 42, "kind": "spaceship", "record": {}}], 42, now=clock)
    shown = ParkedDialog()
    qtbot.addWidget(shown)
    shown.resize(1000, 700)
    shown.show()
    assert shown.pulled.isVisible() and shown.pulled.rowCount() == 2
    texts = [[shown.pulled.item(r, c).text() for c in range(5)] for r in range(2)]
    assert [t[0] for t in texts] == ["41", "42"]
    assert texts[0][2] == "Sự kiện: Chuyển xử lý" and texts[1][2] == "Bản ghi không rõ loại"
    assert texts[1][4].startswith("ValueError: a change of unknown kind")
    assert "thử lại" in shown.pulled.item(0, 1).toolTip()
    assert shown.grab().save(str(tmp_path / "parked-with-pulled.png"))
    assert json.dumps(texts, ensure_ascii=False)
