"""Receiving a dossier from the counter window, with the keyboard alone."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from models import Dossier
from tests.conftest import vn
from tests.ui.conftest import QR, press, type_text

pytestmark = pytest.mark.gui


def test_intake_by_keyboard_alone_saves_and_prints_the_receipt(window, printed):
    press(Qt.Key.Key_F2, window)
    assert window.screens.currentWidget() is window.intake
    assert QApplication.focusWidget() is window.intake.picker.line
    type_text("dang ky khai sinh")
    press(Qt.Key.Key_Return)
    assert window.intake.picker.procedure.code == "1.001193"
    assert QApplication.focusWidget() is window.intake.applicant.scan
    press(Qt.Key.Key_Tab)
    type_text("Đặng Văn Đức")
    press(Qt.Key.Key_Tab)
    type_text("079203001234")
    for _ in range(3):  # birth date, sex, phone
        press(Qt.Key.Key_Tab)
    type_text("0912 345 678")
    assert "17:00, Thứ Hai 23/11/2026" in window.intake.appointment.text()
    press(Qt.Key.Key_Return)
    dossier = Dossier.get()
    assert dossier.applicant.name == "Đặng Văn Đức"
    assert dossier.applicant.phone == "0912345678"
    assert printed == [("receipt", dossier.code)]
    assert dossier.code in window.intake.banner.text()
    assert window.dossiers.model.code_at(0) == dossier.code


def test_citizen_id_scan_fills_the_applicant_fields(window):
    fields = window.intake.applicant
    fields.scan.setText(QR)
    press(Qt.Key.Key_Return, fields.scan)
    assert fields.name.text() == "Đặng Văn Đức"
    assert fields.id_number.text() == "079203001234"
    assert fields.birth_date.text() == "05/03/1990"
    assert fields.sex.currentData() == "Nam"
    assert fields.address.text() == "Thôn Đông, xã Tân Phú, tỉnh Đồng Nai"
    assert fields.scan.text() == ""
    assert Dossier.select().count() == 0  # the scanner's Enter reads the card, never saves
    # The digits 2-0-3 say a man born in 2003; the card says 1990: shown before saving.
    assert "Lưu ý: Số CCCD cho năm sinh 2003" in fields.boxes["id_number"].error.text()
    fields.birth_date.setText("05/03/2003")
    fields.birth_date.editingFinished.emit()
    assert fields.boxes["id_number"].error.text() == ""


def test_a_bad_scan_says_so_and_changes_nothing(window):
    fields = window.intake.applicant
    fields.name.setText("Lê Thị An")
    fields.scan.setText("không phải mã CCCD")
    press(Qt.Key.Key_Return, fields.scan)
    assert "Không đọc được mã QR" in fields.boxes["scan"].error.text()
    assert fields.name.text() == "Lê Thị An"


def test_procedure_type_ahead_ignores_tones_and_takes_codes(window):
    picker = window.intake.picker
    picker.filter("chung thuc chu ky")
    names = [picker.matches.item(i).text() for i in range(picker.matches.count())]
    assert names and all("Chứng thực chữ ký" in n for n in names)
    picker.filter("2.000815")
    assert picker.matches.count() == 1


def fill(form, procedure="1.001193"):
    form.picker.filter(procedure)
    press(Qt.Key.Key_Return, form.picker.line)
    form.applicant.name.setText("Đặng Văn Đức")
    form.applicant.id_number.setText("079203001234")


def test_missing_required_document_is_refused_beside_the_form_keeping_the_typing(window):
    form = window.intake
    fill(form)
    form.checklist.rows[0][1].setChecked(False)
    assert form.save() is None
    assert "Hồ sơ chưa đủ giấy tờ bắt buộc" in form.banner.text()
    assert not form.banner.isHidden()
    assert form.applicant.name.text() == "Đặng Văn Đức"
    assert form.picker.procedure.code == "1.001193"
    assert Dossier.select().count() == 0


def test_invalid_fields_are_named_in_vietnamese_on_each_field(window):
    form = window.intake
    fill(form)
    form.applicant.phone.setText("12345")
    form.applicant.birth_date.setText("31/02/1990")
    form.save()
    assert form.applicant.boxes["birth_date"].error.text().startswith("Ngày sinh phải có dạng")
    form.applicant.birth_date.setText("")
    form.save()
    assert "Số điện thoại không hợp lệ" in form.applicant.boxes["phone"].error.text()
    assert QApplication.focusWidget() is form.applicant.phone


def test_saving_without_a_procedure_points_at_the_picker(window):
    window.intake.save()
    assert "Chưa chọn thủ tục" in window.intake.procedure_box.error.text()


def test_verification_lengthens_the_appointment_live(window):
    form = window.intake
    fill(form, "1.000894")  # marriage: same day, 5 working days with verification
    assert "Thứ Hai 23/11/2026" in form.appointment.text()
    form.verification.setChecked(True)
    assert "01/12/2026" in form.appointment.text()


def test_an_appointment_counted_into_2027_says_it_is_an_estimate(window, clock):
    form = window.intake
    clock.set(vn(2026, 12, 30, 9))
    fill(form, "1.013978")  # land: 20 working days, into January 2027
    form.update_appointment()
    assert "dự kiến: lịch nghỉ năm 2027 chưa có thông báo" in form.appointment.text()
    clock.set(vn(2026, 12, 1, 9))
    fill(form, "1.001193")
    form.update_appointment()
    assert "dự kiến" not in form.appointment.text()
