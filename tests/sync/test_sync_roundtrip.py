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
        enrolment.enroll(hub.base, hub.enrolment_code(commune[0]))
    return desk


def receive(count: int, procedure: str = "1.001193") -> list[str]:
    ctx = load_context()
    now = dt.datetime.now(dt.UTC)
    codes = []
    for i in range(count):
        when = now - dt.timedelta(hours=count - i)
        codes.append(intake.receive(ctx, intake.IntakeRequest(procedure, PERSON,
                                                               received_at=when)).code)
    return codes


def test_enrolled_desk_pushes_everything_once_and_the_server_holds_the_same_content(
        hub, desk_factory):
    desk = enrolled(hub, desk_factory)
    with desk.session():
        codes = receive(3)
        events.record(load_context(), codes[0], "assigned")
        first = session.sync()
        again = session.sync()
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
        code = receive(1)[0]
        events.record(load_context(), code, "result_ready")
        session.sync()
    with second.session():
        pulled = session.sync()["pulled"]
        copy = Dossier.get(Dossier.code == code)
        assert copy.status == "result_ready"
        assert Outbox.select().count() == 0  # pulled records are not pushed back
        assert SyncState.get_by_id(1).pull_cursor > 0
    assert pulled >= 4  # catalogue, calendar, dossier, 2 events


def test_enrolment_code_is_single_use_and_for_one_commune(hub, desk_factory):
    code = hub.enrolment_code(TAN_PHU[0])
    other = desk_factory(AN_BINH)
    with other.session(), pytest.raises(DomainError) as wrong:
        enrolment.enroll(hub.base, code)
    assert wrong.value.code == "commune_mismatch"
    desk = desk_factory(TAN_PHU)
    with desk.session():
        enrolment.enroll(hub.base, code)
    late = desk_factory(TAN_PHU, 2)
    with late.session(), pytest.raises(DomainError) as used:
        enrolment.enroll(hub.base, code)
    assert used.value.code == "invalid_enrolment_code"


def test_sync_without_enrolment_tells_the_clerk(desk_factory):
    with desk_factory().session(), pytest.raises(DomainError) as refused:
        session.sync()
    assert refused.value.code == "not_enrolled"


def test_clock_skew_is_measured_from_the_server_date(hub, desk_factory):
    desk = enrolled(hub, desk_factory)
    with desk.session():
        session.sync(now=lambda: dt.datetime.now(dt.UTC))
        skew = SyncState.get_by_id(1).clock_skew_seconds
    assert abs(skew) < 5


def test_bundle_round_trip_acknowledges_and_is_idempotent(hub, desk_factory, tmp_path):
    desk = enrolled(hub, desk_factory)
    out, reply = tmp_path / "out.bundle", tmp_path / "reply.bundle"
    with desk.session():
        receive(2)
        assert bundle.export(out)["records"] == 4
    upload = httpx.post(hub.base + "/api/v1/bundles", content=out.read_bytes())
    assert upload.status_code == 200, upload.text
    reply.write_bytes(upload.content)
    again = httpx.post(hub.base + "/api/v1/bundles", content=out.read_bytes())
    assert again.headers["X-Motcua-Applied"] == "0"
    with desk.session():
        done = bundle.import_reply(reply)
        twice = bundle.import_reply(reply)
        local = content_hash(TAN_PHU[0])
    assert (done["acked"], done["pending"]) == (4, 0)
    assert twice["acked"] == 0
    assert hub.counts(TAN_PHU[0]) == (2, 2)
    assert hub.content_hash(TAN_PHU[0]) == local


def test_a_tampered_bundle_is_refused(hub, desk_factory, tmp_path):
    import zstandard

    desk = enrolled(hub, desk_factory)
    out = tmp_path / "out.bundle"
    with desk.session():
        receive(1)
        bundle.export(out)
    data = zstandard.ZstdDecompressor().decompressobj().decompress(out.read_bytes())
    forged = zstandard.ZstdCompressor().compress(data.replace("Đặng".encode(), "Đỗ Ng".encode()))
    answer = httpx.post(hub.base + "/api/v1/bundles", content=forged)
    assert (answer.status_code, answer.json()["error"]) == (403, "bad_signature")
    assert hub.counts(TAN_PHU[0]) == (0, 0)
