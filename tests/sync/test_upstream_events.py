"""An event written upstream travels down: the desks of the dossier's commune pull it once,
their dossier moves on, and what the desk records next orders after it."""

from __future__ import annotations

from desk import events as desk_events
from desk.context import load_context
from desk.sync import session
from models import Dossier, DossierEvent, Outbox
from server import events
from tests.sync.conftest import AN_BINH, TAN_PHU
from tests.sync.harness import content_hash
from tests.sync.test_sync_roundtrip import enrolled, receive

OFFICER = "Phòng Tư pháp (huyen)"


def test_an_upstream_result_reaches_the_desk_once_and_the_desk_hands_it_back(
        hub, desk_factory, clock):
    desk = enrolled(hub, desk_factory)
    with desk.session():
        code = receive(desk, 1)[0]
        session.sync(now=clock)
    with hub.session():
        upstream = events.record(events.UpstreamEvent(code, "result_ready", actor=OFFICER,
                                                      note="Đã ký"), now=hub.now).record
    clock.advance(minutes=30)
    with desk.session():
        first = session.sync(now=clock)
        dossier = Dossier.get(Dossier.code == code)
        pulled = DossierEvent.get_by_id(upstream["id"])
        queued = Outbox.select().where(Outbox.record_id == upstream["id"]).count()
        after_first = (content_hash(TAN_PHU[0]), dossier.status, Outbox.select().count())
        second = session.sync(now=clock)
        after_second = (content_hash(TAN_PHU[0]), Dossier.get_by_id(dossier.id).status,
                        Outbox.select().count())
    assert first["pulled"] == 1 and second["pulled"] == 0
    assert (dossier.status, dossier.result_ready_at) == ("result_ready", pulled.at)
    assert (pulled.origin, pulled.actor, pulled.hlc) == ("server", OFFICER, upstream["hlc"])
    assert after_first == after_second
    assert queued == 0  # a pulled event is not pushed back
    assert hub.content_hash(TAN_PHU[0]) == after_first[0]

    with desk.session():
        returned = desk_events.record(load_context(now=clock), code, "returned", now=clock)
        session.sync(now=clock)
    assert returned.hlc > upstream["hlc"]
    with hub.session():
        assert Dossier.get(Dossier.code == code).status == "returned"


def test_only_the_dossiers_commune_pulls_the_upstream_event(hub, desk_factory, clock):
    owner = enrolled(hub, desk_factory, number=0)
    sibling = enrolled(hub, desk_factory, number=1)
    stranger = enrolled(hub, desk_factory, AN_BINH)
    with owner.session():
        code = receive(owner, 1)[0]
        session.sync(now=clock)
    for desk in (sibling, stranger):
        with desk.session():
            session.sync(now=clock)
    with hub.session():
        events.record(events.UpstreamEvent(code, "assigned", actor=OFFICER), now=hub.now)
    with owner.session():
        assert session.sync(now=clock)["pulled"] == 1
        assert Dossier.get(Dossier.code == code).status == "in_progress"
    with sibling.session():
        assert session.sync(now=clock)["pulled"] == 1
        assert Dossier.get(Dossier.code == code).status == "in_progress"
    with stranger.session():
        assert session.sync(now=clock)["pulled"] == 0
        assert not Dossier.select().where(Dossier.code == code).exists()
