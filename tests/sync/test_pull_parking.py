"""The pull side parks a poison record as the push side does: set aside, shown, tried again,
and the pull goes on. (The server refuses such records now; one accepted before, or written by
an older server, must not wedge every desk of the commune.)"""

from __future__ import annotations

import json

from desk import events, intake
from desk.clock import encode_hlc
from desk.context import load_context
from desk.ids import new_id
from desk.sync import enrolment, parked, session
from desk.sync.status import sync_status
from models import Dossier, DossierEvent, ParkedChange, SyncState
from server.ingest.apply import append_changes
from tests.sync.conftest import TAN_PHU
from tests.sync.harness import PERSON


def published(hub, *changes: tuple[str, str]) -> None:
    """Change-log rows for TAN_PHU as an older, more trusting server might have written."""
    with hub.session():
        append_changes([{"commune_code": TAN_PHU[0], "kind": kind, "record_id": new_id(),
                         "origin_device": "server", "payload": payload,
                         "created_at": hub.now()} for kind, payload in changes])


def two_desks(hub, desk_factory):
    writer, reader = desk_factory(TAN_PHU, 0), desk_factory(TAN_PHU, 1)
    for desk in (writer, reader):
        with desk.session():
            enrolment.enroll(hub.base, hub.enrolment_code(TAN_PHU[0]), now=desk.now)
    with writer.session():
        dossier = intake.receive(load_context(now=writer.now),
                                 intake.IntakeRequest("1.001193", PERSON), now=writer.now)
        received = json.loads(DossierEvent.get(DossierEvent.dossier == dossier.id).data)
        hlc = DossierEvent.get(DossierEvent.dossier == dossier.id).hlc
        session.sync(now=writer.now)
    return writer, reader, dossier, received, hlc


NOON = "2026-11-23T03:30:00+00:00"  # the test clock reads 03:00 UTC


def event_payload(dossier_id: str, kind: str, hlc: str, **extra: object) -> str:
    record = {"type": "event", "v": 1, "id": new_id(), "commune_code": TAN_PHU[0],
              "dossier_id": dossier_id, "kind": kind, "at": NOON, "recorded_at": NOON,
              "hlc": hlc, "actor": "", "origin": "server",
              "note": "", "data": {}, **extra}
    return json.dumps(record, ensure_ascii=False)


def test_poison_records_are_set_aside_and_the_pull_goes_on(hub, desk_factory):
    writer, reader, dossier, received, hlc = two_desks(hub, desk_factory)
    before_receipt = encode_hlc(int(hlc[:15]) - 60_000, 0)
    published(hub,
              ("event", event_payload(dossier.id, "assigned", before_receipt)),
              ("event", event_payload(dossier.id, "rescheduled", encode_hlc(int(hlc[:15]) + 1, 0),
                                      data={"due_at": "9999-12-31T23:00:00+00:00"})),
              ("event", "not a record at all"),
              ("spaceship", "{}"))
    with writer.session():
        ctx = load_context(now=writer.now)
        later = intake.receive(ctx, intake.IntakeRequest("1.001193", PERSON), now=writer.now)
        events.record(ctx, later.code, "assigned", now=writer.now)
        session.sync(now=writer.now)
    with reader.session():
        done = session.sync(now=reader.now)
        held = {d.code: d.status for d in Dossier.select()}
        listed = parked.parked_changes()
        cursor = SyncState.get_by_id(1).pull_cursor
        assert sync_status(now=reader.now).parked == 3
        again = session.sync(now=reader.now)
        attempts = [row.attempts for row in ParkedChange.select()]
    # The step ordered before the receipt is kept and skipped by the fold (workflow.fold), so
    # the dossier stays received; the three records no fold can take are set aside.
    assert held == {dossier.code: "received", later.code: "in_progress"}
    assert done["pulled"] >= 5  # catalogue, calendar, two dossiers, their events
    assert [c.label for c in listed] == ["Sự kiện: Xin lỗi và gia hạn thời gian giải quyết",
                                         "Sự kiện (không đọc được)", "Bản ghi không rõ loại"]
    assert listed[0].dossier_code == dossier.code
    assert all("thử lại" in c.reason for c in listed) and listed[0].detail.startswith(
        "ValueError")
    assert cursor > 0 and again["pulled"] == 0 and attempts == [2, 2, 2]


def test_an_event_whose_receipt_comes_later_counts_once_the_receipt_has_arrived(hub, desk_factory):
    writer, reader, dossier, received, hlc = two_desks(hub, desk_factory)
    with hub.session():
        later = new_id()
    # An older server published an event whose dossier's receipt came only afterwards.
    orphan_id = new_id()
    with writer.session():
        record = json.loads(json.dumps({
            "type": "dossier", "v": 1, "id": later, "commune_code": TAN_PHU[0],
            "desk_id": new_id(), "code": TAN_PHU[2] + "-261130-0900", "procedure_code":
            "1.001193", "received_at": NOON, "received_by": "",
            "channel": "direct", "return_method": "counter", "sets_count": 1, "fee_amount": 0,
            "note": "", "ledger_book": "", "ledger_entry": 0,
            "applicant": {"id": orphan_id, "name": PERSON.name, "id_number": PERSON.id_number,
                          "phone": "", "address": "", "email": "", "birth_date": None,
                          "sex": ""}, "documents": []}))
    published(hub, ("dossier", json.dumps(record, ensure_ascii=False)),
              ("event", event_payload(later, "assigned", encode_hlc(int(hlc[:15]) + 5, 0))))
    with reader.session():
        session.sync(now=reader.now)
        assert parked.parked_changes() == [] and Dossier.get_by_id(later).status == "received"
    published(hub, ("event", event_payload(later, "received", encode_hlc(int(hlc[:15]) + 1, 0),
                                           data=received)))
    with reader.session():
        session.sync(now=reader.now)
        assert parked.parked_changes() == []
        assert Dossier.get_by_id(later).status == "in_progress"
