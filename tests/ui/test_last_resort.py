"""An exception that escapes a slot is logged with its traceback and told in Vietnamese, once
per burst."""

from __future__ import annotations

import logging
import sys
import threading

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from ui import failures


@pytest.fixture
def hook(tmp_path):
    saved = sys.excepthook, threading.excepthook
    installed = failures.install(tmp_path / "logs")
    yield installed
    sys.excepthook, threading.excepthook = saved
    if installed.box is not None:
        installed.box.close()


def broken_slot() -> None:
    raise ZeroDivisionError("a bug in a slot")


@pytest.mark.qt_no_exception_capture
def test_an_exception_in_a_slot_is_logged_and_shown_once(qtbot, hook, caplog, tmp_path):
    caplog.set_level(logging.CRITICAL, logger="ui.failures")
    for _ in range(3):  # a timer firing a broken slot again and again
        QTimer.singleShot(0, broken_slot)
    qtbot.waitUntil(lambda: hook.count == 3)
    assert hook.box is not None and hook.box.isVisible()
    assert "lỗi ngoài dự kiến" in hook.box.text() and str(tmp_path / "logs") in hook.box.text()
    assert [b.text() for b in hook.box.buttons()] == ["Đóng"]
    shown = [w for w in QApplication.topLevelWidgets()
             if w.isVisible() and w.windowTitle() == "Một Cửa Desk"]
    assert shown == [hook.box]  # three failures, one message
    assert "ZeroDivisionError: a bug in a slot" in caplog.text and "Traceback" in caplog.text


def test_a_thread_s_exception_is_logged(hook, caplog):
    caplog.set_level(logging.CRITICAL, logger="ui.failures")
    worker = threading.Thread(target=broken_slot, name="export")
    worker.start()
    worker.join()
    assert "unhandled exception in thread export" in caplog.text
    assert "ZeroDivisionError" in caplog.text

