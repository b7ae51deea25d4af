"""Exactly once: a killed server, a lost answer, a cut request, a duplicate, a slow line."""

from __future__ import annotations

import datetime as dt
import random
import threading
import time

import pytest

from desk import events, intake
from desk.context import load_context
from desk.errors import DomainError
from desk.sync import enrolment, session
from desk.sync.batching import BatchSizer
from models import Outbox
from models.hub import IngestLedger
from tests.sync.conftest import TAN_PHU
from tests.sync.harness import PERSON, content_hash
from tools.faults import FaultProxy


def fill(desk, count: int) -> None:
    """``count`` dossiers, each received and then assigned (three records each)."""
    ctx = load_context(now=desk.now)
    start = ctx.now() - dt.timedelta(days=3)
    for i in range(count):
        dossier = intake.receive(ctx, intake.IntakeRequest(
            "1.001193", PERSON, received_at=start + dt.timedelta(minutes=i)), now=ctx.now)
        events.record(ctx, dossier.code, "assigned", now=ctx.now)


def sync_until_done(desk, attempts: int = 6, **kwargs) -> dict:
    for _ in range(attempts):
        try:
            done = session.sync(now=desk.now, **kwargs)
        except DomainError:
            continue
        if done["pending"] == 0:
            return done
    raise AssertionError("the outbox never emptied")


def ledger_size(hub) -> int:
    with hub.session():
        return IngestLedger.select().count()


@pytest.mark.slow
def test_server_killed_mid_push_then_restarted_holds_every_dossier_exactly_once(
        hub, desk_factory):
    desk = desk_factory()
    with desk.session():
        enrolment.enroll(hub.base, hub.enrolment_code(TAN_PHU[0]), now=desk.now)
        fill(desk, 500)
        total = Outbox.select().count()
        killed = threading.Event()

        def kill_mid_push(sent: int, _total: int) -> None:
            if sent >= total // 3 and not killed.is_set():
                killed.set()
                # A moment later the next batch is on the wire or in the server's transaction.
                threading.Timer(random.uniform(0.0, 0.05), hub.kill).start()

        with pytest.raises(DomainError):
            session.sync(sizer=BatchSizer(max_bytes=64 * 1024, max_records=50),
                         on_push=kill_mid_push, now=desk.now)
        assert killed.is_set() and Outbox.select().where(Outbox.state == "pending").count()
        time.sleep(0.2)
        hub.start()
        done = sync_until_done(desk)
        local = content_hash(TAN_PHU[0])
    assert done["pending"] == 0 and done["acked_seq"] == total
    assert hub.counts(TAN_PHU[0]) == (500, 1000)
    assert ledger_size(hub) == total
    assert hub.content_hash(TAN_PHU[0]) == local


@pytest.mark.parametrize("faults", [
    ["drop_response", "drop_response"],
    ["cut_request", "duplicate", "cut_request"],
    ["duplicate", "delay", "drop_response", "duplicate"],
])
def test_faults_between_desk_and_server_never_lose_or_double_a_record(
        hub, desk_factory, faults):
    proxy = FaultProxy(hub.port, delay=0.5)
    desk = desk_factory()
    try:
        with desk.session():
            enrolment.enroll(proxy.url, hub.enrolment_code(TAN_PHU[0]), now=desk.now)
            proxy.plan.extend(faults)
            rounds = 0
            while proxy.plan and rounds < 8:  # a new day's work, then a sync, while faults last
                fill(desk, 10)
                done = sync_until_done(desk, sizer=BatchSizer(max_bytes=64 * 1024,
                                                               max_records=25))
                rounds += 1
            total = Outbox.select().count()
            local = content_hash(TAN_PHU[0])
    finally:
        proxy.close()
    assert not proxy.plan, "every planned fault was exercised"
    assert done["acked_seq"] == total
    assert hub.counts(TAN_PHU[0]) == (10 * rounds, 20 * rounds)
    assert ledger_size(hub) == total
    assert hub.content_hash(TAN_PHU[0]) == local
