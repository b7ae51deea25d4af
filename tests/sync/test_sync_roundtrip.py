"""Enrol, push, pull, bundles: the desk and a real server on 127.0.0.1."""

from __future__ import annotations

import datetime as dt

import httpx
import pytest

from desk import events, intake
from desk.context import load_context
from desk.errors import DomainError
from desk.sync import bundle, enrolment, session
from models import Dossier, Outbox, SyncState
from tests.sync.conftest import AN_BINH, TAN_PHU
from tests.sync.harness import PERSON, content_hash


def enrolled(hub, desk_factory, commune=TAN_PHU, number=0):
    desk = desk_factory(commune, number)
    with desk.session():
        enrolment.enroll(hub.base, hub.enrolment_code(commune[0]), now=desk.now)
    return desk


def receive(desk, count: int, procedure: str = "1.001193") -> list[str]:
    """``count`` intakes an hour apart, the last an hour before the desk's clock."""
    ctx = load_context(now=desk.now)
    codes = []
    for i in range(count):
        when = ctx.now() - dt.timedelta(hours=count - i)
        request = intake.IntakeRequest(procedure, PERSON, received_at=when)
        codes.append(intake.receive(ctx, request, now=ctx.now).code)
    return codes


def test_enrolled_desk_pushes_everything_once_and_the_server_holds_the_same_content(
        hub, desk_factory):
    desk = enrolled(hub, desk_factory)
    with desk.session():
        codes = receive(desk, 3)
        events.record(load_context(now=desk.now), codes[0], "assigned", now=desk.now)
        first = session.sync(now=desk.now)
        again = session.sync(now=desk.now)
        local = content_hash(TAN_PHU[0])
    assert (first["pushed"], first["pending"], first["acked_seq"]) == (7, 0, 7)
    assert again["pushed"] == 0
    assert hub.counts(TAN_PHU[0]) == (3, 4)
    assert hub.content_hash(TAN_PHU[0]) == local


def test_pull_brings_the_catalogue_and_another_desks_dossiers_with_their_status(
        hub, desk_factory):
    first = enrolled(hub, desk_factory, number=0)
    second = enrolled(hub, desk_factory, number=1)
    with first.session():
        code = receive(first, 1)[0]
        events.record(load_context(now=first.now), code, "result_ready", now=first.now)
        session.sync(now=first.now)
    with second.session():
        pulled = session.sync(now=second.now)["pulled"]
        copy = Dossier.get(Dossier.code == code)
        assert copy.status == "result_ready"
        assert Outbox.select().count() == 0  # pulled records are not pushed back
        assert SyncState.get_by_id(1).pull_cursor > 0
    assert pulled >= 4  # catalogue, calendar, dossier, 2 events


def test_enrolment_code_is_single_use_and_for_one_commune(hub, desk_factory):
    code = hub.enrolment_code(TAN_PHU[0])
    other = desk_factory(AN_BINH)
    with other.session(), pytest.raises(DomainError) as wrong:
        enrolment.enroll(hub.base, code, now=other.now)
    assert wrong.value.code == "commune_mismatch"
    desk = desk_factory(TAN_PHU)
    with desk.session():
        enrolment.enroll(hub.base, code, now=desk.now)
    late = desk_factory(TAN_PHU, 2)
    with late.session(), pytest.raises(DomainError) as used:
        enrolment.enroll(hub.base, code, now=late.now)
    assert used.value.code == "invalid_enrolment_code"


def test_sync_without_enrolment_tells_the_clerk(desk_factory, clock):
    with desk_factory().session(), pytest.raises(DomainError) as refused:
        session.sync(now=clock)
    assert refused.value.code == "not_enrolled"


def test_clock_skew_is_measured_from_the_server_date(hub, desk_factory, clock):
    desk = enrolled(hub, desk_factory)
    with desk.session():
        session.sync(now=clock)
        in_step = SyncState.get_by_id(1).clock_skew_seconds
        clock.advance(minutes=-10)  # this PC's clock is set ten minutes slow
        session.sync(now=clock)
        behind = SyncState.get_by_id(1).clock_skew_seconds
    # The desk's clock stands still while the server's ticks on through the test: in step
    # means well inside the two minutes the status bar tolerates.
    assert abs(in_step) < 60
    assert 598 < behind - in_step < 630  # the server is now ten minutes ahead of the PC


def test_bundle_round_trip_acknowledges_and_is_idempotent(hub, desk_factory, tmp_path):
    desk = enrolled(hub, desk_factory)
    out, reply = tmp_path / "out.bundle", tmp_path / "reply.bundle"
    with desk.session():
        receive(desk, 2)
        assert bundle.export(out, now=desk.now)["records"] == 4
    upload = httpx.post(hub.base + "/api/v1/bundles", content=out.read_bytes())
    assert upload.status_code == 200, upload.text
    reply.write_bytes(upload.content)
    again = httpx.post(hub.base + "/api/v1/bundles", content=out.read_bytes())
    assert again.headers["X-Motcua-Applied"] == "0"
    with desk.session():
        done = bundle.import_reply(reply, now=desk.now)
        twice = bundle.import_reply(reply, now=desk.now)
        local = content_hash(TAN_PHU[0])
    assert (done["acked"], done["pending"]) == (4, 0)
    assert twice["acked"] == 0
    assert hub.counts(TAN_PHU[0]) == (2, 2)
    assert hub.content_hash(TAN_PHU[0]) == local
