import contextlib
import datetime as dt
import itertools
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desk import events, intake, workflow
from desk.errors import DomainError
from desk.workflow import TRANSITIONS, EventFacts, Projection
from models import Dossier, Outbox
from tests.conftest import vn
from tests.desk.test_intake import PERSON

T0 = vn(2026, 11, 19, 9, 0)


def receive(office, clock, procedure="1.004873"):
    return intake.receive(office, intake.IntakeRequest(procedure, PERSON), now=clock)


def test_every_forbidden_transition_is_refused():
    base = Projection(status="received", due_at=T0, deadline_at=T0, clock_started_at=T0)
    for status, kind in itertools.product(workflow.STATUS_LABELS, TRANSITIONS):
        allowed_from, _ = TRANSITIONS[kind]
        state = dt_replace(base, status=status)
        event = EventFacts("e", kind, T0, "h", {"due_at": "2030-01-01T00:00:00+00:00",
                                                 "rating": 3})
        if status in allowed_from:
            workflow.check(state, event)
            assert kind in workflow.allowed_kinds(state)
        else:
            with pytest.raises(DomainError) as caught:
                workflow.check(state, event)
            assert caught.value.code == "transition_not_allowed"
            assert kind not in workflow.allowed_kinds(state)


def dt_replace(state, **changes):
    from dataclasses import replace

    return replace(state, **changes)


def test_return_before_result_is_refused_with_reason(office, clock):
    dossier = receive(office, clock)
    with pytest.raises(DomainError, match="Không thể «trả kết quả»"):
        events.record(office, dossier.code, "returned", now=clock)
    assert Dossier.get_by_id(dossier.id).status == "received"


def test_full_life_of_a_dossier(office, clock):
    dossier = receive(office, clock)
    for kind in ("assigned", "result_ready", "returned"):
        clock.set(clock() + dt.timedelta(hours=1))
        events.record(office, dossier.code, kind, now=clock)
    events.record(office, dossier.code, "rated", data={"rating": 3}, now=clock)
    stored = Dossier.get_by_id(dossier.id)
    assert (stored.status, stored.rating, stored.outcome) == ("returned", 3, "early")
    assert Outbox.select().where(Outbox.record_type == "event").count() == 5


def test_a_reappointment_is_allowed_once_only(office, clock):
    dossier = receive(office, clock)
    events.record(office, dossier.code, "rescheduled", note="Chờ xác minh",
                  data={"due_at": vn(2026, 12, 10, 10)},
                  now=clock)
    assert Dossier.get_by_id(dossier.id).due_at == vn(2026, 12, 10, 10)
    with pytest.raises(DomainError) as caught:
        events.record(office, dossier.code, "rescheduled",
                      data={"due_at": vn(2026, 12, 20, 10)}, now=clock)
    assert caught.value.code == "reschedule_limit"


def test_rescheduled_dossier_is_still_late_against_its_original_deadline(office, clock):
    dossier = receive(office, clock)  # 3 working days: due Thu 26/11 10:00 (24/11 holiday)
    assert dossier.due_at == vn(2026, 11, 27, 10, 0)
    events.record(office, dossier.code, "rescheduled", note="Chờ xác minh",
                  data={"due_at": vn(2026, 12, 4, 10)},
                  now=clock)
    clock.set(vn(2026, 12, 1, 9))
    events.record(office, dossier.code, "result_ready", now=clock)
    assert Dossier.get_by_id(dossier.id).outcome == "late"


def test_supplement_restarts_the_clock_from_the_completed_dossier(office, clock):
    dossier = receive(office, clock)
    events.record(office, dossier.code, "supplement_requested", now=clock)
    clock.set(vn(2026, 11, 30, 14, 0))
    events.record(office, dossier.code, "supplemented", now=clock)
    assert Dossier.get_by_id(dossier.id).due_at == vn(2026, 12, 3, 14, 0)


def test_supplement_pause_policy_extends_by_the_paused_time(office, clock):
    office.supplement_policy = "pause"
    dossier = receive(office, clock)  # due Fri 27/11 10:00
    clock.set(vn(2026, 11, 25, 10))
    events.record(office, dossier.code, "supplement_requested", now=clock)
    clock.set(vn(2026, 11, 26, 10))  # one working day paused
    events.record(office, dossier.code, "supplemented", now=clock)
    assert Dossier.get_by_id(dossier.id).due_at == vn(2026, 11, 30, 10, 0)


def test_event_time_cannot_precede_reception_or_lie_in_the_future(office, clock):
    dossier = receive(office, clock)
    with pytest.raises(DomainError, match="trước lúc tiếp nhận"):
        events.record(office, dossier.code, "assigned", at=clock() - dt.timedelta(days=1),
                      now=clock)
    with pytest.raises(DomainError, match="tương lai"):
        events.record(office, dossier.code, "assigned", at=clock() + dt.timedelta(days=1),
                      now=clock)


def test_correction_changes_the_applicant_and_keeps_the_old_value(office, clock):
    dossier = receive(office, clock)
    event = events.record(office, dossier.code, "corrected", note="Ghi nhầm số",
                          data={"field": "phone", "value": "0987654321"}, now=clock)
    assert Dossier.get_by_id(dossier.id).applicant.phone == "0987654321"
    assert '"from": "0912345678"' in event.data


KINDS = st.sampled_from(sorted(TRANSITIONS))


@settings(max_examples=40, deadline=None)
@given(st.lists(KINDS, max_size=8))
def test_projection_rebuilt_from_events_equals_the_stored_row(tmp_path_factory, kinds):
    from desk import setup
    from desk.context import load_context
    from desk.database import open_database
    from tests.conftest import AGENCY, FixedClock

    clock = FixedClock(T0)
    open_database(tmp_path_factory.mktemp("db") / "m.sqlite3", now=clock)
    setup.initialize("26734", "Xã Tân Phú", AGENCY, now=clock)
    ctx = load_context(now=clock)
    dossier = receive(ctx, clock)
    for kind in kinds:
        clock.set(clock() + dt.timedelta(hours=5))
        data = {"due_at": clock() + dt.timedelta(days=30), "rating": 2,
                "field": "address", "value": "Thôn Mới"}
        with contextlib.suppress(DomainError):
            events.record(ctx, dossier.code, kind, data=data, note="Ghi chú", now=clock)
    stored = Dossier.get_by_id(dossier.id)
    rebuilt = events.current_state(stored)
    for name in ("status", "due_at", "deadline_at", "result_ready_at", "returned_at",
                 "closed_at", "reschedule_count", "rating", "outcome", "clock_started_at"):
        assert getattr(rebuilt, name) == getattr(stored, name), name


def test_a_second_assign_is_refused_and_no_longer_offered(office, clock):
    dossier = receive(office, clock)
    events.record(office, dossier.code, "assigned", note="Công chức Tư pháp", now=clock)
    with pytest.raises(DomainError) as caught:
        events.record(office, dossier.code, "assigned", note="Người khác", now=clock)
    assert caught.value.code == "already_assigned"
    state = events.current_state(Dossier.get_by_id(dossier.id))
    assert "assigned" not in workflow.allowed_kinds(state)
    assert [e.kind for e in Dossier.get_by_id(dossier.id).events] == ["received", "assigned"]


def test_an_old_log_with_two_assigns_still_folds(office, clock):
    start = workflow.start(T0, {"due_at": T0.isoformat(), "deadline_at": T0.isoformat()})
    log = [EventFacts("a", "received", T0, "1", {"due_at": T0.isoformat(),
                                                  "deadline_at": T0.isoformat()}),
           EventFacts("b", "assigned", T0, "2", {}), EventFacts("c", "assigned", T0, "3", {}),
           EventFacts("d", "result_ready", T0, "4", {})]
    assert workflow.project(log).status == "result_ready"
    assert start.assigned_at is None


def test_stopping_needs_a_reason_closes_the_dossier_and_offers_nothing_more(office, clock):
    dossier = receive(office, clock)
    with pytest.raises(DomainError) as caught:
        events.record(office, dossier.code, "stopped", note="  ", now=clock)
    assert caught.value.code == "missing_reason"
    events.record(office, dossier.code, "stopped", note="Công dân đề nghị dừng", now=clock)
    stored = Dossier.get_by_id(dossier.id)
    assert (stored.status, workflow.STATUS_LABELS[stored.status]) == (
        "stopped", "Đã dừng giải quyết")
    assert stored.closed_at == clock()
    assert workflow.allowed_kinds(events.current_state(stored)) == ["corrected"]
    event = stored.events.where(workflow_kind("stopped")).get()
    assert json.loads(event.data) == {"reason": "Công dân đề nghị dừng"}


def test_an_extension_records_its_reason_and_needs_one(office, clock):
    dossier = receive(office, clock)
    with pytest.raises(DomainError) as caught:
        events.record(office, dossier.code, "rescheduled", data={"due_at": vn(2026, 12, 4, 10)},
                      now=clock)
    assert caught.value.code == "missing_reason"
    events.record(office, dossier.code, "rescheduled", note="Chờ kết quả xác minh",
                  data={"due_at": vn(2026, 12, 4, 10)}, now=clock)
    event = Dossier.get_by_id(dossier.id).events.where(workflow_kind("rescheduled")).get()
    assert json.loads(event.data)["reason"] == "Chờ kết quả xác minh"


def workflow_kind(kind):
    from models import DossierEvent

    return DossierEvent.kind == kind
