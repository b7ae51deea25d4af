"""One dossier's view: only the allowed actions, each recorded; handing back asks a rating."""

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from desk import events
from models import Dossier
from tests.ui.conftest import receive
from ui.prompts import RatingDialog

pytestmark = pytest.mark.gui


class Answers:
    """Answers the questions a clerk would, without modal dialogs."""

    def __init__(self, rating=None, note="", new_due=None, confirm=True, supplement=None,
                 correction=("phone", "0912 000 111", "Ghi nhầm số")):
        self._rating, self._note, self._new_due = rating, note, new_due
        self._confirm, self._supplement, self._correction = confirm, supplement, correction
        self.asked = []

    def confirm(self, kind, facts):
        self.asked.append(("confirm", kind, facts["code"]))
        return "" if self._confirm else None

    def supplement(self, facts):
        self.asked.append("supplement")
        return self._supplement

    def rating(self):
        self.asked.append("rating")
        return self._rating

    def note(self, title, prompt):
        self.asked.append("note")
        return self._note

    def new_due(self, current_due):
        self.asked.append("new_due")
        return self._new_due, "Chờ xác minh"

    def correction(self, current, today):
        self.asked.append(("correction", current))
        return self._correction


def kinds(code):
    return [e.kind for e in Dossier.get(Dossier.code == code).events]


def test_a_forbidden_action_is_not_offered(window, office, clock):
    dossier = receive(office, clock)
    view = window.open_dossier(dossier.code)
    assert "returned" not in view.action_buttons  # nothing to hand back yet
    assert "rated" not in view.action_buttons
    assert {"assigned", "result_ready", "refused"} <= set(view.action_buttons)
    view.prompts = Answers()
    view.action_buttons["result_ready"].click()
    assert set(view.action_buttons) == {"returned", "corrected"}


def test_handing_back_ends_with_a_rating_event(window, office, clock, printed):
    dossier = receive(office, clock)
    events.record(office, dossier.code, "result_ready", now=clock)
    view = window.open_dossier(dossier.code)
    view.prompts = Answers(rating=3)
    view.action_buttons["returned"].click()
    assert kinds(dossier.code)[-2:] == ["returned", "rated"]
    assert Dossier.get(Dossier.code == dossier.code).rating == 3
    assert "rated" not in view.action_buttons
    assert window.dossiers.model.rows[0].status == "returned"  # the list followed


def test_a_citizen_who_declines_to_rate_can_rate_later(window, office, clock):
    dossier = receive(office, clock)
    events.record(office, dossier.code, "result_ready", now=clock)
    view = window.open_dossier(dossier.code)
    view.prompts = Answers(rating=None)
    view.action_buttons["returned"].click()
    assert kinds(dossier.code)[-1] == "returned"
    assert "rated" in view.action_buttons


def test_refusal_asks_a_reason_and_prints_the_refusal_slip(window, office, clock, printed):
    dossier = receive(office, clock)
    view = window.open_dossier(dossier.code)
    view.prompts = Answers(note="Không thuộc thẩm quyền của xã")
    view.action_buttons["refused"].click()
    event = Dossier.get(Dossier.code == dossier.code).events[-1]
    assert (event.kind, event.note) == ("refused", "Không thuộc thẩm quyền của xã")
    assert printed == [("refusal", dossier.code)]


def test_reschedule_asks_the_new_date_once(window, office, clock, printed):
    dossier = receive(office, clock)
    view = window.open_dossier(dossier.code)
    view.prompts = Answers(new_due=dossier.due_at + dt.timedelta(days=3))
    view.action_buttons["rescheduled"].click()
    assert kinds(dossier.code)[-1] == "rescheduled"
    assert "rescheduled" not in view.action_buttons  # only one re-appointment is allowed
    assert printed == [("extension", dossier.code)]  # a 2026 dossier: the 2025 form 04


def test_a_refused_action_says_why_in_the_view(window, office, clock):
    dossier = receive(office, clock)
    view = window.open_dossier(dossier.code)
    view.prompts = Answers(new_due=dossier.due_at - dt.timedelta(days=1))
    view.action_buttons["rescheduled"].click()
    assert "Ngày hẹn mới phải sau" in view.banner.text()


def test_correction_and_reprint(window, office, clock, printed, qtbot):
    dossier = receive(office, clock)
    view = window.open_dossier(dossier.code)
    view.prompts = Answers()
    view.action_buttons["corrected"].click()
    assert Dossier.get(Dossier.code == dossier.code).applicant.phone == "0912000111"
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    QTest.keyClick(view, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert printed == [("receipt", dossier.code)]


def test_rating_dialog_answers_with_a_digit(qtbot):
    dialog = RatingDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    QTest.keyClick(dialog, Qt.Key.Key_2)
    assert dialog.rating == 2
