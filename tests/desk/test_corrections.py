"""Correcting any fact declared at intake, each correction an event with its reason."""

import datetime as dt
import json

import pytest

from desk import corrections, events, intake, search
from desk.errors import DomainError
from models import Applicant, Dossier, Outbox
from models.replica import CORRECTABLE_FIELDS, apply_correction
from tests.desk.test_intake import PERSON


def receive(office, clock):
    return intake.receive(office, intake.IntakeRequest("1.004873", PERSON), now=clock)


def correct(office, clock, code, field, value, note="Ghi nhầm khi tiếp nhận"):
    return events.record(office, code, "corrected", data={"field": field, "value": value},
                         note=note, now=clock)


def test_every_intake_fact_of_the_applicant_can_be_corrected():
    assert set(corrections.FIELDS) == set(CORRECTABLE_FIELDS)
    assert {"name", "id_number", "birth_date", "sex", "phone", "address", "email"} <= set(
        corrections.FIELDS)


def test_a_mistyped_citizen_id_is_corrected_and_found_by_the_new_number(office, clock):
    dossier = receive(office, clock)
    event = correct(office, clock, dossier.code, "id_number", "079 203 001 235")
    assert Dossier.get_by_id(dossier.id).applicant.id_number == "079203001235"
    assert json.loads(event.data) == {"field": "id_number", "from": PERSON.id_number,
                                      "to": "079203001235"}
    assert [d.code for d in search.search("079203001235")] == [dossier.code]
    sent = [json.loads(row.payload) for row in Outbox.select()]
    assert any(r.get("kind") == "corrected" and r["note"] == "Ghi nhầm khi tiếp nhận"
               for r in sent)


def test_birth_date_and_sex_are_corrected_from_what_the_clerk_types(office, clock):
    dossier = receive(office, clock)
    correct(office, clock, dossier.code, "birth_date", "05/03/1990")
    correct(office, clock, dossier.code, "sex", "Nữ")
    person = Dossier.get_by_id(dossier.id).applicant
    assert (person.birth_date, person.sex) == (dt.date(1990, 3, 5), "Nữ")
    event = correct(office, clock, dossier.code, "birth_date", "1990-03-06")
    assert json.loads(event.data)["from"] == "1990-03-05"


@pytest.mark.parametrize(("field", "value", "message"), [
    ("id_number", "12345", "12 chữ số"),
    ("birth_date", "31/02/1990", "ngày/tháng/năm"),
    ("birth_date", "01/01/2030", "tương lai"),
    ("sex", "khác", "Nam"),
    ("procedure", "1.001193", "Chỉ đính chính được"),
])
def test_a_bad_value_is_refused_in_vietnamese_and_changes_nothing(office, clock, field, value,
                                                                   message):
    dossier = receive(office, clock)
    with pytest.raises(DomainError, match=message):
        correct(office, clock, dossier.code, field, value)
    assert [e.kind for e in Dossier.get_by_id(dossier.id).events] == ["received"]
    assert Dossier.get_by_id(dossier.id).applicant.id_number == PERSON.id_number


def test_a_correction_needs_a_reason_and_a_new_value(office, clock):
    dossier = receive(office, clock)
    with pytest.raises(DomainError) as missing:
        correct(office, clock, dossier.code, "phone", "0987654321", note=" ")
    assert missing.value.code == "missing_reason"
    with pytest.raises(DomainError) as same:
        correct(office, clock, dossier.code, "id_number", PERSON.id_number)
    assert same.value.code == "nothing_to_correct"


def test_a_pulled_birth_date_correction_changes_the_other_desks_copy(office, clock):
    dossier = receive(office, clock)
    apply_correction({"kind": "corrected", "dossier_id": dossier.id,
                      "data": {"field": "birth_date", "from": "", "to": "1985-12-31"}})
    assert Applicant.get_by_id(dossier.applicant_id).birth_date == dt.date(1985, 12, 31)
    apply_correction({"kind": "corrected", "dossier_id": dossier.id,
                      "data": {"field": "birth_date", "from": "1985-12-31", "to": ""}})
    assert Applicant.get_by_id(dossier.applicant_id).birth_date is None
