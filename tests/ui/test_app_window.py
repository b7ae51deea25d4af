"""The window as ui.app builds it: statistics screen and background sync attached."""

import pytest

from ui.app import _window

pytestmark = pytest.mark.gui


def test_app_window_has_statistics_and_stops_sync_on_close(qtbot, office):
    window = _window(office)
    qtbot.addWidget(window)
    titles = [window.screens.tabText(i) for i in range(window.screens.count())]
    assert "Thống kê (F9)" in titles
    assert window.sync_worker is not None and window.sync_worker.thread_.isRunning()
    window.close()
    qtbot.waitUntil(lambda: not window.sync_worker.thread_.isRunning(), timeout=5000)
    assert not window.sync_timer.isActive()
