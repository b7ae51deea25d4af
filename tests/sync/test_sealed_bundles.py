"""Sealed bundles: every byte of the file authenticated, the records unreadable on the stick,
and a reply that names the bundle it answers."""

from __future__ import annotations

import argparse
import json

import httpx
import pytest
import zstandard

from desk.cli import Output
from desk.commands.sync import run_import
from desk.errors import DomainError
from desk.sync import bundle
from models import Outbox, SyncState
from tests.sync.bombs import zeros
from tests.sync.conftest import TAN_PHU
from tests.sync.harness import PERSON
from tests.sync.test_sync_roundtrip import enrolled, receive


def exported(hub, desk_factory, tmp_path, count: int = 1):
    desk = enrolled(hub, desk_factory)
    out = tmp_path / "out.bundle"
    with desk.session():
        receive(desk, count)
        bundle.export(out, now=desk.now)
    return desk, out


def edits(blob: bytes) -> dict[str, bytes]:
    """One byte changed in the plain line, in the middle and at the tag; cut short; longer."""
    def flipped(at: int) -> bytes:
        return blob[:at] + bytes([blob[at] ^ 1]) + blob[at + 1:]

    def other_hex(at: int) -> bytes:
        return blob[:at] + (b"1" if blob[at:at + 1] == b"0" else b"0") + blob[at + 1:]

    plain = json.loads(blob.partition(b"\n")[0])
    device, nonce = (blob.index(plain[k].encode()) for k in ("device_id", "nonce"))
    return {"device id": other_hex(device + len(plain["device_id"]) - 1),
            "nonce": other_hex(nonce + 23),
            "records": flipped(len(blob) // 2), "tag": flipped(len(blob) - 1),
            "cut short": blob[:-100], "one byte more": blob + b"\0"}


def test_nobody_who_finds_the_stick_reads_a_citizen(hub, desk_factory, tmp_path):
    _, out = exported(hub, desk_factory, tmp_path)
    blob = out.read_bytes()
    for secret in (PERSON.name, PERSON.id_number, PERSON.phone):
        assert secret.encode() not in blob
    plain = json.loads(blob.partition(b"\n")[0])
    assert sorted(plain) == ["bundle", "device_id", "nonce", "v"] and plain["v"] == 2
    with pytest.raises(zstandard.ZstdError):
        zstandard.ZstdDecompressor().decompressobj().decompress(blob.partition(b"\n")[2])


def test_an_edited_or_cut_bundle_is_refused_and_nothing_is_applied(hub, desk_factory,
                                                                   tmp_path):
    _, out = exported(hub, desk_factory, tmp_path)
    answers = {name: httpx.post(hub.base + "/api/v1/bundles", content=forged)
               for name, forged in edits(out.read_bytes()).items()}
    refused = {name: (a.status_code, a.json()["error"]) for name, a in answers.items()}
    assert refused == {"device id": (400, "unknown_device"), "nonce": (403, "bad_signature"),
                       "records": (403, "bad_signature"), "tag": (403, "bad_signature"),
                       "cut short": (403, "bad_signature"),
                       "one byte more": (403, "bad_signature")}
    assert hub.counts(TAN_PHU[0]) == (0, 0)


def test_an_unsigned_zstd_frame_is_not_a_bundle(hub, desk_factory, tmp_path):
    enrolled(hub, desk_factory)
    old = zeros(1000, head=json.dumps({"bundle": "motcua-push", "v": 1}).encode() + b"\n")
    answer = httpx.post(hub.base + "/api/v1/bundles", content=old)
    assert (answer.status_code, answer.json()["error"]) == (400, "invalid_bundle")


def test_an_edited_reply_is_refused_in_vietnamese_and_the_desk_keeps_every_record(
        hub, desk_factory, tmp_path):
    desk, out = exported(hub, desk_factory, tmp_path, count=2)
    upload = httpx.post(hub.base + "/api/v1/bundles", content=out.read_bytes())
    assert upload.status_code == 200, upload.text
    reply = tmp_path / "reply.bundle"
    with desk.session():
        for name, forged in edits(upload.content).items():
            reply.write_bytes(forged)
            with pytest.raises(DomainError) as refused:
                bundle.import_reply(reply, now=desk.now)
            assert refused.value.code == "invalid_bundle", name
            if name != "device id":
                assert "bị sửa, bị cắt mất một phần" in refused.value.message, name
        assert Outbox.select().where(Outbox.state == "pending").count() == 4
        assert SyncState.get_by_id(1).pull_cursor == 0
        reply.write_bytes(upload.content)
        done = bundle.import_reply(reply, now=desk.now)
    assert (done["acked"], done["pending"]) == (4, 0)
    assert (done["answers"]["first"], done["answers"]["last"]) == (1, 4)


def test_a_reply_acknowledges_only_the_range_it_answers(hub, desk_factory, tmp_path):
    desk, first = exported(hub, desk_factory, tmp_path)  # records 1-2
    later = tmp_path / "later.bundle"
    with desk.session():
        receive(desk, 1)
        bundle.export(later, now=desk.now)  # records 1-4
    assert httpx.post(hub.base + "/api/v1/bundles", content=later.read_bytes()).is_success
    old_reply = httpx.post(hub.base + "/api/v1/bundles", content=first.read_bytes())
    reply = tmp_path / "reply.bundle"
    reply.write_bytes(old_reply.content)
    with desk.session():
        done = bundle.import_reply(reply, now=desk.now)
        states = [row.state for row in Outbox.select().order_by(Outbox.seq)]
    # The server holds all four, but this reply answers records 1-2: it says nothing of 3-4.
    assert done["answers"]["last"] == 2 and states == ["acked", "acked", "pending", "pending"]


def test_the_cli_says_which_bundle_a_reply_answers(hub, desk_factory, tmp_path, capsys):
    desk, out = exported(hub, desk_factory, tmp_path, count=2)
    reply = tmp_path / "reply.bundle"
    reply.write_bytes(httpx.post(hub.base + "/api/v1/bundles", content=out.read_bytes()).content)
    with desk.session():
        run_import(argparse.Namespace(file=reply, now=desk.now), Output(False))
    assert "Gói phản hồi cho gói xuất các bản ghi số 1–4" in capsys.readouterr().out
