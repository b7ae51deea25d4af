"""The work queues, paging and sorting in SQL, and the search box that takes a scanner."""

import pytest
from PySide6.QtCore import Qt

from desk import events
from tests.conftest import vn
from tests.ui.conftest import press, receive
from ui.list_model import DossierListModel

pytestmark = pytest.mark.gui


def test_queue_tabs_show_only_their_dossiers_with_counts(window, office, clock, qtbot):
    waiting, ready, plain = (receive(office, clock, n) for n in ("Lê Thị An", "Trần Văn Bình",
                                                                 "Phạm Thu Hà"))
    events.record(office, waiting.code, "supplement_requested", now=clock)
    events.record(office, ready.code, "result_ready", now=clock)
    panel = window.dossiers
    panel.show_queue("ready")
    assert [r.code for r in panel.model.rows] == [ready.code]
    panel.show_queue("waiting_supplement")
    assert [r.code for r in panel.model.rows] == [waiting.code]
    panel.show_queue("today")
    assert {r.code for r in panel.model.rows} == {waiting.code, ready.code, plain.code}
    qtbot.waitUntil(lambda: panel.tabs.tabText(0) == "Hôm nay (3)")
    qt_text = [panel.tabs.tabText(i) for i in range(panel.tabs.count())]
    assert "Hôm nay (3)" in qt_text and "Chờ trả kết quả (1)" in qt_text


def test_overdue_dossiers_are_tinted_and_say_so(window, office, clock):
    dossier = receive(office, clock)  # 3 working days: due Fri 27/11 10:00
    clock.set(vn(2026, 11, 27, 11, 0))
    window.dossiers.show_queue("overdue")
    model = window.dossiers.model
    assert model.code_at(0) == dossier.code
    assert model.data(model.index(0, 5)).endswith("quá hạn")
    assert model.data(model.index(0, 0), Qt.ItemDataRole.BackgroundRole) is not None


def test_list_pages_and_sorts_in_sql(window, office, clock, monkeypatch):
    monkeypatch.setattr(DossierListModel, "PAGE", 3)
    names = ["Lê Thị An", "Trần Văn Bình", "Vũ Thị Yến", "Bùi Văn Cường", "Hồ Thị Lan"]
    for i, name in enumerate(names):
        clock.set(vn(2026, 11, 23, 10, i))
        receive(office, clock, name)
    model = window.dossiers.model
    window.dossiers.show_queue("all")
    assert model.rowCount() == 3 and model.canFetchMore(model.index(-1, -1))
    model.fetchMore(model.index(-1, -1))
    assert model.rowCount() == 5 and not model.canFetchMore(model.index(-1, -1))
    window.dossiers.table.sortByColumn(1, Qt.SortOrder.DescendingOrder)
    assert model.rowCount() == 3  # a sort starts again from the first page
    assert model.rows[0].applicant == "Vũ Thị Yến"


def test_scanned_code_and_enter_open_the_dossier(window, office, clock, qtbot):
    dossier = receive(office, clock)
    press(Qt.Key.Key_F3, window)
    qtbot.keyClicks(window.search_box, dossier.code.lower())  # a scanner types ASCII
    press(Qt.Key.Key_Return, window.search_box)
    assert window.dossier_view is not None and window.dossier_view.isVisible()
    assert window.dossier_view.code == dossier.code
    assert window.search_box.text() == ""


def test_other_text_searches_off_the_ui_thread(window, office, clock, qtbot):
    receive(office, clock, "Đặng Văn Đức")
    receive(office, clock, "Lê Thị An")
    window.search_box.setText("dang van")
    press(Qt.Key.Key_Return, window.search_box)
    qtbot.waitUntil(lambda: not window.dossiers.caption.isHidden())
    assert [r.applicant for r in window.dossiers.model.rows] == ["Đặng Văn Đức"]
    assert "«dang van»: 1 hồ sơ" in window.dossiers.caption.text()
    window.dossiers.show_queue("today")
    assert window.dossiers.model.rowCount() == 2
