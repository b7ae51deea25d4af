"""The background worker against a real server, offscreen: offline, back online, stale."""

from __future__ import annotations

import datetime as dt

import pytest

from desk import intake
from desk.context import load_context
from desk.sync import enrolment
from models import SyncState
from tests.sync.conftest import TAN_PHU
from tests.sync.harness import PERSON

pytestmark = pytest.mark.gui


@pytest.fixture
def worker(qtbot, clock):
    from ui.sync_worker import SyncWorker

    made = SyncWorker(first_retry=0.2, max_retry=0.5, idle_pull=5.0, now=clock)
    yield made
    made.stop()


def stale_and_cut_off(hub, clock) -> None:
    """An enrolled desk with a dossier waiting, eight days since its last sync, the line down."""
    enrolment.enroll(hub.base, hub.enrolment_code(TAN_PHU[0]), now=clock)
    intake.receive(load_context(now=clock), intake.IntakeRequest("1.001193", PERSON), now=clock)
    SyncState.update(last_success_at=clock() - dt.timedelta(days=8)).execute()
    hub.kill()


def test_worker_waits_offline_then_syncs_when_the_server_answers(hub, desk_factory, qtbot,
                                                                 worker, clock):
    desk = desk_factory()
    with desk.session():
        stale_and_cut_off(hub, clock)
        seen = []
        worker.status_changed.connect(seen.append)
        with qtbot.waitSignal(worker.offer_bundle, timeout=10_000):
            worker.start()
        assert seen and seen[-1].pending == 2 and seen[-1].stale
        hub.start()
        with qtbot.waitSignal(worker.synced, timeout=20_000) as synced:
            worker.wake()
        assert synced.args[0]["pushed"] == 2
        qtbot.waitUntil(lambda: seen[-1].pending == 0 and not seen[-1].stale, timeout=10_000)
    assert hub.counts(TAN_PHU[0]) == (1, 1)


def test_the_usb_bundle_is_offered_once_per_spell_without_sync(hub, desk_factory, qtbot,
                                                               worker, clock):
    desk = desk_factory()
    with desk.session():
        stale_and_cut_off(hub, clock)
        seen, offers = [], []
        worker.status_changed.connect(seen.append)
        worker.offer_bundle.connect(lambda: offers.append(len(seen)))
        worker.start()
        qtbot.waitUntil(lambda: len(seen) >= 5, timeout=20_000)  # five attempts, all stale
        assert all(s.stale for s in seen) and offers == [1]
        hub.start()
        with qtbot.waitSignal(worker.synced, timeout=20_000):
            worker.wake()
        qtbot.waitUntil(lambda: not seen[-1].stale, timeout=10_000)
        hub.kill()  # a second spell: a week later, with a new dossier waiting
        intake.receive(load_context(now=clock), intake.IntakeRequest("1.001193", PERSON),
                       now=clock)
        clock.advance(days=8)
        worker.wake()
        qtbot.waitUntil(lambda: len(offers) == 2, timeout=20_000)
        settled = len(seen)
        qtbot.waitUntil(lambda: len(seen) >= settled + 3, timeout=20_000)
        assert len(offers) == 2
