"""The administrative tasks from the window's menus: each asks, refuses bad input in
Vietnamese, and does its work through desk/ on the real database and files."""

import keyring
import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog, QPushButton, QTableWidget

from desk import __version__, settings
from models import Commune, SyncState
from tests.sync.conftest import TAN_PHU
from tests.sync.harness import free_port, running_hub
from tests.sync.keyrings import MemoryKeyring
from tests.ui.conftest import receive
from ui import keys
from ui.geometry import SMALLEST_CLIENT

pytestmark = pytest.mark.gui


def menu_texts(window, name):
    return [a.text() for a in window.menus[name].actions() if not a.isSeparator()]


def test_the_system_menu_offers_every_admin_task(window):
    assert menu_texts(window, "system") == [
        "Kết nối với máy chủ cấp trên…", "Xuất gói dữ liệu ra USB…",
        "Nhập gói trả lời từ USB…", "In sổ theo dõi hồ sơ…", "Tên cơ quan trên giấy tờ…",
        "In thử giấy tiếp nhận"]
    assert menu_texts(window, "help") == ["Bảng phím tắt", "Giới thiệu Một Cửa Desk"]


def test_every_admin_dialog_fits_the_smallest_screen(window, qtbot):
    admin = window.admin
    for dialog in (admin.enrol(), admin.ledger(), admin.office_names(), admin.keymap(),
                   admin.about()):
        qtbot.waitUntil(dialog.isVisible)
        assert dialog.width() <= SMALLEST_CLIENT.width(), dialog.windowTitle()
        assert dialog.height() <= SMALLEST_CLIENT.height(), dialog.windowTitle()
        assert dialog.minimumSizeHint().height() <= SMALLEST_CLIENT.height()
        dialog.reject()


def test_enrolment_refuses_an_empty_code_before_calling_anyone(window):
    dialog = window.admin.enrol()
    dialog.server.setText("motcua.dongnai.gov.vn")
    dialog.submit()
    assert dialog.result() != QDialog.DialogCode.Accepted and dialog.isVisible()
    assert "https://" in dialog.fields["server"].error.text()
    assert dialog.fields["code"].error.text() == "Chưa nhập mã đăng ký."
    dialog.reject()


@pytest.fixture
def keyring_in_memory():
    previous = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())
    yield
    keyring.set_keyring(previous)


def enrol_in_window(window, server, code):
    dialog = window.admin.enrol()
    dialog.server.setText(server)
    dialog.code.setText(code)
    dialog.submit()


def test_enrolment_with_no_line_says_so_in_vietnamese(window, qtbot, keyring_in_memory):
    enrol_in_window(window, f"http://127.0.0.1:{free_port()}", "ABCD-1234")
    qtbot.waitUntil(lambda: window.admin.warning is not None, timeout=20_000)
    text = window.admin.warning.text()
    assert "máy chủ" in text.lower() and "Traceback" not in text
    assert window.message.text() == text
    assert SyncState.get_or_none(SyncState.id == 1) is None  # nothing half-enrolled
    window.admin.warning.reject()


def test_enrolled_in_the_window_then_a_bundle_goes_out_at_any_time(
        window, office, clock, qtbot, tmp_path, keyring_in_memory):
    with running_hub(tmp_path, [TAN_PHU], start=clock()) as hub:
        enrol_in_window(window, hub.base, hub.enrolment_code("26734"))
        qtbot.waitUntil(lambda: "Đã kết nối" in window.message.text(), timeout=20_000)
    assert SyncState.get_by_id(1).device_id in window.message.text()
    receive(office, clock)
    target = tmp_path / "usb" / "motcua.bundle"
    target.parent.mkdir()
    window.admin.export_to(target)
    qtbot.waitUntil(lambda: "Đã ghi" in window.message.text(), timeout=10_000)
    assert target.stat().st_size > 0
    assert "bản ghi chờ gửi vào" in window.message.text()


def test_a_broken_reply_bundle_is_refused_in_vietnamese(window, qtbot, tmp_path):
    broken = tmp_path / "reply.bundle"
    broken.write_bytes(b"not a bundle")
    window.admin.import_from(broken)
    qtbot.waitUntil(lambda: window.admin.warning is not None, timeout=10_000)
    assert window.message.text() and "Traceback" not in window.message.text()
    window.admin.warning.reject()


def test_the_ledger_prints_the_chosen_dates(window, office, clock, monkeypatch):
    receive(office, clock)
    asked = []
    monkeypatch.setattr(window.printing, "print_document",
                        lambda title, make: asked.append((title, make())))
    dialog = window.admin.ledger()
    dialog.submit()
    assert asked and asked[0][0] == "Sổ theo dõi hồ sơ 01.11.2026-23.11.2026"
    assert asked[0][1].startswith(b"%PDF")


def test_the_ledger_refuses_dates_the_wrong_way_round(window, monkeypatch):
    asked = []
    monkeypatch.setattr(window.printing, "print_document", lambda *a: asked.append(a))
    dialog = window.admin.ledger()
    dialog.end.setDate(dialog.start.date().addDays(-1))
    dialog.submit()
    assert not asked and "Ngày kết thúc" in dialog.banner.text()
    dialog.reject()


def test_office_names_refuse_an_empty_governing_body_and_keep_the_old_one(window):
    dialog = window.admin.office_names()
    dialog.edits["commune_name"].setText("Phường Tân Phú")
    dialog.edits["governing_body"].setText("")
    dialog.save()
    assert dialog.isVisible()
    assert "cơ quan chủ quản" in dialog.fields["governing_body"].error.text()
    assert Commune.get_by_id("26734").name == "Xã Tân Phú"
    dialog.reject()


def test_renamed_office_shows_in_the_window_title(window):
    dialog = window.admin.office_names()
    dialog.edits["commune_name"].setText("Phường Tân Phú")
    dialog.save()
    assert not dialog.isVisible()
    assert "Phường Tân Phú" in window.windowTitle()
    assert window.ctx.commune.name == "Phường Tân Phú"


def test_the_test_print_makes_a_receipt_of_this_office(window, monkeypatch):
    asked = []
    monkeypatch.setattr(window.printing, "print_document",
                        lambda title, make: asked.append((title, make())))
    window.menus["system"].actions()[-1].trigger()
    assert asked[0][0] == "Giấy tiếp nhận in thử" and asked[0][1].startswith(b"%PDF")


def test_about_tells_the_version_reference_data_and_keys(window):
    dialog = window.admin.about()
    text = dialog.text.text()
    assert f"Một Cửa Desk {__version__}" in text
    assert "phiên bản 2026-12-01" in text and "thủ tục đang áp dụng" in text
    assert "<b>Lịch làm việc:</b> phiên bản 2026-12-01," in text
    assert "Thư mục dữ liệu" in text
    table = dialog.findChild(QTableWidget)
    assert table.rowCount() == len(keys.KEYMAP)
    assert table.item(0, 0).text() == "F2"
    dialog.reject()


def test_f1_opens_the_keymap_from_any_screen(window, qtbot):
    window.new_intake()
    QTest.keyClick(window.intake.picker.line, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: window.admin.shown is not None and window.admin.shown.isVisible())
    assert window.admin.shown.windowTitle() == "Bảng phím tắt"
    window.admin.shown.reject()


def test_settings_save_then_test_print_and_stay_open(window, monkeypatch, qtbot):
    from ui.settings_dialog import SettingsDialog

    asked = []
    monkeypatch.setattr(window.admin, "test_print", lambda: asked.append("test"))
    dialog = SettingsDialog(window)
    dialog.test_print_requested.connect(window.admin.test_print)
    dialog.copies.setValue(2)
    trial = next(b for b in dialog.findChildren(QPushButton) if b.text() == "Lưu và in thử")
    trial.click()
    assert asked == ["test"] and dialog.result() != QDialog.DialogCode.Accepted
    assert settings.get("printing.copies") == 2
    dialog.hours["hours.morning"].setText("sáng")
    trial.click()
    assert asked == ["test"]  # a refused value: nothing printed, nothing saved
    assert settings.get("hours.morning") == "07:30-11:30"
