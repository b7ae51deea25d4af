"""The intake form's consent box: ticked, it is stored; the next citizen starts unticked."""

import pytest
from PySide6.QtCore import Qt

from models import Dossier
from tests.ui.test_intake_form import fill

pytestmark = pytest.mark.gui


def test_ticking_the_consent_box_stores_consent_and_the_next_form_starts_without_it(window):
    form = window.intake
    assert form.notify.text() == "Đồng ý nhận thông báo qua SMS/email"
    fill(form)
    form.applicant.phone.setText("0912 345 678")
    form.notify.click()
    assert form.save() is not None
    assert Dossier.get().notify is True
    assert not form.notify.isChecked()
    fill(form)
    form.save()
    assert [d.notify for d in Dossier.select().order_by(Dossier.code)] == [True, False]


def test_consent_without_phone_or_email_is_refused_beside_the_form(window):
    form = window.intake
    fill(form)
    form.notify.setChecked(True)
    assert form.save() is None
    assert "chưa có số điện thoại hoặc email" in form.banner.text()
    assert form.notify.isChecked()  # nothing the clerk ticked is lost
    assert Dossier.select().count() == 0


def test_space_on_the_focused_box_ticks_it(window, qtbot):
    form = window.intake
    form.notify.setFocus()
    qtbot.keyClick(form.notify, Qt.Key.Key_Space)
    assert form.notify.isChecked()
