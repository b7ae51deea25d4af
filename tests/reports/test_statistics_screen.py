"""The statistics screen over the seeded scenario, offscreen: figures, lists, charts, exports."""

import openpyxl
import pytest
from PySide6.QtCore import QThreadPool
from PySide6.QtGui import QImage

from desk.periods import Period
from tests.reports.conftest import MID_DECEMBER
from tests.reports.scenario import NOVEMBER

pytestmark = pytest.mark.gui


@pytest.fixture
def screen(qtbot, full_counter, office):
    from ui.statistics import StatisticsScreen

    pool = QThreadPool()
    widget = StatisticsScreen(office, now=lambda: MID_DECEMBER, pool=pool)
    widget.list_in_dialog = False
    widget.resize(1150, 760)
    qtbot.addWidget(widget)
    qtbot.waitUntil(lambda: widget.snapshot is not None, timeout=10_000)
    yield widget
    pool.waitForDone(10_000)  # no worker may outlive the test's database


def choose_november(qtbot, screen):
    with qtbot.waitSignal(screen.loaded, timeout=10_000):
        screen.choose(Period.month(2026, 11))


def test_opens_on_the_current_month_computed_off_the_ui_thread(screen):
    assert screen.snapshot.report.period == Period.month(2026, 12)
    assert screen.period().label == "Tháng 12/2026"


def test_november_tiles_show_the_hand_counted_figures(qtbot, screen):
    choose_november(qtbot, screen)
    for name in ("total", "carried_over", "received", "resolved", "resolved_late",
                 "pending_overdue", "waiting_supplement", "refused", "withdrawn"):
        assert screen.tiles[name].value == str(NOVEMBER[name]), name
    assert screen.tiles["on_time_rate"].value == "60,0"
    last = screen.table.rowCount() - 1
    assert screen.table.item(last, 0).text() == "Tổng cộng"
    assert screen.table.item(last, 1).text() == "10"


def test_a_click_on_a_figure_gives_the_dossiers_behind_it(qtbot, screen, full_counter):
    choose_november(qtbot, screen)
    with qtbot.waitSignal(screen.dossiers_requested) as caught:
        screen.tiles["carried_over"].click()
    title, codes = caught.args
    assert title == "Kỳ trước chuyển qua — Tháng 11/2026"
    assert codes == [full_counter.dossiers[n].code for n in ("d1", "d2")]


def test_the_list_dialog_names_each_dossier(qtbot, screen, full_counter):
    from ui.statistics import DossierListDialog

    choose_november(qtbot, screen)
    from desk import reports

    rows = reports.dossier_list(screen.snapshot.report.total.ids("pending_overdue"))
    dialog = DossierListDialog("Đang giải quyết quá hạn", rows, screen)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 1
    assert dialog.table.item(0, 0).text() == full_counter.dossiers["d8"].code


def test_exports_write_the_same_numbers(qtbot, screen, tmp_path):
    choose_november(qtbot, screen)
    target = tmp_path / "nov.xlsx"
    screen.save(target, "xlsx")
    qtbot.waitUntil(target.exists, timeout=10_000)
    qtbot.waitUntil(lambda: "Đã lưu" in screen.status.text(), timeout=10_000)
    rows = [[c.value for c in r] for r in openpyxl.load_workbook(target).active.iter_rows()]
    assert next(r for r in rows if r[1] == "Tổng cộng")[2] == 10


def test_screenshot_is_not_blank(qtbot, screen, tmp_path):
    choose_november(qtbot, screen)
    screen.show()
    qtbot.waitExposed(screen)
    path = tmp_path / "statistics.png"
    assert screen.grab().save(str(path))
    image = QImage(str(path))
    colours = {image.pixel(x, y) for x in range(0, image.width(), 7)
               for y in range(0, image.height(), 7)}
    assert len(colours) > 20
    bars = screen.bars.grab().toImage()
    blue = sum(1 for x in range(bars.width()) for y in range(bars.height())
               if bars.pixelColor(x, y).name() == "#4c78a8")
    assert blue > 50  # November's and December's received bars are drawn
