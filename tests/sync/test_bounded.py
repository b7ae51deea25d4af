"""Bounded everywhere: a decompression bomb costs neither the server nor a desk any memory."""

from __future__ import annotations

import concurrent.futures
import json

import httpx
import pytest

from desk.errors import DomainError
from desk.sync import bundle, enrolment
from desk.sync.session import enrolment as enrolled
from models import SyncState
from models.bundle import MAGIC_PUSH, MAGIC_REPLY, bundle_key
from tests.sync.bombs import peak_rss, python_peak, sealed_bomb, zeros
from tests.sync.conftest import TAN_PHU

MEGABYTE = 1 << 20


def bomb_with_header(magic: str, device_id: str, size: int = 1 << 30) -> bytes:
    """A plain line naming a real device, then a bomb that is not sealed with its key."""
    plain = json.dumps({"bundle": magic, "v": 2, "device_id": device_id,
                        "nonce": "0" * 24}).encode()
    return plain + b"\n" + zeros(size)


def own_bomb(magic: str, size: int = 1 << 30) -> bytes:
    """A bomb sealed with this desk's own key: it passes the tag, so the reader must still
    refuse to hold what it expands to."""
    who = enrolled()
    return sealed_bomb(magic, who.device_id, bundle_key(who.secret), size)


def test_bundle_bombs_sent_to_the_server_leave_its_memory_flat(hub, desk_factory):
    desk = desk_factory()
    with desk.session():
        enrolment.enroll(hub.base, hub.enrolment_code(TAN_PHU[0]), now=desk.now)
        device_id = SyncState.get_by_id(1).device_id
        sealed = own_bomb(MAGIC_PUSH)
    bombs = [zeros(), bomb_with_header(MAGIC_PUSH, device_id),
             bomb_with_header(MAGIC_PUSH, device_id, 60 * MEGABYTE), zeros(head=b"{" * 70_000),
             sealed]
    assert all(len(b) < 64 * 1024 for b in bombs)
    before = peak_rss(hub.process.pid)
    with concurrent.futures.ThreadPoolExecutor(len(bombs)) as pool:
        answers = list(pool.map(
            lambda body: httpx.post(hub.base + "/api/v1/bundles", content=body, timeout=120),
            bombs))
    grown = peak_rss(hub.process.pid) - before
    assert [(a.status_code, a.json()["error"]) for a in answers] == [
        (400, "invalid_bundle"), (403, "bad_signature"), (403, "bad_signature"),
        (400, "invalid_bundle"), (400, "invalid_bundle")]
    assert grown < 48 * MEGABYTE, f"the server grew by {grown // MEGABYTE} MB"


def test_a_reply_bomb_on_a_usb_stick_is_refused_without_filling_the_desks_memory(
        hub, desk_factory, tmp_path):
    desk = desk_factory()
    path = tmp_path / "reply.bundle"
    with desk.session():
        enrolment.enroll(hub.base, hub.enrolment_code(TAN_PHU[0]), now=desk.now)
        path.write_bytes(bomb_with_header(MAGIC_REPLY, SyncState.get_by_id(1).device_id,
                                          60 * MEGABYTE))
        peak, outcome = python_peak(lambda: bundle.import_reply(path, now=desk.now))
        path.write_bytes(own_bomb(MAGIC_REPLY))
        own_peak, own = python_peak(lambda: bundle.import_reply(path, now=desk.now))
    assert isinstance(outcome, DomainError) and outcome.code == "invalid_bundle"
    assert "khóa của máy này" in outcome.message
    assert peak < 8 * MEGABYTE, f"the desk held {peak // MEGABYTE} MB"
    assert isinstance(own, DomainError) and own.code == "invalid_bundle"
    assert own_peak < 8 * MEGABYTE, f"the desk held {own_peak // MEGABYTE} MB"


@pytest.mark.parametrize("size", [64 * MEGABYTE + 1])
def test_a_file_larger_than_any_bundle_is_not_even_read_whole(hub, desk_factory, tmp_path,
                                                              size):
    desk = desk_factory()
    path = tmp_path / "huge.bundle"
    with open(path, "wb") as handle:
        handle.truncate(size)
    with desk.session():
        enrolment.enroll(hub.base, hub.enrolment_code(TAN_PHU[0]), now=desk.now)
        peak, refused = python_peak(lambda: bundle.import_reply(path, now=desk.now))
    assert isinstance(refused, DomainError) and refused.code == "invalid_bundle"
    assert peak < MEGABYTE
