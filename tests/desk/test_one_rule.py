"""One rule in one place: the desk and the server accept, fold and store a dossier's events
alike, and know a commune by the same identity (desk.workflow, desk.communes)."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from desk import communes, events, intake, workflow
from desk.errors import DomainError
from desk.history import state_at
from desk.ids import new_id
from desk.sync import incoming
from models import Dossier, DossierEvent
from server.communes import add_commune
from server.errors import ApiError
from tests.desk.test_intake import PERSON


def test_an_event_ordered_before_the_receipt_is_left_out_on_every_side(office, clock):
    """A desk whose clock ran behind stamped a step before the dossier's "received" event; the
    pull must apply it without failing, and every fold leave it out alike."""
    dossier = intake.receive(office, intake.IntakeRequest("1.001193", PERSON), now=clock)
    received = dossier.events.get()
    early = {"type": "event", "v": 1, "id": new_id(), "commune_code": dossier.commune_code,
             "dossier_id": dossier.id, "kind": "result_ready", "at": received.at.isoformat(),
             "recorded_at": received.at.isoformat(), "hlc": "000000000000001-000000",
             "actor": "", "origin": "desk", "note": "", "data": {}}
    clock.advance(minutes=5)
    assert incoming.apply([{"kind": "event", "record": early}], 1, now=clock) == 1
    stored = Dossier.get_by_id(dossier.id)
    rows = list(DossierEvent.select().where(DossierEvent.dossier == dossier.id))
    assert len(rows) == 2 and stored.status == workflow.RECEIVED
    facts = workflow.facts_from_rows(rows)
    assert [s.event.kind for s in workflow.fold(facts)] == ["received"]
    assert state_at(facts, clock()).status == workflow.RECEIVED  # the reports' fold
    assert workflow.project(facts) == events.current_state(stored)
    assert workflow.columns(workflow.project(facts))["status"] == stored.status


def test_no_received_event_yet_folds_to_nothing_and_stores_the_interim_state():
    step = workflow.EventFacts("e", "assigned", dt.datetime(2026, 11, 23, tzinfo=dt.UTC), "1")
    assert workflow.fold([step]) == [] and workflow.project([step]) is None
    interim = workflow.interim(step.at)
    assert workflow.columns(interim)["status"] == workflow.RECEIVED
    assert set(workflow.columns(interim)) == set(workflow.COLUMNS)


def test_the_projection_columns_are_the_dossier_columns_of_the_projection():
    dossier_fields = set(Dossier._meta.fields)
    projection_fields = {f.name for f in dataclasses.fields(workflow.Projection)}
    assert set(workflow.COLUMNS) <= dossier_fields & projection_fields
    assert len(set(workflow.COLUMNS)) == len(workflow.COLUMNS)


def test_a_rating_that_is_not_a_number_is_refused_not_a_crash(office, clock):
    dossier = intake.receive(office, intake.IntakeRequest("1.001193", PERSON), now=clock)
    for kind in ("result_ready", "returned"):
        events.record(office, dossier.code, kind, now=clock)
    for rating in ("abc", None, 7):
        with pytest.raises(DomainError) as refused:
            events.record(office, dossier.code, "rated", data={"rating": rating}, now=clock)
        assert refused.value.code == "invalid_rating"
        assert refused.value.detail == "rated: the rating must be 1, 2 or 3"


def test_accept_gives_the_same_refusal_with_an_english_detail_for_both_sides(clock):
    received = clock()
    state = workflow.start(received, {"due_at": received.isoformat(),
                                      "deadline_at": received.isoformat()})
    cases = {
        "event_in_future": ("assigned", received + dt.timedelta(hours=1), {}),
        "event_before_receipt": ("assigned", received - dt.timedelta(days=1), {}),
        "missing_new_due": ("rescheduled", received, {"reason": "chậm"}),
        "missing_reason": ("stopped", received, {"reason": " "}),
        "transition_not_allowed": ("returned", received, {}),
        "unknown_event": ("teleported", received, {}),
    }
    for code, (kind, at, data) in cases.items():
        with pytest.raises(DomainError) as refused:
            workflow.accept(state, workflow.EventFacts("", kind, at, "", data), now=clock)
        assert refused.value.code == code
        assert refused.value.detail.isascii() and refused.value.detail != refused.value.message
    assert workflow.kind_named("result-ready") == workflow.kind_named("result_ready") == (
        "result_ready")
    assert workflow.kind_named("stop") == "stopped"


def test_a_commune_registered_upstream_has_the_place_name_of_the_desk(office):
    """The server kept "Xã Tân Phú" where the desk writes "Tân Phú" before the date."""
    desk_commune = office.commune
    upstream = add_commune("26799", "Xã Tân Phú", "000.00.99.h12")
    assert (upstream.place_name, desk_commune.place_name) == ("Tân Phú", "Tân Phú")
    assert upstream.agency_code == "000.00.99.H12"
    assert communes.place_name("phường Bến Thành") == "Bến Thành"
    assert communes.place_name("Đặc khu Côn Đảo") == "Côn Đảo"


@pytest.mark.parametrize(("code", "name", "agency", "refusal"), [
    ("26 734", "Xã Tân Phú", "", "invalid_commune_code"),
    ("26734", "  ", "", "missing_commune_name"),
    ("26734", "Xã Tân Phú", "000 00 12", "invalid_agency_code"),
    ("26734", "Xã Tân Phú", "A." * 20 + "B", "invalid_agency_code"),
])
def test_the_desk_and_the_server_refuse_the_same_communes(database, clock, code, name, agency,
                                                          refusal):
    from desk import setup

    with pytest.raises(DomainError) as on_the_desk:
        setup.initialize(code, name, agency, now=clock)
    with pytest.raises(ApiError) as upstream:
        add_commune(code, name, agency)
    assert on_the_desk.value.code == upstream.value.code == refusal
    assert upstream.value.status == 400 and upstream.value.detail == on_the_desk.value.detail
