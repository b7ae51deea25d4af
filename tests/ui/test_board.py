"""The waiting-room board, drawn offscreen as the second screen would show it."""

import pytest
from PySide6.QtGui import QFont

from desk import board, cli, events
from tests.conftest import vn
from tests.ui.conftest import receive
from ui.board import BoardWindow

pytestmark = pytest.mark.gui
NAMES = ("Nguyễn Thị Hồng", "Trần Văn Bình", "Lê Thị Ánh Tuyết", "Phạm Quốc Bảo",
         "Hoàng Văn Nam", "Vũ Thị Lan", "Bùi Đức Thắng", "Đỗ Thị Mai", "Ngô Văn Hùng",
         "Đinh Thị Thu")


@pytest.fixture
def ready(office, clock):
    codes = [receive(office, clock, name).code for name in NAMES]
    for code in codes:
        events.record(office, code, "result_ready", now=clock)
    clock.set(vn(2026, 11, 23, 14, 5))
    return codes


def shown(qtbot, office, clock, width, height):
    window = BoardWindow(office, now=clock)
    qtbot.addWidget(window)
    window.resize(width, height)
    window.show()
    window.show_snapshot(board.snapshot(office, now=clock))
    return window


def test_the_board_shows_codes_masked_names_and_the_days_figures_in_large_type(
        qtbot, office, clock, ready, tmp_path):
    window = shown(qtbot, office, clock, 1366, 768)
    path = tmp_path / "board.png"
    assert window.grab().save(str(path)) and path.stat().st_size > 10_000
    texts = " ".join(window.texts())
    assert "261123-0001" in texts and "Nguyễn T** H***" in texts
    assert "Đã tiếp nhận hôm nay" in texts and "100,0 %" in texts
    assert "14:05  Thứ Hai 23/11/2026" in texts
    for name in NAMES:
        assert name not in texts
    codes = [label for label in window.findChildren(type(window.clock))
             if label.property("role") == "code" and label.isVisible()]
    assert codes and all(QFont(c.font()).pixelSize() >= 768 // 16 for c in codes)
    assert window.width() == 1366  # long codes never widen the screen


def test_more_results_than_fit_turn_pages_by_themselves(qtbot, office, clock, ready):
    window = shown(qtbot, office, clock, 1024, 500)
    per_page = window.rows_per_page()
    assert per_page < len(NAMES)
    first = window.texts()
    assert f"Trang 1/{-(-len(NAMES) // per_page)}" in first
    window.next_page()
    second = window.texts()
    assert "Trang 2/" in " ".join(second) and first != second


def test_the_board_refreshes_itself_off_the_ui_thread(qtbot, office, clock, ready):
    window = BoardWindow(office, now=clock)
    qtbot.addWidget(window)
    window.refresh()
    qtbot.waitUntil(lambda: window.data is not None, timeout=10_000)
    assert len(window.data.ready) == len(NAMES)
    window.close()


def test_the_main_windows_menu_opens_the_board_and_esc_closes_it(window, qtbot):
    from PySide6.QtCore import Qt
    action = next(a for a in window.actions() if a.text().startswith("Bảng thông báo"))
    action.trigger()
    assert window.board is not None and window.board.isVisible()
    qtbot.keyClick(window.board, Qt.Key.Key_Escape)
    assert not window.board.isVisible()


def test_motcua_board_goes_to_the_board_runner(tmp_path):
    opened = []
    assert cli.main(["--data-dir", str(tmp_path), "board"],
                    board=lambda folder: opened.append(folder) or 0) == 0
    assert opened == [tmp_path]
