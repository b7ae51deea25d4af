"""Events written upstream: ``motcua-server event`` and the service behind it, on SQLite and on
PostgreSQL, against a dossier a real desk pushed to a real server."""

from __future__ import annotations

import datetime as dt
import hashlib
import json

import pytest

from desk import intake, settings
from desk.clock import encode_hlc
from desk.context import load_context
from desk.sync import enrolment, session
from models import Dossier, DossierEvent
from models.hub import ChangeLog, IngestLedger
from models.wire import event_record
from server import events
from tests.server.test_server_cli import admin
from tests.sync.conftest import AN_BINH, TAN_PHU
from tests.sync.harness import PERSON, choose_dialect, running_hub

DIALECTS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.pg)]
OFFICER = "Phòng Tư pháp (huyen)"


@pytest.fixture(params=DIALECTS)
def any_hub(request, tmp_path, monkeypatch, clock):
    """A running server on each database the tests can reach."""
    choose_dialect(request.param, monkeypatch)
    with running_hub(tmp_path, [TAN_PHU, AN_BINH], start=clock()) as server:
        yield server


def pushed(hub, desk_factory, hours_ago: float = 2, clock_ahead: dt.timedelta | None = None):
    """A dossier received at a desk and pushed; returns (desk, code)."""
    desk = desk_factory()
    now = desk.now
    with desk.session():
        enrolment.enroll(hub.base, hub.enrolment_code(TAN_PHU[0]), now=now)
        if clock_ahead is not None:  # as a PC whose clock runs ahead would have stamped it
            ahead = now() + clock_ahead
            settings.put("clock.hlc", encode_hlc(int(ahead.timestamp() * 1000), 0))
        received = now() - dt.timedelta(hours=hours_ago)
        code = intake.receive(load_context(now=now), intake.IntakeRequest(
            "1.001193", PERSON, received_at=received), now=now).code
        session.sync(now=now)
    return desk, code


def written(hub) -> tuple[int, int, int, list[tuple[str, str]]]:
    """Everything an upstream event writes: events, change log, ledger, dossier projections."""
    with hub.session():
        return (DossierEvent.select().count(), ChangeLog.select().count(),
                IngestLedger.select().count(),
                list(Dossier.select(Dossier.code, Dossier.status).order_by(Dossier.code).tuples()))


def test_cli_records_an_upstream_event_with_projection_ledger_and_change_log(
        any_hub, desk_factory):
    _, code = pushed(any_hub, desk_factory)
    done = admin(any_hub, "event", code, "assign", "--note", "Chuyển anh Bình thẩm định",
                 "--actor", OFFICER, "--json")
    assert done.returncode == 0, done.stderr
    shown = json.loads(done.stdout)
    assert (shown["code"], shown["status"]) == (code, "in_progress")
    assert shown["event"]["kind"] == "assigned" and shown["event"]["origin"] == "server"
    assert shown["event"]["actor"] == OFFICER
    with any_hub.session():
        dossier = Dossier.get(Dossier.code == code)
        received, assigned = dossier.events.order_by(DossierEvent.hlc)
        change = ChangeLog.get(ChangeLog.record_id == assigned.id)
        entry = IngestLedger.get_by_id(assigned.id)
        assert dossier.status == "in_progress"
        assert (assigned.kind, assigned.origin, assigned.id) == ("assigned", "server",
                                                                  shown["event"]["id"])
        assert assigned.hlc > received.hlc
        assert (change.kind, change.commune_code, change.origin_device) == (
            "event", TAN_PHU[0], "server")
        assert json.loads(change.payload) == event_record(assigned)
        assert change.payload == json.dumps(event_record(assigned), sort_keys=True,
                                            ensure_ascii=False, separators=(",", ":"))
        assert (entry.device_id, entry.record_type) == ("server", "event")
        assert entry.payload_hash == hashlib.sha256(change.payload.encode()).hexdigest()


def test_refusals_name_the_reason_and_write_nothing(any_hub, desk_factory):
    _, code = pushed(any_hub, desk_factory, hours_ago=1)
    with any_hub.session():
        events.record(events.UpstreamEvent(code, "result_ready", actor=OFFICER),
                      now=any_hub.now)
    before = written(any_hub)
    now = any_hub.now()
    refusals = {
        "unknown_dossier": events.UpstreamEvent("000.00.12.H12-990101-0001", "assigned", OFFICER),
        "unknown_event": events.UpstreamEvent(code, "teleported", OFFICER),
        "not_an_upstream_event": events.UpstreamEvent(code, "returned", OFFICER),
        "transition_not_allowed": events.UpstreamEvent(code, "assigned", OFFICER),
        "missing_reason": events.UpstreamEvent(code, "refused", OFFICER),
        "missing_actor": events.UpstreamEvent(code, "assigned", " "),
        "missing_new_due": events.UpstreamEvent(code, "rescheduled", OFFICER),
        "unexpected_new_due": events.UpstreamEvent(code, "assigned", OFFICER, new_due=now),
        "event_in_future": events.UpstreamEvent(code, "assigned", OFFICER,
                                                at=now + dt.timedelta(hours=1)),
        "event_before_receipt": events.UpstreamEvent(code, "assigned", OFFICER,
                                                     at=now - dt.timedelta(days=1)),
    }
    for expected, request in refusals.items():
        with any_hub.session(), pytest.raises(events.EventRefused) as refused:
            events.record(request, now=any_hub.now)
        assert refused.value.code == expected
        assert refused.value.detail and refused.value.message
    assert written(any_hub) == before


def test_cli_refusals_exit_2_with_one_line_and_write_nothing(any_hub, desk_factory):
    _, code = pushed(any_hub, desk_factory)
    before = written(any_hub)
    as_json = admin(any_hub, "event", code, "returned", "--actor", OFFICER, "--json")
    assert as_json.returncode == 2
    assert json.loads(as_json.stderr)["error"] == "not_an_upstream_event"
    plain = admin(any_hub, "event", code, "reschedule", "--new-due", "mai", "--actor", OFFICER)
    assert plain.returncode == 2
    assert plain.stderr.startswith("Error: --new-due") and plain.stderr.count("\n") == 1
    assert written(any_hub) == before


def test_reschedule_moves_the_appointment_later_only_once(any_hub, desk_factory):
    _, code = pushed(any_hub, desk_factory)
    with any_hub.session():
        due = Dossier.get(Dossier.code == code).due_at
    earlier = admin(any_hub, "event", code, "rescheduled", "--actor", OFFICER, "--json",
                    "--new-due", (due - dt.timedelta(hours=1)).isoformat(), "--note", "Xác minh")
    assert json.loads(earlier.stderr)["error"] == "reschedule_not_later"
    later = due + dt.timedelta(days=3)
    moved = admin(any_hub, "event", code, "reschedule", "--actor", OFFICER, "--json",
                  "--new-due", later.isoformat(), "--note", "Cần xác minh thêm")
    assert moved.returncode == 0, moved.stderr
    assert json.loads(moved.stdout)["event"]["data"] == {
        "due_at": later.astimezone(dt.UTC).isoformat(timespec="seconds"),
        "reason": "Cần xác minh thêm"}
    with any_hub.session():
        stored = Dossier.get(Dossier.code == code)
        assert (stored.due_at, stored.reschedule_count) == (later.replace(microsecond=0), 1)
    again = admin(any_hub, "event", code, "rescheduled", "--actor", OFFICER, "--json",
                  "--new-due", (later + dt.timedelta(days=1)).isoformat(), "--note", "Lần hai")
    assert json.loads(again.stderr)["error"] == "reschedule_limit"


def test_an_upstream_event_orders_after_a_desk_whose_clock_ran_ahead(any_hub, desk_factory):
    _, code = pushed(any_hub, desk_factory, clock_ahead=dt.timedelta(hours=3))
    with any_hub.session():
        done = events.record(events.UpstreamEvent(code, "assigned", actor=OFFICER),
                             now=any_hub.now)
        received = Dossier.get(Dossier.code == code).events.where(
            DossierEvent.kind == "received").get()
        assert done.record["hlc"] > received.hlc
        assert done.dossier.status == "in_progress"
        assert events.offered_kinds(done.dossier) == [  # assigned once: not offered again
            "supplement_requested", "result_ready", "refused", "rescheduled", "stopped"]
