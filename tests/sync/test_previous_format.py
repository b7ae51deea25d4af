"""During the upgrade a bundle or reply of the previous format (signed body, editable header)
still imports, believed only as far as its signature goes."""

from __future__ import annotations

import argparse
import json

import httpx
import pytest
import zstandard

from desk.cli import Output
from desk.commands.sync import run_import
from desk.errors import DomainError
from desk.sync import bundle, session
from desk.sync.session import enrolment
from models import Dossier, Outbox, SyncState
from models.bundle import bundle_key
from models.hub import Device
from server import pull
from tests.sync.conftest import TAN_PHU
from tests.sync.previous_format import push_bundle, reply_bundle
from tests.sync.test_sync_roundtrip import enrolled, receive


def upload(hub, blob: bytes) -> httpx.Response:
    return httpx.post(hub.base + "/api/v1/bundles", content=blob)


def sealed_reply(answer: httpx.Response) -> bool:
    return json.loads(answer.content.partition(b"\n")[0])["v"] == 2


def test_a_previous_format_bundle_imports_and_its_reply_is_sealed(hub, desk_factory, tmp_path):
    desk = enrolled(hub, desk_factory)
    with desk.session():
        receive(desk, 2)
        # The unsigned range lies: the reply names the records the signed body holds.
        blob = push_bundle(first=1, last=900, count=4)
    answer = upload(hub, blob)
    assert answer.status_code == 200, answer.text
    assert hub.counts(TAN_PHU[0]) == (2, 2) and sealed_reply(answer)
    reply = tmp_path / "reply.bundle"
    reply.write_bytes(answer.content)
    with desk.session():
        done = bundle.import_reply(reply, now=desk.now)
    assert (done["acked"], done["pending"]) == (4, 0)
    assert (done["answers"]["first"], done["answers"]["last"]) == (1, 4)


def test_an_unsigned_pull_cursor_of_zero_gets_no_commune_data(hub, desk_factory, tmp_path):
    other = enrolled(hub, desk_factory, number=1)
    with other.session():
        receive(other, 2)
        session.sync(now=other.now)
    desk = enrolled(hub, desk_factory)
    with desk.session():
        session.sync(now=desk.now)  # this desk already holds the other's dossiers
        receive(desk, 1)
        blob = push_bundle(pull_cursor=0)
        key = bundle_key(enrolment().secret)
    answer = upload(hub, blob)
    assert answer.status_code == 200, answer.text
    reply = tmp_path / "reply.bundle"
    reply.write_bytes(answer.content)
    opened = bundle.open_bundle(answer.content, bundle.MAGIC_REPLY, lambda _: key)
    assert opened[1] == b"" and (opened[0]["since"], opened[0]["cursor"]) == (0, 0)
    with desk.session():
        held = SyncState.get_by_id(1).pull_cursor
        done = bundle.import_reply(reply, now=desk.now)
        assert SyncState.get_by_id(1).pull_cursor == held > 0
    assert (done["acked"], done["pulled"]) == (2, 0)


def test_an_edited_body_of_the_previous_format_is_refused(hub, desk_factory):
    desk = enrolled(hub, desk_factory)
    with desk.session():
        receive(desk, 1)
        blob = push_bundle()
    whole = zstandard.ZstdDecompressor().decompress(blob)
    edited = zstandard.ZstdCompressor().compress(whole.replace(b'"seq":', b'"seq": ', 1))
    assert edited != blob
    answer = upload(hub, edited)
    assert (answer.status_code, answer.json()["error"]) == (403, "bad_signature")
    assert hub.counts(TAN_PHU[0]) == (0, 0)


def test_a_previous_format_reply_acknowledges_nothing_and_keeps_the_cursor(
        hub, desk_factory, tmp_path, capsys):
    other = enrolled(hub, desk_factory, number=1)
    with other.session():
        codes = receive(other, 1)
        session.sync(now=other.now)
    desk = enrolled(hub, desk_factory)
    with desk.session():
        receive(desk, 2)
        who = enrolment()
    with hub.session():
        lines = pull.changes(Device.get_by_id(who.device_id), 0).lines
    # Every unsigned field edited: acknowledge all, refuse one, jump the cursor.
    reply = tmp_path / "reply.bundle"
    reply.write_bytes(reply_bundle(who.device_id, who.secret, lines, acked_seq=10**6,
                                   cursor=10**9, more=False,
                                   refused=[{"seq": 1, "code": "invalid", "detail": ""}]))
    with desk.session():
        run_import(argparse.Namespace(file=reply, now=desk.now), Output(False))
        states = {row.state for row in Outbox.select()}
        assert (states, SyncState.get_by_id(1).pull_cursor) == ({"pending"}, 0)
        assert Dossier.get_or_none(Dossier.code == codes[0]) is not None
        again = session.sync(now=desk.now)  # the next sync pulls and acknowledges as usual
    assert "định dạng cũ" in capsys.readouterr().out
    assert (again["pushed"], again["pending"]) == (4, 0)


def test_a_previous_format_reply_edited_or_for_another_device_is_refused(
        hub, desk_factory, tmp_path):
    desk = enrolled(hub, desk_factory)
    other = enrolled(hub, desk_factory, number=1)
    with other.session():
        stranger = enrolment()
    with desk.session():
        who = enrolment()
    reply = tmp_path / "reply.bundle"
    cases = {"wrong key": reply_bundle(who.device_id, stranger.secret, [b'{"seq":1}']),
             "other device": reply_bundle(stranger.device_id, stranger.secret, [])}
    with desk.session():
        for name, blob in cases.items():
            reply.write_bytes(blob)
            with pytest.raises(DomainError) as refused:
                bundle.import_reply(reply, now=desk.now)
            assert refused.value.code == "invalid_bundle", name
