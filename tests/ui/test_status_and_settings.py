"""The sync line of the status bar, the settings dialog and the first-start dialog."""

import dataclasses
import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from desk import settings
from desk.context import load_context
from desk.sync.status import sync_status
from models import Commune, Desk
from ui.settings_dialog import SettingsDialog
from ui.setup_dialog import SetupDialog

pytestmark = pytest.mark.gui


def test_status_bar_says_sync_is_not_configured(window):
    assert window.sync_label.text().startswith("Chưa cấu hình đồng bộ với máy chủ cấp trên")


def test_a_sync_worker_can_push_its_status(window, clock):
    now = clock()
    status = dataclasses.replace(sync_status(now=clock), configured=True, pending=5,
                                 last_attempt_at=now, last_success_at=now)
    window.show_sync_status(status)
    text = window.sync_label.text()
    assert "● Trực tuyến" in text and "Chờ gửi: 5 bản ghi" in text
    assert "Đồng bộ lần cuối: 10:00 23/11/2026" in text
    offline = dataclasses.replace(status, last_attempt_at=now + dt.timedelta(minutes=1),
                                  stale=True, clock_skew_seconds=600)
    window.show_sync_status(offline)
    text = window.sync_label.text()
    assert "○ Ngoại tuyến" in text and "hơn 7 ngày" in text and "lệch 10 phút" in text


def test_the_usb_bundle_offer_never_stacks_dialogs(window, qtbot):
    def offers() -> list[QMessageBox]:
        return [w for w in QApplication.topLevelWidgets() + window.findChildren(QMessageBox)
                if isinstance(w, QMessageBox) and w.isVisible()
                and w.windowTitle() == "Chưa đồng bộ được"]

    for _ in range(3):  # the worker's signal again while the first box is still open
        window.offer_usb_bundle()
    assert len(set(offers())) == 1
    box = offers()[0]
    later = next(b for b in box.buttons() if b.text() == "Để sau")
    qtbot.mouseClick(later, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not offers())
    window.offer_usb_bundle()  # a later spell without sync: offered again
    assert len(set(offers())) == 1
    offers()[0].close()


def test_settings_dialog_saves_printing_and_hours(qtbot, office):
    dialog = SettingsDialog()
    qtbot.addWidget(dialog)
    dialog.paper.setCurrentIndex(dialog.paper.findData("a4"))
    dialog.copies.setValue(2)
    dialog.direct.setChecked(True)
    dialog.hours["hours.same_day_cutoff"].setText("15:30")
    dialog.save()
    assert dialog.result() == SettingsDialog.DialogCode.Accepted
    assert [settings.get(k) for k in ("printing.paper", "printing.copies", "printing.direct",
                                      "hours.same_day_cutoff")] == ["a4", 2, True, "15:30"]


def test_settings_dialog_refuses_a_bad_hour_and_saves_nothing(qtbot, office):
    dialog = SettingsDialog()
    qtbot.addWidget(dialog)
    dialog.copies.setValue(3)
    dialog.hours["hours.morning"].setText("7h30 đến 11h30")
    dialog.save()
    assert "HH:MM-HH:MM" in dialog.banner.text()
    assert settings.get("printing.copies") == 1
    assert settings.get("hours.morning") == "07:30-11:30"


def fill_setup(dialog, **changes):
    values = {"commune_code": "26734", "commune_name": "Xã Tân Phú",
              "agency_code": "000.00.12.h12", "province": "Đồng Nai",
              "governing_body": "UBND TỈNH ĐỒNG NAI", "clerk": "Trần Thị Hồng", **changes}
    for name, text in values.items():
        getattr(dialog, name).setText(text)


def test_first_start_dialog_sets_the_desk_up(qtbot, database, clock):
    dialog = SetupDialog(now=clock)
    qtbot.addWidget(dialog)
    fill_setup(dialog)
    dialog.desk_number.setValue(2)  # the clerk's second desk
    dialog.submit()
    assert dialog.result() == QDialog.DialogCode.Accepted
    ctx = load_context(now=clock)
    assert (ctx.desk.number, ctx.desk.name, ctx.commune.agency_code) == (
        1, "Máy tiếp nhận số 2", "000.00.12.H12")
    assert settings.get("office.governing_body") == "UBND TỈNH ĐỒNG NAI"


def test_first_start_dialog_numbers_desks_from_one(qtbot, database, clock):
    dialog = SetupDialog(now=clock)
    qtbot.addWidget(dialog)
    assert (dialog.desk_number.minimum(), dialog.desk_number.maximum()) == (1, 10)
    assert dialog.desk_number.value() == 1


def test_first_start_dialog_explains_a_bad_agency_code(qtbot, database, clock):
    dialog = SetupDialog(now=clock)
    qtbot.addWidget(dialog)
    fill_setup(dialog, agency_code="000 00 12")
    dialog.submit()
    assert "000.00.12.H12" in dialog.fields["agency_code"].error.text()
    assert Commune.select().count() == 0


def test_an_empty_setup_names_every_missing_field_and_saves_nothing(qtbot, database, clock):
    dialog = SetupDialog(now=clock)
    qtbot.addWidget(dialog)
    dialog.submit()
    errors = {key: field.error.text() for key, field in dialog.fields.items()}
    assert errors["commune_code"] == "Chưa nhập mã xã/phường (ví dụ 26734)."
    assert errors["commune_name"].startswith("Chưa nhập tên xã/phường")
    assert "Chưa có mã" in errors["agency_code"]
    assert "cơ quan chủ quản" in errors["governing_body"]
    assert "NGƯỜI TIẾP NHẬN HỒ SƠ" in errors["clerk_name"]
    assert errors["province_name"] == "" and errors["desk_number"] == ""
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert Commune.select().count() == 0 and Desk.select().count() == 0
    assert settings.get("office.governing_body") == ""


def test_a_commune_with_no_agency_code_yet_says_so_explicitly(qtbot, database, clock):
    dialog = SetupDialog(now=clock)
    qtbot.addWidget(dialog)
    fill_setup(dialog, agency_code="")
    dialog.submit()
    assert Commune.select().count() == 0  # an empty code alone is refused
    dialog.no_agency_code.setChecked(True)
    assert not dialog.agency_code.isEnabled()
    dialog.submit()
    assert load_context(now=clock).commune.agency_code == "26734"


def test_setup_refuses_a_missing_clerk_even_when_the_rest_is_right(qtbot, database, clock):
    dialog = SetupDialog(now=clock)
    qtbot.addWidget(dialog)
    fill_setup(dialog, clerk="  ")
    dialog.submit()
    assert dialog.fields["clerk_name"].error.isVisibleTo(dialog)
    assert [k for k, f in dialog.fields.items() if f.error.text()] == ["clerk_name"]
    assert Commune.select().count() == 0


def test_setup_messages_get_the_room_they_need(qtbot, database, clock):
    dialog = SetupDialog(now=clock)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.submit()
    qtbot.wait(50)
    for key, field in dialog.fields.items():
        label = field.error
        if label.text():
            assert label.height() >= label.heightForWidth(label.width()), key
