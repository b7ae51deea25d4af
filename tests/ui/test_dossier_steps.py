"""The questions a dossier's steps ask: the supplement request's papers and corrections."""

import datetime as dt
import json
import subprocess

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from desk import documents, dossiers, events
from models import Dossier
from tests.ui.conftest import receive
from tests.ui.test_dossier_view import Answers
from ui.step_dialogs import ConfirmDialog, CorrectionDialog, SupplementDialog

pytestmark = pytest.mark.gui
LAND = "1.013978"


def facts_of(code):
    return dossiers.details(events.get_dossier(code))


def test_the_supplement_picker_lists_the_procedure_papers_and_takes_free_text(
        qtbot, office, clock):
    facts = facts_of(receive(office, clock, procedure=LAND).code)
    dialog = SupplementDialog(facts)
    qtbot.addWidget(dialog)
    assert [c.property("document") for c in dialog.checks] == facts["procedure"]["checklist"]
    dialog.submit()
    assert "ít nhất một giấy tờ" in dialog.banner.text()
    assert dialog.result() != SupplementDialog.DialogCode.Accepted
    dialog.checks[1].setChecked(True)
    dialog.others.setPlainText("Trích lục bản đồ địa chính\n\n")
    dialog.submit()
    assert dialog.result() == SupplementDialog.DialogCode.Accepted
    assert dialog.documents() == [facts["procedure"]["checklist"][1],
                                  "Trích lục bản đồ địa chính"]


def test_form_02_prints_the_papers_picked_in_the_window(window, office, clock, printed,
                                                       tmp_path):
    dossier = receive(office, clock, procedure=LAND)
    view = window.open_dossier(dossier.code)
    wanted = ["Mảnh trích đo bản đồ địa chính thửa đất (nếu có)", "Sổ hộ khẩu bản sao"]
    view.prompts = Answers(supplement=(wanted, "Nộp trong 10 ngày"))
    view.action_buttons["supplement_requested"].click()
    event = Dossier.get_by_id(dossier.id).events[-1]
    assert (event.kind, json.loads(event.data)["documents"]) == ("supplement_requested", wanted)
    assert printed == [("supplement", dossier.code)]
    pdf = tmp_path / "02.pdf"
    pdf.write_bytes(documents.slip_pdf("supplement", dossier.code))
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    assert "Sổ hộ khẩu bản sao" in " ".join(text.split())
    assert "Mảnh trích đo bản đồ địa chính" in " ".join(text.split())


def test_the_correction_dialog_shows_the_current_value_of_each_fact(qtbot, office, clock):
    facts = facts_of(receive(office, clock).code)
    current = {k: facts["applicant"].get(k) or "" for k in
               ("name", "id_number", "birth_date", "sex", "phone", "address", "email")}
    dialog = CorrectionDialog(current, dt.date(2026, 11, 23))
    qtbot.addWidget(dialog)
    dialog.field.setCurrentIndex(dialog.field.findData("id_number"))
    assert facts["applicant"]["id_number"] in dialog.current.text()
    assert dialog.text.text() == facts["applicant"]["id_number"]  # ready to fix one digit
    dialog.text.setText("0011900045")
    dialog.note.setText("Ghi nhầm")
    dialog.submit()
    assert "12 chữ số" in dialog.banner.text()
    dialog.field.setCurrentIndex(dialog.field.findData("sex"))
    assert dialog.value.currentWidget() is dialog.sex
    dialog.sex.setCurrentIndex(dialog.sex.findData("Nữ"))
    dialog.submit()
    assert dialog.result() == CorrectionDialog.DialogCode.Accepted
    assert (dialog.key(), dialog.new_value()) == ("sex", "Nữ")


def test_a_correction_made_in_the_window_records_its_reason(window, office, clock):
    dossier = receive(office, clock)
    view = window.open_dossier(dossier.code)
    answers = Answers(correction=("birth_date", "05/03/1990", "Đối chiếu CCCD"))
    view.prompts = answers
    view.action_buttons["corrected"].click()
    event = Dossier.get_by_id(dossier.id).events[-1]
    assert (event.kind, event.note) == ("corrected", "Đối chiếu CCCD")
    assert Dossier.get_by_id(dossier.id).applicant.birth_date == dt.date(1990, 3, 5)
    asked_with = answers.asked[0][1]
    assert asked_with["id_number"] == dossier.applicant.id_number
    assert view.facts["applicant"]["birth_date"] == "1990-03-05"  # the view shows it now


def test_the_confirmation_names_the_step_and_the_dossier(qtbot, office, clock):
    facts = facts_of(receive(office, clock).code)
    dialog = ConfirmDialog("assigned", facts)
    qtbot.addWidget(dialog)
    dialog.show()
    labels = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert f"Ghi nhận «Chuyển xử lý» cho hồ sơ {facts['code']}?" in labels
    dialog.note.setText("Công chức địa chính")
    qtbot.keyClick(dialog.note, Qt.Key.Key_Return)  # Enter in the field confirms
    assert dialog.result() == ConfirmDialog.DialogCode.Accepted
