"""The counter on a 1024×768 PC: every screen fits, window keys work from every screen, Esc
goes back, and a dossier step asks once (Enter records, Esc cancels)."""

import datetime as dt

import pytest
from PySide6.QtCore import QPoint, QRect, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QPushButton

from desk import events, workflow
from models import Dossier
from tests.ui.conftest import press, receive, type_text
from ui.geometry import SMALLEST_CLIENT
from ui.statistics import StatisticsScreen

pytestmark = pytest.mark.gui
LAND = "1.013978"  # the longest procedure name of the catalogue


@pytest.fixture
def counter(window, office, clock, qtbot):
    """The window as ui.app builds it (with statistics), on the smallest screen."""
    statistics = StatisticsScreen(office, now=clock)
    statistics.open_requested.connect(window.open_dossier)
    window.add_screen(statistics, "Thống kê", _key("STATISTICS"))
    window.statistics = statistics
    window.resize(SMALLEST_CLIENT)
    qtbot.waitUntil(lambda: statistics.snapshot is not None, timeout=10_000)
    yield window
    statistics.pool.waitForDone(10_000)


def _key(name):
    from ui import keys

    return getattr(keys, name)


def answer_next_dialog(key):
    """Press ``key`` in the next modal dialog, as the clerk would; returns what it said."""
    seen = []

    def answer():
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, answer)
            return
        QTimer.singleShot(2000, dialog.reject)  # never hang a test on a dialog left open
        texts = [w.text() for kind in (QLabel, QPushButton) for w in dialog.findChildren(kind)]
        seen.append(" | ".join(texts))
        QTest.keyClick(dialog, key)

    QTimer.singleShot(20, answer)
    return seen


def inside(widget, window) -> bool:
    top_left = widget.mapTo(window, QPoint(0, 0))
    return QRect(QPoint(0, 0), window.size()).contains(QRect(top_left, widget.size()))


def test_each_screen_fits_the_smallest_screen(counter, office, clock, qtbot):
    for screen in (counter.dossiers, counter.intake, counter.statistics):
        counter.screens.setCurrentWidget(screen)
        hint = counter.minimumSizeHint()
        assert hint.width() <= SMALLEST_CLIENT.width(), screen
        assert hint.height() <= SMALLEST_CLIENT.height(), screen
    view = counter.open_dossier(receive(office, clock, procedure=LAND).code)
    qtbot.waitUntil(lambda: view.isVisible())
    assert counter.minimumSizeHint().height() <= SMALLEST_CLIENT.height()
    assert counter.minimumSizeHint().width() <= SMALLEST_CLIENT.width()
    for button in view.findChildren(QPushButton):
        assert inside(button, counter), button.text()


def test_intake_scrolls_instead_of_squeezing_a_long_procedure_with_errors(counter, qtbot):
    press(Qt.Key.Key_F2, counter)
    type_text("dang ky dat dai lan dau")
    press(Qt.Key.Key_Return)
    counter.intake.save()  # nothing typed: every field says what is missing
    qtbot.wait(100)  # let the layouts settle
    fields = counter.intake.applicant
    assert fields.boxes["name"].error.isVisible()
    for box in fields.boxes.values():
        assert box.field.height() >= box.field.sizeHint().height()
    assert counter.intake.area.verticalScrollBar().maximum() > 0
    assert inside(counter.intake.save_button, counter)
    fields.email.setFocus()  # tabbing below the fold brings the field into view
    qtbot.waitUntil(lambda: counter.intake.area.verticalScrollBar().value() > 0)


@pytest.mark.parametrize("start", ["intake", "statistics", "dossier"])
def test_alt_digits_choose_a_queue_from_every_screen(counter, office, clock, start):
    dossier = receive(office, clock)
    if start == "intake":
        press(Qt.Key.Key_F2, counter)
        counter.intake.applicant.name.setFocus()
        type_text("Lê")
    elif start == "statistics":
        press(Qt.Key.Key_F9, counter)
        assert counter.screens.currentWidget() is counter.statistics
    else:
        counter.open_dossier(dossier.code)
    QTest.keyClick(QApplication.focusWidget() or counter, Qt.Key.Key_5,
                   Qt.KeyboardModifier.AltModifier)
    assert counter.screens.currentWidget() is counter.dossiers
    assert counter.dossiers.queue_name == "ready"
    assert counter.intake.applicant.name.text() in ("", "Lê")  # no digit typed anywhere


def test_f2_f3_f9_work_from_an_open_dossier(counter, office, clock):
    view = counter.open_dossier(receive(office, clock).code)
    for key, expected in ((Qt.Key.Key_F9, counter.statistics), (Qt.Key.Key_F2, counter.intake)):
        counter.screens.setCurrentWidget(view)
        view.setFocus()
        press(key, view)
        assert counter.screens.currentWidget() is expected
    counter.screens.setCurrentWidget(view)
    press(Qt.Key.Key_F3, view)
    assert QApplication.focusWidget() is counter.search_box


def test_esc_goes_back_to_where_the_dossier_was_opened_then_to_the_list(counter, office, clock):
    code = receive(office, clock).code
    press(Qt.Key.Key_F9, counter)
    counter.open_dossier(code)
    press(Qt.Key.Key_Escape, counter.dossier_view)
    assert counter.dossier_view is None
    assert counter.screens.currentWidget() is counter.statistics
    press(Qt.Key.Key_Escape, counter)
    assert counter.screens.currentWidget() is counter.dossiers


def test_the_scanner_path_opens_a_just_received_dossier(counter, office, clock, qtbot):
    code = receive(office, clock, procedure=LAND).code
    press(Qt.Key.Key_F3, counter)
    qtbot.keyClicks(counter.search_box, code)
    press(Qt.Key.Key_Return, counter.search_box)
    assert counter.screens.currentWidget() is counter.dossier_view
    assert counter.dossier_view.code == code
    assert counter.dossier_view.hasFocus() or counter.dossier_view.isAncestorOf(
        QApplication.focusWidget())


def test_a_digit_asks_once_and_esc_records_nothing(counter, office, clock):
    dossier = receive(office, clock)
    view = counter.open_dossier(dossier.code)
    number = view.facts["allowed"].index("result_ready") + 1
    seen = answer_next_dialog(Qt.Key.Key_Escape)
    press(getattr(Qt.Key, f"Key_{number}"), view)
    assert seen and f"Ghi nhận «Có kết quả giải quyết» cho hồ sơ {dossier.code}?" in seen[0]
    assert [e.kind for e in Dossier.get_by_id(dossier.id).events] == ["received"]


def test_enter_in_the_confirmation_records_the_step(counter, office, clock):
    dossier = receive(office, clock)
    view = counter.open_dossier(dossier.code)
    number = view.facts["allowed"].index("result_ready") + 1
    answer_next_dialog(Qt.Key.Key_Return)
    press(getattr(Qt.Key, f"Key_{number}"), view)
    assert Dossier.get_by_id(dossier.id).status == workflow.RESULT_READY
    assert counter.dossier_view.action_buttons.keys() == {"returned", "corrected"}


def test_the_window_offers_exactly_the_steps_the_workflow_allows(counter, office, clock):
    dossier = receive(office, clock)
    for kind in ("assigned", "result_ready", "returned"):
        view = counter.open_dossier(dossier.code)
        state = events.current_state(Dossier.get_by_id(dossier.id))
        assert list(view.action_buttons) == workflow.allowed_kinds(state)
        events.record(office, dossier.code, kind, now=clock)


def test_digits_typed_in_the_search_box_never_act_on_the_dossier(counter, office, clock):
    dossier = receive(office, clock)
    counter.open_dossier(dossier.code)
    press(Qt.Key.Key_F3, counter)
    type_text("3")
    assert counter.search_box.text() == "3"
    assert [e.kind for e in Dossier.get_by_id(dossier.id).events] == ["received"]


def test_statistics_refresh_on_f5_and_when_shown_again(counter, office, clock, qtbot):
    stats = counter.statistics
    press(Qt.Key.Key_F9, counter)
    qtbot.waitUntil(lambda: stats.tiles["received"].value == "0", timeout=10_000)
    receive(office, clock)
    clock.set(clock() + dt.timedelta(minutes=5))  # figures count what happened before now
    with qtbot.waitSignal(stats.loaded, timeout=10_000):
        press(Qt.Key.Key_F5, counter)
    assert stats.tiles["received"].value == "1"
    press(Qt.Key.Key_Escape, counter)
    receive(office, clock, "Trần Văn Bình")
    clock.set(clock() + dt.timedelta(minutes=5))
    with qtbot.waitSignal(stats.loaded, timeout=10_000):
        press(Qt.Key.Key_F9, counter)
    assert stats.tiles["received"].value == "2"


def test_a_figure_lists_its_dossiers_and_enter_opens_one(counter, office, clock, qtbot):
    dossier = receive(office, clock)
    clock.set(clock() + dt.timedelta(minutes=5))
    stats = counter.statistics
    press(Qt.Key.Key_F9, counter)
    with qtbot.waitSignal(stats.loaded, timeout=10_000):
        stats.refresh()
    stats.tiles["received"].click()
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is not None)
    dialog = QApplication.activeModalWidget()
    header = dialog.table.horizontalHeader()
    code_cell = dialog.table.item(0, 0)
    assert header.sectionSize(0) >= dialog.table.fontMetrics().horizontalAdvance(
        code_cell.text())  # the code is whole, not cut
    assert dialog.width() <= SMALLEST_CLIENT.width()
    press(Qt.Key.Key_Return, dialog.table)
    assert counter.dossier_view is not None and counter.dossier_view.code == dossier.code
